"""The vision lab: one shape task, four architectures, every broken assumption measured.

The task: a 12×12 canvas holds one of four 5×5 glyphs (a plus, a diagonal cross, a box
outline, an L) drawn in ink of value 1 on a background of 0, with weak pixel noise.
Training puts the glyph's left edge at column 0 or 2 and its top edge at any row, so
the right part of the canvas never holds ink. Each architecture is an input layer, two
hidden layers or blocks of the same width, and a linear head; all four learn with the
same optimiser and batches (the ViT in fewer steps, see ``STEPS``):

* ``mlp``: the flattened canvas through ReLU layers of 64 units;
* ``cnn``: 3×3 convolutions of 12 channels with ReLU, global average pooling;
* ``resnet``: a 3×3 convolution of 12 channels, then two residual blocks (each adds a
  3×3 convolution of its input to the input, then applies ReLU), global average pooling;
* ``vit``: 3×3 patches embedded in 32 dimensions with learned position embeddings, two
  pre-norm Transformer blocks of two heads, mean pooling.

Each trained network is then tested on one set of 400 fresh canvases drawn like the
training ones, under every condition but the two shifts, which draw 400 of their own. ``results()`` runs every
architecture on five seeds, two processes at a time, and keeps the numbers in
``build/lab/`` so that the checks and the site's table read one run.
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F

from snippets import _lab_runner
from snippets._transformer_block import Block

SIDE, GLYPH = 12, 5  # the canvas is SIDE × SIDE pixels, a glyph GLYPH × GLYPH
WIDTH = 12  # channels of every convolution
TRAIN_COLUMNS = (0, 2)  # the glyph's left edge during training
WITHIN_COLUMNS = (1,)  # never trained, but between trained columns
BEYOND_COLUMNS = (5, 6, 7)  # never trained, right of every trained column
ROWS = range(0, SIDE - GLYPH + 1)  # the glyph's top edge, always
NOISE = 0.05  # standard deviation of the pixel noise on every canvas
BATCH, LR = 64, 5e-3
# Adam steps per architecture: enough for each to pass 0.9 in distribution on every seed
# tried (0 to 9); the ViT gets there in fewer, and every step costs time in the suite.
STEPS = {"mlp": 150, "cnn": 150, "resnet": 150, "vit": 90}
TEST = 400  # canvases per condition

GLYPHS = torch.tensor([
    [[0, 0, 1, 0, 0], [0, 0, 1, 0, 0], [1, 1, 1, 1, 1], [0, 0, 1, 0, 0], [0, 0, 1, 0, 0]],  # plus
    [[1, 0, 0, 0, 1], [0, 1, 0, 1, 0], [0, 0, 1, 0, 0], [0, 1, 0, 1, 0], [1, 0, 0, 0, 1]],  # cross
    [[1, 1, 1, 1, 1], [1, 0, 0, 0, 1], [1, 0, 0, 0, 1], [1, 0, 0, 0, 1], [1, 1, 1, 1, 1]],  # box
    [[1, 0, 0, 0, 0], [1, 0, 0, 0, 0], [1, 0, 0, 0, 0], [1, 0, 0, 0, 0], [1, 1, 1, 1, 1]],  # L
], dtype=torch.float32)  # (class, GLYPH, GLYPH)
CLASSES = len(GLYPHS)
CHANCE = 1 / CLASSES  # the accuracy of a guess

ARCHITECTURES = {"mlp": "MLP", "cnn": "CNN, global pooling", "resnet": "Residual CNN", "vit": "ViT"}
# the page of each architecture, for the comparison matrix
PAGES = {"mlp": "foundations/mlp.md", "cnn": "vision/cnn.md", "resnet": "vision/resnet.md",
         "vit": "vision/vit.md"}
# property of the comparison matrix -> (the condition that measures it, what that condition is)
MATRIX = {"translation-equivariance": ("shift_within", "a column between trained ones"),
          "layer-deletion": ("fault", "its last hidden layer or block deleted")}
# condition -> what it does to the test canvases (the order of the table's columns)
CONDITIONS = {
    "in_distribution": "trained columns, rows and noise",
    "shift_within": "the glyph at column 1: between the trained columns 0 and 2",
    "shift_beyond": "the glyph at columns 5 to 7: right of every trained column",
    "resolution": "the canvas at twice the resolution, 24 × 24 (each pixel a 2 × 2 block)",
    "occlusion": "a 2 × 2 square inside the glyph's 5 × 5 box blanked",
    "permutation": "one fixed shuffle of the pixels, in training and test alike",
    "contrast": "every pixel x mapped to 0.5 + 0.5x: half the contrast, on a background of 0.5",
    "noise": "pixel noise of standard deviation 0.3 added on top of the canvases' own 0.05",
    "fault": "the last hidden layer or block deleted after training",
}


# --8<-- [start:canvases]
def _all_canvases() -> torch.Tensor:
    """Every clean canvas: (class, row, column) -> (SIDE, SIDE), for every row and column a glyph fits at."""
    clean = torch.zeros(CLASSES, len(ROWS), SIDE - GLYPH + 1, SIDE, SIDE)
    for r in ROWS:
        for c in range(SIDE - GLYPH + 1):
            clean[:, r, c, r:r + GLYPH, c:c + GLYPH] = GLYPHS
    return clean


CLEAN = _all_canvases()


def canvases(
    n: int, columns, generator: torch.Generator, noise: float = NOISE
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """``n`` canvases, each one glyph with its left edge at one of ``columns``.

    Returns:
        Images ``(n, 1, SIDE, SIDE)``, labels ``(n,)``, and the glyphs' rows and columns.
    """
    labels = torch.randint(0, CLASSES, (n,), generator=generator)
    cols = torch.tensor(columns)[torch.randint(0, len(columns), (n,), generator=generator)]
    rows = torch.randint(ROWS.start, ROWS.stop, (n,), generator=generator)
    x = CLEAN[labels, rows, cols].unsqueeze(1)  # (batch, 1, SIDE, SIDE)
    return x + noise * torch.randn(x.shape, generator=generator), labels, rows, cols
# --8<-- [end:canvases]


class MLP(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Linear(SIDE * SIDE, 64)
        self.layers = nn.ModuleList([nn.Linear(64, 64), nn.Linear(64, 64)])
        self.head = nn.Linear(64, CLASSES)
        self.skip: set[int] = set()  # layers deleted by the fault condition

    def forward(self, x):
        h = F.relu(self.stem(x.flatten(1)))  # (batch, 64): needs exactly SIDE × SIDE pixels
        for i, layer in enumerate(self.layers):
            if i not in self.skip:
                h = F.relu(layer(h))
        return self.head(h)


class CNN(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Conv2d(1, WIDTH, 3, padding=1)
        self.layers = nn.ModuleList([nn.Conv2d(WIDTH, WIDTH, 3, padding=1) for _ in range(2)])
        self.head = nn.Linear(WIDTH, CLASSES)
        self.skip: set[int] = set()

    def forward(self, x):
        h = F.relu(self.stem(x))  # (batch, WIDTH, H, W): any H and W
        for i, layer in enumerate(self.layers):
            if i not in self.skip:
                h = F.relu(layer(h))  # (batch, WIDTH, H, W)
        return self.head(h.mean(dim=(2, 3)))  # global average pooling: (batch, WIDTH)


class ResNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Conv2d(1, WIDTH, 3, padding=1)
        self.layers = nn.ModuleList([nn.Conv2d(WIDTH, WIDTH, 3, padding=1) for _ in range(2)])
        self.head = nn.Linear(WIDTH, CLASSES)
        self.skip: set[int] = set()

    def forward(self, x):
        h = F.relu(self.stem(x))  # (batch, WIDTH, H, W)
        for i, block in enumerate(self.layers):
            if i not in self.skip:
                h = F.relu(h + block(h))  # (batch, WIDTH, H, W)  # the block adds to what passes it by
        return self.head(h.mean(dim=(2, 3)))


class ViT(nn.Module):
    PATCH, DIM = 3, 32

    def __init__(self) -> None:
        super().__init__()
        grid = SIDE // self.PATCH
        self.embed = nn.Conv2d(1, self.DIM, self.PATCH, stride=self.PATCH)
        self.position = nn.Parameter(0.02 * torch.randn(1, self.DIM, grid, grid))
        self.layers = nn.ModuleList([Block(self.DIM, 2) for _ in range(2)])
        self.norm = nn.LayerNorm(self.DIM)
        self.head = nn.Linear(self.DIM, CLASSES)
        self.skip: set[int] = set()

    def forward(self, x):
        h = self.embed(x)  # (batch, DIM, H / 3, W / 3)
        position = self.position
        if h.shape[-2:] != position.shape[-2:]:  # a new resolution: interpolate, as ViT does
            position = F.interpolate(position, size=h.shape[-2:], mode="bicubic", align_corners=False)
        h = (h + position).flatten(2).transpose(1, 2)  # (batch, patches, DIM)
        for i, layer in enumerate(self.layers):
            if i not in self.skip:
                h = layer(h)
        return self.head(self.norm(h).mean(dim=1))


MODELS = {"mlp": MLP, "cnn": CNN, "resnet": ResNet, "vit": ViT}


def train(arch: str, seed: int, permutation: torch.Tensor | None = None) -> nn.Module:
    """One network of ``arch`` trained on the task (its pixels shuffled by ``permutation``)."""
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = MODELS[arch]()
    optimiser = torch.optim.Adam(model.parameters(), lr=LR, foreach=True)
    for _ in range(STEPS[arch]):
        x, y, _, _ = canvases(BATCH, TRAIN_COLUMNS, generator)
        if permutation is not None:
            x = x.flatten(1)[:, permutation].view_as(x)
        loss = F.cross_entropy(model(x), y)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    return model.eval()


def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    with torch.no_grad():
        return (model(x).argmax(1) == y).float().mean().item()


def accuracy_if_it_runs(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float | None:
    """The accuracy, or ``None`` when the input's size does not fit the network (the MLP's
    first layer expects exactly SIDE × SIDE pixels)."""
    try:
        return accuracy(model, x, y)
    except RuntimeError as error:
        if "cannot be multiplied" not in str(error):
            raise
        return None


def measure(arch: str, seed: int) -> dict[str, float | None]:
    """The accuracy of ``arch`` trained with ``seed`` under every condition."""
    torch.set_num_threads(1)
    model = train(arch, seed)
    generator = torch.Generator().manual_seed(10_000 + seed)  # test canvases: never trained on
    out: dict[str, float | None] = {}
    x, y, rows, cols = canvases(TEST, TRAIN_COLUMNS, generator)
    out["in_distribution"] = accuracy(model, x, y)
    out["shift_within"] = accuracy(model, *canvases(TEST, WITHIN_COLUMNS, generator)[:2])
    out["shift_beyond"] = accuracy(model, *canvases(TEST, BEYOND_COLUMNS, generator)[:2])
    out["resolution"] = accuracy_if_it_runs(model, x.repeat_interleave(2, 2).repeat_interleave(2, 3), y)
    occluded = x.clone()
    offsets = torch.randint(0, GLYPH - 1, (TEST, 2), generator=generator)
    for i in range(TEST):
        r, c = rows[i] + offsets[i, 0], cols[i] + offsets[i, 1]
        occluded[i, 0, r:r + 2, c:c + 2] = 0.0
    out["occlusion"] = accuracy(model, occluded, y)
    out["contrast"] = accuracy(model, 0.5 + 0.5 * x, y)  # background 0.5, ink 1: half the contrast
    out["noise"] = accuracy(model, x + 0.3 * torch.randn(x.shape, generator=generator), y)
    model.skip = {1}  # the second and last hidden layer or block
    out["fault"] = accuracy(model, x, y)
    permutation = torch.randperm(SIDE * SIDE, generator=torch.Generator().manual_seed(20_000 + seed))
    shuffled = train(arch, seed, permutation)
    out["permutation"] = accuracy(shuffled, x.flatten(1)[:, permutation].view_as(x), y)
    return out


LAB = _lab_runner.Lab("vision", Path(__file__), measure, tuple(MODELS))


def results() -> dict:
    """Every architecture under every condition, on five seeds:
    ``{"seeds": [...], "accuracy": {arch: {condition: [one accuracy per seed]}}}``,
    computed once per change of this file (see ``snippets._lab_runner``)."""
    return _lab_runner.run(LAB)
