"""The build-time hooks fail loudly, naming the page and the figure, fact or formula."""

import importlib.util
import warnings
from pathlib import Path
from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files

from activations.pages import FACTS, FIGURES

ROOT = Path(__file__).resolve().parents[1]
PAGE = SimpleNamespace(file=SimpleNamespace(src_uri="sigmoid.md"))


def hook(name):
    spec = importlib.util.spec_from_file_location(f"hook_{name}", ROOT / "docs" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def site_files():
    config = load_config(str(ROOT / "mkdocs.yml"))
    return get_files(config), config


def test_a_figure_that_warns_stops_the_build_naming_figure_and_page(monkeypatch, tmp_path, site_files):
    def sigmoid_curve():
        fig, _ = plt.subplots()
        warnings.warn("Glyph 54876 missing from font(s) DejaVu Sans.", UserWarning, stacklevel=1)
        return fig

    figures = hook("figures")
    monkeypatch.setattr(figures, "CACHE", tmp_path)
    monkeypatch.setitem(FIGURES, "sigmoid_curve", sigmoid_curve)
    # Warnings as MkDocs leaves them (not pytest's filterwarnings=error): the hook must be strict by itself.
    expected = r"figure 'sigmoid_curve' \(on sigmoid\.md\) failed: UserWarning: Glyph 54876"
    with warnings.catch_warnings(), pytest.raises(PluginError, match=expected):
        warnings.simplefilter("default")
        figures.on_files(*site_files)


def test_a_page_showing_an_unknown_figure_stops_the_build(monkeypatch, site_files):
    figures = hook("figures")
    monkeypatch.delitem(FIGURES, "sigmoid_curve")
    with pytest.raises(PluginError, match=r"unknown figure\(s\) \{'sigmoid_curve': \['sigmoid\.md'\]\}"):
        figures.on_files(*site_files)


def test_a_registered_figure_that_no_page_shows_stops_the_build(monkeypatch, site_files):
    figures = hook("figures")
    monkeypatch.setitem(FIGURES, "forgotten", lambda: None)
    with pytest.raises(PluginError, match=r"shown on no page: .*'forgotten'"):
        figures.on_files(*site_files)


def test_facts_are_filled_in_and_unknown_ones_stop_the_build(monkeypatch):
    facts = hook("facts")
    monkeypatch.setitem(FACTS, "answer", lambda: "42")
    assert facts.on_page_markdown("값은 {{ answer }}입니다.", PAGE, None, None) == "값은 42입니다."
    for typo in ["{{ nothing }}", "{{ Answer }}", "{{answer-1}}"]:
        with pytest.raises(PluginError, match=r"sigmoid\.md: unknown fact"):
            facts.on_page_markdown(f"값은 {typo}입니다.", PAGE, None, None)


@pytest.mark.parametrize(
    ("fact", "error"),
    [
        (lambda: str(np.exp(np.float64(1000))), "RuntimeWarning: overflow"),
        (lambda: 0.25, "TypeError: fact 'bad' must return str"),
    ],
)
def test_a_fact_that_warns_or_is_not_text_stops_the_build(monkeypatch, fact, error):
    facts = hook("facts")
    monkeypatch.setitem(FACTS, "bad", fact)
    # Warnings as MkDocs leaves them (not pytest's filterwarnings=error): the hook must be strict by itself.
    with warnings.catch_warnings(), pytest.raises(PluginError, match=rf"sigmoid\.md: fact 'bad' failed: {error}"):
        warnings.simplefilter("default")
        facts.on_page_markdown("{{ bad }}", PAGE, None, None)


def test_an_unknown_latex_command_stops_the_build():
    mathml = hook("mathml")
    ok = mathml.on_page_content(r'<span class="arithmatex">\(\sigma(x)\)</span>', PAGE, None, None)
    assert ok.startswith('<span class="math"><math') and "arithmatex" not in ok
    with pytest.raises(PluginError, match=r"sigmoid\.md: unknown LaTeX command"):
        mathml.on_page_content(r'<span class="arithmatex">\(\notacommand x\)</span>', PAGE, None, None)


def test_an_original_note_block_that_runs_cleanly_stops_the_build():
    errata = hook("errata")
    markdown = "# 오류\n\n```{.python .original-note}\nx = 1\n```\n"
    with pytest.raises(PluginError, match=r"sigmoid\.md, line 3: this original-note block ran without error"):
        errata.on_page_markdown(markdown, PAGE, None, None)


def test_every_build_starts_with_the_package_as_it_is_on_disk(monkeypatch):
    """mkdocs serve rebuilds in one process: the package hook makes it import src/ afresh."""
    import sys

    import activations.sigmoid

    for name in [name for name in sys.modules if name.startswith("activations")]:
        monkeypatch.setitem(sys.modules, name, sys.modules[name])  # restored after the test
    hook("package").on_pre_build(None)
    assert not [name for name in sys.modules if name.startswith("activations")]
    import activations.sigmoid as fresh

    assert fresh is not activations.sigmoid
