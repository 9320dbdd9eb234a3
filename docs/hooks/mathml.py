"""Turn the LaTeX that pymdownx.arithmatex leaves in a page into MathML, at build time.

Browsers draw MathML natively, so the site needs neither MathJax nor KaTeX, and no CDN.
A formula that latex2mathml cannot read stops the build with the page and the formula.
"""

import html
import re

from latex2mathml.converter import convert
from mkdocs.exceptions import PluginError

# arithmatex (generic: true) wraps inline math as \( \) in a span, display math as \[ \] in a div.
INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.S)
DISPLAY = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.S)


def on_page_content(html_text, page, config, files):
    def to_mathml(display):
        def replace(match):
            latex = html.unescape(match.group(1)).strip()
            try:
                mathml = convert(latex, display="block" if display else "inline")
            except Exception as error:
                raise PluginError(f"{page.file.src_uri}: cannot convert formula {latex!r}: {error}") from error
            # latex2mathml keeps a command it does not know as text (<mi>\foo</mi>): refuse it.
            if re.search(r">\\[A-Za-z]+<", mathml):
                raise PluginError(f"{page.file.src_uri}: unknown LaTeX command in {latex!r}")
            tag = "div" if display else "span"
            return f'<{tag} class="math">{mathml}</{tag}>'

        return replace

    html_text = DISPLAY.sub(to_mathml(True), html_text)
    return INLINE.sub(to_mathml(False), html_text)
