"""A Vision Transformer (ViT) written from scratch, small enough to read in one sitting.

The layout and parameter names follow Dosovitskiy et al. (2021) and torchvision's
``vit_b_16``: a patch embedding (one convolution whose kernel and stride equal the patch
size), a learnable class token, learnable position embeddings, a stack of pre-norm
Transformer encoder blocks, a final LayerNorm and a linear head on the class token.
Two switches exist for the experiments on the ViT page: ``position_embedding=False``
removes the only source of spatial order, and ``pool="mean"`` classifies from the
average of the patch tokens instead of the class token.

Everything is built from ``nn.Linear``, ``nn.Conv2d``, ``nn.LayerNorm`` and tensor
algebra; attention is written out (scores, softmax, weighted sum) rather than taken
from ``nn.MultiheadAttention``, and a snippet checks that the two agree.
"""

from __future__ import annotations

import math
from typing import Any

import torch
from torch import nn


class PatchEmbedding(nn.Module):
    """Cut an image into non-overlapping P×P patches and project each to ``dim`` numbers.

    A convolution with kernel size and stride both equal to P sees each patch exactly
    once and applies the same linear map to all of them: it is the "flatten each patch
    and multiply by a matrix E" of the paper, done in one call.

    Args:
        in_channels: channels of the image (3 for RGB).
        dim: width D of the tokens.
        patch_size: side P of the square patches.
        device: where to create the parameters (``"meta"`` to count without memory).
    """

    def __init__(self, in_channels: int, dim: int, patch_size: int, device: torch.device | str | None = None) -> None:
        super().__init__()
        self.patch_size = patch_size
        self.proj = nn.Conv2d(in_channels, dim, kernel_size=patch_size, stride=patch_size,
                              device=device)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        """Map ``(batch, C, H, W)`` images to ``(batch, (H//P)·(W//P), dim)`` patch tokens.

        Patches are numbered row by row (left to right, top to bottom). Pixels beyond the
        last whole patch (when H or W is not a multiple of P) are silently dropped by the
        convolution.
        """
        x = self.proj(images)  # (batch, dim, H/P, W/P)
        return x.flatten(2).transpose(1, 2)  # (batch, tokens, dim)


class SelfAttention(nn.Module):
    """Multi-head self-attention, written out.

    One linear layer makes queries, keys and values for all heads at once (the same
    packing as ``nn.MultiheadAttention.in_proj_weight``); each head compares every token
    with every other, so the score matrix has tokens² entries per head.

    Args:
        dim: token width D; must be divisible by ``heads``.
        heads: number of attention heads.
        device: where to create the parameters.

    Raises:
        ValueError: when ``dim`` is not divisible by ``heads``.
    """

    def __init__(self, dim: int, heads: int, device: torch.device | str | None = None) -> None:
        super().__init__()
        if dim % heads:
            raise ValueError(f"dim {dim} is not divisible by heads {heads}")
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim, device=device)
        self.proj = nn.Linear(dim, dim, device=device)

    def _heads(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Queries, keys and values, each ``(batch, heads, tokens, dim // heads)``."""
        batch, tokens, dim = x.shape
        q, k, v = self.qkv(x).chunk(3, dim=-1)  # each (batch, tokens, dim)
        # Each head works on its own contiguous slice of the D features.
        return tuple(t.reshape(batch, tokens, self.heads, dim // self.heads).transpose(1, 2)
                     for t in (q, k, v))

    @staticmethod
    def _weights(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
        scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])  # (batch, heads, tokens, tokens)
        return scores.softmax(dim=-1)  # each row sums to 1 over the tokens

    def attention_weights(self, x: torch.Tensor) -> torch.Tensor:
        """The attention matrix of every head: ``(batch, heads, tokens, tokens)``.

        Row i holds how much token i draws from each token; it is the tensor whose size
        grows with the square of the token count.
        """
        q, k, _ = self._heads(x)
        return self._weights(q, k)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Map ``(batch, tokens, dim)`` to ``(batch, tokens, dim)``."""
        batch, tokens, dim = x.shape
        q, k, v = self._heads(x)
        out = self._weights(q, k) @ v  # (batch, heads, tokens, head_dim)
        out = out.transpose(1, 2).reshape(batch, tokens, dim)  # heads side by side again
        return self.proj(out)


class EncoderBlock(nn.Module):
    """A pre-norm Transformer block: ``x + attn(LN(x))``, then ``x + MLP(LN(x))``.

    Args:
        dim: token width D.
        heads: attention heads.
        mlp_dim: hidden width of the MLP (4·D in ViT-B).
        device: where to create the parameters.
    """

    def __init__(self, dim: int, heads: int, mlp_dim: int, device: torch.device | str | None = None) -> None:
        super().__init__()
        self.ln_1 = nn.LayerNorm(dim, eps=1e-6, device=device)
        self.attn = SelfAttention(dim, heads, device=device)
        self.ln_2 = nn.LayerNorm(dim, eps=1e-6, device=device)
        self.mlp = nn.Sequential(
            nn.Linear(dim, mlp_dim, device=device),
            nn.GELU(),
            nn.Linear(mlp_dim, dim, device=device),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Map ``(batch, tokens, dim)`` to ``(batch, tokens, dim)``; tokens interact only in attention."""
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class VisionTransformer(nn.Module):
    """ViT: patch tokens (+ class token, + position embeddings) → encoder → head.

    Args:
        image_size: side of the square images the position embeddings are made for.
        patch_size: side P of a patch; ``image_size // patch_size`` patches per side.
        in_channels: image channels.
        num_classes: outputs of the head.
        dim: token width D.
        depth: number of encoder blocks.
        heads: attention heads per block.
        mlp_dim: hidden width of each block's MLP.
        position_embedding: add learnable position embeddings (the paper's choice). With
            ``False`` the model has no way to know where a patch came from.
        pool: ``"cls"`` classifies from the class token (the paper, torchvision);
            ``"mean"`` from the average of the patch tokens.
        device: where to create the parameters (``"meta"`` for full-size counting).

    Attributes:
        num_patches: ``(image_size // patch_size) ** 2``, the number of patch tokens.
    """

    def __init__(
        self,
        image_size: int = 224,
        patch_size: int = 16,
        in_channels: int = 3,
        num_classes: int = 1000,
        dim: int = 768,
        depth: int = 12,
        heads: int = 12,
        mlp_dim: int = 3072,
        position_embedding: bool = True,
        pool: str = "cls",
        device: torch.device | str | None = None,
    ) -> None:
        super().__init__()
        if pool not in ("cls", "mean"):
            raise ValueError(f"pool must be 'cls' or 'mean', got {pool!r}")
        self.pool = pool
        self.num_patches = (image_size // patch_size) ** 2
        self.patch_embed = PatchEmbedding(in_channels, dim, patch_size, device=device)
        self.class_token = nn.Parameter(torch.zeros(1, 1, dim, device=device))
        if position_embedding:
            # One learnable vector per position: the class token's slot and every patch.
            self.pos_embedding = nn.Parameter(torch.empty(1, self.num_patches + 1, dim, device=device))
            if self.pos_embedding.device.type != "meta":  # a meta tensor has no values to draw
                nn.init.normal_(self.pos_embedding, std=0.02)  # as in BERT and torchvision
        else:
            self.pos_embedding = None
        self.blocks = nn.Sequential(*[EncoderBlock(dim, heads, mlp_dim, device=device) for _ in range(depth)])
        self.ln = nn.LayerNorm(dim, eps=1e-6, device=device)
        self.head = nn.Linear(dim, num_classes, device=device)

    def tokens(self, images: torch.Tensor) -> torch.Tensor:
        """The encoder's input: ``(batch, 1 + patches, dim)``, class token first.

        Raises:
            RuntimeError: when the image gives a different number of patches than the
                position embeddings were made for.
        """
        x = self.patch_embed(images)  # (batch, patches, dim)
        cls = self.class_token.expand(x.shape[0], -1, -1)  # (batch, 1, dim)
        x = torch.cat([cls, x], dim=1)  # (batch, 1 + patches, dim)
        if self.pos_embedding is not None:
            x = x + self.pos_embedding  # fails loudly if the token counts differ
        return x

    def encode(self, images: torch.Tensor) -> torch.Tensor:
        """Every token after the encoder and the final LayerNorm: ``(batch, 1 + patches, dim)``."""
        return self.ln(self.blocks(self.tokens(images)))

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        """Class scores ``(batch, num_classes)`` from the class token or the mean patch token."""
        z = self.encode(images)  # (batch, 1 + patches, dim)
        pooled = z[:, 0] if self.pool == "cls" else z[:, 1:].mean(dim=1)  # (batch, dim)
        return self.head(pooled)


def vit_b_16(**overrides: Any) -> VisionTransformer:
    """ViT-B/16 as in Table 1 of the paper: 12 blocks, D = 768, MLP 3072, 12 heads, P = 16.

    Args:
        **overrides: any ``VisionTransformer`` argument (``device="meta"`` to count).
    """
    config = dict(image_size=224, patch_size=16, dim=768, depth=12, heads=12, mlp_dim=3072)
    config.update(overrides)
    return VisionTransformer(**config)


def multiply_adds(
    side: int, P: int = 16, C: int = 3, D: int = 768, L: int = 12, mlp: int = 3072, classes: int = 1000
) -> tuple[int, int]:
    """Multiply-adds of one square image through a ViT, split into attention and the rest.

    Only matrix products count, as in torchvision's recorded figures: LayerNorm, softmax
    and GELU are left out. With `N = (side // P)² + 1` tokens (the patches and the class
    token), every block spends `2·N²·D` on attention's two products, `QKᵀ` and `AV`, and
    `N·(4D² + 2·D·mlp)` on its linear layers (qkv, output projection, MLP); the patch
    convolution and the head add `(N − 1)·D·C·P²` and `D·classes`. The defaults are
    ViT-B/16.

    Args:
        side: the image's height and width, in pixels.
        P: the patch size.
        C: the image's channels.
        D: the token width.
        L: the number of encoder blocks.
        mlp: the hidden width of each block's MLP.
        classes: the outputs of the head.

    Returns:
        `(attention, everything else)`: attention's multiply-adds (quadratic in the token
        count) and those of every other layer (linear in it).
    """
    N = (side // P) ** 2 + 1  # patch tokens + class token
    attention = L * 2 * N * N * D  # QKᵀ and AV in every block
    linear = L * N * (3 * D * D + D * D + D * mlp + mlp * D)  # qkv, proj, MLP
    stem_head = (N - 1) * D * C * P * P + D * classes  # patch conv + head
    return attention, linear + stem_head
