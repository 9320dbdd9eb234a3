"""docs/hooks/mathml.py: formulas become MathML, and one it would render wrongly stops the build.

Each case puts one formula into a copy of a real page (docs/sigmoid.md), renders it with
arithmatex as the site does, and runs the hook on it: the error names the page, the line of
the formula in the page and the formula.
"""

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


def built_with(formula):
    """The sigmoid page with `formula` (display math) at LINE, through arithmatex and the hook."""
    source = f"{PAGE}\n\n\\[ {formula} \\]\n"
    html = markdown.markdown(
        source, extensions=["pymdownx.arithmatex"], extension_configs={"pymdownx.arithmatex": {"generic": True}}
    )
    page = SimpleNamespace(file=SimpleNamespace(src_uri="sigmoid.md", content_string=source))
    return load_hook("mathml").on_page_content(html, page, None, None)


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
