"""softmax: against scipy.special.softmax, torch.softmax and mpmath, plus the edges the page relies on."""

import warnings

import mpmath
import numpy as np
import pytest
import scipy.special
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from activations.pages import FACTS, FIGURES, compute_fact
from activations.softmax import softmax, softmax_jacobian

INF = np.inf

finite = st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False)
moderate = st.floats(-50, 50, allow_nan=False, allow_infinity=False)


def arrays(elements, dtype=np.float64):
    return hnp.arrays(dtype, hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5), elements=elements)


@st.composite
def array_and_axis(draw, elements=finite, dtype=np.float64):
    x = draw(arrays(elements, dtype))
    return x, draw(st.integers(-x.ndim, x.ndim - 1))


# -- against independent references ----------------------------------------------------


@given(array_and_axis())
def test_matches_scipy(x_axis):
    x, axis = x_axis
    np.testing.assert_allclose(softmax(x, axis=axis), scipy.special.softmax(x, axis=axis), rtol=1e-13, atol=1e-300)


@given(array_and_axis(moderate), st.floats(0.01, 100))
def test_temperature_is_a_division_like_torch(x_axis, temperature):
    x, axis = x_axis
    expected = torch.softmax(torch.from_numpy(x) / temperature, dim=axis).numpy()
    np.testing.assert_allclose(softmax(x / temperature, axis=axis), expected, rtol=1e-12, atol=1e-300)


@given(array_and_axis(moderate, np.float32))
def test_matches_torch_module_float32(x_axis):
    x, axis = x_axis
    expected = torch.nn.Softmax(dim=axis)(torch.from_numpy(x)).numpy()
    out = softmax(x, axis=axis)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-30)


def mp_softmax(x):
    """softmax of one vector of logits with 40 digits."""
    with mpmath.workdps(40):
        e = [mpmath.exp(mpmath.mpf(float(v))) for v in x]
        total = mpmath.fsum(e)
        return np.array([float(v / total) for v in e])


def ulps(got, expected):
    return np.abs(got - expected) / np.spacing(np.abs(expected))


def test_within_one_ulp_of_mpmath_in_both_tails():
    """[0, t]: x - max is exact, so only exp, sum and divide round: 1 ulp, down to subnormal results."""
    for t in np.linspace(-760.0, 760.0, 761):
        x = np.array([0.0, t])
        assert ulps(softmax(x), mp_softmax(x)).max() <= 1, t


@given(hnp.arrays(np.float64, st.integers(1, 6), elements=st.floats(-700, 700)))
def test_error_grows_only_with_the_rounding_of_x_minus_max(x):
    """x - max rounds by up to half an ulp of |x - max|, which exp turns into |x - max|/2 ulps (SciPy too);
    exp, the sum of n terms and the division add about n + 1 ulps."""
    bound = 1 + len(x) + np.abs(x - x.max())
    assert np.all(ulps(softmax(x), mp_softmax(x)) <= bound)


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


# -- the derivative and the gradient of cross-entropy ------------------------------------


@given(hnp.arrays(np.float64, st.integers(1, 6), elements=moderate))
def test_jacobian_matches_autograd(z):
    expected = torch.autograd.functional.jacobian(lambda t: torch.softmax(t, dim=0), torch.from_numpy(z))
    np.testing.assert_allclose(softmax_jacobian(softmax(z)), expected.numpy(), rtol=1e-10, atol=1e-15)


@given(hnp.arrays(np.float64, st.integers(2, 6), elements=moderate), st.data())
def test_cross_entropy_gradient_is_p_minus_y(z, data):
    target = data.draw(st.integers(0, len(z) - 1))
    logits = torch.tensor(z[None, :], requires_grad=True)
    torch.nn.CrossEntropyLoss()(logits, torch.tensor([target])).backward()
    y = np.eye(len(z))[target]
    np.testing.assert_allclose(softmax(z) - y, logits.grad.numpy()[0], rtol=1e-10, atol=1e-15)
    # The chain rule through the Jacobian gives the same: J^T (-y / p) = p - y.
    p = softmax(z)
    if np.all(p > 0):
        np.testing.assert_allclose(softmax_jacobian(p).T @ (-y / p), p - y, rtol=1e-9, atol=1e-12)


def test_log_of_softmax_breaks_where_cross_entropy_does_not():
    """The page's claim, in float32: CrossEntropyLoss gives p - y; log(softmax) gives inf and nan."""
    underflow = float(compute_fact("softmax_exp_underflow_float32"))
    assert torch.exp(torch.tensor(underflow - 1)) == 0 < torch.exp(torch.tensor(underflow + 1))
    target = torch.tensor([1])
    logits = torch.tensor([[200.0, 0.0]], requires_grad=True)
    torch.nn.CrossEntropyLoss()(logits, target).backward()
    np.testing.assert_array_equal(logits.grad.numpy(), [[1.0, -1.0]])
    logits = torch.tensor([[200.0, 0.0]], requires_grad=True)
    loss = torch.nn.NLLLoss()(torch.log(torch.softmax(logits, dim=1)), target)
    loss.backward()
    assert loss.item() == INF and torch.isnan(logits.grad).all()


# -- large values: the max-subtraction trick ---------------------------------------------


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        ([1000.0, 1000.0], [0.5, 0.5]),
        ([1000.0, 0.0], [1.0, 0.0]),
        ([-1000.0, -1000.0], [0.5, 0.5]),
        ([1e308, -1e308], [1.0, 0.0]),  # x - max overflows to -inf: exp gives the right 0, with no warning
        ([-1e308, -1e308, -1e308], [1 / 3, 1 / 3, 1 / 3]),
    ],
)
def test_large_logits_do_not_overflow(x, expected):
    np.testing.assert_allclose(softmax(x), expected, rtol=1e-15)  # pytest turns any warning into an error
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


# -- infinities, nan: where the page compares with torch.softmax -------------------------


def test_minus_inf_logits_get_probability_zero_like_torch():
    x = np.array([[0.0, -INF, 1.0], [-INF, 2.0, -INF]])
    np.testing.assert_allclose(softmax(x), torch.softmax(torch.from_numpy(x), dim=-1).numpy(), rtol=1e-15)
    assert softmax(x)[0, 1] == 0.0


@pytest.mark.parametrize("x", [[INF, 0.0], [INF, INF], [-INF, -INF], [INF, -INF]])
def test_undefined_rows_are_nan_with_a_warning_where_torch_is_silent(x):
    """The page's one sentence: both give nan; ours warns about inf - inf, torch.softmax does not."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        expected = torch.softmax(torch.tensor(x, dtype=torch.float64), dim=0).numpy()
    assert caught == [] and np.isnan(expected).all()
    with pytest.warns(RuntimeWarning, match="invalid value encountered in subtract"):
        out = softmax(x)
    assert np.isnan(out).all()


@pytest.mark.parametrize("x", [[np.nan, 1.0], [np.nan, -INF], [1.0, 2.0, np.nan]])
def test_nan_makes_its_row_nan(x):
    assert np.isnan(softmax(x)).all()
    batch = softmax(np.array([x, [0.0] * len(x)]))
    assert np.isnan(batch[0]).all()
    np.testing.assert_allclose(batch[1], 1 / len(x))
    assert np.isnan(torch.softmax(torch.tensor(x), dim=0).numpy()).all()


# -- masked arrays: the mask is respected ---------------------------------------------------


def test_masked_entries_take_no_probability():
    """The issue's example: np.asarray would drop the mask and give 1e308 all the probability."""
    x = np.ma.masked_array([1.0, 2.0, 1e308], mask=[False, False, True])
    out = softmax(x)
    assert isinstance(out, np.ma.MaskedArray)
    np.testing.assert_array_equal(out.mask, [False, False, True])
    np.testing.assert_allclose(out.compressed(), scipy.special.softmax([1.0, 2.0]), rtol=1e-15)


@pytest.mark.parametrize("axis", [0, 1, -1])
def test_masked_batch_equals_softmax_of_the_kept_entries(axis):
    data = np.array([[1.0, 2.0, 1e308], [3.0, -1e308, 1.0], [0.5, 0.25, -2.0]])
    mask = np.array([[False, False, True], [True, False, False], [False, False, False]])
    out = softmax(np.ma.masked_array(data, mask=mask), axis=axis)
    np.testing.assert_array_equal(out.mask, mask)
    across = 1 - axis % 2  # the lines along `axis` are numbered along the other axis
    for k in range(3):
        line, kept = np.take(data, k, axis=across), ~np.take(mask, k, axis=across)
        np.testing.assert_allclose(np.take(out, k, axis=across).compressed(), softmax(line[kept]), rtol=1e-15)


# -- dtypes, input kinds ------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@given(data=st.data())
def test_keeps_float_dtype(dtype, data):
    info = np.finfo(dtype)
    # Full range, except that scipy's float64 reference itself overflows in x - max near the limit
    # (test_large_logits_do_not_overflow covers ±1e308 in float64).
    bound = float(info.max) / (2 if dtype == np.float64 else 1)
    elements = st.floats(-bound, bound, width=info.bits)
    x, axis = data.draw(array_and_axis(elements, dtype))
    out = softmax(x, axis=axis)
    assert out.dtype == dtype
    wide = x.astype(np.float64)
    expected = scipy.special.softmax(wide, axis=axis)
    # Rounding x - max in `dtype` costs up to |x - max| / 2 ulps after exp (see the mpmath tests above).
    ulps_allowed = 2 + x.shape[axis] + np.abs(wide - wide.max(axis=axis, keepdims=True))
    error = np.abs(out.astype(np.float64) - expected)
    assert np.all(error <= float(info.eps) * ulps_allowed * expected + 4 * float(info.smallest_subnormal))


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
def test_temperature_keeps_float_dtype(dtype):
    out = softmax(np.array([1.0, 2.0], dtype=dtype) / 3.0)
    assert out.dtype == dtype
    np.testing.assert_allclose(out, scipy.special.softmax(np.array([1.0, 2.0]) / 3.0), rtol=2e-3)


@pytest.mark.parametrize("x", [[1, 2, 3], np.array([1, 2, 3], dtype=np.int8), np.array([1, 2, 3], dtype=np.uint64)])
def test_integers_become_float64(x):
    out = softmax(x)
    assert out.dtype == np.float64
    np.testing.assert_allclose(out, scipy.special.softmax([1.0, 2.0, 3.0]), rtol=1e-15)


def test_input_is_unchanged_and_lists_work():
    x = np.array([[1.0, 5.0], [2.0, 3.0]])
    before = x.copy()
    softmax(x)
    softmax(x, axis=0)
    np.testing.assert_array_equal(x, before)
    np.testing.assert_allclose(softmax([[2.0, 3.0]]), scipy.special.softmax([[2.0, 3.0]], axis=-1))


# -- bad input: an exception, never a number ----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("abc",), TypeError),
        ((["1", "2"],), TypeError),
        (([[1.0], [1.0, 2.0]],), ValueError),  # ragged
        ((None,), TypeError),
        ((3.0,), TypeError),  # a scalar is not a vector of logits
        (([],), ValueError),  # no logits: no probability distribution (the max of nothing)
        (([1.0, 2.0], 1), np.exceptions.AxisError),
        (([[1.0, 2.0]], -3), np.exceptions.AxisError),
        (([1.0, 2.0], 0.0), TypeError),
    ],
)
def test_bad_input_raises(args, error):
    with pytest.raises(error):
        softmax(*args)


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
