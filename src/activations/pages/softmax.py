"""Figures and facts of docs/softmax.md."""

import numpy as np

from activations.pages.drawing import subplots
from activations.pages.registry import fact, figure
from activations.softmax import softmax

# The logit vector of the temperature figure and the temperatures it compares.
SOFTMAX_LOGITS = np.array([2.0, 1.0, 0.1, -1.0])
SOFTMAX_TEMPERATURES = (0.5, 1.0, 2.0, 5.0)

# The original note's plotting range, fed to its softmax as if it were a vector of logits.
SOFTMAX_NOTE_RANGE = (-5.0, 5.0, 0.1)


def _join(values):
    return ", ".join(f"{v:g}" for v in values)


@figure
def softmax_temperature_bars():
    fig, ax = subplots()
    ax.grid(False)
    ax.grid(axis="y")  # horizontal lines only: a vertical one would cut through the bars
    ax.set_ylabel(r"$\mathrm{softmax}(z / T)_i$")
    classes = np.arange(len(SOFTMAX_LOGITS))
    width = 0.8 / len(SOFTMAX_TEMPERATURES)
    for k, t in enumerate(SOFTMAX_TEMPERATURES):
        offset = (k - (len(SOFTMAX_TEMPERATURES) - 1) / 2) * width
        ax.bar(classes + offset, softmax(SOFTMAX_LOGITS / t), width, label=f"$T = {t:g}$")
    uniform = 1 / len(SOFTMAX_LOGITS)
    ax.axhline(uniform, color="0.4", linewidth=0.8, linestyle=":")
    ax.annotate(f"1/{len(SOFTMAX_LOGITS)}", (classes[-1] + 0.45, uniform), va="bottom", ha="right", color="0.3")
    ax.set_xticks(classes, [f"$z_{i} = {z:g}$" for i, z in enumerate(SOFTMAX_LOGITS)])
    ax.set_ylim(0, 1)
    ax.legend()
    return fig


@fact
def softmax_figure_logits():
    return _join(SOFTMAX_LOGITS)


@fact
def softmax_figure_temperatures():
    return _join(SOFTMAX_TEMPERATURES)


@fact
def softmax_temp_low():
    return f"{min(SOFTMAX_TEMPERATURES):g}"


@fact
def softmax_temp_high():
    return f"{max(SOFTMAX_TEMPERATURES):g}"


@fact
def softmax_temp_low_top():
    """Largest probability at the lowest temperature of the figure."""
    return f"{softmax(SOFTMAX_LOGITS / min(SOFTMAX_TEMPERATURES)).max():.2f}"


@fact
def softmax_temp_high_top():
    """Largest probability at the highest temperature of the figure."""
    return f"{softmax(SOFTMAX_LOGITS / max(SOFTMAX_TEMPERATURES)).max():.2f}"


@fact
def softmax_note_points():
    """How many x values the note's np.arange(-5.0, 5.0, 0.1) holds: its softmax had this many 'classes'."""
    return str(len(np.arange(*SOFTMAX_NOTE_RANGE)))


@fact
def softmax_exp_limit_float64():
    """exp(x) overflows float64 above log(largest float64)."""
    return f"{np.log(np.finfo(np.float64).max):.2f}"


@fact
def softmax_exp_limit_float32():
    """exp(x) overflows float32 (PyTorch's default dtype) above log(largest float32)."""
    return f"{np.log(np.finfo(np.float32).max):.2f}"


@fact
def softmax_exp_underflow_float32():
    """Below about this z, e^z is 0 in float32: log of the smallest float32 subnormal."""
    return f"{np.log(float(np.finfo(np.float32).smallest_subnormal)):.0f}"
