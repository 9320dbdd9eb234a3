"""Shared look of the figures: one grid of x values and one way to set up axes.

pyplot is imported only when a figure is drawn, so that computing facts (and a build whose
figures all come from the cache) never loads matplotlib.
"""

import numpy as np

# x values of every curve: 1001 points make x = 0 a grid point, so kinks and maxima are drawn exactly.
X = np.linspace(-5.0, 5.0, 1001)


def subplots(*args, **kwargs):
    """plt.subplots, with pyplot imported on first use."""
    import matplotlib.pyplot as plt

    return plt.subplots(*args, **kwargs)


def axes(ylabel, xlabel="$x$"):
    """A new figure with one set of axes, the x and y axes drawn through the origin as thin lines."""
    fig, ax = subplots()
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.axvline(0, color="0.6", linewidth=0.8)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig, ax
