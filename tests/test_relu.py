"""relu and relu_grad: against the definition, torch (values and autograd, also at exactly 0), the edges."""

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from activations.pages import compute_fact
from activations.relu import relu, relu_grad

FLOATS = [np.float16, np.float32, np.float64]


def ref_relu(v):
    """The definition, one Python float at a time: x if x > 0, else 0 (nan stays nan)."""
    return v if v > 0 or v != v else 0.0


def ref_relu_grad(v):
    """1 if x > 0, 0 if x <= 0 (0 at x = 0, as in PyTorch); nan stays nan."""
    return float("nan") if v != v else (1.0 if v > 0 else 0.0)


def reference(func, x):
    x = np.asarray(x)
    return np.array([func(float(v)) for v in x.ravel()], dtype=np.float64).reshape(x.shape).astype(x.dtype)


def torch_value_and_grad(x, module=False):
    """torch.relu (or nn.ReLU) of x and its derivative by autograd, both as NumPy arrays."""
    t = torch.tensor(x, requires_grad=True)
    y = torch.nn.ReLU()(t) if module else torch.relu(t)
    y.sum().backward()  # elementwise: d(sum y)/dx_i = ReLU'(x_i)
    return y.detach().numpy(), t.grad.numpy()


shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=5)
no_nan = st.floats(allow_nan=False, allow_infinity=True)


def edges(dtype):
    """Exactly 0 and -0, the smallest and largest numbers of the dtype, and the infinities."""
    info = np.finfo(dtype)
    tiny, big = float(info.smallest_subnormal), float(info.max)
    return np.array([0.0, -0.0, tiny, -tiny, 0.5, -0.5, big, -big, np.inf, -np.inf], dtype=dtype)


# -- against the definition ----------------------------------------------------------------


@pytest.mark.parametrize("dtype", FLOATS)
@given(data=st.data())
def test_matches_the_definition(dtype, data):
    x = data.draw(hnp.arrays(dtype, shapes, elements=st.floats(width=np.finfo(dtype).bits)))
    out, grad = relu(x), relu_grad(x)
    assert out.dtype == grad.dtype == dtype
    np.testing.assert_array_equal(out, reference(ref_relu, x))
    np.testing.assert_array_equal(grad, reference(ref_relu_grad, x))


@given(st.floats(-1e6, 1e6).filter(lambda v: abs(v) > 1e-3))
def test_grad_is_the_slope_of_relu(v):
    h = 1e-4
    slope = (relu(v + h) - relu(v - h)) / (2 * h)
    np.testing.assert_allclose(relu_grad(v), slope, rtol=1e-6)


# -- against PyTorch, including exactly 0 ---------------------------------------------------


@pytest.mark.parametrize("module", [False, True], ids=["torch.relu", "nn.ReLU"])
@pytest.mark.parametrize("dtype", FLOATS)
def test_matches_torch_at_the_edges(module, dtype):
    x = edges(dtype)
    value, grad = torch_value_and_grad(x, module)
    np.testing.assert_array_equal(relu(x), value)
    np.testing.assert_array_equal(relu_grad(x), grad)


def test_grad_at_zero_is_zero_as_in_torch():
    for zero in (0.0, -0.0):
        x = torch.tensor(zero, requires_grad=True)
        torch.relu(x).backward()
        assert x.grad.item() == 0.0
        assert relu_grad(zero) == x.grad.item()
        assert relu(zero) == 0.0


@given(hnp.arrays(np.float64, shapes, elements=no_nan))
def test_matches_torch_float64(x):
    value, grad = torch_value_and_grad(x)
    np.testing.assert_array_equal(relu(x), value)
    np.testing.assert_array_equal(relu_grad(x), grad)


@given(hnp.arrays(np.float32, shapes, elements=st.floats(width=32)))
def test_values_match_torch_float32_with_nan(x):
    value, _ = torch_value_and_grad(x)
    np.testing.assert_array_equal(relu(x), value)  # relu(nan) = nan in both


def test_grad_of_nan_is_nan():
    # Deliberately unlike torch (whose autograd returns 1 here): no number is made up for nan.
    assert np.isnan(relu_grad(np.nan))
    np.testing.assert_array_equal(relu_grad(np.array([np.nan, 1.0, -1.0])), [np.nan, 1.0, 0.0])


def test_special_values():
    x = np.array([np.inf, -np.inf, 1e308, -1e308, np.nan])
    np.testing.assert_array_equal(relu(x), [np.inf, 0, 1e308, 0, np.nan])
    np.testing.assert_array_equal(relu_grad(x), [1, 0, 1, 0, np.nan])


# -- dtypes, shapes and scalars ------------------------------------------------------------


@pytest.mark.parametrize("func", [relu, relu_grad])
@pytest.mark.parametrize("dtype", [np.int8, np.int64, np.uint8])
def test_integers_become_float64(func, dtype):
    info = np.iinfo(dtype)
    x = np.array([info.min, 0, 1, info.max], dtype=dtype)
    out = func(x)
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, reference(ref_relu if func is relu else ref_relu_grad, x.astype(np.float64)))


@pytest.mark.parametrize("func", [relu, relu_grad])
@pytest.mark.parametrize("value", [-1.5, 2, 0, np.float16(-0.5), np.array(3.0), np.array(-2.0, dtype=np.float32)])
def test_scalars_give_scalars(func, value):
    out = func(value)
    assert not isinstance(out, np.ndarray) and np.ndim(out) == 0
    dtype = np.asarray(value).dtype
    assert out.dtype == (dtype if dtype.kind == "f" else np.float64)
    ref = ref_relu if func is relu else ref_relu_grad
    assert out == ref(float(value))


@pytest.mark.parametrize("func", [relu, relu_grad])
@pytest.mark.parametrize("shape", [(0,), (2, 0), (3, 0, 4)])
@pytest.mark.parametrize("dtype", FLOATS)
def test_empty_arrays(func, shape, dtype):
    out = func(np.empty(shape, dtype=dtype))
    assert out.shape == shape and out.dtype == dtype


@pytest.mark.parametrize("func", [relu, relu_grad])
def test_nested_lists_keep_their_shape(func):
    x = [[0.0, 1.0, -1.0], [2.0, -2.0, 3.0]]
    out = func(x)
    assert out.shape == (2, 3)
    np.testing.assert_array_equal(out, func(np.array(x)))


def test_relu_is_not_a_reduction():
    # The note's np.max(0, x) would reduce; relu keeps one output per input.
    x = np.arange(-5.0, 5.0, 0.1)
    assert relu(x).shape == x.shape


# -- bad input and masked arrays ------------------------------------------------------------


@pytest.mark.parametrize("func", [relu, relu_grad])
@pytest.mark.parametrize("bad", ["1.0", ["a", "b"], None, {"x": 1}])
def test_non_numbers_raise_a_type_error(func, bad):
    with pytest.raises(TypeError):
        func(bad)


@pytest.mark.parametrize("func", [relu, relu_grad])
def test_ragged_input_is_a_value_error(func):
    with pytest.raises(ValueError):
        func([[1.0], [1.0, 2.0]])


@pytest.mark.parametrize("func", [relu, relu_grad])
def test_masked_entries_stay_masked(func):
    x = np.ma.array([-2.0, 3.0, 1e308], mask=[False, False, True])
    out = func(x)
    np.testing.assert_array_equal(np.ma.getmaskarray(out), [False, False, True])
    np.testing.assert_array_equal(out.compressed(), func(np.array([-2.0, 3.0])))


# -- the page's facts and figures ------------------------------------------------------------


def test_facts_agree_with_torch():
    x = torch.tensor([0.0, 2.0], requires_grad=True)
    torch.relu(x).sum().backward()
    at_zero, positive = x.grad.tolist()
    assert compute_fact("relu_grad_at_zero") == f"{at_zero:g}"  # the page: "PyTorch uses 0 at x = 0"
    assert compute_fact("relu_grad_positive") == f"{positive:g}"
