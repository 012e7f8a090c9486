"""A sparse mixture-of-experts layer written from scratch, with what the checks measure.

The layer follows Mixtral's feed-forward block: a linear router without bias scores
every expert, each token goes to the ``k`` best, and the output is the sum of those
experts' outputs weighted by a softmax over the ``k`` chosen scores. Each expert is a
SwiGLU feed-forward network. Switch Transformer's additions are here too: an expert
capacity with first-come, first-served dropping, and the load-balancing loss.

`MoEDecoder` is a Mixtral-shaped decoder built only to be counted (on the ``meta``
device): its modules and parameter shapes follow the released checkpoints, but it has
no forward pass, no rotary positions (which have no parameters) and no attention code.

`train_top1_moe` trains several tiny top-1 mixtures side by side on a clustered
token task, with and without the balancing loss, for the router-collapse check.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

PUBLISHED_PATH = Path(__file__).parent / "published.toml"


def published() -> dict[str, dict[str, str]]:
    """The published figures of this topic, as written in ``published.toml``.

    Returns:
        A mapping from each key to its entry (``value``, ``source`` and ``url``).
    """
    return tomllib.loads(PUBLISHED_PATH.read_text(encoding="utf-8"))


def published_number(key: str) -> float:
    """A published figure as a number: ``"4,096"`` is 4096, ``"46.7B"`` is 46.7e9.

    Args:
        key: the entry's key in ``published.toml``.

    Returns:
        The value, with thousands separators removed and a ``B`` suffix read as 1e9.
    """
    text = published()[key]["value"].replace(",", "")
    if text.endswith("B"):
        return float(text[:-1]) * 1e9
    return float(text)


@dataclass(frozen=True)
class MoEConfig:
    """The configuration of a Mixtral-style decoder, named as in its ``config.json``.

    Attributes:
        vocab_size: rows of the token table and of the (untied) output head.
        hidden_size: the model width ``d``.
        intermediate_size: the hidden width ``f`` of one expert.
        num_hidden_layers: decoder layers ``L``.
        num_attention_heads: query heads.
        num_key_value_heads: key and value heads (grouped-query attention).
        num_local_experts: experts per layer ``E``.
        num_experts_per_tok: experts each token is sent to, ``k``.
    """

    vocab_size: int
    hidden_size: int
    intermediate_size: int
    num_hidden_layers: int
    num_attention_heads: int
    num_key_value_heads: int
    num_local_experts: int
    num_experts_per_tok: int

    @classmethod
    def mixtral_8x7b(cls) -> MoEConfig:
        """Mixtral 8x7B, every value read from ``published.toml`` (its official config.json)."""
        return cls(**{f.name: int(published_number(f"mixtral_{f.name}")) for f in fields(cls)})


class SwiGLUExpert(nn.Module):
    """One expert: the SwiGLU feed-forward network ``w2(silu(w1 x) * w3 x)``, no biases.

    Args:
        d: model width.
        f: hidden width.
    """

    def __init__(self, d: int, f: int) -> None:
        super().__init__()
        self.w1 = nn.Linear(d, f, bias=False)  # gate branch
        self.w3 = nn.Linear(d, f, bias=False)  # value branch
        self.w2 = nn.Linear(f, d, bias=False)  # back to the model width

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply the expert to each row of ``x`` (tokens, d)."""
        return self.w2(F.silu(self.w1(x)) * self.w3(x))


def route(logits: torch.Tensor, k: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Top-k routing: the ``k`` best experts per token and their gate weights.

    Args:
        logits: router scores, (tokens, experts).
        k: experts per token.

    Returns:
        ``(weights, index)``, each (tokens, k): a softmax over the ``k`` chosen scores
        (equal to the full softmax renormalised over the chosen experts), and the
        chosen experts, best first.
    """
    top, index = logits.topk(k, dim=-1)  # (tokens, k)
    return top.softmax(dim=-1), index


def expert_capacity(tokens: int, experts: int, capacity_factor: float) -> int:
    """Switch Transformer's expert capacity, ``capacity_factor * tokens / experts``.

    The paper leaves the rounding to the implementation; this one rounds down.

    Args:
        tokens: tokens in the batch.
        experts: number of experts.
        capacity_factor: the slack above an even split (1.0 means no slack).

    Returns:
        The number of token slots each expert has.
    """
    return int(capacity_factor * tokens / experts)


def keep_within_capacity(index: torch.Tensor, experts: int, capacity: int) -> torch.Tensor:
    """Which assignments fit: each expert serves the first ``capacity`` that reach it.

    Assignments are served in order: every token's first choice in token order, then
    every token's second choice, and so on. An assignment arriving at a full expert
    is dropped: that expert contributes nothing for that token.

    Args:
        index: the chosen experts, (tokens, k).
        experts: number of experts.
        capacity: slots per expert.

    Returns:
        A boolean mask (tokens, k): True where the assignment is served.
    """
    order = index.T.reshape(-1)  # (k * tokens,): slot-major, then token order
    one_hot = F.one_hot(order, experts)  # (k * tokens, experts)
    position = (one_hot.cumsum(0) * one_hot).sum(-1) - 1  # place in its expert's queue
    return (position < capacity).reshape(index.T.shape).T  # (tokens, k)


def load_balancing_loss(probs: torch.Tensor, index: torch.Tensor) -> torch.Tensor:
    """Switch Transformer's auxiliary loss ``N * sum_i f_i * P_i`` (without its coefficient).

    Args:
        probs: the router's softmax over all experts, (tokens, experts).
        index: the expert each token is dispatched to, (tokens,).

    Returns:
        A scalar: ``f_i`` is the fraction of tokens dispatched to expert ``i``, ``P_i``
        the mean router probability of expert ``i``.
    """
    n = probs.shape[-1]
    f = F.one_hot(index, n).to(probs.dtype).mean(0)  # (experts,)
    p = probs.mean(0)  # (experts,)
    return n * (f * p).sum()


class MoELayer(nn.Module):
    """A sparse mixture-of-experts feed-forward layer (Mixtral's block, with an optional capacity).

    Args:
        d: model width.
        f: hidden width of each expert.
        experts: number of experts ``E``.
        k: experts per token.
        capacity: slots per expert, or None for no limit (Mixtral has none).
    """

    def __init__(self, d: int, f: int, experts: int, k: int, capacity: int | None = None) -> None:
        super().__init__()
        self.k, self.capacity = k, capacity
        self.gate = nn.Linear(d, experts, bias=False)  # the router
        self.experts = nn.ModuleList(SwiGLUExpert(d, f) for _ in range(experts))

    def routing(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Route the tokens ``x`` (tokens, d).

        Returns:
            ``(weights, index, kept)``, each (tokens, k): gate weights, chosen
            experts and whether each assignment fits within the capacity.
        """
        weights, index = route(self.gate(x), self.k)
        if self.capacity is None:
            kept = torch.ones_like(index, dtype=torch.bool)
        else:
            kept = keep_within_capacity(index, len(self.experts), self.capacity)
        return weights, index, kept

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Send each token to its experts and add their weighted outputs; (tokens, d) -> (tokens, d).

        Each expert runs once, on the tokens routed to it (a dropped assignment adds nothing).
        """
        weights, index, kept = self.routing(x)
        y = torch.zeros_like(x)
        for e, expert in enumerate(self.experts):
            token, slot = torch.where((index == e) & kept)  # who was sent to expert e, and as which choice
            if token.numel():
                y.index_add_(0, token, weights[token, slot, None] * expert(x[token]))
        return y


class Attention(nn.Module):
    """The parameters of grouped-query attention: four projections, no biases."""

    def __init__(self, c: MoEConfig) -> None:
        super().__init__()
        head_dim = c.hidden_size // c.num_attention_heads
        self.q_proj = nn.Linear(c.hidden_size, c.num_attention_heads * head_dim, bias=False)
        self.k_proj = nn.Linear(c.hidden_size, c.num_key_value_heads * head_dim, bias=False)
        self.v_proj = nn.Linear(c.hidden_size, c.num_key_value_heads * head_dim, bias=False)
        self.o_proj = nn.Linear(c.num_attention_heads * head_dim, c.hidden_size, bias=False)


class DecoderLayer(nn.Module):
    """One Mixtral layer: RMSNorm, attention, RMSNorm, sparse mixture of experts."""

    def __init__(self, c: MoEConfig) -> None:
        super().__init__()
        self.input_layernorm = nn.RMSNorm(c.hidden_size)
        self.self_attn = Attention(c)
        self.post_attention_layernorm = nn.RMSNorm(c.hidden_size)
        self.block_sparse_moe = MoELayer(
            c.hidden_size, c.intermediate_size, c.num_local_experts, c.num_experts_per_tok
        )


class MoEDecoder(nn.Module):
    """A Mixtral-shaped decoder, for counting: token table, layers, final norm, untied head.

    Args:
        c: the configuration.
    """

    def __init__(self, c: MoEConfig) -> None:
        super().__init__()
        self.config = c
        # An explicit (uninitialised) table: on `meta`, the default normal_ init costs a second of imports.
        self.embed_tokens = nn.Embedding(c.vocab_size, c.hidden_size, _weight=torch.empty(c.vocab_size, c.hidden_size))
        self.layers = nn.ModuleList(DecoderLayer(c) for _ in range(c.num_hidden_layers))
        self.norm = nn.RMSNorm(c.hidden_size)
        self.lm_head = nn.Linear(c.hidden_size, c.vocab_size, bias=False)


def count(module: nn.Module) -> int:
    """Number of parameters of ``module`` (a shared tensor counted once)."""
    return sum(p.numel() for p in module.parameters())


def active_parameters(model: nn.Module) -> int:
    """Parameters one token uses: every parameter, less the experts it is not sent to.

    Counted on the modules: for each `MoELayer`, the parameters of its unchosen
    ``E - k`` experts are taken away. The token table is counted whole, as the
    published "active" figures do, although a token reads only one of its rows.

    Args:
        model: any module holding `MoELayer`s.

    Returns:
        The number of parameters a token's forward pass touches.
    """
    unused = 0
    for layer in model.modules():
        if isinstance(layer, MoELayer):
            unused += (len(layer.experts) - layer.k) * count(layer.experts[0])
    return count(model) - unused


@dataclass
class RouterRun:
    """What `train_top1_moe` measured after training, per condition and replica.

    Attributes:
        load: fraction of held-out tokens each expert received, (conditions, replicas, experts).
        accuracy: held-out accuracy, (conditions, replicas).
    """

    load: torch.Tensor
    accuracy: torch.Tensor

    def top2_share(self) -> torch.Tensor:
        """Share of tokens taken by the two busiest experts, (conditions, replicas)."""
        return self.load.sort(-1, descending=True).values[..., :2].sum(-1)


def train_top1_moe(
    seed: int,
    alphas: tuple[float, ...] = (0.0, 0.3),
    replicas: int = 5,
    steps: int = 100,
    batch: int = 64,
    d: int = 16,
    experts: int = 8,
    clusters: int = 8,
    classes: int = 4,
) -> RouterRun:
    """Train tiny top-1 (Switch-style) mixtures on a clustered token task, side by side.

    Each replica has its own task: tokens are drawn around ``clusters`` centres in
    ``d`` dimensions (with an offset that all of a replica's centres share) plus noise,
    and a token's class is the largest of ``classes`` fixed linear scores of its
    position relative to the mean centre, a rule one expert alone can learn nearly all of
    (a linear expert without bias cannot add the rule's constant term). The layer
    is Switch's: a linear router, a softmax over all experts, each token sent to its
    most probable expert, output scaled by that probability; each expert is a linear
    map to the class scores. Every condition (one per entry of ``alphas``, the weight
    of the load-balancing loss) trains the same replicas from the same initialisation
    on the same batches, so only the balancing loss differs. All experts are computed
    for every token and the chosen one is selected, which gives the same outputs as
    dispatching but lets all runs train as one batch.

    Args:
        seed: seeds the tasks, the initialisation and the batches.
        alphas: weight of the balancing loss in each condition.
        replicas: independent tasks and initialisations per condition.
        steps: Adam steps (learning rate 3e-2; the update is written out, the same as
            ``torch.optim.Adam``'s, whose import alone costs more than the training).
        batch: tokens per step per replica.
        d: token width.
        experts: experts per layer.
        clusters: clusters per task.
        classes: classes per task.

    Returns:
        The experts' loads and the accuracy on 512 held-out tokens per replica.
    """
    g = torch.Generator().manual_seed(seed)
    conditions = len(alphas)
    centres = 2 * torch.randn(replicas, clusters, d, generator=g)  # (replicas, clusters, d)
    centres = centres + 2 * torch.randn(replicas, 1, d, generator=g)  # a shared offset
    rule = torch.randn(replicas, d, classes, generator=g)  # (replicas, d, classes)
    router = (0.01 * torch.randn(replicas, d, experts, generator=g)).repeat(conditions, 1, 1)
    expert_w = (torch.randn(replicas, experts, d, classes, generator=g) * d**-0.5).repeat(conditions, 1, 1, 1)
    router.requires_grad_()
    expert_w.requires_grad_()
    alpha = torch.tensor(alphas).repeat_interleave(replicas)  # (conditions * replicas,)
    params = [router, expert_w]
    moments = [(torch.zeros_like(p), torch.zeros_like(p)) for p in params]

    def draw(n: int) -> tuple[torch.Tensor, torch.Tensor]:
        which = torch.randint(0, clusters, (replicas, n), generator=g)  # (replicas, n)
        x = torch.gather(centres, 1, which[..., None].expand(-1, -1, d))
        x = x + 0.5 * torch.randn(replicas, n, d, generator=g)  # (replicas, n, d)
        y = torch.einsum("rnd,rdc->rnc", x - centres.mean(1, keepdim=True), rule).argmax(-1)
        return x.repeat(conditions, 1, 1), y.repeat(conditions, 1)  # every condition sees the same tokens

    def forward(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        probs = torch.softmax(x @ router, -1)  # (runs, n, experts)
        top = probs.argmax(-1)  # (runs, n)
        every = torch.einsum("rnd,redc->rnec", x, expert_w)  # (runs, n, experts, classes)
        chosen = torch.gather(every, 2, top[..., None, None].expand(-1, -1, 1, classes)).squeeze(2)
        gate = torch.gather(probs, 2, top[..., None])  # (runs, n, 1)
        return probs, top, gate * chosen  # (runs, n, classes)

    for step in range(1, steps + 1):
        x, y = draw(batch)
        probs, top, logits = forward(x)
        task = F.cross_entropy(logits.transpose(1, 2), y, reduction="none").mean(1)  # (runs,)
        balance = torch.stack([load_balancing_loss(p, t) for p, t in zip(probs, top, strict=True)])
        loss = (task + alpha * balance).sum()  # runs share no parameter: summing keeps them independent
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():  # Adam (betas 0.9, 0.999; eps 1e-8), written out: torch.optim's import costs seconds
            for p, grad, (m, v) in zip(params, grads, moments, strict=True):
                m.mul_(0.9).add_(grad, alpha=0.1)
                v.mul_(0.999).addcmul_(grad, grad, value=0.001)
                m_hat, v_hat = m / (1 - 0.9**step), v / (1 - 0.999**step)
                p.sub_(3e-2 * m_hat / (v_hat.sqrt() + 1e-8))

    with torch.no_grad():
        x, y = draw(512)
        _, top, logits = forward(x)
    load = F.one_hot(top, experts).float().mean(1)  # (runs, experts)
    accuracy = (logits.argmax(-1) == y).float().mean(1)  # (runs,)
    return RouterRun(load.view(conditions, replicas, experts), accuracy.view(conditions, replicas))
