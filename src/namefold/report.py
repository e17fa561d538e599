"""Resolution -> one self-contained HTML page for analysts: a searchable list of entities.

Each entity shows its canonical spelling, its variants with counts, the matches that joined them
with their reasons, and a small SVG picture of its graph (names on a circle, node size by count,
edge width by score). Names come from untrusted documents, so every one is HTML-escaped, in text
and in attributes, and a Content-Security-Policy lets only the page's own script and style run
and nothing be fetched. The page has no timestamp: the same resolution gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import math
from html import escape

from namefold.model import Cluster, Member, Resolution

CHAR_WIDTH = 6.5  # about the width of a character of the 11px labels, to leave room for them
SPACING = 34  # distance between neighbouring nodes on the circle

DASH = "\u2013"  # between the two names of a match

STYLE = """
body { font: 15px/1.4 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #222; }
header { position: sticky; top: 0; background: #fff; padding: .5rem 0; border-bottom: 1px solid #ccc; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
input { font: inherit; padding: .3rem .5rem; width: 20rem; max-width: 100%; }
.entity { border-bottom: 1px solid #ddd; padding: .8rem 0; }
.entity h2 { font-size: 1.15rem; margin: 0 0 .4rem; }
.entity h2 small { color: #666; font-weight: normal; font-size: .85rem; }
.parts { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: .1rem .6rem .1rem 0; }
td.count { text-align: right; }
.variants td:first-child, .entity h2 { unicode-bidi: plaintext; }
svg { max-width: 100%; height: auto; }
svg text { font: 11px system-ui, sans-serif; fill: #222; }
ul.reasons { margin: .3rem 0; padding-left: 1.2rem; }
.canonical { font-weight: bold; }
"""

SCRIPT = """
const fold = s => s.normalize('NFKD').replace(/\\p{M}/gu, '').toLowerCase();
const box = document.getElementById('q');
const shown = document.getElementById('shown');
const entities = Array.from(document.querySelectorAll('.entity'));
const keys = entities.map(e => fold(e.dataset.names));
function filter() {
  const words = fold(box.value).split(/\\s+/).filter(Boolean);
  let count = 0;
  entities.forEach((e, i) => {
    const hit = words.every(w => keys[i].includes(w));
    e.hidden = !hit;
    count += hit ? 1 : 0;
  });
  shown.textContent = String(count);
}
box.addEventListener('input', filter);
const start = new URLSearchParams(location.hash.slice(1)).get('q');
if (start) { box.value = start; }
filter();
"""


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _ordered(cluster: Cluster) -> list[Member]:
    """The canonical first (at the top of the circle), then the others by name."""
    return sorted(cluster.members, key=lambda m: (m.name != cluster.canonical, m.name))


def _node_radius(count: int, largest: int) -> float:
    return 5.0 + 11.0 * math.sqrt(count / largest) if largest else 6.0


def _edge_width(score: float) -> float:
    """1 at score 0.5 or below, 6 at 1: matches above the threshold differ visibly."""
    return 1.0 + 10.0 * max(0.0, score - 0.5)


def graph_svg(cluster: Cluster) -> str:
    """An inline SVG of one entity's names and matches, laid out on a circle (no randomness)."""
    members = _ordered(cluster)
    n = len(members)
    radius = 0.0 if n == 1 else max(50.0, SPACING * n / (2 * math.pi))
    label_space = 30 + CHAR_WIDTH * max(len(m.name) for m in members)
    width, height = 2 * (radius + label_space), 2 * radius + 80
    cx, cy = width / 2, height / 2
    largest = max(m.count for m in members)
    place: dict[str, tuple[float, float, float]] = {}
    for i, m in enumerate(members):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        place[m.name] = (angle, cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    label = f"graph of {cluster.canonical}: {n} names, {len(cluster.edges)} matches"
    parts = [
        f'<svg class="graph" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'height="{height:.0f}" role="img" aria-label="{escape(label)}">'
    ]
    for e in sorted(cluster.edges, key=lambda e: (e.left, e.right)):
        if e.left not in place or e.right not in place:
            continue
        (_, x1, y1), (_, x2, y2) = place[e.left], place[e.right]
        why = f"{e.left} {DASH} {e.right}: {e.score:.3f} ({'; '.join(e.reasons) or 'identical'})"
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#8a8a8a" '
            f'stroke-width="{_edge_width(e.score):.1f}"><title>{escape(why)}</title></line>'
        )
    for m in members:
        angle, x, y = place[m.name]
        r = _node_radius(m.count, largest)
        fill = "#1f5f8b" if m.name == cluster.canonical else "#7fb2dc"
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" stroke="#fff">'
            f"<title>{escape(m.name)} ({m.count})</title></circle>"
        )
        parts.append(_label(m.name, angle, x, y, r, n))
    parts.append("</svg>")
    return "".join(parts)


def _label(name: str, angle: float, x: float, y: float, r: float, n: int) -> str:
    """A name written beside its node, away from the circle's centre."""
    if n == 1:
        return f'<text x="{x:.1f}" y="{y + r + 14:.1f}" text-anchor="middle">{escape(name)}</text>'
    dx, dy = math.cos(angle), math.sin(angle)
    anchor = "start" if dx > 0.3 else "end" if dx < -0.3 else "middle"
    lx = x + dx * (r + 5)
    ly = y + dy * (r + 5) + (10 if dy > 0.3 else -2 if dy < -0.3 else 4)
    return f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">{escape(name)}</text>'


def _variants(cluster: Cluster) -> str:
    rows = "".join(
        f"<tr{' class=canonical' if m.name == cluster.canonical else ''}>"
        f'<td>{escape(m.name)}</td><td class="count">{m.count}</td></tr>'
        for m in sorted(cluster.members, key=lambda m: (-m.count, m.name))
    )
    head = "<thead><tr><th>Spelling</th><th>Count</th></tr></thead>"
    return f'<table class="variants">{head}<tbody>{rows}</tbody></table>'


def _reasons(cluster: Cluster) -> str:
    if not cluster.edges:
        return '<p class="reasons">No matches: a single name.</p>'
    items = "".join(
        f"<li><bdi>{escape(e.left)}</bdi> {DASH} <bdi>{escape(e.right)}</bdi>: <b>{e.score:.3f}</b> "
        f"{escape('; '.join(e.reasons) or 'identical')}</li>"
        for e in sorted(cluster.edges, key=lambda e: (-e.score, e.left, e.right))
    )
    return f'<p>Why they were joined:</p><ul class="reasons">{items}</ul>'


def entity_section(cluster: Cluster) -> str:
    """One entity: heading, variants with counts, graph picture and reasons."""
    searchable = "\n".join([cluster.id, cluster.canonical, *sorted(m.name for m in cluster.members)])
    about = " · ".join(x for x in (cluster.id, cluster.type) if x)
    return (
        f'<section class="entity" id="entity-{escape(cluster.id)}" data-names="{escape(searchable)}">\n'
        f"<h2>{escape(cluster.canonical)} <small>{escape(about)}</small></h2>\n"
        f'<div class="parts">{_variants(cluster)}\n{graph_svg(cluster)}</div>\n'
        f"{_reasons(cluster)}\n</section>\n"
    )


def to_html(resolution: Resolution) -> str:
    """The whole page: inline style, inline script, one section per entity in id order.

    >>> from namefold.model import Member
    >>> page = to_html(Resolution((Cluster("x", "<b>X</b>", (Member("<b>X</b>", 1),)),)))
    >>> "<b>X</b>" in page, "&lt;b&gt;X&lt;/b&gt;" in page
    (False, True)
    """
    clusters = sorted(resolution.clusters, key=lambda c: c.id)
    names = sum(len(c.members) for c in clusters)
    mentions = sum(m.count for c in clusters for m in c.members)
    policy = f"default-src 'none'; style-src {_csp_hash(STYLE)}; script-src {_csp_hash(SCRIPT)}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>namefold: {len(clusters)} entities</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>namefold entities</h1>\n"
        f"<p>{len(clusters)} entities, {names} names, {mentions} mentions. "
        '<label>Search <input id="q" type="search" placeholder="any spelling, e.g. Kazemi" '
        'autocomplete="off"></label> '
        f'<span id="shown">{len(clusters)}</span> shown</p>\n</header>\n<main>\n'
        + "".join(entity_section(c) for c in clusters)
        + f"</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )
