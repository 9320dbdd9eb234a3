"""Shared look of the figures: one grid of x values and one way to set up axes."""

import matplotlib.pyplot as plt
import numpy as np

# x values of every curve: 1001 points make x = 0 a grid point, so kinks and maxima are drawn exactly.
X = np.linspace(-5.0, 5.0, 1001)


def axes(ylabel, xlabel="$x$"):
    """A new figure with one set of axes, the x and y axes drawn through the origin as thin lines."""
    fig, ax = plt.subplots()
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.axvline(0, color="0.6", linewidth=0.8)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig, ax
