"""Figures of the MLP page, drawn at build time with the code its checks use."""

from torch import nn

from snippets.foundations.mlp._first_layer import first_layer_params
from whyitworks.svg import measured_chart


def first_layer_vs_side() -> str:
    """Parameters of a first layer of 256 units on a colour image, against the image's
    side, counted by `_first_layer.first_layer_params` as the resolution check counts them
    (at sides 32 and 224 among these), beside a 3×3 convolution with 256 filters."""
    hidden, channels, k = 256, 3, 3
    sides = [32, 64, 96, 128, 160, 192, 224]
    dense, conv = [], []
    for side in sides:
        dense.append(first_layer_params(side, channels, hidden))  # the resolution check's count
        filters = nn.Conv2d(channels, hidden, k, padding=1, device="meta")  # the same for any side
        conv.append(sum(p.numel() for p in filters.parameters()))
    return measured_chart(
        sides,
        {"MLP, 256 units": dense, "3×3 conv, 256 filters": conv},
        title="An MLP's first layer grows with the square of the image side",
        desc="Parameters of a first layer of 256 units on a colour image of side 32 to 224, on "
             f"a log scale: a fully connected layer grows from {dense[0]:,} to {dense[-1]:,}, "
             f"as channels times side squared times units predicts, while a 3×3 convolution with "
             f"256 filters keeps {conv[0]:,} at every size.",
        x_label="image side, pixels (colour images, side × side × 3)",
        y_label="first-layer parameters",
        predicted={
            "MLP, 256 units": [channels * side * side * hidden + hidden for side in sides],
            "3×3 conv, 256 filters": [hidden * channels * k * k + hidden for _ in sides],
        },
        prediction_label="formula",
        log_y=True,
    )
