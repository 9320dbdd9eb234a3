"""Draw the figures that the pages link to, at build time, into the built site only.

A page links a figure as ![설명](figures/NAME.svg); NAME must be a figure registered in
`activations.pages`. Each figure is drawn twice, for the light and the dark colour scheme
(figures/NAME.svg and figures/NAME-dark.svg), and the page shows the one of the reader's
scheme (Material hides an image whose URL ends in #only-light or #only-dark). Nothing is
written into docs/: the SVGs are added to the build as generated files, cached in
.cache/figures/ under a hash of everything the figure uses (see `activations.pages.cache`).
A figure that raises or warns, or whose SVG is over the size budget, stops the build.
"""

import difflib
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

FIGURE_LINK = re.compile(r"\]\(figures/([^)\s]+)\.svg\)")
# A figure's <img> in a built page (its src made relative to the page, e.g. "../figures/x.svg").
FIGURE_IMG = re.compile(r'<img\b[^>]*\bsrc="(?P<folder>[^"]*figures/)(?P<name>\w+)\.svg"[^>]*>')
log = logging.getLogger("mkdocs.hooks.figures")


def site_path(name, scheme):
    """Where figure `name` of colour scheme `scheme` is in the built site."""
    return f"figures/{name}.svg" if scheme == "light" else f"figures/{name}-{scheme}.svg"


def on_files(files, config):
    from activations.pages import FIGURES
    from activations.pages.cache import SCHEMES, BuildCache, cache_root
    from activations.pages.registry import SVG_BUDGET

    used = {}  # figure name -> {page: the first line that shows it}
    for page in files.documentation_pages():
        text = read_page(page)
        for match in FIGURE_LINK.finditer(text):
            used.setdefault(match.group(1), {}).setdefault(page.src_uri, text.count("\n", 0, match.start()) + 1)
    unknown = sorted((page, line, name) for name, pages in used.items() for page, line in pages.items()
                     if name not in FIGURES)
    if unknown:
        raise PluginError("; ".join(
            f"{page}, line {line}: unknown figure figures/{name}.svg{nearest(name, FIGURES)}"
            for page, line, name in unknown
        ))
    unused = sorted(set(FIGURES) - set(used))
    if unused:
        raise PluginError(f"figure(s) registered in activations.pages but shown on no page: {unused}")

    cache = BuildCache(cache_root(Path(config.config_file_path).parent))
    # Draw every figure first, add them to the site after: a failing figure leaves no half-made file set.
    svgs = {}
    for name, pages in sorted(used.items()):
        where = f"figure {name!r} (on {', '.join(pages)})"
        for scheme in SCHEMES:
            try:
                svg = cache.figure(name, scheme, budget=SVG_BUDGET)
            except Exception as error:
                raise PluginError(f"{where} failed: {type(error).__name__}: {error}") from error
            if len(svg) > SVG_BUDGET:  # a cache entry made before the budget was lowered
                raise PluginError(f"{where}: its {scheme} SVG has {len(svg):,} bytes, over {SVG_BUDGET:,}")
            svgs[site_path(name, scheme)] = svg
    for path, svg in svgs.items():
        files.append(File.generated(config, path, content=svg))
    log.info("figures: %d drawn, %d from cache", len(cache.drawn), cache.figures_from_cache)
    return files


def nearest(name, known):
    """A hint at the registered name closest to a mistyped one, if any is close."""
    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean figures/{close[0]}.svg?)" if close else " (no registered figure has a close name)"


def read_page(page):
    """The page's text; a byte that is not UTF-8 stops the build with the page and the line."""
    data = Path(page.abs_src_path).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise PluginError(
            f"{page.src_uri}, line {line}: byte {data[error.start]:#04x} is not UTF-8; save the page as UTF-8"
        ) from None


def on_page_content(html, page, config, files):
    """Show each figure once per colour scheme; the page itself links only figures/NAME.svg."""

    def both(match):
        tag, folder, name = match.group(0), match.group("folder"), match.group("name")
        if "loading=" not in tag:  # the hidden scheme's image is then never downloaded
            tag = tag.replace("<img ", '<img loading="lazy" ', 1)
        src = f'src="{folder}{name}.svg"'
        light = tag.replace(src, f'src="{folder}{name}.svg#only-light"')
        dark = tag.replace(src, f'src="{folder}{name}-dark.svg#only-dark"')
        return light + dark

    return FIGURE_IMG.sub(both, html)
