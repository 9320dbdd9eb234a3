"""Softmax over one axis of a vector (or batch) of logits, with temperature."""

import numpy as np

from activations.validate import as_float_array

# isort: split
# --8<-- [start:softmax]
import math


def softmax(x, axis=-1, temperature=1.0):
    """로짓 x를 axis 방향의 확률 분포로 바꿉니다: exp(x_i / T) / Σ_j exp(x_j / T).

    T(temperature, 온도)가 1보다 크면 분포가 고르게 퍼지고, 1보다 작으면 가장 큰 로짓 쪽으로 쏠립니다.
    스칼라 하나는 로짓이 하나뿐인 벡터로 보아 1을 돌려줍니다(PyTorch, SciPy와 같습니다).
    """
    x = as_float_array(x, "softmax(x)")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"softmax(axis): axis must be an int, got {axis!r}")
    ndim = max(x.ndim, 1)
    if not -ndim <= axis < ndim:
        raise ValueError(f"softmax(axis): axis {axis} is out of range for x with {x.ndim} dimension(s)")
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float, np.integer, np.floating)):
        raise TypeError(f"softmax(temperature): temperature must be a real number, got {temperature!r}")
    try:
        t = float(temperature)
    except OverflowError:  # 10**400처럼 float에 담기지 않는 정수
        raise ValueError("softmax(temperature): temperature is too large for a float") from None
    if not (math.isfinite(t) and t > 0):
        raise ValueError(f"softmax(temperature): temperature must be positive and finite, got {t!r}")
    info = np.finfo(x.dtype)
    if not float(info.smallest_subnormal) <= t <= float(info.max):  # x의 dtype으로 바꾸면 0이나 inf가 됩니다.
        raise ValueError(f"softmax(temperature): temperature {temperature!r} does not fit in {x.dtype}")
    t = x.dtype.type(t)  # x의 dtype으로 나눠야 float16/32 입력이 float64로 바뀌지 않습니다.
    shape = x.shape
    x = x.reshape(shape or (1,))  # 0차원 입력은 길이 1인 벡터로 계산합니다.
    if x.shape[axis] == 0:
        return x.reshape(shape).copy()  # 로짓이 하나도 없으면 확률 분포도 비어 있습니다.

    # +inf인 로짓이 하나면 극한값(그 로짓의 확률 1, 나머지 0)을 씁니다. 여럿이면 확률을 똑같이
    # 나눠 갖는 것으로 정합니다(함께 같은 속도로 커질 때의 극한). PyTorch는 둘 다 nan을 냅니다.
    # 같은 줄의 nan은 nan으로 남겨 그 줄 전체가 nan이 되게 합니다.
    pos_inf = np.isposinf(x)
    limit = np.where(pos_inf, 0, np.where(np.isnan(x), x, -np.inf))
    x = np.where(pos_inf.any(axis=axis, keepdims=True), limit, x)

    # 최댓값 빼기: 지수가 0 이하가 되어 exp가 오버플로하지 않습니다. 결과는 수학적으로 같습니다.
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)  # 모든 로짓이 -inf인 줄은 빼지 않습니다(아래에서 nan이 됩니다).
    # x - m과 (x - m) / T는 0 이하입니다. 넘치면 -inf가 되고 exp(-inf) = 0이 바른 값이므로 경고를 끕니다.
    with np.errstate(over="ignore"):
        e = np.exp((x - m) / t)
    total = np.sum(e, axis=axis, keepdims=True)
    # 합이 0인 줄(모든 로짓이 -inf)은 확률 분포가 정의되지 않으므로 nan을 돌려줍니다.
    out = np.divide(e, total, out=np.full_like(e, np.nan), where=total > 0)
    return out.reshape(shape)[()]  # 스칼라를 넣으면 스칼라가 나옵니다.
# --8<-- [end:softmax]
