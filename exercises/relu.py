# %% [markdown]
# # 연습 문제: 렐루(ReLU)
#
# [렐루(ReLU)](../relu.ipynb)에서 배운 내용을 직접 해 봅니다.
# 문제마다 여러분이 채울 셀이 있고, 그 아래의 확인 셀을 실행하면 답이 맞는지 알려 줍니다.
# 풀이는 확인 셀 다음에 있습니다. 먼저 직접 풀어 봅시다.
#
# 먼저 아래 셀을 실행합니다. 확인에 쓰는 함수 `check`를 정의합니다.

# %% tags=["setup"]
import numpy as np
import torch


--8<-- "exercises/_check.py:check"

# %% [markdown]
# ## 문제 1: 렐루와 그 도함수
#
# 렐루 \(\max(0, x)\)와 그 도함수(derivative)를 NumPy로 만듭니다.
# 도함수는 \(x > 0\)이면 1, \(x < 0\)이면 0입니다. \(x = 0\)에서는 미분할 수 없지만, PyTorch처럼 0을 씁니다.
# 힌트: 원소마다 큰 값을 고르는 함수는 `np.max`가 아니라 `np.maximum`입니다.
# 확인 셀은 `torch.relu`와 자동 미분(autograd)이 구한 값과 비교합니다(\(x = 0\)도 포함).

# %% tags=["exercise"]
def relu(x):
    raise NotImplementedError  # 이 줄을 여러분의 코드로 바꿉니다.


def relu_grad(x):
    raise NotImplementedError  # 이 줄을 여러분의 코드로 바꿉니다.


# %% tags=["check"]
def same_as_torch_relu(functions):
    f, f_grad = functions
    x = torch.tensor([-3.0, -1.0, -1e-300, 0.0, 1e-300, 0.5, 2.0], dtype=torch.float64, requires_grad=True)
    torch.relu(x).sum().backward()
    xs = x.detach().numpy()
    return np.array_equal(f(xs), torch.relu(x).detach().numpy()) and np.array_equal(f_grad(xs), x.grad.numpy())


check((relu, relu_grad), same_as_torch_relu, "torch.relu나 자동 미분과 값이 다릅니다. x = 0에서의 미분값도 확인합니다.")

# %% tags=["solution"]
def relu(x):
    return np.maximum(x, 0.0)


def relu_grad(x):
    return np.where(np.asarray(x) > 0, 1.0, 0.0)  # x = 0에서는 0(PyTorch와 같습니다)


# %% tags=["wrong"]
def relu(x):
    return np.maximum(x, 0.0)


def relu_grad(x):  # 흔한 실수: x = 0에서 1
    return np.where(np.asarray(x) >= 0, 1.0, 0.0)


# %% [markdown]
# ## 문제 2: 편향이 음수로 크면 죽는 렐루
#
# 입력 \(x\)(배치 256개, 특성 64개, 0과 1 사이의 균등 분포)와 He 초기화로 뽑은 가중치 \(W\)가 있습니다.
# 편향(bias)을 모두 \(b = -2\)로 두면 첫 층의 \(z = x W^{\top} + b\) 중 많은 값이 음수가 됩니다.
# 배치의 **모든** 입력에서 \(z \le 0\)인 뉴런은 미분값이 늘 0이라 가중치가 갱신되지 않습니다. 이것이 죽은 렐루(dying ReLU)입니다.
# 64개 뉴런 중 죽은 뉴런의 비율 `dead`를 구합니다(0과 1 사이의 수).

# %%
rng = np.random.default_rng(0)
x = rng.random((256, 64))
W = rng.normal(0.0, np.sqrt(2 / 64), size=(64, 64))  # He 초기화
b = -2.0
z = x @ W.T + b

# %% tags=["exercise"]
dead = ...  # z의 열(뉴런) 중에서 모든 행이 0 이하인 열의 비율

# %% tags=["check"]
def same_as_autograd_dead(value):
    zt = torch.tensor(z, requires_grad=True)
    torch.relu(zt).sum().backward()  # 죽은 뉴런은 배치 전체에서 기울기가 0입니다.
    return np.isclose(value, (zt.grad == 0).all(dim=0).double().mean().item(), rtol=0, atol=1e-12)


check(dead, same_as_autograd_dead, "죽은 뉴런의 비율이 다릅니다. 열마다 '모든 행이 0 이하'인지 확인합니다(axis=0).")

# %% tags=["solution"]
dead = np.mean(np.all(z <= 0, axis=0))
print(f"죽은 뉴런: {dead:.0%}")


# %% tags=["wrong"]
dead = np.mean(z <= 0)  # 흔한 실수: 뉴런이 아니라 원소의 비율
