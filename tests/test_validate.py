"""as_float_array: the input check that every activation function starts with."""

import numpy as np
import pytest

from activations.validate import as_float_array


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_floats_keep_their_dtype(dtype):
    x = np.array([1.5, -2.0], dtype=dtype)
    assert as_float_array(x, "f(x)").dtype == dtype


@pytest.mark.parametrize("value", [3, [1, 2], np.array([1, 2], dtype=np.int8), np.array([7], dtype=np.uint64)])
def test_integers_become_float64(value):
    assert as_float_array(value, "f(x)").dtype == np.float64


def test_scalars_and_empty_arrays():
    assert as_float_array(0.5, "f(x)").shape == ()
    assert as_float_array(np.float32(0.5), "f(x)").dtype == np.float32
    assert as_float_array([], "f(x)").shape == (0,)


@pytest.mark.parametrize("value", ["1.0", ["a", "b"], True, np.array([True]), 1 + 2j, None, {"x": 1}])
def test_non_real_input_is_a_type_error_naming_the_argument(value):
    with pytest.raises(TypeError, match=r"^sigmoid\(x\): expected real numbers, got dtype"):
        as_float_array(value, "sigmoid(x)")


def test_ragged_input_is_a_value_error_naming_the_argument():
    with pytest.raises(ValueError, match=r"^relu\(x\): cannot make an array of the input"):
        as_float_array([[1.0], [1.0, 2.0]], "relu(x)")
