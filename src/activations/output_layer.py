"""Loss functions of the output layer, NumPy versions of PyTorch's (mean reduction).

- bce_with_logits: nn.BCEWithLogitsLoss (binary classification, takes logits)
- cross_entropy:   nn.CrossEntropyLoss (multiclass classification, takes logits and class indices)
- mse:             nn.MSELoss (regression)

Unlike PyTorch, infinite logits give the limit of the loss instead of nan, and a sum of huge
losses does not overflow.
"""

import numpy as np

from activations.validate import as_float_array


# --8<-- [start:mean_of]
def mean_of(losses):
    """0 이상인 손실값들의 평균. 빈 배열이면 PyTorch처럼 nan입니다.

    합이 오버플로하지 않도록, 가장 큰 값으로 나눈 뒤 평균을 내고 다시 곱합니다.
    """
    losses = np.asarray(losses)
    if losses.size == 0:
        return losses.dtype.type(np.nan)
    top = np.max(losses)
    if not (np.isfinite(top) and top > 0):  # 모두 0이거나, inf 또는 nan이 섞인 경우: 나눌 필요가 없습니다.
        return np.mean(losses)
    return np.mean(losses / top) * top
# --8<-- [end:mean_of]


# --8<-- [start:bce_with_logits]
def bce_with_logits(logits, targets):
    """이진 교차 엔트로피를 로짓 z에서 바로 계산합니다(nn.BCEWithLogitsLoss, 평균).

    -[y log σ(z) + (1 - y) log(1 - σ(z))] = max(z, 0) - z·y + log(1 + e^-|z|)
    """
    z = as_float_array(logits, "bce_with_logits(logits)")
    y = as_float_array(targets, "bce_with_logits(targets)")
    if z.shape != y.shape:
        raise ValueError(f"bce_with_logits(targets): shape {y.shape} differs from the shape of logits {z.shape}")
    if np.any((y < 0) | (y > 1)):
        raise ValueError("bce_with_logits(targets): targets must be between 0 and 1")
    dtype = np.result_type(z, y)
    z, y = z.astype(dtype), y.astype(dtype)
    # max(z, 0) - z·y는 z >= 0이면 |z|(1 - y), z < 0이면 |z|·y입니다.
    # 이렇게 쓰면 z = ±inf, 가중치 0일 때 inf - inf나 inf·0(nan)을 계산하지 않습니다.
    weight = np.where(z >= 0, 1 - y, y)
    linear = np.multiply(np.abs(z), weight, out=np.zeros_like(z), where=weight != 0)
    # log(1 + e^-|z|): 지수가 0 이하라 오버플로가 없고, log1p는 e^-|z|가 아주 작아도 정확합니다.
    losses = linear + np.log1p(np.exp(-np.abs(z)))
    return mean_of(losses)
# --8<-- [end:bce_with_logits]


# --8<-- [start:log_softmax]
def log_softmax(x, axis=-1):
    """log(softmax(x)) = x - max - log Σ exp(x - max). 소프트맥스를 거쳐 로그를 취하지 않습니다."""
    x = as_float_array(x, "log_softmax(x)")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"log_softmax(axis): axis must be an int, got {axis!r}")
    ndim = max(x.ndim, 1)
    if not -ndim <= axis < ndim:
        raise ValueError(f"log_softmax(axis): axis {axis} is out of range for x with {x.ndim} dimension(s)")
    shape = x.shape
    x = x.reshape(shape or (1,))
    if x.shape[axis] == 0:
        return x.reshape(shape).copy()
    # +inf인 로짓이 있는 줄은 softmax와 같은 극한값을 씁니다(+inf들이 확률을 똑같이 나눠 갖습니다).
    pos_inf = np.isposinf(x)
    limit = np.where(pos_inf, 0, np.where(np.isnan(x), x, -np.inf))
    x = np.where(pos_inf.any(axis=axis, keepdims=True), limit, x)
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    with np.errstate(over="ignore"):  # x - m <= 0: 넘치면 -inf이고, 그것이 바른 로그 확률입니다.
        shifted = x - m
    total = np.sum(np.exp(shifted), axis=axis, keepdims=True)  # 1 이상(최댓값 자리의 e^0 = 1)
    # 모든 로짓이 -inf인 줄은 합이 0이라 로그가 없습니다: nan으로 둡니다.
    log_total = np.log(total, out=np.full_like(total, np.nan), where=total > 0)
    return (shifted - log_total).reshape(shape)[()]
# --8<-- [end:log_softmax]


# --8<-- [start:cross_entropy]
def cross_entropy(logits, targets):
    """교차 엔트로피를 로짓에서 바로 계산합니다(nn.CrossEntropyLoss, 평균).

    logits: (C,) 또는 (N, C) 또는 (N, C, d1, ...), 클래스 축은 PyTorch처럼 1번(1차원이면 0번)입니다.
    targets: 클래스 번호(0 ... C-1)인 정수, 모양은 logits에서 클래스 축을 뺀 것입니다.
    """
    z = as_float_array(logits, "cross_entropy(logits)")
    if z.ndim == 0:
        raise ValueError("cross_entropy(logits): logits need a class axis, got a scalar")
    try:
        t = np.asarray(targets)
    except ValueError as error:
        raise ValueError(f"cross_entropy(targets): cannot make an array of the input: {error}") from None
    if t.dtype.kind not in "iu":
        # PyTorch는 실수 타깃을 클래스 번호가 아니라 클래스별 확률로 읽습니다. 헷갈리지 않게 막습니다.
        raise TypeError(f"cross_entropy(targets): class indices must be integers, got dtype {t.dtype}")
    axis = 0 if z.ndim == 1 else 1
    n_classes = z.shape[axis]
    expected = z.shape[:axis] + z.shape[axis + 1 :]
    if t.shape != expected:
        raise ValueError(
            f"cross_entropy(targets): shape {t.shape} does not match logits {z.shape} (expected {expected})"
        )
    bad = (t < 0) | (t >= n_classes)
    if np.any(bad):
        raise ValueError(
            f"cross_entropy(targets): class index {t[bad].flat[0]} is out of range for {n_classes} classes"
        )
    log_p = log_softmax(z, axis=axis)
    # 정답 클래스의 로그 확률만 골라 -log p를 만듭니다.
    picked = np.take_along_axis(log_p, np.expand_dims(t, axis).astype(np.intp), axis=axis)
    return mean_of(-picked)
# --8<-- [end:cross_entropy]


# --8<-- [start:mse]
def mse(predictions, targets):
    """평균 제곱 오차 mean((predictions - targets)^2) (nn.MSELoss, 평균)."""
    p = as_float_array(predictions, "mse(predictions)")
    y = as_float_array(targets, "mse(targets)")
    if p.shape != y.shape:
        raise ValueError(f"mse(targets): shape {y.shape} differs from the shape of predictions {p.shape}")
    dtype = np.result_type(p, y)
    if p.size == 0:
        return dtype.type(np.nan)  # PyTorch처럼 빈 배열의 평균은 nan입니다.
    # 차이가 dtype의 범위를 넘으면 inf이고 오차도 inf가 맞습니다. inf - inf는 정의되지 않으므로 nan이 맞습니다.
    with np.errstate(over="ignore", invalid="ignore"):
        diff = np.abs(p.astype(dtype) - y.astype(dtype))
    top = np.max(diff)
    if not (np.isfinite(top) and top > 0):  # 모두 0이거나 inf, nan이 섞인 경우
        return top * top
    # 제곱하기 전에 가장 큰 차이로 나눕니다: 제곱과 합이 오버플로하지 않습니다(float16에서 300^2도).
    with np.errstate(over="ignore"):  # 평균 자체가 범위를 넘을 때만 inf가 됩니다.
        return np.mean((diff / top) ** 2) * top * top
# --8<-- [end:mse]
