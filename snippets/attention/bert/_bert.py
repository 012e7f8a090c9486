"""BERT, built from scratch: a bidirectional Transformer encoder and its masking rule.

The encoder follows Devlin et al. (2019) and the released checkpoints in every tensor
that holds parameters: word, position and token-type embeddings summed and
LayerNorm-ed; a stack of post-LayerNorm layers (attention → residual → LayerNorm,
feed-forward → residual → LayerNorm); and a pooler (a dense layer with tanh on the
first token, ``[CLS]``). Attention has no causal mask: every token attends to every
other, except to padding when an attention mask says where the padding is.

Left out, as in ``transformers.BertModel``: the pre-training heads (masked-LM
transform and next-sentence classifier). There is no dropout. The feed-forward layer
uses the tanh approximation of GELU, as the current TensorFlow code
(google-research/bert, ``modeling.py``) does; that code first computed the exact erf
form, which Hugging Face's ``BertModel`` still computes for the same checkpoints, a
difference below 5e-4 per activation.

``mask_tokens`` is the masked-language-model corruption of the paper: it picks
tokens to predict and hides most of them behind ``[MASK]``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from snippets._jacobian import position_blocks


@dataclass(frozen=True)
class BertConfig:
    """Sizes of a BERT model. The defaults are BERT-base (uncased vocabulary).

    Attributes:
        vocab_size: WordPiece vocabulary (30,522 in the released uncased models).
        max_positions: rows of the learned position table (512).
        type_vocab_size: segment ids (2: sentence A and sentence B).
        d_model: hidden size H.
        n_layers: encoder layers L.
        n_heads: attention heads A; must divide ``d_model``.
        d_ff: width of the feed-forward layer (4H).
        layer_norm_eps: the epsilon of every LayerNorm (1e-12 in BERT).
        pooler: whether to build the [CLS] pooler.
    """

    vocab_size: int = 30522
    max_positions: int = 512
    type_vocab_size: int = 2
    d_model: int = 768
    n_layers: int = 12
    n_heads: int = 12
    d_ff: int = 3072
    layer_norm_eps: float = 1e-12
    pooler: bool = True


BERT_BASE = BertConfig()
"""BERT-base: L=12, H=768, A=12 (Devlin et al., 2019)."""

BERT_LARGE = BertConfig(d_model=1024, n_layers=24, n_heads=16, d_ff=4096)
"""BERT-large: L=24, H=1024, A=16 (Devlin et al., 2019)."""


def _embedding(rows: int, width: int) -> nn.Embedding:
    """An embedding table initialised from N(0, 0.02²), as BERT's was.

    On the ``meta`` device the table is left empty: a meta tensor holds no values,
    and skipping the draw keeps counting a full-size model instant.
    """
    weight = torch.empty(rows, width)
    if not weight.is_meta:
        nn.init.normal_(weight, std=0.02)
    return nn.Embedding(rows, width, _weight=weight)


class BertEmbeddings(nn.Module):
    """Word + position + token-type embeddings, then LayerNorm.

    Args:
        config: the model's sizes.
    """

    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.max_positions = config.max_positions
        self.word = _embedding(config.vocab_size, config.d_model)
        self.position = _embedding(config.max_positions, config.d_model)
        self.token_type = _embedding(config.type_vocab_size, config.d_model)
        self.norm = nn.LayerNorm(config.d_model, eps=config.layer_norm_eps)

    def forward(self, input_ids: Tensor, token_type_ids: Tensor | None = None) -> Tensor:
        """Embed a batch of token ids.

        Args:
            input_ids: shape (batch, tokens).
            token_type_ids: segment of each token, shape (batch, tokens); zeros if None.

        Returns:
            Hidden states of shape (batch, tokens, d_model).

        Raises:
            ValueError: if there are more tokens than rows in the position table.
        """
        tokens = input_ids.shape[1]
        if tokens > self.max_positions:
            raise ValueError(
                f"the input has {tokens} positions, but BERT learned embeddings for "
                f"{self.max_positions} only; split or truncate the text"
            )
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        positions = torch.arange(tokens, device=input_ids.device)  # (tokens,)
        summed = self.word(input_ids) + self.position(positions) + self.token_type(token_type_ids)
        return self.norm(summed)


class BertLayer(nn.Module):
    """One post-LayerNorm encoder layer: ``norm1(x + attn(x))``, then ``norm2(x + ff(x))``.

    Attention is bidirectional: every query sees every key, except keys that
    ``attention_mask`` marks as padding.

    Args:
        config: the model's sizes.
    """

    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        if config.d_model % config.n_heads:
            raise ValueError(f"n_heads={config.n_heads} does not divide d_model={config.d_model}")
        self.n_heads = config.n_heads
        d = config.d_model
        self.query = nn.Linear(d, d)
        self.key = nn.Linear(d, d)
        self.value = nn.Linear(d, d)
        self.attn_out = nn.Linear(d, d)
        self.norm1 = nn.LayerNorm(d, eps=config.layer_norm_eps)
        self.ff_in = nn.Linear(d, config.d_ff)
        self.ff_out = nn.Linear(config.d_ff, d)
        self.norm2 = nn.LayerNorm(d, eps=config.layer_norm_eps)

    def attend(self, x: Tensor, attention_mask: Tensor | None = None) -> Tensor:
        """Multi-head self-attention over all positions.

        Args:
            x: hidden states, shape (batch, tokens, d_model).
            attention_mask: 1 for real tokens and 0 for padding, shape (batch, tokens);
                None means every token is real.

        Returns:
            The attention output, shape (batch, tokens, d_model), before the residual.
        """
        batch, tokens, width = x.shape
        head_dim = width // self.n_heads

        def heads(t: Tensor) -> Tensor:  # (batch, tokens, d_model) → (batch, heads, tokens, head_dim)
            return t.view(batch, tokens, self.n_heads, head_dim).transpose(1, 2)

        q, k, v = heads(self.query(x)), heads(self.key(x)), heads(self.value(x))
        scores = q @ k.transpose(-2, -1) / math.sqrt(head_dim)  # (batch, heads, tokens, tokens)
        if attention_mask is not None:  # hide padded keys from every query
            hidden = attention_mask[:, None, None, :] == 0  # (batch, 1, 1, tokens)
            scores = scores.masked_fill(hidden, float("-inf"))
        weights = scores.softmax(dim=-1)
        out = (weights @ v).transpose(1, 2).reshape(batch, tokens, width)  # (batch, tokens, d_model)
        return self.attn_out(out)

    def forward(self, x: Tensor, attention_mask: Tensor | None = None) -> Tensor:
        """Run the layer; shapes as in ``attend``."""
        x = self.norm1(x + self.attend(x, attention_mask))
        # The tanh approximation of GELU, as google-research/bert's modeling.py computes it now;
        # its first release, and Hugging Face's BertModel (hidden_act="gelu"), use the exact erf form.
        return self.norm2(x + self.ff_out(F.gelu(self.ff_in(x), approximate="tanh")))


class BertModel(nn.Module):
    """BERT: embeddings, a stack of bidirectional encoder layers, and the [CLS] pooler.

    Args:
        config: the model's sizes; ``BERT_BASE`` and ``BERT_LARGE`` are the paper's.

    Examples:
        Count BERT-base without allocating it:

        >>> with torch.device("meta"):
        ...     model = BertModel(BERT_BASE)
        >>> sum(p.numel() for p in model.parameters())
        109482240
    """

    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.config = config
        self.embeddings = BertEmbeddings(config)
        self.layers = nn.ModuleList(BertLayer(config) for _ in range(config.n_layers))
        self.pooler = nn.Linear(config.d_model, config.d_model) if config.pooler else None

    def encode(self, h: Tensor, attention_mask: Tensor | None = None) -> Tensor:
        """Run the encoder layers on hidden states that are already embedded.

        Args:
            h: shape (batch, tokens, d_model).
            attention_mask: 1 for real tokens and 0 for padding, shape (batch, tokens).

        Returns:
            Contextual hidden states, shape (batch, tokens, d_model).
        """
        for layer in self.layers:
            h = layer(h, attention_mask)
        return h

    def forward(
        self,
        input_ids: Tensor,
        token_type_ids: Tensor | None = None,
        attention_mask: Tensor | None = None,
    ) -> tuple[Tensor, Tensor | None]:
        """Encode a batch of token ids.

        Args:
            input_ids: shape (batch, tokens), at most ``max_positions`` tokens.
            token_type_ids: segment ids, shape (batch, tokens); zeros if None.
            attention_mask: 1 for real tokens and 0 for padding; None if none is padding.

        Returns:
            The hidden state of every token, shape (batch, tokens, d_model), and the
            pooled [CLS] vector, shape (batch, d_model), or None without a pooler.
        """
        h = self.encode(self.embeddings(input_ids, token_type_ids), attention_mask)
        pooled = torch.tanh(self.pooler(h[:, 0])) if self.pooler is not None else None
        return h, pooled


def mask_tokens(
    input_ids: Tensor,
    mask_id: int,
    vocab_size: int,
    generator: torch.Generator,
    select: float = 0.15,
    to_mask: float = 0.8,
    to_random: float = 0.1,
) -> tuple[Tensor, Tensor]:
    """Corrupt a batch for masked-language-model training, as in Devlin et al. (2019).

    Each token is chosen for prediction with probability ``select``. A chosen token
    becomes ``mask_id`` with probability ``to_mask``, a token drawn uniformly from the
    whole vocabulary with probability ``to_random`` (which may, rarely, be the token
    itself or ``mask_id``), and stays as it is otherwise. Tokens not chosen are never
    touched.

    Args:
        input_ids: token ids, any shape.
        mask_id: the id of ``[MASK]`` (103 in the uncased BERT vocabulary).
        vocab_size: random replacements are drawn from ``0 .. vocab_size - 1``.
        generator: the source of randomness, so that a run can be repeated.
        select: probability that a token is chosen for prediction.
        to_mask: probability that a chosen token is replaced by ``[MASK]``.
        to_random: probability that a chosen token is replaced by a random token.

    Returns:
        The corrupted ids, and the labels: the original id where a token was chosen,
        -100 (the value ``F.cross_entropy`` ignores by default) everywhere else.
    """
    shape = input_ids.shape
    chosen = torch.rand(shape, generator=generator) < select
    # One uniform draw per chosen token splits it three ways: [0, to_mask) → [MASK],
    # [to_mask, to_mask + to_random) → random token, the rest → unchanged.
    branch = torch.rand(shape, generator=generator)
    masked = chosen & (branch < to_mask)
    randomised = chosen & (branch >= to_mask) & (branch < to_mask + to_random)
    random_ids = torch.randint(0, vocab_size, shape, generator=generator)

    corrupted = input_ids.clone()
    corrupted[masked] = mask_id
    corrupted[randomised] = random_ids[randomised]
    labels = torch.where(chosen, input_ids, torch.full_like(input_ids, -100))
    return corrupted, labels


def jacobian_blocks(model: BertModel, h: Tensor) -> Tensor:
    """The size of every block of the model's Jacobian, one per (output, input) pair of
    positions (``snippets._jacobian.position_blocks``), through the encoder's layers (`encode`) at the embedded
    input ``h`` of one sequence. The bidirectionality check and the page's figure both call it.

    Args:
        model: the model, in eval mode.
        h: the embedded inputs of one sequence, shape `(tokens, d_model)`.

    Returns:
        The largest $|J_{t,i,s,j}|$ of each block, shape `(tokens, tokens)`: row $t$ the
        output position, column $s$ the input position.
    """
    return position_blocks(lambda x: model.encode(x.unsqueeze(0))[0], h)  # (tokens, tokens)
