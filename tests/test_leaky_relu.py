"""leaky_relu and leaky_relu_grad: against the definition and torch (values and autograd, also at exactly 0),
the default slope, the edges, and the page's dead neuron and PReLU."""

import inspect

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from activations.leaky_relu import leaky_relu, leaky_relu_grad
from activations.pages import compute_fact
from activations.pages.leaky_relu import (
    DEAD_BIAS,
    DEAD_INPUTS,
    DEAD_TARGET,
    DEFAULT_SLOPE,
    dead_neuron_bias_grad,
)
from activations.relu import relu, relu_grad

FLOATS = [np.float16, np.float32, np.float64]
SLOPES = [0.0, 0.01, 0.1, 0.3, 0.999]


def ref_leaky_relu(v, a):
    """The definition, one Python float at a time: x if x > 0, else a*x (nan stays nan)."""
    if v != v:
        return v
    return v if v > 0 else a * v


def ref_leaky_relu_grad(v, a):
    """1 if x > 0, a if x <= 0 (a at x = 0, as in PyTorch); nan stays nan."""
    return v if v != v else (1.0 if v > 0 else a)


def reference(func, x, a):
    """func in float64, rounded to x's dtype."""
    x = np.asarray(x)
    out = np.array([func(float(v), a) for v in x.ravel()], dtype=np.float64)
    return out.reshape(x.shape).astype(x.dtype)


def torch_value_and_grad(x, a, module=False):
    """nn.LeakyReLU(negative_slope=a) or F.leaky_relu of x and its derivative by autograd, as NumPy arrays."""
    t = torch.tensor(x, requires_grad=True)
    y = torch.nn.LeakyReLU(negative_slope=a)(t) if module else F.leaky_relu(t, negative_slope=a)
    y.sum().backward()  # elementwise: d(sum y)/dx_i = f'(x_i)
    return y.detach().numpy(), t.grad.numpy()


def edges(dtype):
    """Exactly 0 and -0, the smallest and largest numbers of the dtype, and the infinities."""
    info = np.finfo(dtype)
    tiny, big = float(info.smallest_subnormal), float(info.max)
    return np.array([0.0, -0.0, tiny, -tiny, 0.5, -0.5, -2.0, big, -big, np.inf, -np.inf], dtype=dtype)


def assert_close_to_torch(ours, theirs):
    """Equal in float64. In float16/32 torch may form a*x in float32 before rounding, NumPy in the dtype
    (with a rounded to it first), so the last bit may differ; zeros and infinities must match.
    (The sign of a zero may differ: for a = 0, torch gives 0 * (-5) = -0.0, we give 0 + (-0.0) = 0.0.)"""
    info = np.finfo(ours.dtype)
    rtol = 0 if ours.dtype == np.float64 else 2 * info.eps
    np.testing.assert_allclose(ours, theirs, rtol=rtol, atol=info.smallest_subnormal)


shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=5)
slopes = st.floats(0, 1, exclude_max=True)
positive_slopes = st.floats(0, 1, exclude_min=True, exclude_max=True)


def slopes_for(dtype):
    """A slope the dtype holds as a normal number: leaky_relu rounds a to x's dtype before a*x."""
    return st.floats(float(np.finfo(dtype).tiny), 1, exclude_max=True)


# -- against the definition ----------------------------------------------------------------


@pytest.mark.parametrize("dtype", FLOATS)
@given(data=st.data())
def test_matches_the_definition(dtype, data):
    x = data.draw(hnp.arrays(dtype, shapes, elements=st.floats(width=np.finfo(dtype).bits)))
    a = data.draw(slopes_for(dtype))
    out, grad = leaky_relu(x, a), leaky_relu_grad(x, a)
    assert out.dtype == grad.dtype == dtype
    # Here a*x is rounded in float64, then to dtype; leaky_relu rounds a to dtype, then a*x in dtype:
    # within one rounding error of each other (and of the exact value).
    info = np.finfo(dtype)
    np.testing.assert_allclose(out, reference(ref_leaky_relu, x, a), rtol=2 * info.eps, atol=info.smallest_subnormal)
    np.testing.assert_array_equal(grad, reference(ref_leaky_relu_grad, x, a))


@given(st.floats(-1e6, 1e6).filter(lambda v: abs(v) > 1e-3), slopes)
def test_grad_is_the_slope_of_leaky_relu(v, a):
    h = 1e-6 * max(1.0, abs(v))
    slope = (leaky_relu(v + h, a) - leaky_relu(v - h, a)) / (2 * h)
    np.testing.assert_allclose(leaky_relu_grad(v, a), slope, rtol=1e-6, atol=1e-9)


@given(hnp.arrays(np.float64, shapes, elements=st.floats(allow_infinity=False)))
def test_slope_zero_is_relu(x):
    np.testing.assert_array_equal(leaky_relu(x, 0.0), relu(x))
    np.testing.assert_array_equal(leaky_relu_grad(x, 0.0), relu_grad(x))


def test_slope_zero_at_minus_infinity_is_nan_as_in_torch():
    # The page says so in one sentence: a = 0 and x = -inf give 0 * (-inf) = nan, with NumPy's warning.
    with pytest.warns(RuntimeWarning, match="invalid value"):
        ours = leaky_relu(np.array([-np.inf, np.inf]), 0.0)
    theirs = F.leaky_relu(torch.tensor([-np.inf, np.inf], dtype=torch.float64), negative_slope=0.0).numpy()
    np.testing.assert_array_equal(ours, theirs)
    np.testing.assert_array_equal(ours, [np.nan, np.inf])
    # Only a = 0 at -inf: any a > 0 keeps -inf, and the derivative is a there.
    np.testing.assert_array_equal(leaky_relu(np.array([-np.inf, np.inf]), 1e-300), [-np.inf, np.inf])
    np.testing.assert_array_equal(leaky_relu_grad(np.array([-np.inf, np.inf]), 0.0), [0.0, 1.0])


@given(hnp.arrays(np.float64, shapes, elements=st.floats(-1e300, 1e300)), slopes)
def test_the_notes_maximum_agrees_for_slopes_below_one(x, a):
    # The page: np.maximum(a*x, x) is right for a <= 1 (so on our whole range [0, 1)).
    np.testing.assert_array_equal(leaky_relu(x, a), np.maximum(a * x, x))


# -- against PyTorch, including exactly 0 ---------------------------------------------------


@pytest.mark.parametrize("module", [False, True], ids=["F.leaky_relu", "nn.LeakyReLU"])
@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("a", [a for a in SLOPES if a > 0])
def test_matches_torch_at_the_edges(module, dtype, a):
    x = edges(dtype)
    value, grad = torch_value_and_grad(x, a, module)
    assert_close_to_torch(leaky_relu(x, a), value)
    np.testing.assert_array_equal(leaky_relu_grad(x, a), grad)


@pytest.mark.parametrize("a", [0.01, 0.1])
def test_grad_at_zero_is_the_slope_as_in_torch(a):
    for zero in (0.0, -0.0):
        x = torch.tensor(zero, dtype=torch.float64, requires_grad=True)
        F.leaky_relu(x, negative_slope=a).backward()
        assert x.grad.item() == a
        assert leaky_relu_grad(zero, a) == x.grad.item()
        assert leaky_relu(zero, a) == 0.0


@given(hnp.arrays(np.float64, shapes, elements=st.floats(allow_nan=False)), positive_slopes)
def test_matches_torch_float64(x, a):
    # Includes -inf: for a > 0 both give -inf (for a = 0 both give nan: tested above).
    value, grad = torch_value_and_grad(x, a)
    np.testing.assert_array_equal(leaky_relu(x, a), value)
    np.testing.assert_array_equal(leaky_relu_grad(x, a), grad)


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
@given(data=st.data())
def test_matches_torch_in_low_precision(dtype, data):
    x = data.draw(hnp.arrays(dtype, shapes, elements=st.floats(-1e4, 1e4, width=np.finfo(dtype).bits)))
    a = data.draw(slopes_for(dtype))
    value, grad = torch_value_and_grad(x, a)
    assert_close_to_torch(leaky_relu(x, a), value)
    # torch rounds the slope to float32, then to the dtype; we round it once (exact by the definition,
    # test_matches_the_definition). With the slope rounded as torch rounds it, the derivatives are equal.
    np.testing.assert_array_equal(leaky_relu_grad(x, dtype(np.float32(a))), grad)


def test_a_float16_slope_is_rounded_once_where_torch_rounds_it_twice():
    """Found by hypothesis: float32(a) is a midpoint of two float16 numbers, and a is just above it."""
    a, zero = 0.4854736419797641, np.array(0.0, dtype=np.float16)
    assert float(np.float32(a)) == (float(np.float16(0.48535156)) + float(np.float16(0.4855957))) / 2
    _, grad = torch_value_and_grad(zero, a)
    assert leaky_relu_grad(zero, a) == np.float16(a) == np.float16(0.4855957)  # a, correctly rounded
    assert grad == np.float16(np.float32(a)) == np.float16(0.48535156)  # the midpoint, rounded to even


def test_grad_of_nan_is_nan():
    # Deliberately unlike torch (whose autograd returns a here): no number is made up for nan.
    np.testing.assert_array_equal(leaky_relu_grad(np.array([np.nan, 1.0, -1.0]), 0.1), [np.nan, 1.0, 0.1])
    assert np.isnan(leaky_relu(np.nan, 0.1))


def test_default_slope_is_pytorchs():
    ours = inspect.signature(leaky_relu).parameters["a"].default
    assert ours == inspect.signature(leaky_relu_grad).parameters["a"].default
    assert ours == torch.nn.LeakyReLU().negative_slope
    assert ours == inspect.signature(F.leaky_relu).parameters["negative_slope"].default
    x = np.array([-3.0, -0.0, 0.0, 2.0])
    value, grad = torch_value_and_grad(x, torch.nn.LeakyReLU().negative_slope)
    np.testing.assert_array_equal(leaky_relu(x), value)
    np.testing.assert_array_equal(leaky_relu_grad(x), grad)


# -- dtypes, shapes and scalars ------------------------------------------------------------


@pytest.mark.parametrize("func", [leaky_relu, leaky_relu_grad])
@pytest.mark.parametrize("dtype", [np.int8, np.int64, np.uint8])
def test_integers_become_float64(func, dtype):
    info = np.iinfo(dtype)
    x = np.array([info.min, 0, 1, info.max], dtype=dtype)
    out = func(x, 0.1)
    assert out.dtype == np.float64
    ref = ref_leaky_relu if func is leaky_relu else ref_leaky_relu_grad
    np.testing.assert_array_equal(out, reference(ref, x.astype(np.float64), 0.1))


@pytest.mark.parametrize("func", [leaky_relu, leaky_relu_grad])
@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("a", [0.1, 0.25, 0.0])  # Python floats: NumPy keeps x's dtype for them
def test_the_slope_does_not_change_the_dtype(func, dtype, a):
    assert func(np.array([-1.0, 1.0], dtype=dtype), a).dtype == dtype


@pytest.mark.parametrize("func", [leaky_relu, leaky_relu_grad])
@pytest.mark.parametrize("value", [-1.5, 2, 0, np.float16(-0.5), np.array(3.0), np.array(-2.0, dtype=np.float32)])
def test_scalars_give_scalars(func, value):
    out = func(value, 0.1)
    assert not isinstance(out, np.ndarray) and np.ndim(out) == 0
    dtype = np.asarray(value).dtype
    assert out.dtype == (dtype if dtype.kind == "f" else np.float64)
    ref = ref_leaky_relu if func is leaky_relu else ref_leaky_relu_grad
    assert out == np.asarray(ref(float(value), 0.1)).astype(out.dtype)


@pytest.mark.parametrize("func", [leaky_relu, leaky_relu_grad])
@pytest.mark.parametrize("shape", [(0,), (2, 0), (3, 0, 4)])
@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("a", [0.0, 0.01])
def test_empty_arrays(func, shape, dtype, a):
    out = func(np.empty(shape, dtype=dtype), a)
    assert out.shape == shape and out.dtype == dtype


# -- bad input and masked arrays ------------------------------------------------------------


@pytest.mark.parametrize("func", [leaky_relu, leaky_relu_grad])
@pytest.mark.parametrize("bad", ["1.0", ["a", "b"], None, {"x": 1}])
def test_non_numbers_raise_a_type_error(func, bad):
    with pytest.raises(TypeError):
        func(bad)


@pytest.mark.parametrize("func", [leaky_relu, leaky_relu_grad])
@pytest.mark.parametrize("bad", ["0.1", None])
def test_a_slope_that_is_not_a_number_raises_a_type_error(func, bad):
    with pytest.raises(TypeError):
        func(np.array([-1.0, 1.0]), bad)


@pytest.mark.parametrize("func", [leaky_relu, leaky_relu_grad])
def test_ragged_input_is_a_value_error(func):
    with pytest.raises(ValueError):
        func([[1.0], [1.0, 2.0]])


@pytest.mark.parametrize("func", [leaky_relu, leaky_relu_grad])
def test_masked_entries_stay_masked(func):
    x = np.ma.array([-2.0, 3.0, 1e308], mask=[False, False, True])
    out = func(x, 0.1)
    np.testing.assert_array_equal(np.ma.getmaskarray(out), [False, False, True])
    np.testing.assert_array_equal(out.compressed(), func(np.array([-2.0, 3.0]), 0.1))


def test_largest_numbers_give_no_warning():
    x = np.array([-1e308, 1e308, -np.finfo(np.float64).max])
    np.testing.assert_array_equal(leaky_relu(x, 0.1), 0.1 * np.minimum(x, 0) + np.maximum(x, 0))
    np.testing.assert_array_equal(leaky_relu_grad(x, 0.1), [0.1, 1.0, 0.1])


@given(hnp.arrays(np.float64, shapes, elements=st.floats(-1e300, 1e300)), st.floats(1, 10))
def test_slopes_above_one_still_follow_the_definition(x, a):
    # Unlike the note's np.maximum(a*x, x) (the page shows it with a = 2), no silent swap of the sides.
    np.testing.assert_array_equal(leaky_relu(x, a), np.where(x > 0, x, a * x))


# -- the page's facts and figures ------------------------------------------------------------


def test_facts():
    assert compute_fact("leaky_relu_default_slope") == f"{torch.nn.LeakyReLU().negative_slope:g}"
    assert float(compute_fact("leaky_relu_note_slope")) == pytest.approx(0.1)  # the note's `a = 0.1`
    assert float(compute_fact("leaky_relu_prelu_init")) == torch.nn.PReLU().weight.item()
    assert float(compute_fact("leaky_relu_dead_bias")) == DEAD_BIAS


def relu_page_dead_neuron(activation):
    """The dead-neuron block of docs/relu.md (and docs/leaky-relu.md), with `activation`: its gradients."""
    torch.manual_seed(0)
    layer = torch.nn.Linear(3, 1)
    with torch.no_grad():
        layer.bias.fill_(DEAD_BIAS)
    x = torch.randn(DEAD_INPUTS, 3)
    out = activation(layer(x))
    ((out - DEAD_TARGET) ** 2).mean().backward()
    return int((out > 0).sum()), layer.weight.grad, layer.bias.grad.item()


def test_dead_neuron_fact_is_what_pytorch_measures():
    alive, weight_grad, bias_grad = relu_page_dead_neuron(torch.relu)
    assert alive == 0 and bias_grad == 0 and not weight_grad.any()  # dead with ReLU, as the relu page shows
    alive, weight_grad, bias_grad = relu_page_dead_neuron(F.leaky_relu)  # PyTorch's default a
    assert alive == 0 and weight_grad.all()
    assert compute_fact("leaky_relu_dead_bias_grad") == f"{bias_grad:.4f}"
    # With every z < 0: loss = mean((a z - 1)²), so ∂loss/∂b = 2a(a mean(z) - 1), close to 2a(a b - 1).
    a = DEFAULT_SLOPE
    assert float(compute_fact("leaky_relu_dead_bias_grad")) == pytest.approx(2 * a * (a * DEAD_BIAS - 1), rel=1e-3)


def test_dead_neuron_grad_scales_with_a():
    assert dead_neuron_bias_grad(a=0.0) == 0.0  # ReLU: the neuron stays dead
    assert dead_neuron_bias_grad(a=0.1) < dead_neuron_bias_grad(a=0.01) < 0  # b is pushed up, faster for larger a


def test_the_dead_neuron_comes_back_with_leaky_relu_only():
    """The page: the negative bias gradient pushes b up until the neuron is alive again (never with ReLU)."""
    results = {}
    for name, activation in (("relu", torch.relu), ("leaky", F.leaky_relu)):
        torch.manual_seed(0)
        layer = torch.nn.Linear(3, 1)
        with torch.no_grad():
            layer.bias.fill_(DEAD_BIAS)
        x = torch.randn(DEAD_INPUTS, 3)
        optimizer = torch.optim.SGD(layer.parameters(), lr=2.0)
        for _ in range(1000):  # leaky: b rises by about 2.0 * 0.022 a step; alive after 207 steps
            optimizer.zero_grad()
            out = activation(layer(x))
            ((out - DEAD_TARGET) ** 2).mean().backward()
            optimizer.step()
            alive = int((activation(layer(x)) > 0).sum())
            if alive > DEAD_INPUTS // 2:
                break
        results[name] = (layer.bias.item(), alive)
    assert results["relu"] == (DEAD_BIAS, 0)
    assert results["leaky"][0] > 0 and results["leaky"][1] > DEAD_INPUTS // 2
