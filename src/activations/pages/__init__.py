"""What the site's pages take from the package at build time: figures and facts.

- A *figure* is a function that returns a matplotlib Figure; a page shows it as
  ``![한국어 설명](figures/NAME.svg)``, and docs/hooks/figures.py draws it at build time.
- A *fact* is a function that returns a number as text; a page's prose writes it as
  ``{{ NAME }}``, and docs/hooks/facts.py puts the value in.

Each page has one module here (``pages/sigmoid.py`` for ``docs/sigmoid.md``) that registers
its figures and facts with the decorators of ``activations.pages.registry``. Importing this
package imports every page module, so that the registry is complete.
"""

from activations.pages import (
    comparison,
    leaky_relu,
    modern,
    nonlinearity,
    output_layer,
    relu,
    sigmoid,
    softmax,
    tanh,
    vanishing_gradient,
)
from activations.pages.hashing import dependencies, fact_hash, figure_hash
from activations.pages.registry import (
    FACTS,
    FIGURES,
    compute_fact,
    drawn_figure,
    fact,
    figure,
    render_figure,
    times_ten,
)

__all__ = [
    "FACTS",
    "FIGURES",
    "compute_fact",
    "dependencies",
    "drawn_figure",
    "fact",
    "fact_hash",
    "figure",
    "figure_hash",
    "render_figure",
    "times_ten",
]
