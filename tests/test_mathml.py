"""docs/hooks/mathml.py: formulas become MathML, and one it would render wrongly stops the build.

Each case puts one formula into a copy of a real page (docs/sigmoid.md), renders it with
arithmatex as the site does, and runs the hook on it: the error names the page, the line of
the formula in the page and the formula. A build keeps what it converted for the next one
(.cache/mathml.json), never a formula that failed.
"""

import json
import re
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from mkdocs.exceptions import PluginError

from conftest import load_hook

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs" / "sigmoid.md").read_text(encoding="utf-8").rstrip("\n")
LINE = PAGE.count("\n") + 3  # the new formula's line: after the page and a blank line


def built_with(formula, hook=None):
    """The sigmoid page with `formula` (display math) at LINE, through arithmatex and the hook."""
    source = f"{PAGE}\n\n\\[ {formula} \\]\n"
    html = markdown.markdown(
        source, extensions=["pymdownx.arithmatex"], extension_configs={"pymdownx.arithmatex": {"generic": True}}
    )
    page = SimpleNamespace(file=SimpleNamespace(src_uri="sigmoid.md", content_string=source))
    return (hook or load_hook("mathml")).on_page_content(html, page, None, None)


def test_the_page_and_an_aligned_formula_become_mathml():
    out = built_with(r"\begin{aligned} a &= b + c \\ d &= e \end{aligned}")
    assert "arithmatex" not in out
    formula = re.findall(r"<math[^>]*>.*?</math>", out, re.S)[-1]
    assert formula.count("<mtr>") == 2, formula
    assert re.findall(r'columnalign="(\w+)"', formula) == ["right", "left"] * 2, formula
    assert not re.search(r"&(?!#?\w+;)", formula), f"a raw '&' in {formula}"


@pytest.mark.parametrize(
    ("formula", "error"),
    [
        (r"\begin{foo} x \end{foo}", r"unknown LaTeX environment \\begin\{foo\}"),
        (r"a &= b", r"'&' outside a table environment"),
        (r"\sigmoid(x)", r"unknown LaTeX command"),
    ],
)
def test_a_formula_that_would_render_wrongly_stops_the_build_naming_page_and_line(formula, error):
    with pytest.raises(PluginError, match=rf'^sigmoid\.md, line {LINE}: {error}.* in formula "{re.escape(formula)}"$'):
        built_with(formula)


@pytest.fixture
def build(tmp_path, monkeypatch):
    """A build's start, as MkDocs runs the hook (.cache/ in tmp_path): the hook, fresh, with its memo read."""
    monkeypatch.setenv("FIGURE_CACHE_DIR", str(tmp_path))
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))

    def start():
        hook = load_hook("mathml")  # mkdocs serve loads the hooks again for every build
        hook.on_pre_build(config)
        return hook, config

    return start


def test_a_second_build_takes_every_formula_from_the_memo(build, monkeypatch):
    first, config = build()
    converted = built_with(r"\sigma(x) = \frac{1}{1 + e^{-x}}", first)
    assert first.MEMO.converted > 0
    first.on_post_build(config)

    second, _ = build()

    def must_not_convert(latex, display):
        raise AssertionError(f"{latex} was converted again although the memo holds it")

    monkeypatch.setattr(second, "to_mathml", must_not_convert)
    assert built_with(r"\sigma(x) = \frac{1}{1 + e^{-x}}", second) == converted
    assert second.MEMO.converted == 0


def test_a_formula_that_failed_is_not_kept(build, tmp_path):
    first, config = build()
    with pytest.raises(PluginError, match="unknown LaTeX command"):
        built_with(r"\sigmoid(x)", first)
    first.on_post_build(config)  # as if the build went on (MkDocs stops it): even then no failure is kept
    kept = json.loads((tmp_path / "mathml.json").read_text(encoding="utf-8"))["data"]
    assert kept, "the page's formulas before the failing one are kept"
    assert not [formula for formula in kept if r"\sigmoid" in formula]

    second, _ = build()
    with pytest.raises(PluginError, match=rf"^sigmoid\.md, line {LINE}: unknown LaTeX command"):
        built_with(r"\sigmoid(x)", second)
