"""Draw the figures that the pages link to, at build time, into the built site only.

A page links a figure as ![설명](figures/NAME.svg); NAME must be a figure registered in
`activations.pages`. Nothing is written into docs/: the SVG is added to the build as a
generated file. Drawn SVGs are cached in .cache/figures/ under a hash of everything the
figure function uses (see `activations.pages.figure_hash`), so an unchanged figure is not
redrawn and a changed one is. A figure that raises or warns stops the build.
"""

import logging
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

FIGURE_LINK = re.compile(r"\]\(figures/([^)\s]+)\.svg\)")
# Relative to mkdocs.yml; tests point it elsewhere to build once with an empty cache.
CACHE = Path(os.environ.get("FIGURE_CACHE_DIR", ".cache/figures"))
log = logging.getLogger("mkdocs.hooks.figures")


def on_files(files, config):
    from activations.pages import FIGURES, figure_hash, render_figure

    used = {}  # figure name -> the pages that show it
    for page in files.documentation_pages():
        for name in FIGURE_LINK.findall(Path(page.abs_src_path).read_text(encoding="utf-8")):
            used.setdefault(name, []).append(page.src_uri)
    unknown = {name: pages for name, pages in used.items() if name not in FIGURES}
    if unknown:
        raise PluginError(f"unknown figure(s) {unknown}; registered: {', '.join(sorted(FIGURES))}")
    unused = sorted(set(FIGURES) - set(used))
    if unused:
        raise PluginError(f"figure(s) registered in activations.pages but shown on no page: {unused}")

    cache = Path(config.config_file_path).parent / CACHE
    cache.mkdir(parents=True, exist_ok=True)
    # Draw every figure first, add them to the site after: a failing figure leaves no half-made file set.
    drawn, svgs = 0, {}
    for name, pages in sorted(used.items()):
        cached = svgs[name] = cache / f"{name}-{figure_hash(name)}.svg"
        if not cached.exists():
            try:
                svg = render_figure(name)
            except Exception as error:
                where = f"figure {name!r} (on {', '.join(pages)})"
                raise PluginError(f"{where} failed: {type(error).__name__}: {error}") from error
            for old in cache.glob(f"{name}-*.svg"):
                old.unlink()
            cached.write_bytes(svg)
            drawn += 1
    for name, cached in svgs.items():
        files.append(File.generated(config, f"figures/{name}.svg", content=cached.read_bytes()))
    log.info("figures: %d drawn, %d from cache", drawn, len(used) - drawn)
    return files
