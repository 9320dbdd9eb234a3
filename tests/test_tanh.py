"""tanh and tanh_grad: against mpmath, scipy's expit and torch (values and autograd), plus the edges."""

import mpmath
import numpy as np
import pytest
import scipy.special
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from activations.pages import compute_fact
from activations.pages.tanh import grad_crossover
from activations.tanh import tanh, tanh_grad

FLOATS = [np.float16, np.float32, np.float64]
EPS64 = np.finfo(np.float64).eps
TINY64 = np.finfo(np.float64).tiny  # below it (subnormals) only absolute accuracy is asked for

mpmath.mp.prec = 100  # the reference is computed with 100 bits, then rounded


def ref_tanh(v):
    return float(mpmath.tanh(mpmath.mpf(float(v))))


def ref_tanh_grad(v):
    return float(mpmath.sech(mpmath.mpf(float(v))) ** 2)


def reference(func, x, dtype=np.float64):
    """func applied element by element in 100-bit arithmetic, rounded to dtype."""
    x = np.asarray(x, dtype=np.float64)
    return np.array([func(v) for v in x.ravel()], dtype=np.float64).reshape(x.shape).astype(dtype)


def torch_value_and_grad(x, module=False):
    """torch.tanh (or nn.Tanh) of x and its derivative by autograd, both as NumPy arrays."""
    t = torch.tensor(x, requires_grad=True)
    y = torch.nn.Tanh()(t) if module else torch.tanh(t)
    y.sum().backward()  # elementwise: d(sum y)/dx_i = tanh'(x_i)
    return y.detach().numpy(), t.grad.numpy()


finite = st.floats(-1e308, 1e308, allow_nan=False, allow_infinity=False)
moderate = st.floats(-30, 30, allow_nan=False, allow_infinity=False)
shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=5)

# Exactly 0 and -0, both tails, the extremes, infinities and nan: torch and NumPy agree on all of them.
EDGES = [0.0, -0.0, 1e-300, -1e-300, 0.5, -0.5, 1.0, -1.0, 20.0, -20.0, 400.0, -400.0,
         1e308, -1e308, np.inf, -np.inf, np.nan]  # fmt: skip


# -- against independent references ----------------------------------------------------


@given(finite)
def test_tanh_matches_mpmath(v):
    np.testing.assert_allclose(tanh(v), ref_tanh(v), rtol=2 * EPS64, atol=0)


@given(finite)
def test_tanh_grad_matches_mpmath(v):
    np.testing.assert_allclose(tanh_grad(v), ref_tanh_grad(v), rtol=8 * EPS64, atol=TINY64)


@pytest.mark.parametrize("v", [5.0, 20.0, 100.0, 300.0, -300.0])
def test_tanh_grad_is_accurate_in_the_tails(v):
    # 1 - tanh(v)^2 gives 0 here (tanh rounds to 1); the true value is tiny but not 0.
    expected = ref_tanh_grad(v)
    assert expected > 0
    np.testing.assert_allclose(tanh_grad(v), expected, rtol=8 * EPS64)


@given(hnp.arrays(np.float64, shapes, elements=st.floats(-1e300, 1e300)))
def test_tanh_is_two_sigmoids_minus_one(x):
    # tanh(x) = 2 sigma(2x) - 1, with scipy's expit as sigma (the identity the page verifies).
    np.testing.assert_allclose(tanh(x), 2 * scipy.special.expit(2 * x) - 1, rtol=0, atol=4 * EPS64)


@given(hnp.arrays(np.float64, shapes, elements=moderate))
def test_tanh_grad_is_four_sigmoid_grads(x):
    # tanh'(x) = 4 sigma'(2x) with sigma'(u) = sigma(u) sigma(-u).
    s = scipy.special.expit
    np.testing.assert_allclose(tanh_grad(x), 4 * s(2 * x) * s(-2 * x), rtol=1e-13, atol=TINY64)


@given(moderate.filter(lambda v: abs(v) > 1e-3))
def test_tanh_grad_is_the_slope_of_tanh(v):
    h = 1e-6 * max(1.0, abs(v))
    slope = (tanh(v + h) - tanh(v - h)) / (2 * h)
    np.testing.assert_allclose(tanh_grad(v), slope, rtol=1e-6, atol=1e-9)


# -- against PyTorch ---------------------------------------------------------------------


@pytest.mark.parametrize("module", [False, True], ids=["torch.tanh", "nn.Tanh"])
def test_matches_torch_at_the_edges(module):
    x = np.array(EDGES)
    value, grad = torch_value_and_grad(x, module)
    np.testing.assert_allclose(tanh(x), value, rtol=2 * EPS64, atol=0)
    # torch computes 1 - tanh^2: exact near 0, off by about one eps where tanh^2 rounds near 1.
    np.testing.assert_allclose(tanh_grad(x), grad, rtol=4 * EPS64, atol=2 * EPS64)
    assert tanh_grad(0.0) == grad[0] == grad[1] == 1.0  # at exactly 0 and -0 both give 1


@given(hnp.arrays(np.float64, shapes, elements=finite))
def test_matches_torch_float64(x):
    value, grad = torch_value_and_grad(x)
    np.testing.assert_allclose(tanh(x), value, rtol=2 * EPS64, atol=0)
    np.testing.assert_allclose(tanh_grad(x), grad, rtol=4 * EPS64, atol=2 * EPS64)


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
@given(data=st.data())
def test_matches_torch_in_low_precision(dtype, data):
    x = data.draw(hnp.arrays(dtype, shapes, elements=st.floats(-10, 10, width=np.finfo(dtype).bits)))
    value, grad = torch_value_and_grad(x)
    eps = np.finfo(dtype).eps
    out, out_grad = tanh(x), tanh_grad(x)
    assert out.dtype == out_grad.dtype == dtype
    np.testing.assert_allclose(out, value, rtol=2 * eps, atol=0)
    np.testing.assert_allclose(out_grad, grad, rtol=4 * eps, atol=2 * eps)


# -- properties the page states ------------------------------------------------------------


@given(hnp.arrays(np.float64, shapes, elements=finite))
def test_tanh_is_odd_and_bounded(x):
    y = tanh(x)
    np.testing.assert_array_equal(tanh(-x), -y)
    assert np.all(np.abs(y) <= 1)


@given(hnp.arrays(np.float64, shapes, elements=finite))
def test_tanh_grad_is_even_and_at_most_one(x):
    g = tanh_grad(x)
    np.testing.assert_array_equal(tanh_grad(-x), g)
    assert np.all((g >= 0) & (g <= 1))


@pytest.mark.parametrize("dtype", FLOATS)
def test_grad_is_exactly_one_at_zero(dtype):
    assert tanh_grad(dtype(0)) == 1 and tanh_grad(dtype(-0.0)) == 1


def test_special_values():
    x = np.array([np.inf, -np.inf, 1e308, -1e308, np.nan, 0.0, -0.0])
    y, g = tanh(x), tanh_grad(x)
    np.testing.assert_array_equal(y, [1, -1, 1, -1, np.nan, 0, 0])
    assert np.signbit(y[-1])  # tanh(-0) = -0, like the formula and torch
    np.testing.assert_array_equal(g, [0, 0, 0, 0, np.nan, 1, 1])


# -- dtypes, shapes and scalars ------------------------------------------------------------


@pytest.mark.parametrize("func", [tanh, tanh_grad])
@pytest.mark.parametrize("dtype", FLOATS)
def test_keeps_the_float_dtype_and_is_accurate_in_it(func, dtype):
    ref = ref_tanh if func is tanh else ref_tanh_grad
    info = np.finfo(dtype)
    x = np.array([0.0, 1e-3, 0.3, -0.7, 2.0, -5.0, 9.0, float(info.max), -float(info.max)], dtype=dtype)
    out = func(x)
    assert out.dtype == dtype and out.shape == x.shape
    # 1 - tanh^2 in float16 would give 0 at x = 5; this must be accurate to a few eps of the dtype.
    np.testing.assert_allclose(out, reference(ref, x, dtype), rtol=4 * info.eps, atol=info.smallest_subnormal)


@pytest.mark.parametrize("func", [tanh, tanh_grad])
@pytest.mark.parametrize("dtype", [np.int8, np.int64, np.uint16])
def test_integers_become_float64(func, dtype):
    x = np.array([-3, 0, 2], dtype=dtype) if np.issubdtype(dtype, np.signedinteger) else np.array([0, 2], dtype)
    out = func(x)
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, func(x.astype(np.float64)))


@pytest.mark.parametrize("func", [tanh, tanh_grad])
@pytest.mark.parametrize("value", [0.5, 2, np.float32(0.5), np.array(0.5), np.array(1.5, dtype=np.float16)])
def test_scalars_give_scalars(func, value):
    out = func(value)
    assert not isinstance(out, np.ndarray) and np.ndim(out) == 0
    assert out.dtype == (np.asarray(value).dtype if np.asarray(value).dtype.kind == "f" else np.float64)
    assert out == func(np.array([value], dtype=np.asarray(out).dtype))[0]


@pytest.mark.parametrize("func", [tanh, tanh_grad])
@pytest.mark.parametrize("shape", [(0,), (2, 0), (3, 0, 4)])
@pytest.mark.parametrize("dtype", FLOATS)
def test_empty_arrays(func, shape, dtype):
    out = func(np.empty(shape, dtype=dtype))
    assert out.shape == shape and out.dtype == dtype


@pytest.mark.parametrize("func", [tanh, tanh_grad])
def test_nested_lists_keep_their_shape(func):
    x = [[0.0, 1.0, -1.0], [2.0, -2.0, 3.0]]
    out = func(x)
    assert out.shape == (2, 3)
    np.testing.assert_array_equal(out, func(np.array(x)))


# -- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize("func", [tanh, tanh_grad])
@pytest.mark.parametrize("bad", ["1.0", ["a", "b"], None, {"x": 1}])
def test_non_numbers_are_a_type_error(func, bad):
    with pytest.raises(TypeError):
        func(bad)


def test_complex_input():
    """np.tanh is defined for complex numbers and gives the complex tanh; tanh_grad (copysign) refuses them."""
    np.testing.assert_allclose(tanh(1 + 2j), complex(mpmath.tanh(mpmath.mpc(1, 2))), rtol=4 * EPS64)
    with pytest.raises(TypeError):
        tanh_grad(1 + 2j)


@pytest.mark.parametrize("func", [tanh, tanh_grad])
def test_ragged_input_is_a_value_error(func):
    with pytest.raises(ValueError):
        func([[1.0], [1.0, 2.0]])


@pytest.mark.parametrize("func", [tanh, tanh_grad])
@pytest.mark.parametrize("dtype", FLOATS)
def test_masked_arrays_keep_their_mask(func, dtype):
    """The masked entry stays masked; the others are the values of the unmasked data."""
    x = np.ma.array([0.5, -2.0, 1e4, -30.0], mask=[False, False, True, False], dtype=dtype)
    y = func(x)
    assert isinstance(y, np.ma.MaskedArray)
    np.testing.assert_array_equal(np.ma.getmaskarray(y), x.mask)
    info = np.finfo(dtype)
    np.testing.assert_allclose(y.compressed(), func(x.compressed()), rtol=4 * info.eps, atol=info.smallest_subnormal)


# -- the page's facts and figures ------------------------------------------------------------


def test_crossover_is_where_the_two_derivatives_meet():
    c = grad_crossover()
    sigmoid_grad = float(scipy.special.expit(c) * scipy.special.expit(-c))
    np.testing.assert_allclose(ref_tanh_grad(c), sigmoid_grad, rtol=1e-14)
    # inside, tanh' is the larger; outside, the smaller (the figure's dotted lines and the page say so)
    for inside, outside in [(c - 0.01, c + 0.01), (-c + 0.01, -c - 0.01)]:
        assert tanh_grad(inside) > scipy.special.expit(inside) * scipy.special.expit(-inside)
        assert tanh_grad(outside) < scipy.special.expit(outside) * scipy.special.expit(-outside)
    assert compute_fact("tanh_grad_crossover") == f"{c:.2f}"


def test_facts_agree_with_torch():
    _, grad = torch_value_and_grad(np.array([0.0]))
    x = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    torch.sigmoid(x).backward()
    assert compute_fact("tanh_grad_max") == f"{grad[0]:g}"
    assert compute_fact("tanh_sigmoid_grad_max") == f"{x.grad.item():g}"
    assert compute_fact("tanh_grad_ratio") == f"{grad[0] / x.grad.item():g}"
    assert compute_fact("tanh_grad_max_x") == f"{0.0:g}"  # sech^2 is largest at x = 0
