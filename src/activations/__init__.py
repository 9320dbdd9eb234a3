"""NumPy activation functions, their derivatives, losses, and the figures and numbers of the site.

Each module is one concept and one page of the site; the code the pages show is included
from these files by named sections (``# --8<-- [start:name]``).
"""

from activations.leaky_relu import leaky_relu, leaky_relu_grad
from activations.modern import elu, elu_grad, gelu, gelu_grad, silu, silu_grad
from activations.nonlinearity import stack_linear, step, step_grad
from activations.output_layer import bce_with_logits, cross_entropy, log_softmax, mse
from activations.relu import relu, relu_grad
from activations.sigmoid import sigmoid, sigmoid_grad
from activations.softmax import softmax
from activations.tanh import tanh, tanh_grad

__all__ = [
    "bce_with_logits",
    "cross_entropy",
    "elu",
    "elu_grad",
    "gelu",
    "gelu_grad",
    "leaky_relu",
    "leaky_relu_grad",
    "log_softmax",
    "mse",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "silu",
    "silu_grad",
    "softmax",
    "stack_linear",
    "step",
    "step_grad",
    "tanh",
    "tanh_grad",
]
