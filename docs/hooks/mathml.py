"""Turn the LaTeX that pymdownx.arithmatex leaves in a page into MathML, at build time.

Browsers draw MathML natively, so the site needs neither MathJax nor KaTeX, and no CDN.
A formula that latex2mathml cannot read, or would render wrongly, stops the build with the
page, the line and the formula: an unknown command or environment (latex2mathml would keep
the command as text and silently drop the environment) and an `&` outside a table (it would
become a literal "&" in the MathML).

Conversions are kept in .cache/mathml.json, under the versions of latex2mathml and Python and
the bytes of this file: a warm build converts no formula. Only formulas that converted are
kept, so a wrong one stops every build until it is fixed.
"""

import hashlib
import html
import platform
import re
from importlib.metadata import version
from pathlib import Path

from mkdocs.exceptions import PluginError

import snapshot  # docs/hooks/snapshot.py

# arithmatex (generic: true) wraps inline math as \( \) in a span, display math as \[ \] in a div.
INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.S)
DISPLAY = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.S)
ENVIRONMENT = re.compile(r"\\begin\{([^}]*)\}")
# amsmath's `aligned` (what MathJax users write inside \[ \]) is laid out exactly like
# latex2mathml's `align*`: right/left column pairs, no equation numbers.
ALIGNED = re.compile(r"\\(begin|end)\{aligned\}")
STRAY_AMPERSAND = re.compile(r"&(?!#?\w+;)")  # an & that does not start an entity
MEMO = None  # this build's Memo, made in on_pre_build; outside a build (tests) nothing is kept


def formula_line(page, latex):
    """The line of the page's source where `latex` starts, or None if it is not found there
    (e.g. a formula that contains a {{ fact }})."""
    source = getattr(page.file, "content_string", None) or ""
    first = next((line.strip() for line in latex.splitlines() if line.strip()), latex)
    for number, line in enumerate(source.splitlines(), start=1):
        if first in line:
            return number
    return None


class FormulaError(ValueError):
    """A formula that latex2mathml would convert, but wrongly."""


def to_mathml(latex, display):
    """MathML for `latex`; FormulaError if latex2mathml would not convert it faithfully."""
    # Imported here: a warm build takes every formula from the memo and needs no latex2mathml.
    from latex2mathml.commands import MATRICES
    from latex2mathml.converter import convert

    environments = {name.lstrip("\\") for name in MATRICES} | {"aligned"}
    for name in ENVIRONMENT.findall(latex):
        if name not in environments:
            known = ", ".join(sorted(environments))
            raise FormulaError(rf"unknown LaTeX environment \begin{{{name}}} (known: {known})")
    mathml = convert(ALIGNED.sub(r"\\\1{align*}", latex), display="block" if display else "inline")
    # latex2mathml keeps a command it does not know as text (<mi>\foo</mi>).
    if re.search(r">\\[A-Za-z]+<", mathml):
        raise FormulaError("unknown LaTeX command")
    if STRAY_AMPERSAND.search(mathml):
        raise FormulaError(r"'&' outside a table environment (use \begin{aligned} or \begin{cases}; a literal & is \&)")
    return mathml


class Memo:
    """The MathML of formulas converted by an earlier build, and of those of this one (the next memo)."""

    def __init__(self, base):
        self.path = snapshot.cache_root(base) / "mathml.json"
        source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
        self.key = f"latex2mathml {version('latex2mathml')}, python {platform.python_version()}, mathml.py {source}"
        self.stored = snapshot.read(self.path, self.key) or {}
        self.used = {}  # "inline LATEX" or "display LATEX" -> MathML
        self.converted = 0

    def mathml(self, latex, display):
        formula = f"{'display' if display else 'inline'} {latex}"
        if formula not in self.used:
            if formula in self.stored:
                self.used[formula] = self.stored[formula]
            else:
                self.used[formula] = to_mathml(latex, display)  # raises before anything is kept
                self.converted += 1
        return self.used[formula]


def on_pre_build(config):
    global MEMO
    MEMO = Memo(Path(config.config_file_path).parent)


def on_post_build(config):
    if MEMO.used != MEMO.stored:
        snapshot.write(MEMO.path, MEMO.key, MEMO.used)


def on_page_content(html_text, page, config, files):
    def converter(display):
        def replace(match):
            latex = html.unescape(match.group(1)).strip()
            try:
                mathml = MEMO.mathml(latex, display) if MEMO else to_mathml(latex, display)
            except Exception as error:
                line = formula_line(page, latex)
                where = page.file.src_uri + (f", line {line}" if line else "")
                what = error if isinstance(error, FormulaError) else f"cannot convert ({type(error).__name__}: {error})"
                raise PluginError(f'{where}: {what} in formula "{latex}"') from error
            tag = "div" if display else "span"
            return f'<{tag} class="math">{mathml}</{tag}>'

        return replace

    html_text = DISPLAY.sub(converter(True), html_text)
    return INLINE.sub(converter(False), html_text)
