"""softmax: against scipy.special.softmax and torch.softmax, plus the edges the page relies on."""

import warnings

import numpy as np
import pytest
import scipy.special
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from activations.pages import FACTS, FIGURES, compute_fact
from activations.softmax import softmax

INF = np.inf

finite = st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False)
moderate = st.floats(-50, 50, allow_nan=False, allow_infinity=False)
temperatures = st.floats(0.01, 100)


def arrays(elements, dtype=np.float64):
    return hnp.arrays(dtype, hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5), elements=elements)


@st.composite
def array_and_axis(draw, elements=finite, dtype=np.float64):
    x = draw(arrays(elements, dtype))
    return x, draw(st.integers(-x.ndim, x.ndim - 1))


# -- against independent references ----------------------------------------------------


@given(array_and_axis(), temperatures)
def test_matches_scipy(x_axis, temperature):
    x, axis = x_axis
    # scipy computes softmax(x / T); we compute exp((x - max) / T): same value, different rounding.
    expected = scipy.special.softmax(x / temperature, axis=axis)
    np.testing.assert_allclose(softmax(x, axis=axis, temperature=temperature), expected, rtol=1e-9, atol=1e-300)


@given(array_and_axis(moderate), temperatures)
def test_matches_torch(x_axis, temperature):
    x, axis = x_axis
    expected = torch.softmax(torch.from_numpy(x) / temperature, dim=axis).numpy()
    np.testing.assert_allclose(softmax(x, axis=axis, temperature=temperature), expected, rtol=1e-12, atol=1e-300)


@given(array_and_axis(moderate, np.float32))
def test_matches_torch_module_float32(x_axis):
    x, axis = x_axis
    expected = torch.nn.Softmax(dim=axis)(torch.from_numpy(x)).numpy()
    out = softmax(x, axis=axis)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-30)


@given(array_and_axis())
def test_is_a_probability_distribution(x_axis):
    x, axis = x_axis
    p = softmax(x, axis=axis)
    assert np.all((p >= 0) & (p <= 1))
    np.testing.assert_allclose(np.sum(p, axis=axis), 1.0, rtol=1e-12)


@given(array_and_axis(moderate), st.floats(-1e3, 1e3))
def test_shift_invariant(x_axis, shift):
    x, axis = x_axis
    np.testing.assert_allclose(softmax(x + shift, axis=axis), softmax(x, axis=axis), rtol=1e-9, atol=1e-300)


@given(moderate)
def test_two_logits_are_the_sigmoid(z):
    # softmax([z, 0])[0] = 1 / (1 + e^-z): the binary case is the sigmoid function.
    np.testing.assert_allclose(softmax([z, 0.0])[0], scipy.special.expit(z), rtol=1e-12)


def test_axis_normalises_the_chosen_axis_only():
    x = np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    np.testing.assert_allclose(softmax(x, axis=1).sum(axis=1), [1.0, 1.0])
    np.testing.assert_allclose(softmax(x, axis=0).sum(axis=0), [1.0, 1.0, 1.0])
    np.testing.assert_allclose(softmax(x), softmax(x, axis=1))
    np.testing.assert_allclose(softmax(x, axis=np.int64(0)), scipy.special.softmax(x, axis=0))


# -- large values: the max-subtraction trick ---------------------------------------------


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        ([1000.0, 1000.0], [0.5, 0.5]),
        ([1000.0, 0.0], [1.0, 0.0]),
        ([-1000.0, -1000.0], [0.5, 0.5]),
        ([1e308, -1e308], [1.0, 0.0]),  # x - max overflows to -inf: exp gives the right 0
        ([-1e308, -1e308, -1e308], [1 / 3, 1 / 3, 1 / 3]),
    ],
)
def test_large_logits_do_not_overflow(x, expected):
    np.testing.assert_allclose(softmax(x), expected, rtol=1e-15)
    np.testing.assert_allclose(softmax(x), scipy.special.softmax(np.clip(x, -1e300, 1e300)), rtol=1e-15)


def test_naive_formula_overflows_where_softmax_does_not():
    x = np.array([1000.0, 1000.0])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        naive = np.exp(x) / np.sum(np.exp(x))
    messages = {str(w.message) for w in caught}
    assert messages == {"overflow encountered in exp", "invalid value encountered in divide"}
    assert np.isnan(naive).all()
    np.testing.assert_array_equal(softmax(x), torch.softmax(torch.from_numpy(x), dim=0).numpy())


@pytest.mark.parametrize("temperature", [1e-300, 1e-5, 1e5, 1e300])
def test_extreme_temperatures(temperature):
    x = np.array([1.0, 2.0, 3.0])
    expected = scipy.special.softmax(x / temperature)
    np.testing.assert_allclose(softmax(x, temperature=temperature), expected, rtol=1e-12, atol=1e-300)


def test_temperature_limits():
    x = np.array([0.5, 2.0, -1.0])
    np.testing.assert_allclose(softmax(x, temperature=1e-3), [0.0, 1.0, 0.0], atol=1e-300)
    np.testing.assert_allclose(softmax(x, temperature=1e6), [1 / 3] * 3, rtol=1e-5)
    np.testing.assert_array_equal(softmax(x, temperature=1), softmax(x))


# -- infinities, nan, empty ---------------------------------------------------------------


def test_minus_inf_logits_get_probability_zero_like_torch():
    x = np.array([[0.0, -INF, 1.0], [-INF, 2.0, -INF]])
    np.testing.assert_allclose(softmax(x), torch.softmax(torch.from_numpy(x), dim=-1).numpy(), rtol=1e-15)
    assert softmax(x)[0, 1] == 0.0


def test_all_minus_inf_row_is_nan_like_torch():
    x = np.array([[-INF, -INF], [0.0, 1.0]])
    out = softmax(x)
    expected = torch.softmax(torch.from_numpy(x), dim=-1).numpy()
    np.testing.assert_array_equal(np.isnan(out), np.isnan(expected))
    np.testing.assert_allclose(out[1], expected[1], rtol=1e-15)


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        ([INF, 1.0, -INF], [1.0, 0.0, 0.0]),  # the limit as that logit grows (torch gives nan)
        ([INF, 0.0, INF], [0.5, 0.0, 0.5]),  # +inf logits share the probability equally
        ([INF, INF, INF, INF], [0.25] * 4),
        ([INF, -INF], [1.0, 0.0]),
    ],
)
def test_plus_inf_takes_the_limit(x, expected):
    np.testing.assert_array_equal(softmax(x), expected)
    big = np.where(np.isposinf(x), 1e300, np.where(np.isneginf(x), -1e300, x))
    np.testing.assert_allclose(softmax(big), expected)  # the same value as a huge finite logit


@pytest.mark.parametrize("x", [[np.nan, 1.0], [np.nan, INF], [INF, 0.0, np.nan], [np.nan, -INF]])
def test_nan_makes_its_row_nan(x):
    assert np.isnan(softmax(x)).all()
    batch = softmax(np.array([x, [0.0] * len(x)]))
    assert np.isnan(batch[0]).all()
    np.testing.assert_allclose(batch[1], 1 / len(x))


@pytest.mark.parametrize(("shape", "axis"), [((0,), 0), ((0, 3), -1), ((3, 0), -1), ((3, 0), 0), ((2, 0, 4), 2)])
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_empty_arrays(shape, axis, dtype):
    x = np.zeros(shape, dtype=dtype)
    out = softmax(x, axis=axis)
    assert out.shape == shape and out.dtype == dtype
    assert torch.softmax(torch.from_numpy(x.astype(np.float32)), dim=axis).shape == shape


# -- dtypes, scalars ------------------------------------------------------------------------


@pytest.mark.parametrize(("dtype", "rtol"), [(np.float16, 2e-3), (np.float32, 1e-6), (np.float64, 1e-14)])
@given(data=st.data())
def test_keeps_float_dtype(dtype, rtol, data):
    info = np.finfo(dtype)
    # Full range, except that scipy's float64 reference itself overflows in x - max near the limit
    # (test_large_logits_do_not_overflow covers ±1e308 in float64).
    bound = float(info.max) / (2 if dtype == np.float64 else 1)
    elements = st.floats(-bound, bound, width=info.bits)
    x, axis = data.draw(array_and_axis(elements, dtype))
    out = softmax(x, axis=axis)
    assert out.dtype == dtype
    expected = scipy.special.softmax(x.astype(np.float64), axis=axis)
    tiny = float(info.smallest_subnormal)
    np.testing.assert_allclose(out.astype(np.float64), expected, rtol=rtol, atol=4 * tiny)


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
def test_temperature_keeps_float_dtype(dtype):
    out = softmax(np.array([1.0, 2.0], dtype=dtype), temperature=3.0)
    assert out.dtype == dtype
    np.testing.assert_allclose(out, scipy.special.softmax(np.array([1.0, 2.0]) / 3.0), rtol=2e-3)


@pytest.mark.parametrize("x", [[1, 2, 3], np.array([1, 2, 3], dtype=np.int8), np.array([1, 2, 3], dtype=np.uint64)])
def test_integers_become_float64(x):
    out = softmax(x)
    assert out.dtype == np.float64
    np.testing.assert_allclose(out, scipy.special.softmax([1.0, 2.0, 3.0]), rtol=1e-15)


@pytest.mark.parametrize("x", [3, -2.5, 1e308, np.float32(7.0), np.array(0.5)])
def test_scalar_is_one_logit(x):
    out = softmax(x)
    assert np.ndim(out) == 0 and not isinstance(out, np.ndarray)  # a scalar, not a 0-d array
    assert out == 1.0
    assert out == torch.softmax(torch.tensor(float(x), dtype=torch.float64), dim=0).item() == scipy.special.softmax(x)


@pytest.mark.parametrize(("x", "expected"), [(np.nan, np.nan), (INF, 1.0), (-INF, np.nan)])
def test_scalar_special_values(x, expected):
    np.testing.assert_array_equal(softmax(x), expected)
    np.testing.assert_array_equal(softmax(np.array(x), axis=-1), expected)


def test_python_list_of_lists_and_input_unchanged():
    x = np.array([[1.0, INF], [2.0, 3.0]])
    before = x.copy()
    softmax(x)
    softmax(x, axis=0, temperature=0.5)
    np.testing.assert_array_equal(x, before)
    np.testing.assert_allclose(softmax([[2.0, 3.0]]), scipy.special.softmax([[2.0, 3.0]], axis=-1))


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"x": "abc"}, TypeError, r"softmax\(x\)"),
        ({"x": [1 + 2j]}, TypeError, r"softmax\(x\)"),
        ({"x": [True, False]}, TypeError, r"softmax\(x\)"),
        ({"x": [[1.0], [1.0, 2.0]]}, ValueError, r"softmax\(x\)"),
        ({"x": [1.0, 2.0], "axis": 1}, ValueError, r"softmax\(axis\).*out of range"),
        ({"x": [[1.0, 2.0]], "axis": -3}, ValueError, r"softmax\(axis\).*out of range"),
        ({"x": 1.0, "axis": 1}, ValueError, r"softmax\(axis\)"),
        ({"x": [1.0, 2.0], "axis": 0.0}, TypeError, r"softmax\(axis\)"),
        ({"x": [1.0, 2.0], "axis": True}, TypeError, r"softmax\(axis\)"),
        ({"x": [1.0, 2.0], "axis": (0,)}, TypeError, r"softmax\(axis\)"),
        ({"x": [1.0, 2.0], "temperature": 0}, ValueError, r"softmax\(temperature\).*positive"),
        ({"x": [1.0, 2.0], "temperature": -1.0}, ValueError, r"softmax\(temperature\).*positive"),
        ({"x": [1.0, 2.0], "temperature": np.nan}, ValueError, r"softmax\(temperature\)"),
        ({"x": [1.0, 2.0], "temperature": INF}, ValueError, r"softmax\(temperature\)"),
        ({"x": [1.0, 2.0], "temperature": "2"}, TypeError, r"softmax\(temperature\)"),
        ({"x": [1.0, 2.0], "temperature": True}, TypeError, r"softmax\(temperature\)"),
        ({"x": [1.0, 2.0], "temperature": None}, TypeError, r"softmax\(temperature\)"),
        ({"x": [1.0, 2.0], "temperature": 10**400}, ValueError, r"softmax\(temperature\).*too large"),
        ({"x": np.ones(2, np.float16), "temperature": 1e5}, ValueError, r"softmax\(temperature\).*float16"),
        ({"x": np.ones(2, np.float16), "temperature": 1e-10}, ValueError, r"softmax\(temperature\).*float16"),
    ],
)
def test_bad_input_names_the_argument(kwargs, error, match):
    with pytest.raises(error, match=match):
        softmax(**kwargs)


# -- the page's figures and facts --------------------------------------------------------


def page_names(registry):
    return sorted(name for name, func in registry.items() if func.__module__ == "activations.pages.softmax")


def test_page_registers_prefixed_names():
    names = page_names(FIGURES) + page_names(FACTS)
    assert names and all(name.startswith("softmax_") for name in names)


@pytest.mark.parametrize("name", page_names(FACTS))
def test_facts_compute(name):
    value = compute_fact(name)
    assert value and not value.isspace()
