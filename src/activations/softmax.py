"""Softmax over one axis of a vector (or batch) of logits."""

# --8<-- [start:softmax]
import numpy as np


def softmax(x, axis=-1):
    """로짓 x를 axis 방향의 확률 분포로 바꿉니다. 정수 로짓은 float64로 계산합니다."""
    x = np.asanyarray(x)  # 마스크 배열(masked array)이면 마스크를 지킵니다.
    with np.errstate(over="ignore"):  # 넘친 값은 -inf(확률 0)이거나 마스크로 가린 값입니다.
        e = np.subtract(x, x.max(axis=axis, keepdims=True), dtype=np.result_type(x, 1.0))  # 최댓값 빼기
        np.exp(e, out=e)  # 지수가 모두 0 이하: e <= 1
    e /= e.sum(axis=axis, keepdims=True)
    return e
# --8<-- [end:softmax]


# --8<-- [start:softmax_jacobian]
def softmax_jacobian(p):
    """소프트맥스 함수의 도함수 행렬 J[i, j] = ∂p_i/∂z_j = p_i(δ_ij - p_j). p는 확률 벡터 하나입니다."""
    return np.diag(p) - np.outer(p, p)
# --8<-- [end:softmax_jacobian]
