"""Loss functions of the output layer: against torch.nn's losses, scipy and mpmath, plus edges and bad input."""

import mpmath
import numpy as np
import pytest
import scipy.special
import torch
import torch.nn as nn
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from activations.output_layer import bce_with_logits, cross_entropy, log_softmax, mse
from activations.pages import FACTS, FIGURES, compute_fact
from activations.pages.output_layer import (
    OUTPUT_LAYER_BIG_LOGIT,
    sigmoid_one_threshold_float32,
    sigmoid_then_bce_float32,
)

INF = np.inf
NAN = np.nan

moderate = st.floats(-50, 50, allow_nan=False, allow_infinity=False)
probabilities = st.floats(0, 1)
shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=5)


def t(x):
    return torch.from_numpy(np.asarray(x))


# -- bce_with_logits --------------------------------------------------------------------


@st.composite
def logits_and_targets(draw, logits=moderate, dtype=np.float64):
    shape = draw(shapes)
    z = draw(hnp.arrays(dtype, shape, elements=logits))
    y = draw(hnp.arrays(dtype, shape, elements=st.floats(0, 1, width=np.finfo(dtype).bits)))
    return z, y


@given(logits_and_targets())
def test_bce_matches_torch(zy):
    z, y = zy
    expected = nn.BCEWithLogitsLoss()(t(z), t(y)).item()
    # torch adds and subtracts terms of size |z| and takes the log of a sum instead of log1p, so
    # it is off by a few ulps of |z| (<= 50 here) in absolute terms where the loss is tiny
    # (at z = -40, y = 0 it gives 0 instead of 4e-18). test_bce_matches_mpmath_anywhere checks ours.
    np.testing.assert_allclose(bce_with_logits(z, y), expected, rtol=1e-12, atol=1e-13)


@given(logits_and_targets(dtype=np.float32))
def test_bce_matches_torch_float32(zy):
    z, y = zy
    out = bce_with_logits(z, y)
    assert out.dtype == np.float32
    # torch's float32 formula cancels terms of size |z| <= 50: a few float32 ulps of 50 absolute.
    np.testing.assert_allclose(out, nn.BCEWithLogitsLoss()(t(z), t(y)).item(), rtol=2e-5, atol=2e-5)


def bce_reference(z, y):
    """-[y log σ(z) + (1 - y) log(1 - σ(z))] with 60 digits, one element."""
    with mpmath.workdps(60):
        z, y = mpmath.mpf(z), mpmath.mpf(y)
        log_p = -mpmath.log1p(mpmath.exp(-z))  # log σ(z)
        log_q = -mpmath.log1p(mpmath.exp(z))  # log(1 - σ(z))
        return float(-(y * log_p + (1 - y) * log_q))


@given(st.floats(-1e300, 1e300), probabilities)
def test_bce_matches_mpmath_anywhere(z, y):
    # max(z, 0) - z·y subtracts terms of size |z|: the error is a few ulps of |z|, and where the
    # terms do not cancel (y = 0 or 1, or z of either sign with y on the small side) it is relative.
    expected = bce_reference(z, y)
    assert abs(bce_with_logits(z, y) - expected) <= 4 * np.spacing(abs(z)) + 1e-15 * expected


@pytest.mark.parametrize(
    ("z", "y"),
    [(40.0, 0.0), (40.0, 1.0), (-800.0, 1.0), (800.0, 0.3), (1e-300, 0.5), (-1e308, 0.0), (1e308, 1.0), (36.0, 1.0)],
)
def test_bce_extreme_logits(z, y):
    np.testing.assert_allclose(bce_with_logits(z, y), bce_reference(z, y), rtol=1e-14, atol=1e-300)


@pytest.mark.parametrize(("z", "y"), [(INF, 1.0), (INF, 0.0), (-INF, 0.0), (INF, 0.5)])
def test_bce_infinite_logit_is_nan_with_a_warning(z, y):
    """The textbook form computes inf - inf or inf·0 there. torch gives nan or inf: never a finite number."""
    with pytest.warns(RuntimeWarning, match="invalid value"):
        assert np.isnan(bce_with_logits(z, y))
    assert not np.isfinite(nn.BCEWithLogitsLoss()(t(np.array([z])), t(np.array([y]))).item())


def test_bce_infinitely_sure_and_wrong_is_an_infinite_loss():
    assert bce_with_logits(-INF, 1.0) == INF


def test_bce_nan_logit_gives_nan():
    assert np.isnan(bce_with_logits(NAN, 1.0))


def test_bce_masked_entries_are_left_out_of_the_mean():
    z = np.ma.masked_array([1.0, 2.0, 1e308], mask=[False, False, True])
    expected = bce_with_logits([1.0, 2.0], [1.0, 0.0])
    np.testing.assert_allclose(bce_with_logits(z, np.array([1.0, 0.0, 0.0])), expected, rtol=1e-15)
    y = np.ma.masked_array([1.0, 0.0, 5.0], mask=[False, False, True])  # the masked 5 is not checked either
    np.testing.assert_allclose(bce_with_logits([1.0, 2.0, 3.0], y), expected, rtol=1e-15)


@given(st.data())
def test_bce_multi_label_targets_of_shape_n_c_match_torch(data):
    """The page's multi-label section: one sigmoid per class, targets of shape (N, C), mean over N·C."""
    shape = data.draw(st.tuples(st.integers(1, 5), st.integers(1, 6)))
    z = data.draw(hnp.arrays(np.float64, shape, elements=moderate))
    y = data.draw(hnp.arrays(np.float64, shape, elements=st.sampled_from([0.0, 1.0])))  # each class there or not
    np.testing.assert_allclose(bce_with_logits(z, y), nn.BCEWithLogitsLoss()(t(z), t(y)).item(), rtol=1e-12, atol=1e-13)


def test_multi_label_probabilities_need_not_sum_to_one():
    logits = torch.tensor([[2.0, 1.5, -3.0]])
    assert torch.softmax(logits, dim=1).sum().item() == pytest.approx(1.0)
    assert torch.sigmoid(logits).sum().item() > 1.5  # two classes likely at once


def test_bce_big_logit_of_the_page_against_torch():
    """The page's claim: BCEWithLogitsLoss gives the true loss and gradient, Sigmoid + BCELoss does not."""
    z = torch.tensor([OUTPUT_LAYER_BIG_LOGIT], requires_grad=True)
    loss = nn.BCEWithLogitsLoss()(z, torch.tensor([0.0]))
    loss.backward()
    assert loss.item() == pytest.approx(bce_with_logits(OUTPUT_LAYER_BIG_LOGIT, 0.0), rel=1e-7)
    assert z.grad.item() == pytest.approx(scipy.special.expit(OUTPUT_LAYER_BIG_LOGIT), rel=1e-7)

    z = torch.tensor([OUTPUT_LAYER_BIG_LOGIT], requires_grad=True)
    naive = nn.BCELoss()(torch.sigmoid(z), torch.tensor([0.0]))
    naive.backward()
    assert naive.item() == float(compute_fact("output_layer_bce_clamp"))
    assert z.grad.item() == 0.0


@pytest.mark.parametrize("z", [0.0, 0.5, 3.0, 10.0, 16.0, 16.6, 16.7, 20.0, 40.0, 50.0])
def test_figure_emulation_of_sigmoid_then_bce_matches_torch(z):
    zt = torch.tensor([z], dtype=torch.float32, requires_grad=True)
    loss = nn.BCELoss()(torch.sigmoid(zt), torch.tensor([0.0]))
    loss.backward()
    emulated_loss, emulated_grad = sigmoid_then_bce_float32(np.array([z]))
    np.testing.assert_allclose(emulated_loss, [loss.item()], rtol=1e-6)
    np.testing.assert_allclose(emulated_grad, [zt.grad.item()], rtol=1e-6)


def test_float32_sigmoid_threshold_matches_torch():
    threshold = sigmoid_one_threshold_float32()
    below, at = torch.tensor([threshold - 1e-3, threshold], dtype=torch.float32)
    assert torch.sigmoid(below).item() < 1.0 == torch.sigmoid(at).item()
    assert compute_fact("output_layer_sigmoid_one_float32") == f"{threshold:.1f}"


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_bce_keeps_float_dtype(dtype):
    z = np.array([-3.0, 0.0, 2.5, 30.0], dtype=dtype)
    y = np.array([0.0, 1.0, 1.0, 0.0], dtype=dtype)
    out = bce_with_logits(z, y)
    assert out.dtype == dtype
    expected = np.mean([bce_reference(a, b) for a, b in zip(z.astype(float), y.astype(float), strict=True)])
    np.testing.assert_allclose(float(out), expected, rtol=np.finfo(dtype).eps * 8)


def test_bce_integer_targets_and_python_scalars():
    out = bce_with_logits(0, 1)
    assert isinstance(out, np.float64)
    np.testing.assert_allclose(out, np.log(2), rtol=1e-15)
    np.testing.assert_allclose(bce_with_logits([1.0, -2.0], [1, 0]), bce_with_logits([1.0, -2.0], [1.0, 0.0]))
    np.testing.assert_allclose(bce_with_logits(np.array(0.5), np.array(0.25)), bce_reference(0.5, 0.25), rtol=1e-15)


def test_bce_empty_is_nan_like_torch():
    with pytest.warns(RuntimeWarning, match="Mean of empty slice|invalid value"):
        assert np.isnan(bce_with_logits([], []))
    assert torch.isnan(nn.BCEWithLogitsLoss()(torch.empty(0), torch.empty(0)))


@pytest.mark.parametrize(
    ("logits", "targets", "error", "match"),
    [
        ([1.0, 2.0], [1.0], ValueError, r"bce_with_logits\(targets\): shape \(1,\) differs .* logits \(2,\)"),
        ([[1.0, 2.0]], [1.0, 0.0], ValueError, r"bce_with_logits\(targets\): shape"),
        ([1.0], [1.5], ValueError, r"bce_with_logits\(targets\).*between 0 and 1"),
        ([1.0], [1.1], ValueError, r"bce_with_logits\(targets\).*between 0 and 1"),
        ([1.0], [-0.1], ValueError, r"bce_with_logits\(targets\).*between 0 and 1"),
        ([1.0, 2.0], [1.0, NAN], ValueError, r"bce_with_logits\(targets\).*between 0 and 1 \(not nan\)"),
        ([1.0], [-INF], ValueError, r"bce_with_logits\(targets\).*between 0 and 1"),
        (["a"], [1.0], TypeError, "maximum"),
        ([1.0], ["1"], TypeError, "greater_equal"),
        ([[1.0], [1.0, 2.0]], [1.0], ValueError, "inhomogeneous"),
    ],
)
def test_bce_bad_input(logits, targets, error, match):
    with pytest.raises(error, match=match):
        bce_with_logits(logits, targets)


# -- log_softmax ------------------------------------------------------------------------


@st.composite
def array_and_axis(draw, elements):
    x = draw(
        hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5), elements=elements)
    )
    return x, draw(st.integers(-x.ndim, x.ndim - 1))


@given(array_and_axis(st.floats(-1e300, 1e300)))
def test_log_softmax_matches_scipy(x_axis):
    x, axis = x_axis
    np.testing.assert_allclose(
        log_softmax(x, axis=axis), scipy.special.log_softmax(x, axis=axis), rtol=1e-12, atol=1e-12
    )


@given(array_and_axis(moderate))
def test_log_softmax_matches_torch(x_axis):
    x, axis = x_axis
    np.testing.assert_allclose(
        log_softmax(x, axis=axis), torch.log_softmax(t(x), dim=axis).numpy(), rtol=1e-12, atol=1e-12
    )


def test_log_softmax_is_accurate_where_log_of_softmax_is_not():
    np.testing.assert_array_equal(log_softmax([0.0, -1000.0]), [0.0, -1000.0])
    with pytest.warns(RuntimeWarning, match="divide by zero"):
        assert np.log(scipy.special.softmax([0.0, -1000.0]))[1] == -INF


@pytest.mark.parametrize(("x", "expected"), [([0.0, -INF], [0.0, -INF]), ([NAN, 1.0], [NAN, NAN])])
def test_log_softmax_special_values_like_torch(x, expected):
    np.testing.assert_array_equal(log_softmax(x), expected)
    np.testing.assert_array_equal(torch.log_softmax(t(np.array(x)), dim=0).numpy(), expected)


@pytest.mark.parametrize("x", [[-INF, -INF], [INF, 1.0], [INF, INF]])
def test_log_softmax_undefined_rows_are_nan_with_a_warning_torch_is_silent_about(x):
    with pytest.warns(RuntimeWarning, match="invalid value encountered in subtract"):
        out = log_softmax(x)
    assert np.isnan(out).all()
    assert torch.log_softmax(t(np.array(x)), dim=0).isnan().all()


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_log_softmax_keeps_float_dtype(dtype):
    x = np.array([1.0, -2.0, 3.5], dtype=dtype)
    out = log_softmax(x)
    assert out.dtype == dtype
    np.testing.assert_allclose(out, scipy.special.log_softmax(x.astype(np.float64)), rtol=np.finfo(dtype).eps * 8)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"x": "abc"}, TypeError),
        ({"x": []}, ValueError),
        ({"x": [1.0], "axis": 1}, np.exceptions.AxisError),
        ({"x": [1.0], "axis": 0.5}, TypeError),
    ],
)
def test_log_softmax_bad_input(kwargs, error):
    with pytest.raises(error):
        log_softmax(**kwargs)


# -- cross_entropy ------------------------------------------------------------------------


@st.composite
def ce_inputs(draw, dtype=np.float64):
    """logits (N, C) with class indices (N,)."""
    n, c = draw(st.integers(1, 5)), draw(st.integers(1, 6))
    z = draw(hnp.arrays(dtype, (n, c), elements=st.floats(-50, 50, width=np.finfo(dtype).bits)))
    return z, draw(hnp.arrays(np.int64, (n,), elements=st.integers(0, c - 1)))


@given(ce_inputs())
def test_cross_entropy_matches_torch(inputs):
    z, targets = inputs
    expected = nn.CrossEntropyLoss()(t(z), t(targets)).item()
    np.testing.assert_allclose(cross_entropy(z, targets), expected, rtol=1e-12, atol=1e-14)


@given(ce_inputs(np.float32))
def test_cross_entropy_matches_torch_float32(inputs):
    z, targets = inputs
    out = cross_entropy(z, targets)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, nn.CrossEntropyLoss()(t(z), t(targets)).item(), rtol=1e-5, atol=1e-5)


@given(
    hnp.arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 6)), elements=st.floats(-1e300, 1e300)),
    st.data(),
)
def test_cross_entropy_matches_scipy_log_softmax(z, data):
    n, c = z.shape
    targets = data.draw(hnp.arrays(np.int64, (n,), elements=st.integers(0, c - 1)))
    expected = -np.mean(scipy.special.log_softmax(z, axis=1)[np.arange(n), targets])
    np.testing.assert_allclose(cross_entropy(z, targets), expected, rtol=1e-12, atol=1e-12)


def test_cross_entropy_after_softmax_is_bounded():
    """The page's claim: applying softmax first caps the loss at log(e + C - 1)."""
    z = np.array([[10.0, 0.0, 0.0]])
    probabilities = scipy.special.softmax(z, axis=1)
    wrong = cross_entropy(probabilities, [1])
    np.testing.assert_allclose(wrong, nn.CrossEntropyLoss()(t(probabilities), torch.tensor([1])).item(), rtol=1e-12)
    assert wrong < np.log(np.e + 2) < cross_entropy(z, [1])


@pytest.mark.parametrize(
    ("z", "target", "expected"),
    [
        ([-INF, 1.0], 0, INF),  # the target class is masked out
        ([-INF, 1.0], 1, 0.0),
        ([NAN, 1.0], 1, NAN),
    ],
)
def test_cross_entropy_special_values_like_torch(z, target, expected):
    np.testing.assert_array_equal(cross_entropy([z], [target]), expected)
    np.testing.assert_array_equal(nn.CrossEntropyLoss()(t(np.array([z])), torch.tensor([target])).item(), expected)


def test_cross_entropy_minus_inf_logits_like_torch():
    z = np.array([[0.0, -INF, 2.0], [1.0, 1.0, -INF]])
    targets = np.array([2, 0])
    np.testing.assert_allclose(cross_entropy(z, targets), nn.CrossEntropyLoss()(t(z), t(targets)).item(), rtol=1e-14)


def test_cross_entropy_masked_logits_are_left_out():
    z = np.ma.masked_array([[1.0, 2.0, 50.0]], mask=[[False, False, True]])
    np.testing.assert_allclose(cross_entropy(z, [0]), -scipy.special.log_softmax([1.0, 2.0])[0], rtol=1e-15)


def test_cross_entropy_integer_kinds_of_targets():
    expected = -scipy.special.log_softmax([1.0, 2.0])[1]
    for targets in ([1], np.array([1], dtype=np.uint8), np.array([1], dtype=np.int32)):
        np.testing.assert_allclose(cross_entropy([[1.0, 2.0]], targets), expected, rtol=1e-15)


def test_cross_entropy_empty_batch_is_nan_like_torch():
    with pytest.warns(RuntimeWarning, match="Mean of empty slice|invalid value"):
        assert np.isnan(cross_entropy(np.zeros((0, 3)), np.zeros(0, dtype=np.int64)))
    assert torch.isnan(nn.CrossEntropyLoss()(torch.zeros(0, 3), torch.zeros(0, dtype=torch.long)))


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_cross_entropy_keeps_float_dtype(dtype):
    z = np.array([[2.0, 1.0, 0.1], [0.5, 0.5, 3.0]], dtype=dtype)
    out = cross_entropy(z, [0, 2])
    assert out.dtype == dtype
    expected = -np.mean(scipy.special.log_softmax(z.astype(np.float64), axis=1)[[0, 1], [0, 2]])
    np.testing.assert_allclose(float(out), expected, rtol=np.finfo(dtype).eps * 8)


def test_float_targets_in_pytorch_depend_on_their_shape():
    """The page's claim: float targets of shape (N, C) are class probabilities; of shape (N,) an error."""
    logits = torch.tensor([[2.0, 1.0, 0.1], [0.5, 0.5, 3.0]])
    by_index = nn.CrossEntropyLoss()(logits, torch.tensor([0, 2]))
    one_hot = nn.CrossEntropyLoss()(logits, torch.tensor([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]))
    assert one_hot.item() == pytest.approx(by_index.item(), rel=1e-6)
    with pytest.raises(RuntimeError, match="expected target dtype to be Long"):
        nn.CrossEntropyLoss()(logits, torch.tensor([0.0, 2.0]))
    with pytest.raises(IndexError):  # and the site's cross_entropy takes class indices only
        cross_entropy(logits.numpy(), np.array([0.0, 2.0]))


@pytest.mark.parametrize(
    ("logits", "targets", "error", "match"),
    [
        ([[1.0, 2.0]], [2], ValueError, r"cross_entropy\(targets\): need 1 class indices, each in 0 ... 1"),
        ([[1.0, 2.0]], [-1], ValueError, r"cross_entropy\(targets\).*0 ... 1"),  # numpy would pick the last
        ([[1.0, 2.0], [3.0, 4.0]], [0], ValueError, r"cross_entropy\(targets\).*got shape \(1,\)"),  # broadcast
        ([[1.0, 2.0]], [0, 1], ValueError, r"cross_entropy\(targets\).*got shape \(2,\)"),
        ([[1.0, 2.0]], 0, ValueError, r"cross_entropy\(targets\).*got shape \(\)"),
        ([[1.0, 2.0]], [0.0], IndexError, "integer"),
        ([[1.0, 2.0]], [True], IndexError, "integer"),
        ([[1.0, 2.0]], ["1"], TypeError, "greater_equal"),
        ([1.0, 2.0], [0], np.exceptions.AxisError, "axis 1"),  # logits need the shape (N, C)
        ([["a", "b"]], [0], TypeError, "maximum"),
    ],
)
def test_cross_entropy_bad_input(logits, targets, error, match):
    with pytest.raises(error, match=match):
        cross_entropy(logits, targets)


# -- mse ---------------------------------------------------------------------------------


@st.composite
def pairs(draw, elements, dtype=np.float64):
    shape = draw(shapes)
    return draw(hnp.arrays(dtype, shape, elements=elements)), draw(hnp.arrays(dtype, shape, elements=elements))


@given(pairs(st.floats(-1e6, 1e6)))
def test_mse_matches_torch(pair):
    p, y = pair
    np.testing.assert_allclose(mse(p, y), nn.MSELoss()(t(p), t(y)).item(), rtol=1e-12, atol=1e-300)


@given(pairs(st.floats(-1e3, 1e3, width=32), np.float32))
def test_mse_matches_torch_float32(pair):
    p, y = pair
    out = mse(p, y)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, nn.MSELoss()(t(p), t(y)).item(), rtol=1e-5, atol=1e-6)


def mse_reference(p, y):
    with mpmath.workdps(60):
        diffs = [
            (mpmath.mpf(float(a)) - mpmath.mpf(float(b))) ** 2 for a, b in zip(np.ravel(p), np.ravel(y), strict=True)
        ]
        return float(mpmath.fsum(diffs) / len(diffs))


@given(pairs(st.floats(-1e150, 1e150)))
def test_mse_matches_mpmath(pair):
    p, y = pair
    np.testing.assert_allclose(mse(p, y), mse_reference(p, y), rtol=1e-13, atol=1e-300)


def test_mse_underflow_and_overflow_like_torch():
    np.testing.assert_array_equal(mse([1e-200, 0.0], [0.0, 0.0]), 0.0)  # the square underflows
    with pytest.warns(RuntimeWarning, match="overflow"):
        assert mse([1e200], [0.0]) == INF
    assert nn.MSELoss()(torch.tensor([1e200], dtype=torch.float64), torch.zeros(1, dtype=torch.float64)) == INF


@pytest.mark.parametrize(("dtype", "rtol"), [(np.float16, 4e-3), (np.float32, 1e-6), (np.float64, 1e-14)])
def test_mse_keeps_float_dtype(dtype, rtol):
    p = np.array([2.5, 0.0, 2.0, 8.0], dtype=dtype)
    y = np.array([3.0, -0.5, 2.0, 7.0], dtype=dtype)
    out = mse(p, y)
    assert out.dtype == dtype
    np.testing.assert_allclose(float(out), mse_reference(p, y), rtol=rtol)


@pytest.mark.parametrize(
    ("p", "y", "expected"),
    [([INF], [0.0], INF), ([NAN, 1.0], [0.0, 1.0], NAN), ([1.0, 2.0], [1.0, 2.0], 0.0)],
)
def test_mse_special_values(p, y, expected):
    np.testing.assert_array_equal(mse(p, y), expected)
    np.testing.assert_array_equal(nn.MSELoss()(torch.tensor(p), torch.tensor(y)).item(), expected)


def test_mse_scalars_integers_and_empty():
    out = mse(3, 1)
    assert isinstance(out, np.float64) and out == 4.0
    assert mse(np.array(2.0), np.array(0.5)) == 2.25
    with pytest.warns(RuntimeWarning, match="Mean of empty slice|invalid value"):
        assert np.isnan(mse([], []))
    assert torch.isnan(nn.MSELoss()(torch.empty(0), torch.empty(0)))


@pytest.mark.parametrize(
    ("p", "y", "error", "match"),
    [
        ([[1.0], [2.0]], [1.0, 2.0], ValueError, r"mse\(targets\): shape \(2,\) differs .* predictions \(2, 1\)"),
        ([1.0, 2.0], [1.0], ValueError, r"mse\(targets\): shape"),
        (["a"], [1.0], TypeError, "subtract"),
        ([1.0], ["a"], TypeError, "subtract"),
        ([1.0], [None], TypeError, "unsupported operand"),
    ],
)
def test_mse_bad_input(p, y, error, match):
    with pytest.raises(error, match=match):
        mse(p, y)


# -- the page's figures and facts ------------------------------------------------------------


def page_names(registry):
    return sorted(name for name, func in registry.items() if func.__module__ == "activations.pages.output_layer")


def test_page_registers_prefixed_names():
    names = page_names(FIGURES) + page_names(FACTS)
    assert names and all(name.startswith("output_layer_") for name in names)


@pytest.mark.parametrize("name", page_names(FACTS))
def test_facts_compute(name):
    assert compute_fact(name).strip()


def test_fact_big_logit_loss_is_the_true_loss():
    z = float(compute_fact("output_layer_big_logit"))
    assert float(compute_fact("output_layer_big_logit_loss")) == pytest.approx(bce_reference(z, 0.0), rel=1e-6)
