"""Loss functions of the output layer, NumPy versions of PyTorch's (mean reduction).

- bce_with_logits: nn.BCEWithLogitsLoss (binary and multi-label classification, takes logits)
- log_softmax:     torch.log_softmax
- cross_entropy:   nn.CrossEntropyLoss (multiclass classification, logits (N, C), class indices (N,))
- mse:             nn.MSELoss (regression)
"""

# --8<-- [start:bce_with_logits]
import numpy as np


def bce_with_logits(logits, targets):
    """이진 교차 엔트로피를 로짓 z에서 바로 계산합니다(nn.BCEWithLogitsLoss, 평균).

    -[y log σ(z) + (1 - y) log(1 - σ(z))] = max(z, 0) - z·y + log(1 + e^-|z|)
    """
    z, y = np.asanyarray(logits), np.asanyarray(targets)
    if z.shape != y.shape:  # 브로드캐스팅되면 오류 없이 엉뚱한 평균이 나옵니다.
        raise ValueError(f"bce_with_logits(targets): shape {y.shape} differs from logits {z.shape}")
    if not np.all((y >= 0) & (y <= 1)):  # nan과의 비교는 False이므로 nan도 여기서 걸립니다.
        raise ValueError("bce_with_logits(targets): every target must be between 0 and 1 (not nan)")
    return np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))
# --8<-- [end:bce_with_logits]


# --8<-- [start:log_softmax]
def log_softmax(x, axis=-1):
    """log softmax(x) = (x - max) - log Σ exp(x - max). 소프트맥스를 거친 뒤 로그를 취하지 않습니다."""
    x = np.asanyarray(x)
    shifted = np.subtract(x, x.max(axis=axis, keepdims=True), dtype=np.result_type(x, 1.0))
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
# --8<-- [end:log_softmax]


# --8<-- [start:cross_entropy]
def cross_entropy(logits, targets):
    """교차 엔트로피를 로짓에서 바로 계산합니다(nn.CrossEntropyLoss, 평균).

    logits: (N, C) 모양의 로짓, targets: (N,) 모양의 타깃 클래스 번호(정수 0 ... C-1)
    """
    log_p = log_softmax(logits, axis=1)
    n, c = log_p.shape
    t = np.asarray(targets)
    if t.shape != (n,) or not np.all((t >= 0) & (t < c)):  # 브로드캐스팅과 음수 번호(뒤에서부터 셈)를 막습니다.
        raise ValueError(f"cross_entropy(targets): need {n} class indices, each in 0 ... {c - 1}; got shape {t.shape}")
    return -np.mean(np.take_along_axis(log_p, t[:, None], axis=1))  # 타깃 클래스의 log p만 골라 평균합니다.
# --8<-- [end:cross_entropy]


# --8<-- [start:mse]
def mse(predictions, targets):
    """평균 제곱 오차 mean((predictions - targets)^2) (nn.MSELoss, 평균)."""
    p, y = np.asanyarray(predictions), np.asanyarray(targets)
    if p.shape != y.shape:  # (N, 1)과 (N,)이 브로드캐스팅되면 N×N개의 차이를 평균냅니다.
        raise ValueError(f"mse(targets): shape {y.shape} differs from predictions {p.shape}")
    return np.mean((p - y) ** 2)
# --8<-- [end:mse]
