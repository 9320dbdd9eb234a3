"""Tests of activations.sigmoid and of the figures and facts of docs/sigmoid.md.

References: scipy.special.expit, mpmath at 40 digits, and PyTorch (torch.sigmoid, nn.Sigmoid, autograd).
"""

import math
import re
import sys
import warnings
from pathlib import Path

import mpmath
import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.optimize import brentq
from scipy.special import expit

from activations.pages import FACTS, FIGURES, compute_fact
from activations.pages import sigmoid as page
from activations.sigmoid import sigmoid, sigmoid_grad

DOC = Path(__file__).resolve().parents[1] / "docs" / "sigmoid.md"
FLOATS = [np.float16, np.float32, np.float64]
WIDTH = {np.float16: 16, np.float32: 32, np.float64: 64}
TORCH_DTYPE = {np.float16: torch.float16, np.float32: torch.float32, np.float64: torch.float64}
SPECIAL = [-np.inf, -1e308, -1000.0, -745.0, -40.0, -0.0, 0.0, 5e-324, 40.0, 1000.0, 1e308, np.inf, np.nan]


def tolerances(dtype, ulps=4):
    """rtol of a few units in the last place; atol covers results in the subnormal range."""
    info = np.finfo(dtype)
    return {"rtol": ulps * float(info.eps), "atol": ulps * float(info.smallest_subnormal)}


def float_arrays(dtype, allow_nan=True, allow_infinity=True, **element_kwargs):
    elements = st.floats(width=WIDTH[dtype], allow_nan=allow_nan, allow_infinity=allow_infinity, **element_kwargs)
    return hnp.arrays(dtype, hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=6), elements=elements)


def mp_sigmoid(x):
    """sigmoid at 40 significant digits; mpmath's exponent range is unbounded, so nothing overflows."""
    with mpmath.workdps(40):
        return 1 / (1 + mpmath.exp(-mpmath.mpf(x)))


def mp_sigmoid_grad(x):
    """σ'(x) = 1 / (4 cosh²(x/2)), another form of σ(1 - σ), at 40 significant digits."""
    with mpmath.workdps(40):
        return 1 / (4 * mpmath.cosh(mpmath.mpf(x) / 2) ** 2)


# -- values against independent references ------------------------------------------


@pytest.mark.parametrize("dtype", FLOATS)
@given(data=st.data())
def test_sigmoid_matches_expit(dtype, data):
    x = data.draw(float_arrays(dtype))
    y = sigmoid(x)
    assert y.dtype == dtype and np.shape(y) == x.shape
    wide = x.astype(np.float64)
    # expit computes 1 / (1 + exp(-x)): below x = -709.78 exp(-x) overflows and expit gives 0 where the
    # true value is a subnormal number (expit(-745) = 0, σ(-745) = 5e-324). There mpmath is the reference.
    expected = np.asarray(expit(wide))
    far = wide < -708
    expected[far] = [float(mp_sigmoid(v)) for v in wide[far]]
    np.testing.assert_allclose(y.astype(np.float64), expected, equal_nan=True, **tolerances(dtype))


def test_expit_flushes_the_far_left_tail_and_sigmoid_does_not():
    """Why the test above needs mpmath below -708, and what the page says: SciPy and PyTorch give 0 there."""
    assert expit(-745.0) == 0.0 and expit(-720.0) == 0.0
    assert torch.sigmoid(torch.tensor([-745.0, -720.0], dtype=torch.float64)).tolist() == [0.0, 0.0]
    threshold = float(compute_fact("sigmoid_naive_overflow_float64"))  # the page: below -709.78 both give 0
    assert expit(-threshold - 0.01) == 0.0 < expit(-threshold + 0.01)
    assert sigmoid(-745.0) == 5e-324
    assert sigmoid(-720.0) == float(mp_sigmoid(-720.0)) > 0


@pytest.mark.parametrize("dtype", FLOATS)
@given(data=st.data())
def test_sigmoid_grad_matches_expit_product(dtype, data):
    x = data.draw(float_arrays(dtype)).astype(dtype)
    wide = x.astype(np.float64)
    expected = np.asarray(expit(wide) * expit(-wide))  # σ(x)(1 - σ(x)) with 1 - σ(x) = σ(-x)
    # expit flushes to 0 below -709.78 (see below): there, mpmath.
    far = np.abs(wide) > 708
    expected[far] = [float(mp_sigmoid_grad(v)) for v in wide[far]]
    y = sigmoid_grad(x)
    assert y.dtype == dtype and np.shape(y) == x.shape
    np.testing.assert_allclose(y.astype(np.float64), expected, equal_nan=True, **tolerances(dtype, ulps=6))


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_sigmoid_and_grad_match_mpmath(x):
    np.testing.assert_allclose(sigmoid(x), float(mp_sigmoid(x)), **tolerances(np.float64))
    np.testing.assert_allclose(sigmoid_grad(x), float(mp_sigmoid_grad(x)), **tolerances(np.float64, ulps=6))


@pytest.mark.parametrize("x", [-745.0, -709.0, -40.0, -1.0, 0.0, 1.0, 40.0, 709.0, 745.0])
def test_both_tails_are_accurate(x):
    """Where σ(1 - σ) computed in float64 gives 0 (x = 40), sigmoid_grad still gives e^-40."""
    np.testing.assert_allclose(sigmoid(x), float(mp_sigmoid(x)), **tolerances(np.float64))
    np.testing.assert_allclose(sigmoid_grad(x), float(mp_sigmoid_grad(x)), **tolerances(np.float64, ulps=6))
    assert sigmoid_grad(x) > 0  # exact value is above the smallest float64 for |x| <= 745


def test_naive_product_loses_the_right_tail():
    """The reason sigmoid_grad does not compute σ(1 - σ): at x = 40 that is exactly 0."""
    assert sigmoid(40.0) * (1 - sigmoid(40.0)) == 0.0
    assert sigmoid_grad(40.0) == pytest.approx(float(mp_sigmoid_grad(40.0)), rel=1e-15)


def test_smallest_and_largest_results():
    """The far left tail is exact down to the smallest subnormal float64: σ(-745) = 5e-324."""
    assert sigmoid(-745.0) == 5e-324 == sigmoid_grad(-745.0) == sigmoid_grad(745.0)
    assert sigmoid(-746.0) == 0.0  # the exact value, 1.8e-324, rounds to 0
    assert sigmoid(36.0) < 1.0 == sigmoid(38.0)  # from about x = 37, σ(x) rounds to 1 in float64


def test_special_values():
    x = np.array(SPECIAL)
    y, dy = sigmoid(x), sigmoid_grad(x)
    for value, s, ds in zip(SPECIAL, y, dy, strict=True):
        if math.isnan(value):
            assert math.isnan(s) and math.isnan(ds)
        else:
            assert s == pytest.approx(float(mp_sigmoid(value)), rel=1e-15, abs=1e-323)
            assert ds == pytest.approx(float(mp_sigmoid_grad(value)), rel=1e-15, abs=1e-323)
    assert sigmoid(np.inf) == 1.0 and sigmoid(-np.inf) == 0.0
    assert sigmoid_grad(np.inf) == 0.0 and sigmoid_grad(-np.inf) == 0.0
    assert sigmoid(1e308) == 1.0 and sigmoid(-1e308) == 0.0


def test_no_overflow_warning_where_the_naive_formula_warns():
    x = np.array([-1000.0, -1e308, 1e308, 1000.0])
    with pytest.warns(RuntimeWarning, match="overflow encountered in exp"):
        naive = 1 / (1 + np.exp(-x))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning of sigmoid or sigmoid_grad fails here
        stable, grad = sigmoid(x), sigmoid_grad(x)
    np.testing.assert_array_equal(stable, naive)  # same (correct) values, without the warning
    np.testing.assert_array_equal(grad, np.zeros(4))


# -- properties ----------------------------------------------------------------------


@given(st.floats(allow_nan=False))
def test_symmetry(x):
    assert sigmoid(x) + sigmoid(-x) == pytest.approx(1.0, abs=2 * np.finfo(np.float64).eps)
    assert sigmoid_grad(-x) == sigmoid_grad(x)


@given(float_arrays(np.float64, allow_nan=False))
def test_grad_is_at_most_its_value_at_zero(x):
    assert np.all(sigmoid_grad(x) <= sigmoid_grad(0.0))
    assert np.all((sigmoid(x) >= 0) & (sigmoid(x) <= 1))


@given(st.floats(min_value=-30, max_value=30))
def test_grad_is_sigma_times_one_minus_sigma(x):
    s = sigmoid(x)
    assert sigmoid_grad(x) == pytest.approx(s * (1 - s), rel=1e-15, abs=np.finfo(np.float64).eps)


@given(st.floats(min_value=-30, max_value=30))
def test_grad_is_the_slope(x):
    h = 1e-6
    slope = (sigmoid(x + h) - sigmoid(x - h)) / (2 * h)
    # Each sigmoid value is off by up to eps/2, so the difference quotient is off by up to eps / (2h).
    rounding = np.finfo(np.float64).eps / (2 * h)
    assert sigmoid_grad(x) == pytest.approx(slope, rel=1e-6, abs=2 * rounding)


@given(float_arrays(np.float64, allow_nan=False))
def test_monotone(x):
    x = np.sort(x.ravel())
    assert np.all(np.diff(sigmoid(x)) >= 0)


# -- PyTorch -------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", FLOATS)
@given(data=st.data())
def test_matches_torch_sigmoid(dtype, data):
    x = data.draw(float_arrays(dtype))
    x_t = torch.from_numpy(x.copy())
    assert x_t.dtype == TORCH_DTYPE[dtype]
    # PyTorch gives 0 where the result is subnormal (float32: sigmoid(-89) = 2.2e-39), so absolute
    # differences below the smallest normal number are allowed.
    tol = tolerances(dtype) | {"atol": float(np.finfo(dtype).smallest_normal)}
    for torch_sigmoid in [torch.sigmoid, torch.nn.Sigmoid()]:
        expected = torch_sigmoid(x_t).numpy()
        np.testing.assert_allclose(sigmoid(x), expected, equal_nan=True, **tol)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@given(data=st.data())
def test_grad_matches_torch_autograd(dtype, data):
    x = data.draw(float_arrays(dtype))
    x_t = torch.from_numpy(x.copy()).requires_grad_()
    torch.sigmoid(x_t).sum().backward()
    expected = x_t.grad.numpy()
    # PyTorch computes y(1 - y): near y = 1 it is off by up to about eps in absolute terms.
    eps = float(np.finfo(dtype).eps)
    np.testing.assert_allclose(sigmoid_grad(x), expected, rtol=4 * eps, atol=eps, equal_nan=True)


# -- types, shapes and bad input ---------------------------------------------------


@pytest.mark.parametrize("func", [sigmoid, sigmoid_grad])
@pytest.mark.parametrize("value", [0, 3, -2, 0.5, -1e308, 10**6])
def test_python_scalars_give_float64_scalars(func, value):
    y = func(value)
    assert isinstance(y, np.float64) and np.ndim(y) == 0
    assert y == func(np.array([value], dtype=np.float64))[0]


@pytest.mark.parametrize("func", [sigmoid, sigmoid_grad])
@pytest.mark.parametrize("dtype", FLOATS)
def test_zero_d_arrays_give_scalars_of_the_same_dtype(func, dtype):
    y = func(np.array(1.5, dtype=dtype))
    assert isinstance(y, dtype)
    assert y == func(np.array([1.5], dtype=dtype))[0]


@pytest.mark.parametrize("func", [sigmoid, sigmoid_grad])
@pytest.mark.parametrize("int_dtype", [np.int8, np.int32, np.int64, np.uint8, np.uint64])
def test_integers_become_float64(func, int_dtype):
    x = np.array([0, 1, 2, 100], dtype=int_dtype)
    y = func(x)
    assert y.dtype == np.float64
    np.testing.assert_array_equal(y, func(x.astype(np.float64)))


@pytest.mark.parametrize("func", [sigmoid, sigmoid_grad])
@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("shape", [(0,), (3, 0), (0, 2, 4)])
def test_empty_arrays(func, dtype, shape):
    y = func(np.empty(shape, dtype=dtype))
    assert y.shape == shape and y.dtype == dtype


@pytest.mark.parametrize("func", [sigmoid, sigmoid_grad])
@pytest.mark.parametrize("bad", ["1.0", ["a", "b"], np.array([1 + 2j]), 1 + 2j, None, {"x": 1}])
def test_non_real_input_is_a_type_error(func, bad):
    """Strings, complex numbers, None...: NumPy's copysign has no loop for them, so no number comes out."""
    with pytest.raises(TypeError):
        func(bad)


@pytest.mark.parametrize("func", [sigmoid, sigmoid_grad])
def test_ragged_input_is_a_value_error(func):
    with pytest.raises(ValueError):
        func([[1.0, 2.0], [3.0]])


@pytest.mark.parametrize("func", [sigmoid, sigmoid_grad])
def test_lists_are_arrays(func):
    np.testing.assert_array_equal(func([[-2.0, 0.0], [1.0, 3.0]]), func(np.array([[-2.0, 0.0], [1.0, 3.0]])))


@pytest.mark.parametrize("func", [sigmoid, sigmoid_grad])
@pytest.mark.parametrize("dtype", FLOATS)
def test_masked_arrays_keep_their_mask(func, dtype):
    """A masked entry stays masked (here one that would overflow a naive formula); the others are right.

    (numpy.ma's operators turn a Python scalar into an int64 array, so `1 + z` of a masked float32 array is
    float64: the dtype of a masked result is numpy.ma's business, the mask and the values are ours.)
    """
    x = np.ma.array([1.0, -2.0, 1e4, -800.0], mask=[False, False, True, False], dtype=dtype)
    y = func(x)
    assert isinstance(y, np.ma.MaskedArray)
    np.testing.assert_array_equal(np.ma.getmaskarray(y), x.mask)
    np.testing.assert_allclose(y.compressed(), func(x.compressed()), **tolerances(dtype))


# -- facts and figures of docs/sigmoid.md ---------------------------------------------


def own(registry):
    return sorted(name for name, func in registry.items() if func.__module__ == page.__name__)


def latex_number(text):
    """'9.5 \\times 10^{-7}' -> 9.5e-07."""
    match = re.fullmatch(r"(-?[0-9.]+) \\times 10\^\{(-?[0-9]+)\}", text)
    assert match, text
    return float(match.group(1)) * 10 ** int(match.group(2))


def test_names_are_prefixed_and_shown_on_the_page():
    text = DOC.read_text(encoding="utf-8")
    assert own(FIGURES) and own(FACTS)
    for name in own(FIGURES):
        assert name.startswith("sigmoid_") and f"](figures/{name}.svg)" in text
    for name in own(FACTS):
        assert name.startswith("sigmoid_") and re.search(r"\{\{\s*" + name + r"\s*\}\}", text), name


def test_every_placeholder_of_the_page_is_a_fact():
    for name in re.findall(r"\{\{\s*([a-z0-9_]+)\s*\}\}", DOC.read_text(encoding="utf-8")):
        assert name in FACTS


def test_fact_grad_max_is_exactly_a_quarter():
    assert sigmoid_grad(0.0) == 0.25
    assert float(compute_fact("sigmoid_grad_max")) == 0.25
    x = np.linspace(-10, 10, 200_001)
    assert float(compute_fact("sigmoid_grad_max_x")) == x[np.argmax(sigmoid_grad(x))] == 0.0


def test_fact_sigmoid_at_zero():
    assert float(compute_fact("sigmoid_at_zero")) == sigmoid(0.0) == float(mp_sigmoid(0))


def test_fact_saturation():
    threshold = float(compute_fact("sigmoid_saturation_grad"))
    root = brentq(lambda x: expit(x) * expit(-x) - threshold, 0.0, 50.0, xtol=1e-14)
    assert page.saturation_x() == pytest.approx(root, rel=1e-10)
    assert float(compute_fact("sigmoid_saturation_x")) == pytest.approx(root, abs=0.05)
    assert sigmoid_grad(root + 0.01) < threshold < sigmoid_grad(root - 0.01)


def test_fact_chain_bound():
    layers = int(compute_fact("sigmoid_chain_layers"))
    bound = latex_number(compute_fact("sigmoid_grad_bound_10"))
    assert bound == pytest.approx(float(mpmath.mpf(1) / 4**layers), rel=0.01)
    assert int(compute_fact("sigmoid_grad_bound_10_inverse").replace(",", "")) == 4**layers
    assert int(compute_fact("sigmoid_chain_max_layers")) > layers


def test_chain_of_sigmoids_stays_below_the_bound():
    """What the page's block shows: ten sigmoids in a row, gradient by the chain rule and by autograd."""
    layers = int(compute_fact("sigmoid_chain_layers"))
    h, grad = 0.0, 1.0
    for _ in range(layers):
        grad, h = grad * sigmoid_grad(h), sigmoid(h)
    x = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    y = x
    for _ in range(layers):
        y = torch.sigmoid(y)
    y.backward()
    assert grad == pytest.approx(x.grad.item(), rel=1e-14)
    assert 0 < grad < sigmoid_grad(0.0) ** layers


@pytest.mark.parametrize(
    "fact_name, dtype", [("sigmoid_naive_overflow_float64", np.float64), ("sigmoid_naive_overflow_float32", np.float32)]
)
def test_fact_naive_overflow_threshold(fact_name, dtype):
    threshold = float(compute_fact(fact_name))
    below = dtype(threshold - 0.01)
    assert np.isfinite(1 / (1 + np.exp(below)))  # x = -below: no overflow, no warning
    with pytest.warns(RuntimeWarning, match="overflow encountered in exp"):
        np.exp(dtype(threshold + 0.01))
    if dtype is np.float64:
        assert threshold == pytest.approx(math.log(sys.float_info.max), abs=0.005)


def test_fact_tail_value():
    """The page: σ(-745) rounded to float64 is the smallest positive float64, and sigmoid gives it."""
    value = float(compute_fact("sigmoid_tail_value"))
    assert value == float(mp_sigmoid(page.TAIL_X)) == float(np.finfo(np.float64).smallest_subnormal)
    with pytest.warns(RuntimeWarning, match="overflow"):
        assert 1 / (1 + np.exp(-np.float64(page.TAIL_X))) == 0.0  # the naive formula: 0 and a warning
