"""The HTML report: self-contained, escaped, deterministic, and working in a real browser.

The browser tests run headless Chromium (Debian's `chromium`). They skip when it is not installed,
unless NAMEFOLD_REQUIRE_CHROMIUM=1 (set by .ci/run) says it must be there.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from namefold.model import Cluster, Match, Member, Resolution
from namefold.pipeline import resolve
from namefold.report import SCRIPT, STYLE, graph_svg, to_html

SCRIPT_NAME = "<script>document.title='pwned'</script>"
IMG_NAME = '<img src=x onerror="document.body.dataset.pwned=1">'
ALERT_NAME = "<script>alert(1)</script>"
QUOTE_NAME = "Ali \"the Elder\" 'Abu' #1, A => B & co"
HOSTILE = Cluster(
    "hostile",
    ALERT_NAME,
    tuple(
        Member(n, c) for n, c in sorted([(SCRIPT_NAME, 1), (IMG_NAME, 2), (ALERT_NAME, 3), (QUOTE_NAME, 1)])
    ),
    (
        Match(ALERT_NAME, IMG_NAME, 0.9, True, ('"><svg onload=alert(2)>',)),
        Match(ALERT_NAME, SCRIPT_NAME, 0.95, True, ("</li><script>alert(3)</script>",)),
        Match(ALERT_NAME, QUOTE_NAME, 0.88, True, ()),
    ),
    type="<i>person</i>",
)


def page_resolution() -> Resolution:
    names = ["Mustafa al-Kadhimi", "Mustafa Al-Kazemi", "Mustafa al-Kadhimi", "Kadhimi", "Shihab al-Khiqani"]
    names += ["Muammar Gaddafi", "Moammar Qaddafi", "Mu'ammar Kadhafi", "Muammar Gaddafi"]
    clusters = (*resolve(names).clusters, HOSTILE)
    return Resolution(tuple(sorted(clusters, key=lambda c: c.id)))


def csp_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_every_hostile_name_and_reason_is_escaped_in_text_and_attributes() -> None:
    page = to_html(page_resolution())
    for text in (SCRIPT_NAME, IMG_NAME, ALERT_NAME, QUOTE_NAME, '"><svg onload=alert(2)>', "<i>person</i>"):
        assert text not in page
        assert html.escape(text) in page
    assert page.count("<script") == 1  # the page's own
    assert "<img" not in page and "onerror=" not in page.replace("onerror=&quot;", "")
    assert "<svg onload" not in page


def test_the_page_is_self_contained_and_only_its_own_script_and_style_may_run() -> None:
    page = to_html(page_resolution())
    assert "http:" not in page and "https:" not in page and "src=" not in page.replace("src=x", "")
    assert "href=" not in page and "@import" not in page and "url(" not in page
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy
    assert (
        policy.group(1)
        == f"default-src 'none'; style-src {csp_source(STYLE)}; script-src {csp_source(SCRIPT)}"
    )
    assert f"<style>{STYLE}</style>" in page and f"<script>{SCRIPT}</script>" in page


def test_the_same_resolution_in_any_order_gives_the_same_bytes() -> None:
    ordered = page_resolution()
    shuffled = Resolution(
        tuple(
            Cluster(c.id, c.canonical, tuple(reversed(c.members)), tuple(reversed(c.edges)), c.type)
            for c in reversed(ordered.clusters)
        )
    )
    assert to_html(shuffled) == to_html(ordered)


def test_each_entity_shows_its_canonical_variants_counts_and_reasons() -> None:
    page = to_html(page_resolution())
    section = re.search(r'<section class="entity" id="entity-mustafa-al-kadhimi".*?</section>', page, re.S)
    assert section
    text = section.group(0)
    assert "<h2>Mustafa al-Kadhimi <small>mustafa-al-kadhimi</small></h2>" in text
    assert '<tr class=canonical><td>Mustafa al-Kadhimi</td><td class="count">2</td></tr>' in text
    assert '<tr><td>Mustafa Al-Kazemi</td><td class="count">1</td></tr>' in text
    assert '<tr><td>Kadhimi</td><td class="count">1</td></tr>' in text
    assert "Why they were joined:" in text and "<svg" in text


def test_node_size_follows_count_and_edge_width_follows_score() -> None:
    cluster = Cluster(
        "k",
        "Kazemi",
        (Member("Kadhimi", 1), Member("Kazemi", 4), Member("Kazimi", 0)),
        (Match("Kadhimi", "Kazemi", 0.9, True, ()), Match("Kazemi", "Kazimi", 1.0, True, ())),
    )
    svg = graph_svg(cluster)
    radii = dict(re.findall(r'r="([\d.]+)" fill="#[0-9a-f]+" stroke="#fff"><title>(\w+) \(', svg))
    # r = 5 + 11 * sqrt(count / largest count): 16 for 4 of 4, 10.5 for 1 of 4, 5 for none.
    assert {name: float(r) for r, name in radii.items()} == {"Kazemi": 16.0, "Kadhimi": 10.5, "Kazimi": 5.0}
    widths = re.findall(r'stroke-width="([\d.]+)"><title>(\w+) ', svg)
    # width = 1 + 10 * (score - 0.5): 5 at 0.9, 6 at 1.
    assert sorted((name, float(w)) for w, name in widths) == [("Kadhimi", 5.0), ("Kazemi", 6.0)]


def test_the_canonical_is_drawn_at_the_top_of_the_circle() -> None:
    cluster = Cluster("k", "Kazemi", (Member("Kadhimi", 1), Member("Kazemi", 1), Member("Kazimi", 1)))
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"[^>]*><title>(\w+)', graph_svg(cluster))
    top = min(circles, key=lambda c: float(c[1]))
    assert top[2] == "Kazemi"


# --- in a real browser ------------------------------------------------------------------------

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium")
    if found is None:
        if os.environ.get("NAMEFOLD_REQUIRE_CHROMIUM") == "1":
            pytest.fail(
                "NAMEFOLD_REQUIRE_CHROMIUM=1 but chromium is not installed (apt-get install chromium)"
            )
        pytest.skip("chromium is not installed")
    return found


def browse(chromium: str, tmp_path: Path, url: str, *options: str) -> str:
    profile = tempfile.mkdtemp(prefix="profile-", dir=tmp_path)
    done = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *options, url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(to_html(page_resolution()), encoding="utf-8")
    return path


def test_chromium_shows_the_entities_and_hostile_names_only_as_text(
    chromium: str, report: Path, tmp_path
) -> None:
    dom = browse(chromium, tmp_path, report.as_uri(), "--dump-dom")
    assert dom.count('<section class="entity"') == 4
    for heading in ("Muammar Gaddafi", "Mustafa al-Kadhimi", "Shihab al-Khiqani", html.escape(ALERT_NAME)):
        assert f"<h2>{heading} <small>" in dom
    assert "<title>namefold: 4 entities</title>" in dom  # document.title='pwned' never ran
    assert "pwned=" not in dom.replace("dataset.pwned=1", "")  # the onerror handler never ran
    assert "<img" not in dom
    for name in (SCRIPT_NAME, ALERT_NAME):
        assert f"<td>{html.escape(name, quote=False)}</td>" in dom
    assert dom.count("<script") == 1
    assert '<span id="shown">4</span>' in dom


def test_chromium_runs_the_search_box_script(chromium: str, report: Path, tmp_path) -> None:
    dom = browse(chromium, tmp_path, report.as_uri() + "#q=kazemi", "--dump-dom")
    assert '<span id="shown">1</span>' in dom
    sections = re.findall(r'<section class="entity" id="entity-([\w-]+)"[^>]*?( hidden="")?>', dom)
    assert sorted(sections) == [
        ("hostile", ' hidden=""'),
        ("muammar-gaddafi", ' hidden=""'),
        ("mustafa-al-kadhimi", ""),
        ("shihab-al-khiqani", ' hidden=""'),
    ]
    accents = browse(chromium, tmp_path, report.as_uri() + "#q=KAD%CC%84HIMI", "--dump-dom")
    assert '<span id="shown">1</span>' in accents  # case and accents do not matter


def test_chromium_saves_a_screenshot(chromium: str, report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    browse(chromium, tmp_path, report.as_uri(), f"--screenshot={shot}", "--window-size=1100,1400")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1100, 1400)
    assert len(data) > 20_000  # text and pictures, not a blank page
