"""The hyperbolic tangent and its derivative."""

import numpy as np

from activations.validate import as_float_array

# --8<-- [start:tanh]
def tanh(x):
    """하이퍼볼릭탄젠트 함수 (e^x - e^-x) / (e^x + e^-x). NumPy의 np.tanh는 수치적으로 안정적입니다."""
    return np.tanh(as_float_array(x, "tanh(x)"))[()]
# --8<-- [end:tanh]


# --8<-- [start:tanh_grad]
def tanh_grad(x):
    """tanh의 도함수 1 - tanh(x)^2 = 4e^-2|x| / (1 + e^-2|x|)^2."""
    x = as_float_array(x, "tanh_grad(x)")
    # 1 - tanh^2는 |x|가 크면 0으로 뭉개지므로, z = e^-2|x|로 쓴 같은 식을 계산합니다.
    z = np.exp(-2 * np.abs(x))
    return (4 * z / (1 + z) ** 2)[()]
# --8<-- [end:tanh_grad]
