"""Tests of activations.nonlinearity (step, step_grad, stack_linear) and the figures of docs/nonlinearity.md.

References: an element-by-element Python definition, torch.heaviside, PyTorch autograd, nn.Linear stacks.
"""

import math
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from activations.nonlinearity import stack_linear, step, step_grad
from activations.pages import FACTS, FIGURES
from activations.pages import nonlinearity as page

DOC = Path(__file__).resolve().parents[1] / "docs" / "nonlinearity.md"
FLOATS = [np.float16, np.float32, np.float64]
WIDTH = {np.float16: 16, np.float32: 32, np.float64: 64}
SPECIAL = [-np.inf, -1e308, -1.0, -5e-324, -0.0, 0.0, 5e-324, 1.0, 1e308, np.inf, np.nan]


def float_arrays(dtype, allow_nan=True):
    elements = st.floats(width=WIDTH[dtype], allow_nan=allow_nan)
    return hnp.arrays(dtype, hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=6), elements=elements)


def step_by_definition(v):
    """H(x) = 1 for x > 0, 0 for x <= 0, nan stays nan: one Python float at a time."""
    return math.nan if math.isnan(v) else (1.0 if v > 0 else 0.0)


# -- step ------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", FLOATS)
@given(data=st.data())
def test_step_matches_definition(dtype, data):
    x = data.draw(float_arrays(dtype))
    y = step(x)
    assert y.dtype == dtype and np.shape(y) == x.shape
    expected = np.array([step_by_definition(float(v)) for v in x.ravel()], dtype=np.float64).reshape(x.shape)
    np.testing.assert_array_equal(np.asarray(y, dtype=np.float64), expected)


@pytest.mark.parametrize("dtype", FLOATS)
@given(data=st.data())
def test_step_matches_torch_heaviside(dtype, data):
    x = data.draw(float_arrays(dtype, allow_nan=False))  # torch.heaviside(nan) is 0, NumPy's is nan
    expected = torch.heaviside(torch.from_numpy(x.copy()), torch.tensor(0.0, dtype=torch.from_numpy(x).dtype))
    np.testing.assert_array_equal(step(x), expected.numpy())


def test_step_special_values():
    y = step(np.array(SPECIAL))
    for value, out in zip(SPECIAL, y, strict=True):
        assert (math.isnan(out) and math.isnan(value)) or out == step_by_definition(value)
    assert step(0.0) == 0.0 and step(-0.0) == 0.0 and step(5e-324) == 1.0


# -- step_grad -----------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", FLOATS)
@given(data=st.data())
def test_step_grad_is_zero_and_keeps_nan(dtype, data):
    x = data.draw(float_arrays(dtype))
    g = step_grad(x)
    assert g.dtype == dtype and np.shape(g) == x.shape
    np.testing.assert_array_equal(np.isnan(g), np.isnan(x))
    assert np.all(g[~np.isnan(x)] == 0)


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda v: abs(v) > 1e-3))
def test_step_grad_is_the_slope_away_from_zero(x):
    h = 1e-4
    assert (step(x + h) - step(x - h)) / (2 * h) == step_grad(x)


def test_difference_quotient_at_zero_blows_up():
    """At x = 0 there is no derivative: the difference quotient grows like 1 / (2h)."""
    for h in [1e-1, 1e-3, 1e-5]:
        assert (step(h) - step(-h)) / (2 * h) == pytest.approx(1 / (2 * h))


@given(float_arrays(np.float32, allow_nan=False))
def test_step_grad_matches_torch_autograd(x):
    """torch.heaviside has no derivative in PyTorch; (sign(x) + 1) / 2 is a step whose autograd is defined."""
    x_t = torch.from_numpy(x.copy()).requires_grad_()
    ((torch.sign(x_t) + 1) / 2).sum().backward()
    np.testing.assert_array_equal(step_grad(x), x_t.grad.numpy())


def test_torch_heaviside_has_no_derivative():
    """What docs/nonlinearity.md shows: PyTorch refuses to differentiate the step function."""
    x = torch.tensor([-1.0, 0.0, 2.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="heaviside is not implemented"):
        torch.heaviside(x, torch.tensor(0.0)).sum().backward()


def test_step_cannot_learn_but_sigmoid_can():
    """The page's one-weight example: with the step function the gradient is 0 and w never moves."""
    from activations.sigmoid import sigmoid, sigmoid_grad

    x, target, lr = 2.0, 1.0, 0.5
    final = {}
    for name, f, f_grad in [("step", step, step_grad), ("sigmoid", sigmoid, sigmoid_grad)]:
        w = -1.0
        for _ in range(50):
            w = w - lr * 2 * (f(w * x) - target) * f_grad(w * x) * x
        final[name] = (w, f(w * x))
    assert final["step"] == (-1.0, 0.0)
    assert final["sigmoid"][0] > 0 and final["sigmoid"][1] > 0.9


# -- types and bad input for step and step_grad --------------------------------------


@pytest.mark.parametrize("func", [step, step_grad])
@pytest.mark.parametrize("value", [0, 3, -2, 0.5, -1e308])
def test_python_scalars_give_float64_scalars(func, value):
    y = func(value)
    assert isinstance(y, np.float64) and np.ndim(y) == 0
    assert y == func(np.array([value], dtype=np.float64))[0]


@pytest.mark.parametrize("func", [step, step_grad])
@pytest.mark.parametrize("dtype", FLOATS)
def test_zero_d_arrays_give_scalars_of_the_same_dtype(func, dtype):
    y = func(np.array(-1.5, dtype=dtype))
    assert isinstance(y, dtype)


@pytest.mark.parametrize("func", [step, step_grad])
@pytest.mark.parametrize("int_dtype", [np.int8, np.int64, np.uint8])
def test_integers_become_float64(func, int_dtype):
    x = np.array([0, 1, 2, 100], dtype=int_dtype)
    y = func(x)
    assert y.dtype == np.float64
    np.testing.assert_array_equal(y, func(x.astype(np.float64)))


@pytest.mark.parametrize("func", [step, step_grad])
@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("shape", [(0,), (3, 0)])
def test_empty_arrays(func, dtype, shape):
    y = func(np.empty(shape, dtype=dtype))
    assert y.shape == shape and y.dtype == dtype


@pytest.mark.parametrize("func", [step, step_grad])
@pytest.mark.parametrize("bad", ["0", ["a"], np.array([1j]), 1j, None])
def test_non_real_input_is_a_type_error(func, bad):
    with pytest.raises(TypeError):
        func(bad)


@pytest.mark.parametrize("func", [step, step_grad])
def test_ragged_input_is_a_value_error(func):
    with pytest.raises(ValueError):
        func([[1.0], [2.0, 3.0]])


@pytest.mark.parametrize("func", [step, step_grad])
@pytest.mark.parametrize("dtype", FLOATS)
def test_masked_arrays_keep_their_mask(func, dtype):
    x = np.ma.array([-1.0, 0.0, 2.0, np.inf], mask=[False, True, False, False], dtype=dtype)
    y = func(x)
    assert isinstance(y, np.ma.MaskedArray)
    np.testing.assert_array_equal(np.ma.getmaskarray(y), x.mask)
    np.testing.assert_array_equal(y.compressed(), func(x.compressed()))


# -- stack_linear ------------------------------------------------------------------------


@st.composite
def networks(draw, dtype=np.float64, min_layers=1):
    """Layer sizes, then weights (out x in) and biases (out) of small finite values, and one input."""
    sizes = draw(st.lists(st.integers(1, 5), min_size=min_layers + 1, max_size=5))
    values = st.floats(-4, 4, width=WIDTH[dtype])
    weights = [draw(hnp.arrays(dtype, (n_out, n_in), elements=values)) for n_in, n_out in pairwise(sizes)]
    biases = [draw(hnp.arrays(dtype, (w.shape[0],), elements=values)) for w in weights]
    x = draw(hnp.arrays(dtype, (sizes[0],), elements=values))
    return weights, biases, x


def run_layers(weights, biases, x):
    for w, b in zip(weights, biases, strict=True):
        x = w @ x + b
    return x


@given(networks())
def test_stack_linear_equals_the_layers_one_after_another(net):
    weights, biases, x = net
    w, b = stack_linear(weights, biases)
    assert w.shape == (weights[-1].shape[0], weights[0].shape[1]) and b.shape == (weights[-1].shape[0],)
    expected = run_layers(weights, biases, x)
    scale = 1 + np.max(np.abs(expected), initial=0) + 4.0 ** len(weights)  # rounding grows with size and depth
    np.testing.assert_allclose(w @ x + b, expected, rtol=1e-12, atol=1e-12 * scale)


@given(networks())
def test_stack_linear_matches_torch_sequential(net):
    weights, biases, x = net
    layers = []
    for w, b in zip(weights, biases, strict=True):
        layer = torch.nn.Linear(w.shape[1], w.shape[0], dtype=torch.float64)
        with torch.no_grad():
            layer.weight.copy_(torch.from_numpy(w))
            layer.bias.copy_(torch.from_numpy(b))
        layers.append(layer)
    with torch.no_grad():
        expected = torch.nn.Sequential(*layers)(torch.from_numpy(x)).numpy()
    w, b = stack_linear(weights, biases)
    scale = 1 + np.max(np.abs(expected), initial=0) + 4.0 ** len(weights)
    np.testing.assert_allclose(w @ x + b, expected, rtol=1e-12, atol=1e-12 * scale)


@given(networks(min_layers=2))
def test_stack_linear_is_associative(net):
    weights, biases, _ = net
    w_all, b_all = stack_linear(weights, biases)
    w_head, b_head = stack_linear(weights[:-1], biases[:-1])
    w, b = stack_linear([w_head, weights[-1]], [b_head, biases[-1]])
    np.testing.assert_allclose(w, w_all, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(b, b_all, rtol=1e-12, atol=1e-9)


def test_stack_linear_two_layers_is_the_formula():
    w1, b1 = np.array([[1.0, -1.0], [2.0, 0.0], [0.0, 1.0]]), np.array([0.0, -1.0, 1.0])
    w2, b2 = np.array([[1.0, 1.0, -1.0], [0.0, 2.0, 1.0]]), np.array([1.0, 0.0])
    w, b = stack_linear([w1, w2], [b1, b2])
    np.testing.assert_array_equal(w, w2 @ w1)  # small integers: exact
    np.testing.assert_array_equal(b, w2 @ b1 + b2)


def test_stack_linear_single_layer():
    w1, b1 = np.array([[1.0, -1.0], [2.0, 0.0], [0.0, 1.0]]), np.array([0.0, -1.0, 1.0])
    w, b = stack_linear([w1], [b1])
    np.testing.assert_array_equal(w, w1)
    np.testing.assert_array_equal(b, b1)


@given(networks())
def test_stacked_linear_layers_keep_midpoints(net):
    """What docs/nonlinearity.md checks: a map W x + b sends the midpoint of two inputs to the midpoint
    of their outputs, so stacked linear layers do too."""
    weights, biases, x1 = net
    x2 = x1[::-1].copy()
    f = lambda v: run_layers(weights, biases, v)  # noqa: E731
    scale = 1 + np.max(np.abs(f(x1)), initial=0) + np.max(np.abs(f(x2)), initial=0) + 4.0 ** len(weights)
    np.testing.assert_allclose(f((x1 + x2) / 2), (f(x1) + f(x2)) / 2, rtol=1e-12, atol=1e-12 * scale)


def test_relu_between_breaks_the_midpoint():
    """The page's network with a ReLU between the layers: the midpoint test fails, so no (W, b) can match it."""
    w1, b1 = np.array([[1.0, -1.0], [2.0, 0.0], [0.0, 1.0]]), np.array([0.0, -1.0, 1.0])
    w2, b2 = np.array([[1.0, 1.0, -1.0], [0.0, 2.0, 1.0]]), np.array([1.0, 0.0])
    relu_net = lambda v: w2 @ np.maximum(0, w1 @ v + b1) + b2  # noqa: E731
    x1, x2 = np.array([1.0, 2.0]), np.array([-3.0, 0.0])
    assert not np.allclose(relu_net((x1 + x2) / 2), (relu_net(x1) + relu_net(x2)) / 2)


@pytest.mark.parametrize("dtype", FLOATS)
def test_stack_linear_keeps_the_float_dtype(dtype):
    weights = [np.eye(3, dtype=dtype), np.ones((2, 3), dtype=dtype)]
    w, b = stack_linear(weights, [np.zeros(3, dtype), np.ones(2, dtype)])
    assert w.dtype == dtype and b.dtype == dtype


@pytest.mark.parametrize(
    "weights, biases, error",
    [
        ([np.eye(2), np.ones((2, 3))], [np.zeros(2), np.zeros(2)], ValueError),  # 3 inputs after 2 outputs
        ([np.eye(2), np.eye(2)], [np.zeros(2)], ValueError),  # a bias missing
        ([], [], IndexError),  # no layer
    ],
)
def test_stack_linear_bad_input_raises(weights, biases, error):
    """No shape checks of its own: NumPy's @ and zip(strict=True) refuse what does not fit."""
    with pytest.raises(error):
        stack_linear(weights, biases)


# -- figures of docs/nonlinearity.md ----------------------------------------------------


def own(registry):
    return sorted(name for name, func in registry.items() if func.__module__ == page.__name__)


def test_figure_names_are_prefixed_and_shown_on_the_page():
    text = DOC.read_text(encoding="utf-8")
    assert own(FIGURES)
    for name in own(FIGURES) + own(FACTS):
        assert name.startswith("nonlinearity_")
    for name in own(FIGURES):
        assert f"](figures/{name}.svg)" in text


def test_figure_network_collapses_to_a_line():
    """The figure's straight line is drawn from stack_linear; it must equal the two layers."""
    x = np.linspace(-5, 5, 11)
    w, b = stack_linear([page.W1, page.W2], [page.B1, page.B2])
    np.testing.assert_allclose(page.two_layers(x, lambda h: h), x * w[0, 0] + b[0], rtol=1e-12, atol=1e-12)
    bent = page.two_layers(x, lambda h: np.maximum(0, h))
    assert not np.allclose(np.diff(bent, 2), 0)  # with ReLU between, the curve is not a line
