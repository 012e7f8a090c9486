"""Noise schedules of a DDPM, in float64 numpy: the betas, and what they add up to.

The forward process adds Gaussian noise of variance ``beta_t`` at step ``t`` and shrinks
what was there by ``sqrt(1 - beta_t)``; everything a check needs follows from the
cumulative product ``alpha_bar_t = prod_{s <= t} (1 - beta_s)``. The published values
(the paper's ``T``, ``beta_1`` and ``beta_T``, the cosine schedule's offset and clip) are
read from this topic's ``published.toml``, never retyped.
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import numpy as np

PUBLISHED = tomllib.loads(Path(__file__).with_name("published.toml").read_text(encoding="utf-8"))
PAPER_T = int(PUBLISHED["ddpm_T"]["value"])
PAPER_BETA_1 = float(PUBLISHED["ddpm_beta_1"]["value"])
PAPER_BETA_T = float(PUBLISHED["ddpm_beta_T"]["value"])
COSINE_OFFSET = float(PUBLISHED["cosine_offset"]["value"])
COSINE_MAX_BETA = float(PUBLISHED["cosine_max_beta"]["value"])


def linear_betas(steps: int = PAPER_T) -> np.ndarray:
    """The paper's linear schedule, stretched to ``steps`` steps.

    With ``steps = 1000`` it is Ho et al.'s schedule, from ``1e-4`` to ``0.02``. For fewer
    steps both ends are multiplied by ``1000 / steps``, as Nichol and Dhariwal's code
    does, so that the betas still add up to about the same total and the last step still
    holds almost pure noise.

    Args:
        steps: the number of diffusion steps ``T``.

    Returns:
        An array of ``steps`` betas, ``beta_1`` first.
    """
    scale = PAPER_T / steps
    return np.linspace(scale * PAPER_BETA_1, scale * PAPER_BETA_T, steps, dtype=np.float64)


def cosine_betas(steps: int = PAPER_T) -> np.ndarray:
    """Nichol and Dhariwal's cosine schedule, defined through ``alpha_bar`` directly.

    ``alpha_bar(t) = f(t) / f(0)`` with ``f(t) = cos(((t / T + s) / (1 + s)) * pi / 2) ** 2``;
    each beta is ``1 - alpha_bar_t / alpha_bar_{t-1}``, clipped at the published maximum.

    Args:
        steps: the number of diffusion steps ``T``.

    Returns:
        An array of ``steps`` betas, ``beta_1`` first.
    """

    def f(u: float) -> float:
        return math.cos((u + COSINE_OFFSET) / (1 + COSINE_OFFSET) * math.pi / 2) ** 2

    return np.array(
        [min(1 - f((i + 1) / steps) / f(i / steps), COSINE_MAX_BETA) for i in range(steps)],
        dtype=np.float64,
    )


def alpha_bar(betas: np.ndarray) -> np.ndarray:
    """The signal kept after each step: ``alpha_bar_t = prod_{s <= t} (1 - beta_s)``.

    Args:
        betas: the schedule, ``beta_1`` first.

    Returns:
        An array of the same length; entry ``t - 1`` is ``alpha_bar_t``.
    """
    return np.cumprod(1.0 - betas)
