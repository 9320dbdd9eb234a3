# %% [markdown]
# # 연습 문제: 출력층의 활성화 함수와 손실 함수
#
# [출력층의 활성화 함수와 손실 함수](../output-layer.ipynb)에서 배운 내용을 직접 해 봅니다.
# 문제마다 여러분이 채울 셀이 있고, 그 아래의 확인 셀을 실행하면 답이 맞는지 알려 줍니다.
# 풀이는 확인 셀 다음에 있습니다. 먼저 직접 풀어 봅시다.
#
# 먼저 아래 셀을 실행합니다. 확인에 쓰는 함수 `check`를 정의합니다.

# %% tags=["setup"]
import numpy as np
import torch
import torch.nn.functional as F


--8<-- "exercises/_check.py:check"

# %% [markdown]
# ## 문제 1: 로짓에서 바로 계산하는 이진 교차 엔트로피
#
# 이진 교차 엔트로피(binary cross-entropy)를 시그모이드 함수(sigmoid)를 거친 확률 \(p = \sigma(z)\)로
# \(-[y \log p + (1 - y)\log(1 - p)]\)처럼 계산하면, \(z = 40\)처럼 로짓(logit)이 클 때 \(p\)가 1로 반올림되어
# \(\log(1 - p) = -\infty\)가 됩니다. 같은 값을 로짓에서 바로 계산하는 식을 씁니다.
#
# \[
# \ell(z, y) = \max(z, 0) - z y + \log\left(1 + e^{-|z|}\right)
# \]
#
# 배치의 평균을 돌려주는 `bce_with_logits(z, y)`를 만듭니다(`np.log1p`를 쓰면 작은 값도 정확합니다).
# 확인 셀은 `F.binary_cross_entropy_with_logits`와 비교합니다.

# %% tags=["exercise"]
def bce_with_logits(z, y):
    z, y = np.asarray(z, dtype=np.float64), np.asarray(y, dtype=np.float64)
    raise NotImplementedError  # 이 줄을 여러분의 코드로 바꿉니다.


# %% tags=["check"]
def same_as_torch_bce(f):
    z = np.array([-100.0, -40.0, -2.0, 0.0, 0.5, 40.0, 100.0])
    y = np.array([1.0, 0.0, 1.0, 0.5, 0.0, 0.0, 1.0])
    expected = F.binary_cross_entropy_with_logits(torch.from_numpy(z), torch.from_numpy(y)).item()
    return np.isclose(f(z, y), expected, rtol=1e-12, atol=0)


check(bce_with_logits, same_as_torch_bce, "PyTorch와 값이 다릅니다. 평균을 냈는지, 식을 그대로 옮겼는지 확인합니다.")

# %% tags=["solution"]
def bce_with_logits(z, y):
    z, y = np.asarray(z, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))


# %% tags=["wrong"]
def bce_with_logits(z, y):  # 흔한 실수: 확률을 거쳐 로그를 취함
    z, y = np.asarray(z, dtype=np.float64), np.asarray(y, dtype=np.float64)
    p = 1 / (1 + np.exp(-z))
    return np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p)))


# %% [markdown]
# ## 문제 2: 로그 소프트맥스로 계산하는 교차 엔트로피
#
# 다중 클래스 분류(multiclass classification)의 교차 엔트로피(cross-entropy)는 정답 클래스의 로그 확률에 \(-1\)을 곱한 값의 평균입니다.
# 로그 확률은 소프트맥스 함수를 거친 뒤 로그를 취하지 않고, 최댓값 \(m\)을 빼서 바로 계산합니다.
#
# \[
# \log \mathrm{softmax}(\mathbf{z})_i = z_i - m - \log \sum_j e^{z_j - m}
# \]
#
# `logits`는 (배치, 클래스) 모양이고 `targets`는 정답 클래스 번호(정수)입니다. `cross_entropy(logits, targets)`를 만듭니다.
# 확인 셀은 `F.cross_entropy`와 비교합니다. 로짓이 1000을 넘는 줄도 있습니다.

# %% tags=["exercise"]
def cross_entropy(logits, targets):
    logits, targets = np.asarray(logits, dtype=np.float64), np.asarray(targets)
    raise NotImplementedError  # 이 줄을 여러분의 코드로 바꿉니다.


# %% tags=["check"]
def same_as_torch_ce(f):
    logits = np.array([[2.0, 1.0, 0.1], [1000.0, 1001.0, 1002.0], [-5.0, 30.0, 0.0], [0.0, 0.0, 0.0]])
    targets = np.array([0, 2, 0, 1])
    expected = F.cross_entropy(torch.from_numpy(logits), torch.from_numpy(targets)).item()
    return np.isclose(f(logits, targets), expected, rtol=1e-12, atol=0)


check(cross_entropy, same_as_torch_ce, "PyTorch와 값이 다릅니다. 줄마다 정답 클래스의 로그 확률을 골랐는지 확인합니다.")

# %% tags=["solution"]
def cross_entropy(logits, targets):
    logits, targets = np.asarray(logits, dtype=np.float64), np.asarray(targets)
    m = np.max(logits, axis=1, keepdims=True)
    log_p = logits - m - np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))
    return -np.mean(log_p[np.arange(len(targets)), targets])


# %% tags=["wrong"]
def cross_entropy(logits, targets):  # 흔한 실수: 소프트맥스 함수를 거쳐 로그를 취함
    logits = np.asarray(logits, dtype=np.float64)
    p = np.exp(logits) / np.sum(np.exp(logits), axis=1, keepdims=True)
    return -np.mean(np.log(p[np.arange(len(targets)), targets]))
