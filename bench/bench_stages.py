"""Time resolve()'s key, blocking and compare stages alone, in one process, with a digest of each
stage's output: the yardstick for a faster kernel (a compiled module, fewer pairs), which must
leave both digests as they were.

    python bench/bench_stages.py 20000          # names from make_names.py, seed 3
    python bench/bench_stages.py 100000 --seed 5

Each stage runs on one core, as one worker of resolve(jobs=N) does; run it several times and
alternately with the code it is compared with, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from make_names import generate
from namefold.compare import DEFAULT_THRESHOLD
from namefold.pipeline import _blocked, _compare_chunk, _key_chunk
from namefold.rules import default_rules


def digest(value: object) -> str:
    """A short digest of a stage's output, to see at a glance that two builds agree."""
    return hashlib.sha256(repr(value).encode()).hexdigest()[:12]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", type=int, nargs="?", default=20_000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    rules = default_rules()
    distinct = sorted({n.strip() for n in generate(args.names, args.seed) if n.strip()})
    gc.disable()  # as resolve() runs its stages
    start = time.perf_counter()
    keyed = _key_chunk((rules, {}), distinct)
    keys_done = time.perf_counter()
    parsed, rarity, candidates = _blocked(zip(distinct, keyed, strict=True), rules)
    blocks_done = time.perf_counter()
    shared = ([parsed[n] for n in candidates.names], rules, DEFAULT_THRESHOLD, rarity)
    verdicts = _compare_chunk(shared, candidates.codes)
    compare_done = time.perf_counter()
    pairs = len(candidates.codes)
    report = {
        "names": args.names,
        "distinct": len(distinct),
        "pairs": pairs,
        "keys_s": round(keys_done - start, 3),
        "blocking_s": round(blocks_done - keys_done, 3),
        "compare_s": round(compare_done - blocks_done, 3),
        "compare_us_per_pair": round((compare_done - blocks_done) / max(pairs, 1) * 1e6, 1),
        "keys_digest": digest([(p.key, p.elements, sorted(f)) for p, f in keyed]),
        "compare_digest": digest((list(candidates.codes), verdicts)),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
