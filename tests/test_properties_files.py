"""Invariants of what namefold writes and reads back, checked with generated names and cells."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_helpers import assert_ok, run
from namefold import read_alias_table, resolve
from namefold.aliases import shipped_alias_table
from namefold.apply import Lookup, apply_jsonl
from namefold.export import to_csv, to_json
from namefold.resolution_file import parse_resolution
from namefold.synonyms import solr_synonyms
from namefold.writers import csv_text, unguard
from test_properties import WORDS

SHIPPED = read_alias_table(shipped_alias_table())
TABLE_WORDS = sorted({w for e in SHIPPED.entities for n in e.names for w in n.split()})[:40]
names = st.lists(st.sampled_from(WORDS + TABLE_WORDS), min_size=1, max_size=4).map(" ".join)
batches = st.lists(names, min_size=1, max_size=12)
# Cells with what breaks CSV or spreadsheets: separators, quotes, line ends, formula starts.
cells = st.text(alphabet=st.sampled_from([*"ab ,\"'\r\n\t=+-@1.", "ع", "\u200b"]), max_size=12)
FORMULA = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)")  # a spreadsheet reads these as numbers, not formulas
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parsed(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


@given(st.lists(st.lists(cells, min_size=2, max_size=4), min_size=1, max_size=5))
def test_every_csv_written_parses_back_to_the_same_cells(rows: list[list[str]]) -> None:
    assert parsed(csv_text(rows, raw=True)) == rows
    back = parsed(csv_text(rows))
    assert [[unguard(c) for c in row] for row in back] == rows
    runnable = [c for row in back for c in row if c.startswith(FORMULA) and not NUMBER.fullmatch(c)]
    assert runnable == []


@FEW
@given(batches)
def test_every_resolution_resolve_writes_is_read_back_by_export_and_apply(batch: list[str]) -> None:
    result = resolve(batch, aliases=SHIPPED)
    back = parse_resolution(to_json(result), "p.json")
    assert [sorted(m.name for m in c.members) for c in back.clusters] == [
        sorted(m.name for m in c.members) for c in result.clusters
    ]
    solr_synonyms(back)
    records = "".join(json.dumps({"who": n}) + "\n" for n in batch)
    lookup = Lookup.of(back)
    rewritten = [json.loads(line) for line in apply_jsonl(records, "r.jsonl", ["who"], lookup).splitlines()]
    ids = {m.name: c.id for c in result.clusters for m in c.members}
    for record in rewritten:
        assert record["who_entity_id"] in (ids.get(record["who"].strip()), None)
    assert lookup.tally.exact == sum(1 for r in rewritten if r["who_entity_id"] is not None)


@FEW
@given(batches, st.randoms(use_true_random=False))
def test_output_bytes_do_not_depend_on_input_order(batch: list[str], rnd: random.Random) -> None:
    shuffled = batch[:]
    rnd.shuffle(shuffled)
    first, second = resolve(batch, aliases=SHIPPED), resolve(shuffled, aliases=SHIPPED)
    assert to_csv(first) == to_csv(second)
    assert to_json(first) == to_json(second)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(names, min_size=1, max_size=6))
def test_update_twice_with_one_batch_is_a_no_op(batch: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "t.yaml"
        table.write_text("entities:\n  - id: hadi-salman\n    canonical: Hadi Salman\n", encoding="utf-8")
        new = Path(folder) / "n.txt"
        new.write_text("\n".join(batch) + "\n", encoding="utf-8")
        assert_ok(run("update", table, new, "-q"))
        once = table.read_bytes()
        review = table.with_name("t.review.csv")
        reviewed = review.read_bytes() if review.exists() else None
        assert_ok(run("update", table, new, "-q"))
        assert table.read_bytes() == once
        assert (review.read_bytes() if review.exists() else None) == reviewed
