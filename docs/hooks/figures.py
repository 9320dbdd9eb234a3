"""Draw the figures that the pages link to, at build time, into the built site only.

A page links a figure as ![설명](figures/NAME.svg); NAME must be a figure registered in
`activations.pages`. Each figure is drawn twice, for the light and the dark colour scheme
(figures/NAME.svg and figures/NAME-dark.svg), and the page shows the one of the reader's
scheme (Material hides an image whose URL ends in #only-light or #only-dark). Nothing is
written into docs/: the SVGs are added to the build as generated files, cached in
.cache/figures/ under a hash of everything the figure uses (see `activations.pages.cache`).
In front of that cache, .cache/snapshot/figures.json names the files of the last build (see
snapshot.py): while no file of src/activations changed and the pages show the same figures, a
build reads those files and never imports the package.
A figure that raises or warns, or whose SVG is over the size budget, stops the build.
"""

import difflib
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

import snapshot  # docs/hooks/snapshot.py

FIGURE_LINK = re.compile(r"\]\(figures/([^)\s]+)\.svg\)")
# A figure's <img> in a built page (its src made relative to the page, e.g. "../figures/x.svg").
FIGURE_IMG = re.compile(r'<img\b[^>]*\bsrc="(?P<folder>[^"]*figures/)(?P<name>\w+)\.svg"[^>]*>')
SNAPSHOT = Path("snapshot", "figures.json")  # in the cache folder
log = logging.getLogger("mkdocs.hooks.figures")


def site_path(name, scheme):
    """Where figure `name` of colour scheme `scheme` is in the built site."""
    return f"figures/{name}.svg" if scheme == "light" else f"figures/{name}-{scheme}.svg"


def on_files(files, config):
    used = {}  # figure name -> {page: the first line that shows it}
    for page in files.documentation_pages():
        text = read_page(page)
        for match in FIGURE_LINK.finditer(text):
            used.setdefault(match.group(1), {}).setdefault(page.src_uri, text.count("\n", 0, match.start()) + 1)
    root, key = snapshot.cache_root(Path(config.config_file_path).parent), snapshot.source_key()
    svgs = from_snapshot(snapshot.read(root / SNAPSHOT, key), root, used)
    if svgs is None:
        svgs, stored = drawn(used, root)
        snapshot.write(root / SNAPSHOT, key, stored)
    else:
        log.info("figures: 0 drawn, %d from cache", len(svgs))
    for path, svg in svgs.items():
        files.append(File.generated(config, path, content=svg))
    return files


def from_snapshot(stored, root, used):
    """{site path: SVG} as the last build made them, or None if its snapshot does not fit this build."""
    # The last build showed exactly its registered figures; showing others needs the registry's checks.
    if stored is None or sorted(stored) != sorted(used):
        return None
    try:
        return {site_path(name, scheme): (root / file).read_bytes()
                for name, schemes in stored.items() for scheme, file in schemes.items()}
    except FileNotFoundError:  # the fine-grained cache was cleared
        return None


def drawn(used, root):
    """({site path: SVG}, the snapshot of them) from activations.pages.cache; errors stop the build."""
    from activations.pages import FIGURES
    from activations.pages.cache import SCHEMES, BuildCache
    from activations.pages.registry import SVG_BUDGET

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

    cache = BuildCache(root)
    # Draw every figure first, add them to the site after: a failing figure leaves no half-made file set.
    svgs, stored = {}, {}
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
            stored.setdefault(name, {})[scheme] = cache.files[name, scheme].relative_to(root).as_posix()
    log.info("figures: %d drawn, %d from cache", len(cache.drawn), cache.figures_from_cache)
    return svgs, stored


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
