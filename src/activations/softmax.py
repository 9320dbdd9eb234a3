"""Softmax over one axis of a vector (or batch) of logits, with temperature."""

import math

import numpy as np

from activations.validate import as_float_array

# --8<-- [start:softmax]
def softmax(x, axis=-1, temperature=1.0):
    """로짓 x를 axis 방향의 확률 분포로 바꿉니다: exp(x_i / T) / Σ_j exp(x_j / T).

    T(temperature)가 1보다 크면 분포가 고르게 퍼지고, 1보다 작으면 가장 큰 로짓 쪽으로 쏠립니다.
    """
    x = as_float_array(x, "softmax(x)")
    if x.ndim == 0:
        raise ValueError("softmax(x): x must have at least one axis (a vector of logits)")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"softmax(): axis must be an int, got {axis!r}")
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(f"softmax(): axis {axis} is out of range for x with {x.ndim} dimension(s)")
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float, np.integer, np.floating)):
        raise TypeError(f"softmax(): temperature must be a real number, got {temperature!r}")
    t = float(temperature)
    if not (math.isfinite(t) and t > 0):
        raise ValueError(f"softmax(): temperature must be positive and finite, got {t!r}")
    if x.shape[axis] == 0:
        return x.copy()  # 로짓이 하나도 없으면 확률 분포도 비어 있습니다.

    # +inf인 로짓이 있으면 극한값을 씁니다: 확률은 +inf인 로짓들이 똑같이 나눠 갖습니다.
    pos_inf = np.isposinf(x)
    x = np.where(pos_inf.any(axis=axis, keepdims=True), np.where(pos_inf, 0, -np.inf), x)

    # 최댓값 빼기: 지수가 0 이하가 되어 exp가 오버플로하지 않습니다. 결과는 수학적으로 같습니다.
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)  # 모든 로짓이 -inf인 줄은 빼지 않습니다(아래에서 nan이 됩니다).
    e = np.exp((x - m) / t)
    total = np.sum(e, axis=axis, keepdims=True)
    # 합이 0인 줄(모든 로짓이 -inf)은 확률 분포가 정의되지 않으므로 nan을 돌려줍니다.
    return np.divide(e, total, out=np.full_like(e, np.nan), where=total > 0)
# --8<-- [end:softmax]
