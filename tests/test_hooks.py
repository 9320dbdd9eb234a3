"""The build-time hooks fail loudly, naming the page and the figure, fact or formula."""

import logging
import re
import shutil
import warnings
from pathlib import Path
from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, get_files

from activations.pages import FACTS, FIGURES
from conftest import load_hook

ROOT = Path(__file__).resolve().parents[1]
PAGE = SimpleNamespace(file=SimpleNamespace(src_uri="sigmoid.md"))


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    """Every test gets an empty build cache of its own, never the repository's .cache/."""
    monkeypatch.setenv("FIGURE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def site_files():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return get_files(config), config


@pytest.fixture
def sigmoid_page(site_files, monkeypatch):
    """The site reduced to sigmoid.md and its figures, so that a test draws only those."""
    files, config = site_files
    page = files.get_file_from_path("sigmoid.md")
    shown = set(re.findall(r"\]\(figures/(\w+)\.svg\)", Path(page.abs_src_path).read_text(encoding="utf-8")))
    for name in set(FIGURES) - shown:
        monkeypatch.delitem(FIGURES, name)
    return Files([page]), config


def test_a_figure_that_warns_stops_the_build_naming_figure_and_page(monkeypatch, sigmoid_page):
    def sigmoid_curve():
        fig, _ = plt.subplots()
        warnings.warn("Glyph 54876 missing from font(s) DejaVu Sans.", UserWarning, stacklevel=1)
        return fig

    figures = load_hook("figures")
    monkeypatch.setitem(FIGURES, "sigmoid_curve", sigmoid_curve)
    # Warnings as MkDocs leaves them (not pytest's filterwarnings=error): the hook must be strict by itself.
    expected = r"figure 'sigmoid_curve' \(on sigmoid\.md\) failed: UserWarning: Glyph 54876"
    with warnings.catch_warnings(), pytest.raises(PluginError, match=expected):
        warnings.simplefilter("default")
        figures.on_files(*sigmoid_page)


def test_a_figure_over_the_size_budget_stops_the_build_naming_figure_and_page(monkeypatch, sigmoid_page):
    def sigmoid_curve():
        fig, ax = plt.subplots()
        rng = np.random.default_rng(0)
        ax.plot(rng.random(300_000), rng.random(300_000), "o", markersize=1)  # a 32 MB SVG if written out
        return fig

    monkeypatch.setitem(FIGURES, "sigmoid_curve", sigmoid_curve)
    expected = r"figure 'sigmoid_curve' \(on sigmoid\.md\) failed: FigureTooLarge: its SVG is over the budget"
    with pytest.raises(PluginError, match=expected):
        load_hook("figures").on_files(*sigmoid_page)


def test_each_figure_is_added_in_both_schemes_and_the_second_build_draws_none(sigmoid_page, caplog):
    files, config = sigmoid_page
    config.plugins._current_plugin = "figures"  # as MkDocs sets it while it runs a hook's event
    figures = load_hook("figures")
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.figures"):
        built = figures.on_files(Files(list(files)), config)
        figures.on_files(Files(list(files)), config)
    count = len(FIGURES)
    assert {file.src_uri for file in built if file.src_uri.startswith("figures/")} == {
        f"figures/{name}{suffix}.svg" for name in FIGURES for suffix in ("", "-dark")
    }
    assert [record.getMessage() for record in caplog.records] == [
        f"figures: {2 * count} drawn, 0 from cache",
        f"figures: 0 drawn, {2 * count} from cache",
    ]


def test_a_page_that_is_not_utf8_stops_the_build_naming_page_and_line(tmp_path, site_files):
    _, config = site_files
    (tmp_path / "bad.md").write_bytes(b"# Sigmoid\n\n" + "시그모이드".encode("cp949") + b"\n")
    (tmp_path / "good.md").write_text("# 제목\n", encoding="utf-8")
    files = Files([File(name, str(tmp_path), str(tmp_path / "site"), True) for name in ("good.md", "bad.md")])
    with pytest.raises(PluginError, match=r"^bad\.md, line 3: byte 0x[0-9a-f]{2} is not UTF-8"):
        load_hook("figures").on_files(files, config)


def test_a_page_shows_the_figure_of_the_readers_colour_scheme():
    page = '<p><img alt="시그모이드 함수의 그래프" src="../figures/sigmoid_curve.svg" />'
    page += ' <img alt="로고" src="logo.svg" /></p>'
    html = load_hook("figures").on_page_content(page, PAGE, None, None)
    figures = re.findall(r"<img [^>]*>", html)
    assert figures == [
        '<img loading="lazy" alt="시그모이드 함수의 그래프" src="../figures/sigmoid_curve.svg#only-light" />',
        '<img loading="lazy" alt="시그모이드 함수의 그래프" src="../figures/sigmoid_curve-dark.svg#only-dark" />',
        '<img alt="로고" src="logo.svg" />',
    ]


def test_a_page_showing_an_unknown_figure_stops_the_build(monkeypatch, site_files):
    figures = load_hook("figures")
    monkeypatch.setitem(FIGURES, "sigmoid_curves", FIGURES["sigmoid_curve"])  # a renamed figure
    monkeypatch.delitem(FIGURES, "sigmoid_curve")
    expected = r"^sigmoid\.md, line \d+: unknown figure figures/sigmoid_curve\.svg "
    expected += r"\(did you mean figures/sigmoid_curves\.svg\?\)$"
    with pytest.raises(PluginError, match=expected):
        figures.on_files(*site_files)


def test_after_a_build_a_page_showing_an_unknown_figure_still_stops_the_build(monkeypatch, tmp_path, site_files,
                                                                              cache_dir):
    """The snapshot fits the package, not the pages: a link it does not know takes the registry's checks."""
    _, config = site_files
    config.plugins._current_plugin = "figures"
    for name in set(FIGURES) - {"sigmoid_curve"}:
        monkeypatch.delitem(FIGURES, name)
    monkeypatch.setitem(FIGURES, "sigmoid_curve", lambda: plt.subplots()[0])  # quick to draw
    docs = tmp_path / "docs"
    docs.mkdir()

    def build(link):
        (docs / "sigmoid.md").write_text(f"# 시그모이드\n\n![그래프](figures/{link}.svg)\n", encoding="utf-8")
        files = Files([File("sigmoid.md", str(docs), str(tmp_path / "site"), True)])
        return load_hook("figures").on_files(files, config)

    build("sigmoid_curve")
    assert (cache_dir / "snapshot" / "figures.json").exists()
    expected = r"^sigmoid\.md, line 3: unknown figure figures/sigmoid_curvs\.svg "
    expected += r"\(did you mean figures/sigmoid_curve\.svg\?\)$"
    with pytest.raises(PluginError, match=expected):
        build("sigmoid_curvs")


def test_a_registered_figure_that_no_page_shows_stops_the_build(monkeypatch, site_files):
    figures = load_hook("figures")
    monkeypatch.setitem(FIGURES, "forgotten", lambda: None)
    with pytest.raises(PluginError, match=r"shown on no page: .*'forgotten'"):
        figures.on_files(*site_files)


def test_facts_are_filled_in_and_unknown_ones_stop_the_build(monkeypatch):
    facts = load_hook("facts")
    monkeypatch.setitem(FACTS, "answer", lambda: "42")
    assert facts.on_page_markdown("값은 {{ answer }}입니다.", PAGE, None, None) == "값은 42입니다."
    for typo in ["{{ nothing }}", "{{ Answer }}", "{{answer-1}}"]:
        with pytest.raises(PluginError, match=r"sigmoid\.md, line 1: unknown fact"):
            facts.on_page_markdown(f"값은 {typo}입니다.", PAGE, None, None)


def test_an_unknown_fact_names_page_and_line_and_the_nearest_known_name(monkeypatch):
    monkeypatch.setitem(FACTS, "sigmoid_answer", lambda: "42")
    # MkDocs hands the hook the page without its front matter: the line is still the file's.
    markdown = "# 제목\n\n값은 {{ sigmoid_anwser }}입니다.\n"
    page = SimpleNamespace(file=SimpleNamespace(src_uri="sigmoid.md", content_string=f"---\ntitle: x\n---\n{markdown}"))
    with pytest.raises(PluginError) as error:
        load_hook("facts").on_page_markdown(markdown, page, None, None)
    expected = "sigmoid.md, line 6: unknown fact {{ sigmoid_anwser }}; did you mean {{ sigmoid_answer }}?"
    assert str(error.value) == expected


def test_facts_come_from_the_cache_in_the_next_build(monkeypatch, caplog):
    calls = []
    monkeypatch.setitem(FACTS, "answer", lambda: calls.append(1) or "42")
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.facts"):
        for _ in range(2):
            facts = load_hook("facts")  # mkdocs serve loads the hooks again for every build
            facts.on_pre_build(config)
            assert facts.on_page_markdown("{{ answer }}, {{ answer }}", PAGE, config, None) == "42, 42"
            facts.on_post_build(config)
    assert len(calls) == 1
    assert [record.getMessage() for record in caplog.records] == [
        "facts: 1 computed, 0 from cache",
        "facts: 0 computed, 1 from cache",
    ]


def test_a_fact_the_snapshot_lacks_is_computed_or_unknown(monkeypatch, caplog, cache_dir):
    """The snapshot holds the facts of the last build's pages: another name takes the registry's path."""
    calls = []
    monkeypatch.setitem(FACTS, "answer", lambda: calls.append("answer") or "42")
    monkeypatch.setitem(FACTS, "other", lambda: calls.append("other") or "7")
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))

    def build(markdown):
        facts = load_hook("facts")
        facts.on_pre_build(config)
        built = facts.on_page_markdown(markdown, PAGE, config, None)
        facts.on_post_build(config)
        return built

    assert build("{{ answer }}") == "42"
    shutil.rmtree(cache_dir / "facts")  # what follows can only come from the snapshot, or be computed
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.facts"):
        assert build("{{ answer }}, {{ other }}") == "42, 7"
    assert calls == ["answer", "other"]
    assert [record.getMessage() for record in caplog.records] == ["facts: 1 computed, 1 from cache"]
    with pytest.raises(PluginError, match=r"^sigmoid\.md, line 1: unknown fact \{\{ anwser \}\}; did you mean"):
        build("{{ anwser }}")


@pytest.mark.parametrize(
    ("fact", "error"),
    [
        (lambda: str(np.exp(np.float64(1000))), "RuntimeWarning: overflow"),
        (lambda: 0.25, "TypeError: fact 'bad' must return str"),
    ],
)
def test_a_fact_that_warns_or_is_not_text_stops_the_build(monkeypatch, fact, error):
    facts = load_hook("facts")
    monkeypatch.setitem(FACTS, "bad", fact)
    # Warnings as MkDocs leaves them (not pytest's filterwarnings=error): the hook must be strict by itself.
    expected = rf"sigmoid\.md, line 1: fact 'bad' failed: {error}"
    with warnings.catch_warnings(), pytest.raises(PluginError, match=expected):
        warnings.simplefilter("default")
        facts.on_page_markdown("{{ bad }}", PAGE, None, None)


def test_an_unknown_latex_command_stops_the_build():
    mathml = load_hook("mathml")
    ok = mathml.on_page_content(r'<span class="arithmatex">\(\sigma(x)\)</span>', PAGE, None, None)
    assert ok.startswith('<span class="math"><math') and "arithmatex" not in ok
    with pytest.raises(PluginError, match=r"sigmoid\.md: unknown LaTeX command"):
        mathml.on_page_content(r'<span class="arithmatex">\(\notacommand x\)</span>', PAGE, None, None)


def test_an_original_note_block_that_runs_cleanly_stops_the_build():
    errata = load_hook("errata")
    markdown = "# 오류\n\n```{.python .original-note}\nx = 1\n```\n"
    with pytest.raises(PluginError, match=r"sigmoid\.md, line 3: this original-note block ran without error"):
        errata.on_page_markdown(markdown, PAGE, None, None)


def test_every_build_starts_with_the_package_as_it_is_on_disk(monkeypatch):
    """mkdocs serve rebuilds in one process: the package hook makes it import src/ afresh."""
    import sys

    import activations.sigmoid

    for name in [name for name in sys.modules if name.startswith("activations")]:
        monkeypatch.setitem(sys.modules, name, sys.modules[name])  # restored after the test
    load_hook("package").on_pre_build(None)
    assert not [name for name in sys.modules if name.startswith("activations")]
    import activations.sigmoid as fresh

    assert fresh is not activations.sigmoid
