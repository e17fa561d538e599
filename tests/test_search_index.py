"""End to end with a real search index (SQLite FTS5): a query for any spelling finds the person.

The documents below spell one (invented) person four ways, and mention a different person with a
similar name. They are indexed (a) raw, (b) after `namefold apply` with the entity ids, and (c)
raw again but queried through the `namefold export --format solr` synonyms. A phrase query for
each spelling must find all four documents in (b) and (c), only its own in (a), and never the
other person's.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from namefold.cli import app
from namefold.synonyms import fold

KARIM = ["Abdul Karim al-Zubaidi", "Abdulkarim Zubaydi", "Abd al-Karim al-Zobaidi", "Abdel Kareem el-Zubaidi"]
RAHIM = "Abdul Rahim al-Zubaidi"
DOCUMENTS = [
    (1, KARIM[0], "Abdul Karim al-Zubaidi opened the new water plant in Hilla on Sunday."),
    (2, KARIM[1], "Farmers near Kut thanked Abdulkarim Zubaydi for repairing the old canal."),
    (3, KARIM[2], "A council meeting chaired by Abd al-Karim al-Zobaidi approved the school budget."),
    (4, KARIM[3], "Abdel Kareem el-Zubaidi said the bridge would reopen before the harvest."),
    (5, RAHIM, "Abdul Rahim al-Zubaidi, a poet from Najaf, published his third collection."),
    (6, "Layla Haddad", "Layla Haddad won the regional chess final in Erbil."),
]
KARIM_DOCS = {1, 2, 3, 4}

runner = CliRunner()


def cli(*args: object) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result.stdout


def phrase(text: str) -> str:
    """An FTS5 phrase: the tokenizer splits it into words, which must follow each other."""
    return '"' + text.replace('"', '""') + '"'


def search(db: sqlite3.Connection, table: str, query: str) -> set[int]:
    return {row[0] for row in db.execute(f"SELECT id FROM {table} WHERE {table} MATCH ?", (query,))}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Resolve the documents' names, rewrite the records and the queries, and export synonyms."""
    work = tmp_path_factory.mktemp("search")
    (work / "names.txt").write_text("\n".join(d[1] for d in DOCUMENTS) + "\n", encoding="utf-8")
    cli("resolve", work / "names.txt", "--no-aliases", "--format", "json", "-o", work / "people.json", "-q")
    records = "".join(json.dumps({"id": i, "person": p, "text": t}) + "\n" for i, p, t in DOCUMENTS)
    (work / "docs.jsonl").write_text(records, encoding="utf-8")
    cli(
        "apply",
        work / "docs.jsonl",
        "-F",
        "person",
        "-r",
        work / "people.json",
        "-o",
        work / "indexed.jsonl",
        "-q",
    )
    queries = "".join(json.dumps({"q": q}) + "\n" for q in [*KARIM, RAHIM])
    (work / "queries.jsonl").write_text(queries, encoding="utf-8")
    cli(
        "apply",
        work / "queries.jsonl",
        "-F",
        "q",
        "-r",
        work / "people.json",
        "-o",
        work / "queries.out.jsonl",
        "-q",
    )
    cli("export", work / "people.json", "--format", "solr", "-o", work / "synonyms.txt")
    return work


@pytest.fixture(scope="module")
def db(workdir: Path) -> sqlite3.Connection:
    """(a) and (c) share the raw index; (b) indexes the rewritten records with their entity ids."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE raw USING fts5(id UNINDEXED, person, text)")
    db.executemany("INSERT INTO raw VALUES (?, ?, ?)", DOCUMENTS)
    db.execute("CREATE VIRTUAL TABLE applied USING fts5(id UNINDEXED, person, text, person_entity_id)")
    for line in (workdir / "indexed.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        db.execute(
            "INSERT INTO applied VALUES (?, ?, ?, ?)",
            (r["id"], r["person"], r["text"], r["person_entity_id"]),
        )
    return db


def entity_of_query(workdir: Path) -> dict[str, str]:
    lines = (workdir / "queries.out.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["q"]: r["q_entity_id"] for r in map(json.loads, lines)}


def synonyms(workdir: Path) -> dict[str, list[str]]:
    """Each entry of the synonyms file -> its whole equivalence line, as a synonym filter would read it."""
    table: dict[str, list[str]] = {}
    for line in (workdir / "synonyms.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        entries = [re.sub(r"\\(.)", r"\1", e).strip() for e in re.split(r"(?<!\\),", line)]
        for entry in entries:
            table[entry] = entries
    return table


def test_the_resolution_joins_the_four_spellings_and_keeps_the_other_person_apart(workdir: Path) -> None:
    ids = entity_of_query(workdir)
    assert len({ids[q] for q in KARIM}) == 1
    assert ids[RAHIM] != ids[KARIM[0]]
    assert ids[RAHIM] is not None


@pytest.mark.parametrize("spelling", KARIM)
def test_a_raw_index_finds_only_the_document_with_the_same_spelling(
    db: sqlite3.Connection, spelling: str
) -> None:
    found = search(db, "raw", phrase(spelling))
    assert found == {KARIM.index(spelling) + 1}
    assert found != KARIM_DOCS


@pytest.mark.parametrize("spelling", KARIM)
def test_with_entity_ids_indexed_any_spelling_finds_all_the_persons_documents(
    workdir: Path, db: sqlite3.Connection, spelling: str
) -> None:
    entity = entity_of_query(workdir)[spelling]
    assert search(db, "applied", f"person_entity_id : {phrase(entity)}") == KARIM_DOCS


@pytest.mark.parametrize("spelling", KARIM)
def test_with_synonym_expansion_any_spelling_finds_all_the_persons_documents(
    workdir: Path, db: sqlite3.Connection, spelling: str
) -> None:
    expanded = synonyms(workdir)[fold(spelling)]
    assert len(expanded) == 4
    assert search(db, "raw", " OR ".join(phrase(term) for term in expanded)) == KARIM_DOCS


def test_the_person_with_a_similar_name_is_found_alone_every_way(
    workdir: Path, db: sqlite3.Connection
) -> None:
    assert search(db, "raw", phrase(RAHIM)) == {5}
    entity = entity_of_query(workdir)[RAHIM]
    assert search(db, "applied", f"person_entity_id : {phrase(entity)}") == {5}
    assert fold(RAHIM) not in synonyms(workdir)  # one spelling: no line, the query stays as it is
    assert all(fold(RAHIM) not in line for line in synonyms(workdir).values())
