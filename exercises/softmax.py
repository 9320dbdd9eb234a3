# %% [markdown]
# # 연습 문제: 소프트맥스 함수
#
# [소프트맥스 함수](../softmax.ipynb)에서 배운 내용을 직접 해 봅니다.
# 문제마다 여러분이 채울 셀이 있고, 그 아래의 확인 셀을 실행하면 답이 맞는지 알려 줍니다.
# 풀이는 확인 셀 다음에 있습니다. 먼저 직접 풀어 봅시다.
#
# 먼저 아래 셀을 실행합니다. 확인에 쓰는 함수 `check`를 정의합니다.

# %% tags=["setup"]
import numpy as np
import torch


--8<-- "exercises/_check.py:check"

# %% [markdown]
# ## 문제 1: 최댓값을 빼는 소프트맥스 함수
#
# \(\mathrm{softmax}(\mathbf{z})_i = e^{z_i} / \sum_j e^{z_j}\)를 그대로 계산하면 로짓(logit)이 1000만 되어도 `np.exp`가 오버플로(overflow)합니다.
# 각 줄의 최댓값을 뺀 다음 계산하면 지수가 0 이하가 되어 오버플로가 없고, 결과는 수학적으로 같습니다.
# 마지막 축(클래스 축) 방향으로 계산하는 `softmax_stable(z)`를 만듭니다. `z`는 1차원 벡터일 수도, (배치, 클래스) 모양의 2차원 배열일 수도 있습니다.
# 확인 셀은 `torch.softmax(z, dim=-1)`과 비교하고, 경고가 하나라도 나면 틀린 것으로 봅니다.

# %% tags=["exercise"]
def softmax_stable(z):
    z = np.asarray(z, dtype=np.float64)
    raise NotImplementedError  # 이 줄을 여러분의 코드로 바꿉니다.


# %% tags=["check"]
def same_as_torch_softmax(f):
    rng = np.random.default_rng(0)
    cases = [np.array([2.0, 1.0, 0.1]), np.array([1000.0, 1001.0, 1002.0]), rng.normal(0, 50, size=(8, 5))]
    return all(np.allclose(f(z), torch.softmax(torch.from_numpy(z), dim=-1).numpy(), rtol=1e-12, atol=1e-300) for z in cases)


check(softmax_stable, same_as_torch_softmax, "torch.softmax와 값이 다릅니다. 최댓값은 keepdims=True로 구해 각 줄에서 뺍니다.")

# %% tags=["solution"]
def softmax_stable(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))  # 지수가 0 이하: 오버플로가 없습니다.
    return e / np.sum(e, axis=-1, keepdims=True)


# %% tags=["wrong"]
def softmax_stable(z):  # 흔한 실수: 최댓값을 빼지 않음
    e = np.exp(np.asarray(z, dtype=np.float64))
    return e / np.sum(e, axis=-1, keepdims=True)


# %% [markdown]
# ## 문제 2: 온도로 분포를 날카롭게 만들기
#
# 온도(temperature) \(T\)로 로짓을 나누면 \(T < 1\)일 때 분포가 가장 큰 로짓 쪽으로 쏠립니다.
# 로짓 `[2.0, 1.0, 0.1]`에서 가장 큰 확률이 **0.9 이상**이 되는 가장 큰 \(T\)를 0.01 단위로 찾습니다
# (예: 0.47처럼 소수점 아래 두 자리인 수). `torch.softmax(z / T, dim=-1)`을 써도 됩니다.

# %% tags=["exercise"]
T = ...  # 소수점 아래 두 자리인 수

# %% tags=["check"]
def top_probability(t):
    return torch.softmax(torch.tensor([2.0, 1.0, 0.1], dtype=torch.float64) / t, dim=-1).max().item()


check(
    T,
    lambda t: round(t, 2) == t and top_probability(t) >= 0.9 > top_probability(round(t + 0.01, 2)),
    "그 T에서는 가장 큰 확률이 0.9 이상이고, 0.01 큰 T에서는 0.9보다 작아야 합니다.",
)

# %% tags=["solution"]
z = torch.tensor([2.0, 1.0, 0.1], dtype=torch.float64)
candidates = [round(0.01 * k, 2) for k in range(1, 301)]  # 0.01, 0.02, ..., 3.00
T = max(t for t in candidates if torch.softmax(z / t, dim=-1).max().item() >= 0.9)
print(T, torch.softmax(z / T, dim=-1))


# %% tags=["wrong"]
T = 0.5  # 흔한 실수: 0.9 이상이지만 가장 큰 T는 아님
