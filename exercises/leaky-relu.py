# %% [markdown]
# # 연습 문제: 리키 렐루(Leaky ReLU)
#
# [리키 렐루(Leaky ReLU)](../leaky-relu.ipynb)에서 배운 내용을 직접 해 봅니다.
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
# ## 문제 1: 리키 렐루와 그 도함수
#
# 리키 렐루는 \(x > 0\)이면 \(x\), 아니면 \(a x\)입니다. 도함수(derivative)는 \(x > 0\)이면 1, 아니면 \(a\)입니다
# (\(x = 0\)에서는 PyTorch처럼 \(a\)를 씁니다).
# `leaky_relu(x, a)`와 `leaky_relu_grad(x, a)`를 만듭니다.
# 확인 셀은 `F.leaky_relu(x, negative_slope=a)`와 자동 미분(autograd)의 값과 비교합니다.

# %% tags=["exercise"]
def leaky_relu(x, a=0.01):
    raise NotImplementedError  # 이 줄을 여러분의 코드로 바꿉니다.


def leaky_relu_grad(x, a=0.01):
    raise NotImplementedError  # 이 줄을 여러분의 코드로 바꿉니다.


# %% tags=["check"]
def same_as_torch_leaky(functions):
    f, f_grad = functions
    for a in [0.01, 0.2]:
        x = torch.tensor([-3.0, -0.5, 0.0, 0.5, 2.0], dtype=torch.float64, requires_grad=True)
        y = F.leaky_relu(x, negative_slope=a)
        y.sum().backward()
        xs = x.detach().numpy()
        if not (np.allclose(f(xs, a), y.detach().numpy()) and np.allclose(f_grad(xs, a), x.grad.numpy())):
            return False
    return True


check((leaky_relu, leaky_relu_grad), same_as_torch_leaky, "PyTorch와 값이 다릅니다. x = 0에서의 미분값과 a를 바꾼 경우도 확인합니다.")

# %% tags=["solution"]
def leaky_relu(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, a * x)


def leaky_relu_grad(x, a=0.01):
    return np.where(np.asarray(x) > 0, 1.0, a)


# %% tags=["wrong"]
def leaky_relu(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, a * x)


def leaky_relu_grad(x, a=0.01):  # 흔한 실수: x = 0에서 1
    return np.where(np.asarray(x) >= 0, 1.0, a)


# %% [markdown]
# ## 문제 2: 음수 쪽을 여러 번 지나는 기울기를 예측하고 재기
#
# 입력 \(x = -1\)에 리키 렐루(\(a = 0.01\))를 5번 연달아 적용합니다. 값은 계속 음수이므로 층마다 미분값 \(a\)가 곱해집니다.
# 먼저 연쇄 법칙(chain rule)으로 처음 입력에 대한 기울기를 **예측**해 `predicted`에 넣고,
# PyTorch의 자동 미분으로 **재서** `measured`에 넣습니다. 렐루였다면 이 기울기는 0이라 학습이 멈춥니다.

# %% tags=["exercise"]
predicted = ...  # 식으로 계산한 값
measured = ...  # torch로 잰 값(float)

# %% tags=["check"]
def chain_of_leaky(answers):
    pred, meas = answers
    x = torch.tensor(-1.0, dtype=torch.float64, requires_grad=True)
    h = x
    for _ in range(5):
        h = F.leaky_relu(h, negative_slope=0.01)
    h.backward()
    return np.isclose(pred, x.grad.item(), rtol=1e-12) and np.isclose(meas, x.grad.item(), rtol=1e-12)


check((predicted, measured), chain_of_leaky, "층마다 a가 한 번씩 곱해집니다. 예측과 측정이 모두 맞아야 합니다.")

# %% tags=["solution"]
predicted = 0.01**5

x = torch.tensor(-1.0, dtype=torch.float64, requires_grad=True)
h = x
for _ in range(5):
    h = F.leaky_relu(h, negative_slope=0.01)
h.backward()
measured = x.grad.item()
print(predicted, measured)


# %% tags=["wrong"]
predicted = 0.01 * 5  # 흔한 실수: 곱해야 할 것을 더함
measured = 0.01**5
