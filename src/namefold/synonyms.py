"""Resolution -> a Solr synonyms file, which Elasticsearch and OpenSearch `synonym_graph` also read.

One line per entity: `a, b, c` (equivalence: each spelling finds the others) or, as a mapping,
`a, b => canonical` (every spelling is rewritten to the canonical at index and query time).
Entries are written the way a usual analyser sees them (lowercase, no diacritics) unless the
case is kept, with whitespace collapsed so a multi-word name stays one phrase. The characters the
format treats specially (`,`, `=>`, a leading `#`, and `\\` itself) are escaped with `\\`.

A spelling that folds alike in two entities (they differ only in case or diacritics, or one's
canonical is the other's alias) is left off every line: on either line it would expand a search
for one person into the other's names. `apply` likewise treats such a spelling as ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection

from namefold.model import Cluster, Resolution

HEADER = "# Solr synonyms written by namefold export: one line per entity with more than one spelling.\n"
_SPECIAL = re.compile(r"([\\,=#])")
# Ayn and hamza of transliterations (U+02BF in 'Abd, U+02BE in Qur'an): modifier letters, not marks, that an
# analyser's folding drops all the same.
_SIGNS = str.maketrans("", "", "\u02bf\u02be")


def fold(name: str, keep_case: bool = False) -> str:
    """A name as an analyser with lowercase and diacritic folding will index it.

    >>> fold("  Muṣṭafā   al-Kāẓimī "), fold("Ḥasan", keep_case=True)
    ('mustafa al-kazimi', 'Hasan')
    """
    decomposed = unicodedata.normalize("NFKD", name.translate(_SIGNS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = " ".join(unicodedata.normalize("NFC", bare).split())
    return text if keep_case else text.lower()


def escape(entry: str) -> str:
    r"""An entry with the format's special characters escaped, so it is read back as written.

    >>> print(escape(r"Abbas, Mahmoud => #1 \o/"))
    Abbas\, Mahmoud \=> \#1 \\o/
    """
    return _SPECIAL.sub(r"\\\1", entry)


def _entries(cluster: Cluster, keep_case: bool) -> list[str]:
    """The cluster's distinct spellings as the analyser sees them, sorted."""
    folded = {fold(n, keep_case) for n in (cluster.canonical, *(m.name for m in cluster.members))}
    return sorted(f for f in folded if f)


def shared_spellings(clusters: Collection[Cluster], keep_case: bool = False) -> frozenset[str]:
    """Folded spellings found in more than one cluster: the analyser cannot tell whose they are."""
    counts = Counter(e for c in clusters for e in _entries(c, keep_case))
    return frozenset(e for e, n in counts.items() if n > 1)


def synonym_line(
    cluster: Cluster, *, mapping: bool = False, keep_case: bool = False, shared: Collection[str] = ()
) -> str | None:
    """The line for one entity, or None when all its spellings look alike to the analyser."""
    target = fold(cluster.canonical, keep_case)
    entries = [e for e in _entries(cluster, keep_case) if e not in shared]
    if mapping:
        sources = [e for e in entries if e != target]
        if not sources or not target or target in shared:
            return None
        return f"{', '.join(escape(e) for e in sources)} => {escape(target)}"
    if len(entries) < 2:
        return None
    return ", ".join(escape(e) for e in entries)


def solr_synonyms(
    resolution: Resolution, *, mapping: bool = False, keep_case: bool = False
) -> tuple[str, tuple[str, ...]]:
    """The synonyms file and, sorted, the spellings left out because two entities share them."""
    clusters = sorted(resolution.clusters, key=lambda c: c.id)
    shared = shared_spellings(clusters, keep_case)
    lines = (synonym_line(c, mapping=mapping, keep_case=keep_case, shared=shared) for c in clusters)
    return HEADER + "".join(f"{line}\n" for line in lines if line is not None), tuple(sorted(shared))


def to_solr(resolution: Resolution, *, mapping: bool = False, keep_case: bool = False) -> str:
    """The synonyms file: a comment, then one line per entity in cluster-id order.

    >>> from namefold.model import Member
    >>> c = Cluster("abbas", "Mahmoud Abbas", (Member("ABBAS, Mahmoud", 1), Member("Mahmūd Abbas", 2)))
    >>> print(to_solr(Resolution((c,)), mapping=True), end="")
    # Solr synonyms written by namefold export: one line per entity with more than one spelling.
    abbas\\, mahmoud, mahmud abbas => mahmoud abbas
    """
    return solr_synonyms(resolution, mapping=mapping, keep_case=keep_case)[0]
