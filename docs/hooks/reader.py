"""What the reader's browser gets beyond Material's defaults: a lean search index and a named search dialog.

- Code blocks, display formulas and tab labels stay on the page but out of the search index:
  excerpts then show prose (not "NumPyPyTorch" or helper code) and the index is a third of its size.
  Material's search plugin skips an element that carries `data-search-exclude` and then removes
  the attribute from the page (its regex needs a non-empty value).
- The index is written as UTF-8 instead of `\\uXXXX` escapes: Hangul takes 3 bytes instead of 6.
- Exercise notebooks weigh half in search: they repeat their lesson's words, and the lesson should
  come first ("softmax" -> the softmax page, then its exercises).
- The search dialog gets an accessible name (axe: aria-dialog-name).
- Fewer elements per page (a phone lays out every one; the goal is at most 1,500): Pygments'
  spans for names, punctuation, operators, whitespace, module names and numbers are dropped
  (a code block had one element per token, half of a page's elements), and
  in the MathML an <mrow> with a single child becomes that child (the same thing, by the MathML
  spec). A prime written as a superscript identifier (latex2mathml's σ^′) becomes an operator
  right after its base, which Chromium draws as σ′ instead of a detached tick. Below the header,
  the navigation's and table of contents' <span class="md-ellipsis"> wrappers go: a long Korean
  title then wraps between words instead of ending in "…".

Hooks run after the plugins, so on_post_build finds the search plugin's index already written.
"""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from mkdocs.exceptions import PluginError

# The opening tags to keep out of the index: Pygments' <pre> (code blocks and the errata's error
# output), the MathML hook's display formulas and the labels of content tabs.
UNINDEXED = re.compile(r'<pre(?=[ >])|<div class="math"|<div class="tabbed-labels"')
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'
EXERCISE_BOOST = 0.5


# Pygments token spans drawn in the plain code colour from now on: n(ame), p(unctuation),
# o(perator), w(hitespace), nn (imported module names), mi/mf (numbers). Keywords, builtins,
# strings and comments keep their colours. These spans hold text only.
PLAIN_TOKEN = re.compile(r'<span class="(?:n|p|o|w|nn|mi|mf)">([^<]*)</span>')
MATH = re.compile(r"<math\b[^>]*>.*?</math>", re.S)
PRIME = "\u2032"
ELLIPSIS = re.compile(r'<span class="md-ellipsis">([^<]*)</span>')


def on_page_content(html_text, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        page.meta.setdefault("search", {}).setdefault("boost", EXERCISE_BOOST)
    html_text = PLAIN_TOKEN.sub(r"\1", html_text)
    html_text = MATH.sub(lambda match: simpler_mathml(match.group(0), page.file.src_uri), html_text)
    return UNINDEXED.sub(lambda match: f'{match.group(0)} data-search-exclude="unindexed"', html_text)


def simpler_mathml(mathml, where):
    """The same formula with fewer elements: single-child <mrow>s unwrapped, primes as operators."""
    try:
        root = ET.fromstring(mathml.replace(' xmlns="http://www.w3.org/1998/Math/MathML"', ""))
    except ET.ParseError as error:
        raise PluginError(f"{where}: the MathML of a formula is not well-formed ({error}): {mathml[:200]}") from None
    simplify(root)
    if len(root) == 1 and root[0].tag == "mrow" and not root[0].attrib:  # <math> is an mrow already
        root[:] = list(root[0])
    # HTML parsers put <math> in the MathML namespace by themselves: no xmlns needed.
    return ET.tostring(root, encoding="unicode", short_empty_elements=False)


def simplify(element):
    for index, child in enumerate(list(element)):
        simplify(child)
        if child.tag == "mrow" and len(child) == 1 and not (child.text or "").strip() and not child.attrib:
            grandchild = child[0]
            grandchild.tail = (grandchild.tail or "") + (child.tail or "")
            element[index] = grandchild
    for child in list(element):
        # <msup><mi>σ</mi><mi>′</mi></msup> -> <mi>σ</mi><mo lspace="0" rspace="0">′</mo>
        if child.tag == "msup" and len(child) == 2 and child[1].tag in ("mi", "mo") and child[1].text == PRIME:
            base, prime = child[0], ET.Element("mo", {"lspace": "0", "rspace": "0"})
            prime.text, prime.tail = PRIME, child.tail
            base.tail = None
            position = list(element).index(child)
            element[position : position + 1] = [base, prime]


def on_post_page(output, page, config):
    if SEARCH_DIALOG not in output or "</header>" not in output:
        raise PluginError(f"{page.file.src_uri}: Material's page layout changed; docs/hooks/reader.py cannot follow it")
    output = output.replace(SEARCH_DIALOG, f'{SEARCH_DIALOG} aria-label="검색"', 1)
    header, rest = output.split("</header>", 1)
    return header + "</header>" + ELLIPSIS.sub(r"\1", rest)


def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
