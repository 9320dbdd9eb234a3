"""Leaky ReLU and its derivative."""

import numpy as np

from activations.validate import as_float_array


# --8<-- [start:check_slope]
def check_slope(negative_slope, where):
    """음수 쪽 기울기 a는 0 이상 1 미만의 유한한 실수여야 합니다.

    a = 1이면 항등 함수(선형)가 되고, a > 1이나 a < 0이면 리키 렐루라고 부르는 함수가 아닙니다.
    """
    # bool은 int의 하위 클래스이므로 먼저 거릅니다(True가 기울기 1로 통과하지 않도록).
    if isinstance(negative_slope, (bool, np.bool_)) or not isinstance(
        negative_slope, (int, float, np.integer, np.floating)
    ):
        raise TypeError(f"{where}: negative_slope must be a real number, got {negative_slope!r}")
    try:
        slope = float(negative_slope)
    except OverflowError:  # 예: 10**400처럼 float으로 나타낼 수 없을 만큼 큰 정수
        raise ValueError(f"{where}: negative_slope must be in [0, 1), got {negative_slope!r}") from None
    if not (np.isfinite(slope) and 0 <= slope < 1):
        raise ValueError(f"{where}: negative_slope must be in [0, 1), got {slope!r}")
    return slope
# --8<-- [end:check_slope]


# --8<-- [start:leaky_relu]
def leaky_relu(x, negative_slope=0.01):
    """리키 렐루: x > 0이면 x, 아니면 a·x (a = negative_slope, PyTorch와 같은 기본값 0.01)."""
    x = as_float_array(x, "leaky_relu(x)")
    a = check_slope(negative_slope, "leaky_relu()")  # 파이썬 float이라 x의 dtype을 바꾸지 않습니다.
    if a == 0:
        # a = 0이면 렐루입니다. a * x로 계산하면 x = ±inf에서 0 * inf = nan이 되므로 피합니다.
        return np.maximum(x, 0)[()]
    # np.maximum(a * x, x)와 달리 np.where는 정의를 그대로 따릅니다: x > 0이면 x, 아니면 a * x.
    return np.where(x > 0, x, a * x)[()]
# --8<-- [end:leaky_relu]


# --8<-- [start:leaky_relu_grad]
def leaky_relu_grad(x, negative_slope=0.01):
    """리키 렐루의 도함수: x > 0이면 1, x <= 0이면 a. x = 0에서는 PyTorch처럼 a를 씁니다."""
    x = as_float_array(x, "leaky_relu_grad(x)")
    a = check_slope(negative_slope, "leaky_relu_grad()")
    grad = np.where(x > 0, 1, a).astype(x.dtype)
    return np.where(np.isnan(x), x, grad)[()]  # nan은 nan으로 둡니다.
# --8<-- [end:leaky_relu_grad]
