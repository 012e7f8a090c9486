"""SGD, momentum, Adam and AdamW written out by hand, in numpy, one update per line.

Each function runs an optimiser for a number of steps on a gradient function and
returns the whole trajectory, so a check can read any step. The updates follow
torch.optim's documented algorithms (SGD with dampening 0 and no Nesterov; Adam with
L2 added to the gradient; AdamW with decay applied to the weights before the Adam
step); `optimizers_match_torch.py` checks them against torch.optim step by step.
"""

from collections.abc import Callable

import numpy as np

Grad = Callable[[np.ndarray], np.ndarray]


def sgd(grad: Grad, w0: np.ndarray, lr: float, steps: int, momentum: float = 0.0,
        weight_decay: float = 0.0) -> np.ndarray:
    """Run (heavy-ball) SGD and return every iterate.

    Args:
        grad: the loss's gradient at a point.
        w0: the starting point, shape ``(d,)``.
        lr: the learning rate.
        steps: how many updates to take.
        momentum: the heavy-ball coefficient; 0 is plain SGD.
        weight_decay: L2 coefficient, added to the gradient as ``weight_decay * w``.

    Returns:
        The iterates, shape ``(steps + 1, d)``, starting with ``w0``.
    """
    w = np.array(w0, dtype=np.float64)
    velocity = np.zeros_like(w)
    path = [w.copy()]
    for t in range(steps):
        g = grad(w) + weight_decay * w
        velocity = g if t == 0 else momentum * velocity + g  # torch starts the buffer at g
        w = w - lr * velocity
        path.append(w.copy())
    return np.array(path)


def adam(grad: Grad, w0: np.ndarray, lr: float, steps: int, betas: tuple[float, float],
         eps: float, weight_decay: float = 0.0, decoupled: bool = False,
         bias_correction: bool = True) -> np.ndarray:
    """Run Adam (or AdamW) and return every iterate.

    Args:
        grad: the loss's gradient at a point.
        w0: the starting point, shape ``(d,)``.
        lr: the learning rate.
        steps: how many updates to take.
        betas: the decay rates of the first and second moment estimates.
        eps: added to the square root of the second moment.
        weight_decay: the decay coefficient.
        decoupled: False adds ``weight_decay * w`` to the gradient (L2, torch's Adam);
            True shrinks the weights by ``lr * weight_decay`` before the step (AdamW).
        bias_correction: divide the moments by ``1 - beta**t`` (Kingma & Ba); False
            leaves them biased towards their zero start.

    Returns:
        The iterates, shape ``(steps + 1, d)``, starting with ``w0``.
    """
    beta1, beta2 = betas
    w = np.array(w0, dtype=np.float64)
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    path = [w.copy()]
    for t in range(1, steps + 1):
        g = grad(w)
        if decoupled:
            w = w * (1 - lr * weight_decay)  # AdamW: decay the weights directly
        else:
            g = g + weight_decay * w  # L2: the decay goes through the moments
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = m / (1 - beta1**t) if bias_correction else m
        v_hat = v / (1 - beta2**t) if bias_correction else v
        w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
        path.append(w.copy())
    return np.array(path)
