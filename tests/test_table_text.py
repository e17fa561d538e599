"""The text reader and writer of the alias table give exactly what the round-trip YAML path gives."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from namefold import aliases, update
from namefold.aliases import parse_alias_table
from namefold.errors import AliasTableError
from namefold.table import parse_table_doc
from namefold.table_text import appended, parse_text_table, plain, written
from namefold.update import NewEntity, Plan, apply_plan, update_file, update_table

SHIPPED = Path(__file__).parents[1] / "data" / "aliases.yaml"

# Layouts namefold reads as text: the README's, with the comments, quoting and list styles analysts use.
LAYOUTS = {
    "readme": (
        "# Made-up people.\n"
        "# Schema: see README.\n"
        "\n"
        "entities:\n"
        "  - id: hamid-al-zuhairi\n"
        "    canonical: Hamid al-Zuhairi\n"
        "    type: person\n"
        "    aliases: [Hamid Zuhairi, \"Hamid Al-Zuhairi\", 'Hamid O''Zuhairi']\n"
        "    not_same_as: [karim-benali]\n"
        "    note: Minister of Works (2020), not the deputy.\n"
        "  - id: karim-benali\n"
        '    canonical: "Karim Benali"\n'
        "    not_same_as: [hamid-al-zuhairi]\n"
        "  - id: rania-haddad\n"
        "    canonical: Rania Haddad\n"
        "    aliases:\n"
        "      - Rania Hadad\n"
        "      - 'Raniya Haddad'\n"
        "    former_ids: [rania-hadad]\n"
    ),
    "comments-between-entries": (
        "entities:\n"
        "  - id: a\n"
        "    canonical: Ali Hassan\n"
        "# at column 0\n"
        "\n"
        "  # the next one\n"
        "  - id: b\n"
        "    canonical: Omar Said\n"
        "    aliases:\n"
        "      - Omar Saeed\n"
        "    # after a block list\n"
        "  - id: c\n"
        "    type: person\n"
        "    canonical: Karim Benali\n"
        "    note: Deputy minister.\n"
        "\n"
        "# end of the table\n"
        "\n"
    ),
    "no-aliases-key": (
        "entities:\n"
        "  - id: a\n"
        "    note: first\n"
        "    canonical: Ali Hassan\n"
        "    custom: kept\n"
        "    type: person\n"
        "    former_ids: [old-a]\n"
        "  - id: b\n"
        "    canonical: Omar Said\n"
        "    not_same_as:\n"
        "      - a\n"
    ),
    "no-final-newline": "entities:\n  - id: a\n    canonical: Ali Hassan\n    aliases: [Ali Hasan]",
    "comment-at-the-end-without-newline": "entities:\n  - id: a\n    canonical: Ali Hassan\n# end",
    "non-ascii": (
        "entities:\n"
        "  - id: m\n"
        "    canonical: Müller Jürgen\n"
        "    aliases: [Мюллер Юрген, مولر]\n"
        "  - id: s\n"
        '    canonical: "Said, Omar"\n'
        "    aliases:\n"
        "      - Said, Omar Jr.\n"
    ),
    "comments-only": "# Nothing yet.\n\n# Add people below.\n",
    "comment-without-newline": "# Only this",
    "empty": "",
}
LAYOUTS["crlf"] = LAYOUTS["readme"].replace("\n", "\r\n")
LAYOUTS["crlf-comments"] = LAYOUTS["comments-between-entries"].replace("\n", "\r\n")

# Layouts outside the grammar: read and edited through the round-trip tree, as before.
OUTSIDE = {
    "end-of-line-comment": "entities:\n  - id: a\n    canonical: Ali Hassan  # he signs so\n",
    "comment-inside-an-entry": "entities:\n  - id: a\n    # the minister\n    canonical: Ali Hassan\n",
    "comment-before-the-first-entry": "entities:\n  # people\n  - id: a\n    canonical: Ali Hassan\n",
    "zero-offset-list": "entities:\n- id: a\n  canonical: Ali Hassan\n",
    "three-spaces": "entities:\n   - id: a\n     canonical: Ali Hassan\n",
    "flow-without-spaces": "entities:\n  - id: a\n    canonical: Ali Hassan\n    aliases: [Ali Hasan,Aly]\n",
    "empty-flow-list": "entities:\n  - id: a\n    canonical: Ali Hassan\n    aliases: []\n",
    "null-value": "entities:\n  - id: a\n    canonical: Ali Hassan\n    aliases:\n",
    "yes-is-a-boolean": "entities:\n  - id: a\n    canonical: Ali Hassan\n    note: yes\n",
    "escape": 'entities:\n  - id: a\n    canonical: "Ali\\tHassan"\n',
    "colon": "entities:\n  - id: a\n    canonical: Ali Hassan\n    note: born: 1960\n",
    "number": "entities:\n  - id: a\n    canonical: Ali Hassan\n    note: 1960\n",
    "document-start": "---\nentities:\n  - id: a\n    canonical: Ali Hassan\n",
    "trailing-space": "entities:\n  - id: a\n    canonical: Ali Hassan \n",
    "tab": "entities:\n  - id: a\n    canonical: Ali\tHassan\n",
    "other-top-level-key": "entities:\n  - id: a\n    canonical: Ali Hassan\nversion: two\n",
    "entities-empty": "entities:\n",
    "block-scalar": "entities:\n  - id: a\n    canonical: Ali Hassan\n    note: >\n      long\n",
}

# Tables the checks refuse: the text reader gives None, and the YAML path its message.
BAD = {
    "duplicate-id": "entities:\n  - id: a\n    canonical: Ali\n  - id: a\n    canonical: Omar\n",
    "bad-id": "entities:\n  - id: Ali\n    canonical: Ali\n",
    "no-canonical": "entities:\n  - id: a\n    type: person\n",
    "name-twice": (
        "entities:\n  - id: a\n    canonical: Ali\n  - id: b\n    canonical: Omar\n    aliases: [Ali]\n"
    ),
    "unknown-not-same-as": "entities:\n  - id: a\n    canonical: Ali\n    not_same_as: [b]\n",
    "type-list": "entities:\n  - id: a\n    canonical: Ali\n    type: [person]\n",
    "former-ids-scalar": "entities:\n  - id: a\n    canonical: Ali\n    former_ids: b\n",
    "duplicate-key": "entities:\n  - id: a\n    canonical: Ali\n    canonical: Omar\n",
    "mixed-line-ends": "entities:\r\n  - id: a\r\n    canonical: Ali Hassan\n    aliases: [Ali Hasan]\r\n",
}


def ruamel_update(
    text: str, aliases: Mapping[str, Sequence[str]], new: Sequence[tuple[str, Sequence[str]]]
) -> str:
    """The text the round-trip path writes for these appends."""
    doc = parse_table_doc(text, "t.yaml")
    apply_plan(doc, Plan(dict(aliases), tuple(NewEntity(c, tuple(n)) for c, n in new)))
    return doc.dump()


def text_update(
    text: str, aliases: Mapping[str, Sequence[str]], new: Sequence[tuple[str, Sequence[str]]]
) -> str:
    fast = parse_text_table(text, "t.yaml")
    assert fast is not None
    written = appended(fast, aliases, new)
    assert written is not None
    return written


def every_kind_of_append(text: str) -> tuple[dict[str, list[str]], list[tuple[str, list[str]]]]:
    """An alias for every entity (to a flow list, a block list, or no list yet) and two new entities."""
    fast = parse_text_table(text, "t.yaml")
    assert fast is not None
    aliases = {e.id: [f"Zed Zork{i}", f"Yan O'Neil{i}"] for i, e in enumerate(fast.table.entities)}
    return aliases, [
        ("Leila Nasser", ["Leila Nasser", "Laila Nasir", "Leyla Naser"]),
        ("Rania Haddad", ["Rania Haddad"]),
    ]


def bench_module(name: str) -> Any:
    """A module of bench/ (the table and name generators)."""
    bench = Path(__file__).parents[1] / "bench"
    sys.path.insert(0, str(bench))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(bench))


def bench_table(entities: int) -> str:
    """A table of generated people, as bench/bench_update.py writes it (double-quoted names, block lists)."""
    return bench_module("bench_update").table_text(entities, seed=1)


def generated_names(count: int) -> list[str]:
    return bench_module("make_names").generate(count, seed=2)


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_the_text_reader_reads_what_the_yaml_path_reads(name: str) -> None:
    text = LAYOUTS[name]
    fast = parse_text_table(text, "t.yaml")
    assert fast is not None
    assert fast.table == parse_table_doc(text, "t.yaml").current()  # lines, types and all


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_appending_as_text_writes_what_the_yaml_path_writes(name: str) -> None:
    text = LAYOUTS[name]
    aliases, new = every_kind_of_append(text)
    assert text_update(text, aliases, new) == ruamel_update(text, aliases, new)
    assert text_update(text, {}, []) == ruamel_update(text, {}, [])  # nothing to add


def test_the_shipped_table_reads_and_updates_as_text() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    fast = parse_text_table(text, "t.yaml")
    assert fast is not None and len(fast.table.entities) > 10
    assert fast.table == parse_table_doc(text, "t.yaml").current()
    aliases, new = every_kind_of_append(text)
    assert text_update(text, aliases, new) == ruamel_update(text, aliases, new)


def test_a_generated_table_reads_and_updates_as_text() -> None:
    text = bench_table(300)
    fast = parse_text_table(text, "t.yaml")
    assert fast is not None and len(fast.table.entities) == 300
    assert fast.table == parse_table_doc(text, "t.yaml").current()
    aliases, new = every_kind_of_append(text)
    assert text_update(text, aliases, new) == ruamel_update(text, aliases, new)


def test_new_ids_avoid_former_and_not_same_as_ids() -> None:
    text = LAYOUTS["readme"]
    new = [("Rania Hadad", ["Rania Hadad"]), ("Karim Benali X", ["Karim Benali X"]), ("Karim Benali X", [])]
    written = text_update(text, {}, new)
    assert written == ruamel_update(text, {}, new)
    assert "  - id: rania-hadad-2\n" in written and "  - id: karim-benali-x-2\n" in written


@pytest.mark.parametrize("name", sorted(OUTSIDE))
def test_a_layout_outside_the_grammar_is_left_to_the_yaml_path(name: str) -> None:
    assert parse_text_table(OUTSIDE[name], "t.yaml") is None


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_table_the_checks_refuse_is_left_to_the_yaml_path(name: str) -> None:
    assert parse_text_table(BAD[name], "t.yaml") is None
    with pytest.raises(AliasTableError):
        parse_table_doc(BAD[name], "t.yaml")


@pytest.mark.parametrize(
    "name",
    [
        "-Ali",
        "yes",
        "No",
        "Ali: Hassan",
        "Ali #1",
        "[Ali]",
        "'Ali'",
        '"Ali"',
        "Ali ",
        " Ali",
        "1960",
    ],
)
def test_a_name_ruamel_may_quote_is_left_to_the_yaml_path(name: str) -> None:
    text = LAYOUTS["readme"]
    fast = parse_text_table(text, "t.yaml")
    assert fast is not None
    assert appended(fast, {"hamid-al-zuhairi": [name]}, []) is None
    assert appended(fast, {}, [(name, [name])]) is None or plain(name, flow=False)


def test_a_name_with_a_comma_is_plain_but_quoted_in_a_flow_list() -> None:
    text = LAYOUTS["readme"]
    new = [("Said, Omar", ["Said, Omar", "Saeed, Omar", "O'Said, Omar"])]
    aliases = {"rania-haddad": ["Haddad, Rania"], "hamid-al-zuhairi": ["Zuhairi, Hamid", "O'Zuhairi, Hamid"]}
    written = text_update(text, aliases, new)
    assert written == ruamel_update(text, aliases, new)
    assert "    canonical: Said, Omar\n" in written and "      - Haddad, Rania\n" in written
    assert ", 'Zuhairi, Hamid', \"O'Zuhairi, Hamid\"]\n" in written


# Generated layouts: every table the text reader takes, the YAML path reads alike and writes alike.

WORDS = [
    "Ali",
    "al-Sadr",
    "O'Brien",
    "Müller",
    "Жуков",
    "عمر",
    "J.",
    "(Abu)",
    "Said,",
    "Ali/Omar",
    "x_y",
    "yes",
]
ODD = [
    "2x",
    "-Ali",
    "a:b",
    "a: b",
    "#x",
    "a #b",
    'Q"',
    "null",
    "~",
    "a\\b",
    "[a]",
    "{a}",
    "&a",
    "*a",
    "!a",
    "@a",
]


@st.composite
def names(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS + ODD), min_size=1, max_size=3))
    return draw(st.sampled_from([" ", "  "])).join(words)


@st.composite
def scalars(draw: st.DrawFn, value: str) -> str:
    """A value written plain, double-quoted or single-quoted (valid YAML or not)."""
    return draw(
        st.sampled_from([value, json.dumps(value, ensure_ascii=False), "'" + value.replace("'", "''") + "'"])
    )


@st.composite
def tables(draw: st.DrawFn) -> str:
    gaps = st.lists(
        st.sampled_from(["", "#", "# c", " # c", "  # c: two", "    # c", "        # deep"]), max_size=2
    )
    lines = draw(st.lists(st.sampled_from(["", "# Header.", "# Schema: id, canonical"]), max_size=3))
    lines.append("entities:")
    used: set[str] = set()
    for index in range(draw(st.integers(1, 4))):
        spellings = [n for n in draw(st.lists(names(), min_size=1, max_size=4, unique=True)) if n not in used]
        if not spellings:
            continue
        used.update(spellings)
        keys = [f"id: e{index}", f"canonical: {draw(scalars(spellings[0]))}"]
        keys += draw(st.sampled_from([[], ["type: person"], ["note: Seen in 2020."]]))
        if spellings[1:]:
            items = [draw(scalars(s)) for s in spellings[1:]]
            keys.append(
                draw(
                    st.sampled_from(
                        [
                            f"aliases: [{', '.join(items)}]",
                            "aliases:\n" + "\n".join(f"  - {i}" for i in items),
                        ]
                    )
                )
            )
        keys = draw(st.permutations(keys))
        body = "\n".join(f"    {k}".replace("\n  - ", "\n      - ") for k in keys)
        lines += ["  - " + body[4:], *draw(gaps)]
    text = "\n".join(lines) + draw(st.sampled_from(["\n", ""]))
    return text.replace("\n", draw(st.sampled_from(["\n", "\r\n"])))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.data())
def test_generated_layouts_read_and_update_as_the_yaml_path_does(text: str, data: st.DataObject) -> None:
    fast = parse_text_table(text, "t.yaml")
    if fast is None:
        return
    assert fast.table == parse_table_doc(text, "t.yaml").current()
    ids = [e.id for e in fast.table.entities]
    aliases = data.draw(st.dictionaries(st.sampled_from(ids), st.lists(names(), min_size=1, max_size=2)))
    new = data.draw(st.lists(st.tuples(names(), st.lists(names(), max_size=2)), max_size=2))
    written = appended(fast, aliases, [(c, [c, *n]) for c, n in new])
    if written is not None:
        assert written == ruamel_update(text, aliases, [(c, [c, *n]) for c, n in new])


def test_the_generated_layouts_try_both_sides_of_the_scalar_rules() -> None:
    """The property above is no vacuous pass: its words are read as text, its odd names are not."""
    assert [w for w in WORDS if not plain(w, flow=False)] == ["(Abu)", "yes"]  # a letter first
    assert [w for w in WORDS if not plain(w, flow=True)] == ["(Abu)", "Said,", "yes"]
    assert not any(plain(w, flow=False) for w in ODD)
    text = "entities:\n  - id: a\n    canonical: Ali al-Sadr\n    aliases: [O'Brien Müller, J. (Abu) Жуков]\n"
    assert parse_text_table(text, "t.yaml") is not None


PEOPLE = (
    "entities:\n"
    "  - id: a\n"
    "    canonical: Ali Hassan\n"
    "  - id: b\n"
    "    canonical: Omar Said\n"
    "    aliases:\n"
    "      - Omar Saeed\n"
    "  - id: c\n"
    "    canonical: Karim Benali\n"
    "    aliases: [Karim Ben Ali]\n"
)


# Any text, and text made mostly of what plain names hold, so that both sides of each rule are tried.
NAME_TEXT = st.one_of(
    st.text(
        st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs"]), min_size=1, max_size=12
    ),
    st.text(st.sampled_from("AbyéЖعß1٣ .'-(),/_:#\"\\"), min_size=1, max_size=12),
)


@settings(max_examples=400, deadline=None)
@given(NAME_TEXT)
def test_a_name_is_written_as_ruamel_writes_it(name: str) -> None:
    for flow in (True, False):
        shown = written(name, flow)
        if shown is not None:  # and YAML reads it back as the name
            loaded = YAML(typ="safe", pure=True).load(f"[{shown}]" if flow else f"key: {shown}")
            assert loaded == ([name] if flow else {"key": name})
    fast = parse_text_table(PEOPLE, "t.yaml")
    assert fast is not None
    for entity_id, flow in [("a", True), ("b", False), ("c", True)]:
        text = appended(fast, {entity_id: [name]}, [])
        assert (text is None) == (written(name, flow) is None)
        assert text is None or text == ruamel_update(PEOPLE, {entity_id: [name]}, [])
    new = [("Zed " + name, ["Zed " + name, name])]
    text = appended(fast, {}, new)
    assert text is None or text == ruamel_update(PEOPLE, {}, new)


# The whole update: the text path gives the Update the YAML path gives, and is the one taken.


def test_update_file_takes_the_text_path_and_gives_the_yaml_paths_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "t.yaml"
    table.write_bytes(b"\xef\xbb\xbf" + bench_table(120).encode("utf-8"))  # a BOM is no obstacle
    batch = generated_names(80)
    slow = update_table(
        parse_table_doc(table.read_text(encoding="utf-8-sig"), str(table)), batch, tmp_path / "r.csv"
    )

    def refused(text: str, path: str) -> None:
        raise AssertionError("the round-trip path was taken")

    monkeypatch.setattr(update, "parse_table_doc", refused)
    fast = update_file(table, batch, tmp_path / "r.csv")
    assert fast == slow
    assert slow.plan.aliases and slow.plan.entities and slow.review


@pytest.mark.parametrize("name", ["end-of-line-comment", "zero-offset-list", "empty-flow-list"])
def test_update_file_outside_the_grammar_gives_what_it_gave(tmp_path: Path, name: str) -> None:
    table = tmp_path / "t.yaml"
    table.write_text(OUTSIDE[name], encoding="utf-8")
    batch = ["Ali Hasan", "Leila Nasser"]
    expected = update_table(parse_table_doc(OUTSIDE[name], str(table)), batch, tmp_path / "r.csv")
    assert update_file(table, batch, tmp_path / "r.csv") == expected


def test_update_file_falls_back_for_a_name_ruamel_may_quote(tmp_path: Path) -> None:
    table = tmp_path / "t.yaml"
    table.write_text(LAYOUTS["readme"], encoding="utf-8")
    batch = ["Leila Nasser: Jr"]
    assert written(batch[0], flow=False) is None
    expected = update_table(parse_table_doc(LAYOUTS["readme"], str(table)), batch, tmp_path / "r.csv")
    done = update_file(table, batch, tmp_path / "r.csv")
    assert done == expected and "'Leila Nasser: Jr'" in done.new


@pytest.mark.parametrize("name", sorted(BAD))
def test_update_file_refuses_a_bad_table_with_the_same_message(tmp_path: Path, name: str) -> None:
    table = tmp_path / "t.yaml"
    table.write_bytes(BAD[name].encode("utf-8"))
    with pytest.raises(AliasTableError) as expected:
        parse_table_doc(BAD[name], str(table))
    with pytest.raises(AliasTableError) as got:
        update_file(table, ["Leila Nasser"], tmp_path / "r.csv")
    assert str(got.value) == str(expected.value)


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_reading_a_table_in_the_usual_layout_needs_no_yaml_parser(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = LAYOUTS[name]
    expected = parse_table_doc(text, "t.yaml").current()

    def no_yaml(*args: object) -> None:
        raise AssertionError("the YAML parser was used")

    monkeypatch.setattr(aliases, "load_yaml", no_yaml)
    assert parse_alias_table(text, "t.yaml") == expected


@pytest.mark.parametrize("name", sorted(BAD))
def test_reading_a_table_the_edit_path_refuses_gives_what_the_yaml_path_gives(name: str) -> None:
    def read(parse: Any) -> object:
        try:
            return parse()
        except AliasTableError as exc:
            return str(exc)

    found = read(lambda: parse_alias_table(BAD[name], "t.yaml"))
    assert found == read(lambda: aliases.alias_table_of(aliases.load_yaml(BAD[name], "t.yaml"), "t.yaml"))
    assert isinstance(found, str) or name == "mixed-line-ends"  # only editing refuses mixed line ends
