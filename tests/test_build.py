"""The built site: every page, every figure, formulas without a CDN, readable anchors."""

import re
from pathlib import Path, PurePosixPath

import pytest
import yaml

from conftest import Build

ROOT = Path(__file__).resolve().parents[1]
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def nav_pages():
    """The .md files that mkdocs.yml's nav lists (the !!python tags in mkdocs.yml are skipped)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = yaml.safe_load(text[text.index("nav:") : text.index("\n\n", text.index("nav:"))])["nav"]

    def walk(items):
        for item in items:
            for value in item.values():
                yield from walk(value) if isinstance(value, list) else [value]

    return list(walk(nav))


def html_pages(site_dir):
    """nav page -> its built HTML (x.md and x.ipynb become x/index.html, index.md index.html)."""
    built = {}
    for page in nav_pages():
        path = PurePosixPath(page).with_suffix("")
        built[page] = site_dir / (path.parent if path.name == "index" else path) / "index.html"
    return built


def test_build_log_has_no_warning(site):
    _, log, _ = site
    assert "WARNING" not in log and "ERROR" not in log, log


def test_every_page_of_the_nav_is_built(site):
    site_dir, _, _ = site
    pages = html_pages(site_dir)
    assert len(pages) >= 9
    for page, built in pages.items():
        assert built.exists(), page
        assert HANGUL.search(built.read_text(encoding="utf-8")), f"{page} has no Korean text"


def test_figures_are_drawn_into_the_site_only(site):
    site_dir, log, _ = site
    figures = sorted((site_dir / "figures").glob("*.svg"))
    assert figures, "no figure was drawn"
    drawn, from_cache = map(int, re.search(r"figures: (\d+) drawn, (\d+) from cache", log).groups())
    assert drawn + from_cache == len(figures), log  # drawn now, or by an earlier build (.cache/)
    assert not (ROOT / "docs" / "figures").exists(), "figures must not be written into docs/"
    for svg in figures:
        text = svg.read_text(encoding="utf-8")
        assert text.startswith("<?xml") and "<svg" in text, svg.name
        assert "<dc:date>" not in text, f"{svg.name} carries a date: builds would differ"


def test_every_figure_is_shown_with_korean_alt_text(site):
    site_dir, _, _ = site
    shown = set()
    for page, built in html_pages(site_dir).items():
        for tag in re.findall(r"<img [^>]*>", built.read_text(encoding="utf-8")):
            src = re.search(r'src="([^"#]+)', tag).group(1)
            alt = re.search(r'alt="([^"]*)"', tag)
            assert alt and HANGUL.search(alt.group(1)), f"{page}: {tag} needs Korean alt text"
            path = (built.parent / src.split("#")[0]).resolve()  # #only-light / #only-dark: the colour scheme
            assert path.is_file(), f"{page}: {src} is missing"
            shown.add(path.name)
    assert shown == {svg.name for svg in (site_dir / "figures").glob("*.svg")}


def test_a_second_build_takes_every_figure_and_note_error_from_the_cache(site, warm_site):
    site_dir, cold_log, _ = site
    warm_dir, log = warm_site
    count = len(list((site_dir / "figures").glob("*.svg")))
    assert f"figures: 0 drawn, {count} from cache" in log
    notes = (ROOT / "docs" / "errata.md").read_text(encoding="utf-8").count("```{.python .original-note}")
    run, from_cache = map(int, re.search(r"original-note blocks: (\d+) run, (\d+) from cache", cold_log).groups())
    assert run + from_cache == notes, cold_log
    assert f"original-note blocks: 0 run, {notes} from cache" in log, log
    for svg in (site_dir / "figures").glob("*.svg"):
        assert (warm_dir / "figures" / svg.name).read_bytes() == svg.read_bytes()


def test_no_page_loads_anything_from_another_host(site):
    site_dir, _, _ = site
    for built in site_dir.rglob("*.html"):
        text = built.read_text(encoding="utf-8")
        external = re.findall(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="((?:https?:)?//[^"]+)"', text)
        assert not external, f"{built.relative_to(site_dir)} loads {external}"


def test_formulas_are_mathml_made_at_build_time(site):
    site_dir, _, _ = site
    sigmoid = (site_dir / "sigmoid" / "index.html").read_text(encoding="utf-8")
    assert "<math" in sigmoid
    for built in site_dir.rglob("*.html"):
        text = built.read_text(encoding="utf-8")
        assert 'class="arithmatex"' not in text, f"{built} has unconverted LaTeX"
        assert "{{" not in text, f"{built} has an unfilled {{{{ fact }}}}"


def test_headings_have_readable_korean_anchors(site):
    site_dir, _, _ = site
    ids = []
    for built in html_pages(site_dir).values():
        ids += re.findall(r'<h[2-4] id="([^"]+)"', built.read_text(encoding="utf-8"))
    assert ids
    for anchor in ids:
        assert not re.fullmatch(r"_\d*", anchor), f"unreadable anchor #{anchor}"
    assert any(HANGUL.search(anchor) for anchor in ids)


def test_a_failed_build_is_reported_once_with_its_log(tmp_path):
    """Every test that needs the site fails, but only the first one repeats the build log."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 홈\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nnav:\n  - missing.md\n", encoding="utf-8")
    build = Build(tmp_path, "site", tmp_path / "cache", config)
    with pytest.raises(pytest.fail.Exception) as first:
        build.log_or_fail("the build", "test_one")
    assert "the build failed:" in str(first.value) and "missing.md" in str(first.value)
    with pytest.raises(pytest.fail.Exception) as second:
        build.log_or_fail("the build", "test_two")
    assert str(second.value) == "the build failed: its log is in the report of test_one"


def test_a_build_is_started_once_and_read_by_every_test_process(tmp_path):
    """Two test processes (pytest-xdist workers) make the same Build: one runs mkdocs, both read its log."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 홈\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    first, second = (Build(tmp_path, "site", tmp_path / "cache", config) for _ in range(2))
    assert first.process is not None and second.process is None
    assert second.wait() == first.wait()
    assert first.wait()[0] == 0 and (tmp_path / "site" / "index.html").is_file()
