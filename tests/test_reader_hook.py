"""docs/hooks/reader.py: fewer elements per page, the same code and formulas."""

import html
import re

import pytest
from latex2mathml.converter import convert
from mkdocs.exceptions import PluginError

from conftest import load_hook

reader = load_hook("reader")


def text_of(markup):
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.mark.parametrize(
    "latex",
    [r"\sigma'(x) = \sigma(x)(1 - \sigma(x))", r"\frac{\partial L}{\partial W_l}", r"\left\| x \right\|", r"e^{x}"],
)
def test_simpler_mathml_has_the_same_text_and_fewer_elements(latex):
    mathml = convert(latex)
    simpler = reader.simpler_mathml(mathml, "page.md")
    assert text_of(simpler) == text_of(mathml)
    assert simpler.count("<") < mathml.count("<")
    assert "<mrow><mi>" not in simpler.replace("</mi><mi>", "")  # no single-child <mrow> left around a token


def test_a_prime_becomes_an_operator_after_its_base():
    simpler = reader.simpler_mathml(convert(r"\sigma'(x)"), "page.md")
    assert '<mi>σ</mi><mo lspace="0" rspace="0">′</mo>' in simpler
    assert "<msup>" not in simpler


def test_malformed_mathml_names_the_page():
    with pytest.raises(PluginError, match=r"sigmoid\.md: the MathML of a formula is not well-formed"):
        reader.simpler_mathml("<math><mi>x</mo></math>", "sigmoid.md")


def test_plain_tokens_lose_their_spans_and_keep_their_text():
    code = '<span class="kn">import</span><span class="w"> </span><span class="nn">np</span><span class="mf">0.5</span>'
    assert reader.PLAIN_TOKEN.sub(r"\1", code) == '<span class="kn">import</span> np0.5'
