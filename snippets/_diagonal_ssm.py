"""A diagonal linear time-invariant state-space layer, shared by the state-space page
and the sequence lab.

Each of its channels is an independent LTI system with a few real, negative diagonal
modes, sampled by zero-order hold and run as a causal convolution with its kernel, in
the manner of S4D (Gu et al. 2022). The state-space page trains it on associative recall;
the sequence lab trains it on the marked-symbol task beside the recurrent networks and
the Transformers.
"""

from __future__ import annotations

import math

import torch
from torch import nn


class DiagonalSSM(nn.Module):
    """``channels`` independent LTI SSMs with ``state`` real diagonal modes each,
    discretised by zero-order hold and run as a causal convolution with their kernel.

    A starts at S4D-real's -(1, ..., N) and stays negative (stored as log(-A)); the step
    Δ per channel starts log-uniform in [0.01, 0.5]; D is a skip from input to output.
    """

    def __init__(self, channels: int, state: int) -> None:
        super().__init__()
        self.log_neg_A = nn.Parameter(torch.log(torch.arange(1, state + 1.0)).repeat(channels, 1))
        self.log_step = nn.Parameter(torch.empty(channels).uniform_(math.log(0.01), math.log(0.5)))
        self.B = nn.Parameter(torch.randn(channels, state) / math.sqrt(state))
        self.C = nn.Parameter(torch.randn(channels, state) / math.sqrt(state))
        self.D = nn.Parameter(torch.ones(channels))

    def kernel(self, length: int) -> torch.Tensor:
        """K[c, j] = sum_n C[c, n] Ā[c, n]^j B̄[c, n], ``(channels, length)``."""
        A = -torch.exp(self.log_neg_A)  # (channels, state)
        step = torch.exp(self.log_step).unsqueeze(1)  # (channels, 1)
        A_bar = torch.exp(step * A)
        B_bar = (A_bar - 1) / A * self.B  # zero-order hold for a diagonal A
        powers = A_bar.unsqueeze(-1) ** torch.arange(length)  # (channels, state, length)
        return torch.einsum("cn,cnj->cj", self.C * B_bar, powers)

    def forward(self, u):  # u: (batch, tokens, channels)
        L = u.shape[1]
        K = self.kernel(L)  # (channels, L)
        lags = torch.arange(L).unsqueeze(1) - torch.arange(L)  # t - s
        toeplitz = torch.where(lags >= 0, K[:, lags.clamp(min=0)], 0.0)  # (channels, L, L)
        return torch.einsum("cts,bsc->btc", toeplitz, u) + self.D * u
