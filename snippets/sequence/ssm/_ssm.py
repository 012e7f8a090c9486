"""State-space models from scratch: discretisation, the recurrence, the kernel, the
selective scan, and a Mamba block.

A continuous state-space model maps an input signal u(t) to an output y(t) through a
state x(t) of N numbers: x'(t) = A x(t) + B u(t), y(t) = C x(t). Sampled with a step
Δ it becomes a recurrence x_k = Ā x_{k-1} + B̄ u_k, y_k = C x_k. When Ā, B̄, C are
the same at every step (a linear time-invariant, LTI, system) the output is also a
causal convolution of the input with the kernel K = (CB̄, CĀB̄, CĀ²B̄, ...), the view
S4 trains with. Mamba's selective scan lets Δ, B and C depend on the input at each
step, which keeps the recurrence and gives up the kernel.

Everything here runs in plain torch on the CPU, float64 where a check wants exactness.
``MambaBlock`` follows the shapes of the reference ``mamba_simple.Mamba`` of
state-spaces/mamba (Gu & Dao 2023) so that a published configuration can be counted on
the ``meta`` device; its scan is the slow, readable loop, not the fused kernel.
"""

from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn import functional as F
from torch.overrides import TorchFunctionMode


# --8<-- [start:discretise]
def discretise_bilinear(A: torch.Tensor, B: torch.Tensor, step: float) -> tuple[torch.Tensor, torch.Tensor]:
    """The bilinear (Tustin) transform S4 uses.

    Args:
        A: State matrix, ``(N, N)``.
        B: Input matrix, ``(N, 1)``.
        step: The step size Δ.

    Returns:
        ``(Ā, B̄)`` with Ā = (I - Δ/2 A)⁻¹ (I + Δ/2 A) and B̄ = (I - Δ/2 A)⁻¹ Δ B.
    """
    eye = torch.eye(A.shape[0], dtype=A.dtype)
    left = torch.linalg.inv(eye - step / 2 * A)
    return left @ (eye + step / 2 * A), left @ (step * B)


def discretise_zoh(A: torch.Tensor, B: torch.Tensor, step: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Zero-order hold: the input is held constant over each step.

    Args:
        A: State matrix, ``(N, N)``, invertible.
        B: Input matrix, ``(N, 1)``.
        step: The step size Δ.

    Returns:
        ``(Ā, B̄)`` with Ā = exp(ΔA) and B̄ = A⁻¹ (exp(ΔA) - I) B.
    """
    eye = torch.eye(A.shape[0], dtype=A.dtype)
    A_bar = torch.linalg.matrix_exp(step * A)
    return A_bar, torch.linalg.solve(A, (A_bar - eye) @ B)
# --8<-- [end:discretise]


# --8<-- [start:lti]
def recurrence(A_bar: torch.Tensor, B_bar: torch.Tensor, C: torch.Tensor, u: torch.Tensor) -> torch.Tensor:
    """Run x_k = Ā x_{k-1} + B̄ u_k, y_k = C x_k from x_{-1} = 0, one step at a time.

    Args:
        A_bar: ``(N, N)``.
        B_bar: ``(N, 1)``.
        C: ``(1, N)``.
        u: Input, ``(L,)``.

    Returns:
        Output ``(L,)``.
    """
    x = torch.zeros(A_bar.shape[0], 1, dtype=u.dtype)  # (N, 1): all the model keeps
    out = []
    for u_k in u:
        x = A_bar @ x + B_bar * u_k
        out.append((C @ x).squeeze())
    return torch.stack(out)


def kernel(A_bar: torch.Tensor, B_bar: torch.Tensor, C: torch.Tensor, length: int) -> torch.Tensor:
    """The convolution kernel K_j = C Ā^j B̄ for j = 0 .. length - 1, ``(length,)``."""
    out, power = [], B_bar  # Ā^0 B̄
    for _ in range(length):
        out.append((C @ power).squeeze())
        power = A_bar @ power
    return torch.stack(out)


def causal_conv_fft(K: torch.Tensor, u: torch.Tensor) -> torch.Tensor:
    """y_k = sum_{j <= k} K_j u_{k-j}, computed as S4 does, by FFT (zero-padded to 2L)."""
    n = 2 * len(u)  # padding keeps the circular FFT convolution from wrapping around
    return torch.fft.irfft(torch.fft.rfft(K, n) * torch.fft.rfft(u, n), n)[: len(u)]
# --8<-- [end:lti]


# --8<-- [start:selective]
def selective_scan(u: torch.Tensor, delta: torch.Tensor, A: torch.Tensor, B: torch.Tensor,
                   C: torch.Tensor) -> torch.Tensor:
    """Mamba's selective scan for one channel, diagonal A, as its reference code runs it.

    x_t = exp(Δ_t A) ⊙ x_{t-1} + Δ_t B_t u_t, y_t = C_t · x_t: zero-order hold for A,
    the simpler Euler step Δ_t B_t for B (the reference implementation's choice).

    Args:
        u: Input, ``(L,)``.
        delta: Step size at each step, ``(L,)``, positive.
        A: Diagonal of the state matrix, ``(N,)``, negative.
        B: Input vector at each step, ``(L, N)``.
        C: Output vector at each step, ``(L, N)``.

    Returns:
        Output ``(L,)``.
    """
    x = torch.zeros(A.shape[0], dtype=u.dtype)  # (N,): the state, its size fixed
    out = []
    for t in range(len(u)):
        x = torch.exp(delta[t] * A) * x + delta[t] * B[t] * u[t]
        out.append(C[t] @ x)
    return torch.stack(out)


def selective_matrix(delta: torch.Tensor, A: torch.Tensor, B: torch.Tensor, C: torch.Tensor) -> torch.Tensor:
    """The same scan written as one matrix: y = M u with M lower-triangular,
    M[t, s] = C_t · (prod_{r=s+1..t} exp(Δ_r A)) ⊙ Δ_s B_s for s <= t.

    For an LTI system M[t, s] depends on t - s alone (a Toeplitz matrix, the kernel);
    here it depends on every Δ, B and C in between. Returns ``(L, L)``.
    """
    L = len(delta)
    M = torch.zeros(L, L, dtype=delta.dtype)
    for t in range(L):
        for s in range(t + 1):
            decay = torch.exp(delta[s + 1 : t + 1].sum() * A)  # the product of exp(Δ_r A)
            M[t, s] = C[t] @ (decay * delta[s] * B[s])
    return M
# --8<-- [end:selective]


class MambaBlock(nn.Module):
    """The Mamba mixer of ``mamba_simple.Mamba`` (state-spaces/mamba), same parameters.

    in_proj splits each token into a branch x and a gate z; x goes through a causal
    depthwise convolution of width ``d_conv`` and SiLU, then the selective SSM, whose Δ,
    B and C are projected from x; the output is gated by SiLU(z) and projected back.
    A is stored as ``A_log`` and used as -exp(A_log), so it is negative whatever
    training does to it. Unlike the reference, ``dt_proj``'s bias keeps torch's default
    initialisation (the reference sets it so that Δ starts between 0.001 and 0.1): the
    checks count and run this block, they do not train it.

    Args:
        d_model: Width of the residual stream.
        d_state: N, the state size per channel.
        d_conv: Width of the causal convolution.
        expand: d_inner = expand * d_model.
        dt_rank: Rank of the Δ projection; "auto" is ceil(d_model / 16).
    """

    def __init__(self, d_model: int, d_state: int = 16, d_conv: int = 4, expand: int = 2,
                 dt_rank: int | str = "auto") -> None:
        super().__init__()
        self.d_inner = expand * d_model
        self.d_state, self.d_conv = d_state, d_conv
        self.dt_rank = math.ceil(d_model / 16) if dt_rank == "auto" else dt_rank
        self.in_proj = nn.Linear(d_model, 2 * self.d_inner, bias=False)
        self.conv1d = nn.Conv1d(self.d_inner, self.d_inner, d_conv, groups=self.d_inner, padding=d_conv - 1)
        self.x_proj = nn.Linear(self.d_inner, self.dt_rank + 2 * d_state, bias=False)
        self.dt_proj = nn.Linear(self.dt_rank, self.d_inner)
        self.D = nn.Parameter(torch.ones(self.d_inner))
        # S4D-real initialisation: A = -(1, 2, ..., N) in every channel. (Built on the CPU
        # and moved: torch.arange on the meta device pulls in torch's reference ops.)
        A = torch.arange(1, d_state + 1, dtype=torch.float32, device="cpu").repeat(self.d_inner, 1)
        self.A_log = nn.Parameter(torch.log(A).to(self.D.device))
        self.out_proj = nn.Linear(self.d_inner, d_model, bias=False)

    def empty_state(self, batch: int) -> tuple[torch.Tensor, torch.Tensor]:
        """The state ``step`` carries: the last ``d_conv`` inputs of the convolution,
        ``(batch, d_inner, d_conv)``, and the SSM state, ``(batch, d_inner, d_state)``."""
        device = self.D.device
        return (torch.zeros(batch, self.d_inner, self.d_conv, device=device),
                torch.zeros(batch, self.d_inner, self.d_state, device=device))

    def step(self, token: torch.Tensor, state: tuple[torch.Tensor, torch.Tensor]):
        """One token ``(batch, d_model)`` in, one out; returns ``(output, new state)``."""
        conv_state, ssm_state = state
        x, z = self.in_proj(token).chunk(2, dim=-1)  # (batch, d_inner) each
        conv_state = torch.cat([conv_state[:, :, 1:], x.unsqueeze(-1)], dim=-1)  # (batch, d_inner, d_conv)
        x = F.silu((conv_state * self.conv1d.weight.squeeze(1)).sum(-1) + self.conv1d.bias)
        dt, B, C = self.x_proj(x).split([self.dt_rank, self.d_state, self.d_state], dim=-1)
        delta = F.softplus(self.dt_proj(dt))  # (batch, d_inner): one step size per channel
        A = -torch.exp(self.A_log)  # (d_inner, d_state), negative
        ssm_state = (torch.exp(delta.unsqueeze(-1) * A) * ssm_state
                     + delta.unsqueeze(-1) * B.unsqueeze(1) * x.unsqueeze(-1))  # (batch, d_inner, d_state)
        y = (ssm_state * C.unsqueeze(1)).sum(-1) + self.D * x
        return self.out_proj(y * F.silu(z)), (conv_state, ssm_state)


class RMSNorm(nn.Module):
    """x / rms(x) times a learnt gain (no bias), as the released Mamba models use."""

    def __init__(self, dim: int, eps: float = 1e-5) -> None:
        super().__init__()
        self.eps, self.weight = eps, nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


class MambaLM(nn.Module):
    """A Mamba language model as in ``mixer_seq_simple.MambaLMHeadModel``: a token table,
    ``n_layer`` pre-norm residual Mamba blocks, a final RMSNorm and an output head tied
    to the token table. The vocabulary is padded up to a multiple of
    ``pad_vocab_size_multiple``, as the reference code does.

    Args:
        d_model: Width.
        n_layer: Number of Mamba blocks.
        vocab_size: Vocabulary before padding.
        pad_vocab_size_multiple: Pad the vocabulary to a multiple of this.
        **block: Passed to ``MambaBlock`` (d_state, d_conv, expand).
    """

    def __init__(self, d_model: int, n_layer: int, vocab_size: int, pad_vocab_size_multiple: int = 8,
                 **block: int) -> None:
        super().__init__()
        padded = math.ceil(vocab_size / pad_vocab_size_multiple) * pad_vocab_size_multiple
        weight = torch.empty(padded, d_model)
        if weight.device.type != "meta":  # (normal_ on the meta device imports torch's compiler)
            nn.init.normal_(weight, std=0.02)  # the reference code's initializer_range
        self.embedding = nn.Embedding(padded, d_model, _weight=weight)
        self.norms = nn.ModuleList([RMSNorm(d_model) for _ in range(n_layer)])
        self.layers = nn.ModuleList([MambaBlock(d_model, **block) for _ in range(n_layer)])
        self.norm_f = RMSNorm(d_model)
        self.lm_head = nn.Linear(d_model, padded, bias=False)
        self.lm_head.weight = self.embedding.weight  # tied: counted once

    def step(self, tokens: torch.Tensor, states: list):
        """Next-token logits for one token per sequence ``(batch,)``, and the new states."""
        h = self.embedding(tokens)  # (batch, d_model)
        new = []
        for norm, layer, state in zip(self.norms, self.layers, states):
            out, state = layer.step(norm(h), state)
            h = h + out
            new.append(state)
        return self.lm_head(self.norm_f(h)), new


class MatmulCounter(TorchFunctionMode):
    """Counts the floating-point operations of the matrix products run inside it
    (``F.linear`` and ``@``), 2·m·n·k each as torch's FLOP counter counts them, without
    the compiler stack that counter imports. Elementwise work is not counted."""

    def __init__(self) -> None:
        super().__init__()
        self.flops = 0

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func is F.linear:  # input (.., k), weight (n, k)
            self.flops += 2 * args[0].shape[:-1].numel() * args[1].shape[1] * args[1].shape[0]
        elif getattr(func, "__name__", "") in ("matmul", "__matmul__"):  # (.., m, k) @ (.., k, n)
            self.flops += 2 * args[0].shape[:-1].numel() * args[0].shape[-1] * args[1].shape[-1]
        return func(*args, **kwargs)
