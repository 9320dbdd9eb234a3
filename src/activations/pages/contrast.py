"""Make a drawn figure legible on its background: the light and the dark scheme of the site.

Figures name colours as pages think of them in the light scheme ("C1", "0.6" for a guide line,
"white" for a hollow marker). On the dark background a neutral grey is mirrored (black text
becomes the light foreground, a white marker face becomes the background, a light band stays
a faint band), and in either scheme every line and text is pushed away from the background
until it has `minimum` contrast (WCAG: 3:1 for graphics and large text). Fills keep their colour.

matplotlib is imported inside the functions: importing this module must not load it.
"""

import numpy as np


def luminance(rgb):
    """WCAG relative luminance of an sRGB colour (components in 0..1)."""
    channels = np.asarray(rgb[:3], dtype=float)
    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def contrast_ratio(first, second):
    """WCAG contrast ratio of two sRGB colours, from 1 (same) to 21 (black on white)."""
    high, low = sorted([luminance(first), luminance(second)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def seen(rgba, background, alpha=None):
    """The colour a reader sees: `rgba` with its alpha (or the artist's `alpha`) over `background`."""
    a = rgba[3] if alpha is None else alpha
    return tuple(a * np.asarray(rgba[:3]) + (1 - a) * np.asarray(background[:3]))


def legible(fig, background, foreground, minimum):
    """Recolour `fig` in place for `background` (see the module docstring)."""
    import matplotlib.colors as mcolors
    from matplotlib.collections import Collection
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, Patch
    from matplotlib.spines import Spine
    from matplotlib.text import Text

    bg, fg = mcolors.to_rgba(background), mcolors.to_rgba(foreground)
    dark = luminance(bg) < 0.5
    extreme = (1.0, 1.0, 1.0) if dark else (0.0, 0.0, 0.0)

    def mirrored(rgba):
        """In the dark scheme, a neutral grey v keeps its distance 1 - v from the background."""
        if not dark or np.ptp(rgba[:3]) > 0.02:
            return tuple(rgba)
        distance = 1 - float(np.mean(rgba[:3]))
        return (*(np.asarray(bg[:3]) + distance * (np.asarray(fg[:3]) - np.asarray(bg[:3]))), rgba[3])

    def stroke(color, alpha=None):
        """A line or text colour with at least `minimum` contrast, as seen over the background."""
        rgba = mirrored(mcolors.to_rgba(color))
        if rgba[3] == 0:
            return rgba
        for step in np.linspace(0, 1, 51):
            candidate = (*(np.asarray(rgba[:3]) + step * (np.asarray(extreme) - np.asarray(rgba[:3]))), rgba[3])
            if contrast_ratio(seen(candidate, bg, alpha), bg) >= minimum:
                return candidate
        return (*extreme, 1.0)

    def fill(color):
        return mirrored(mcolors.to_rgba(color))

    backgrounds = {id(fig.patch)} | {id(ax.patch) for ax in fig.axes}
    gridlines = set()  # decorative, drawn faint on purpose by the style
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            gridlines |= {id(tick.gridline) for tick in axis.get_major_ticks() + axis.get_minor_ticks()}

    for artist in fig.findobj():
        if id(artist) in backgrounds or id(artist) in gridlines:
            continue
        if isinstance(artist, Line2D):
            face, edge, color = artist.get_markerfacecolor(), artist.get_markeredgecolor(), artist.get_color()
            artist.set_color(stroke(color, artist.get_alpha()))
            if not _same(face, color):
                artist.set_markerfacecolor(fill(face))
            if not _same(edge, color):
                artist.set_markeredgecolor(stroke(edge, artist.get_alpha()))
        elif isinstance(artist, Text):
            if artist.get_text().strip():
                artist.set_color(stroke(artist.get_color(), artist.get_alpha()))
        elif isinstance(artist, (FancyArrowPatch, Spine)):
            artist.set_edgecolor(stroke(artist.get_edgecolor(), artist.get_alpha()))
        elif isinstance(artist, Patch):
            artist.set_facecolor(fill(artist.get_facecolor()))
            artist.set_edgecolor(fill(artist.get_edgecolor()))
        elif isinstance(artist, Collection) and artist.get_array() is None:  # not colour-mapped data
            artist.set_facecolor([fill(color) for color in artist.get_facecolor()])
            artist.set_edgecolor([fill(color) for color in artist.get_edgecolor()])


def _same(first, second):
    import matplotlib.colors as mcolors

    if isinstance(first, str) and first in ("none", "auto"):
        return True
    return mcolors.same_color(first, second)
