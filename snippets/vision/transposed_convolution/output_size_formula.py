"""A transposed convolution's output side is (H−1)·s − 2p + d(k−1) + output_padding + 1.

Checked against `torch.nn.functional.conv_transpose2d` on randomly drawn
configurations (hypothesis): input side, kernel, stride, padding, dilation and
output padding, among the combinations torch accepts (output_padding below the
stride or the dilation, and an output of at least one pixel). The formula is
written out by hand here and in `_scatter.transposed_output_size`; torch's shape is
measured. Hypothesis is seeded from the suite's seed, so each seed draws its own
configurations.
"""

import os

import torch
import torch.nn.functional as F
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from snippets.vision.transposed_convolution._scatter import transposed_output_size

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:formula]
@st.composite
def configurations(draw):
    """Arguments torch accepts: output_padding below the stride or the dilation."""
    stride, dilation = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    return dict(
        size=draw(st.integers(1, 9)), kernel=draw(st.integers(1, 5)), stride=stride,
        padding=draw(st.integers(0, 3)), dilation=dilation,
        output_padding=draw(st.integers(0, max(stride, dilation) - 1)),
    )


checked = []


@seed(SEED)
@settings(max_examples=50, deadline=None, database=None)
@given(configurations())
def output_side_matches_formula(c):
    expected = (c["size"] - 1) * c["stride"] - 2 * c["padding"] \
        + c["dilation"] * (c["kernel"] - 1) + c["output_padding"] + 1
    if expected < 1:
        return  # padding crops more than the canvas holds; torch refuses this too
    x = torch.randn(1, 1, c["size"], c["size"])  # (batch, channels, height, width)
    w = torch.randn(1, 1, c["kernel"], c["kernel"])  # (in_channels, out_channels, k, k)
    y = F.conv_transpose2d(x, w, stride=c["stride"], padding=c["padding"],
                           output_padding=c["output_padding"], dilation=c["dilation"])
    got = y.shape[-1]
    assert got == expected == transposed_output_size(**c), f"{c}: expected {expected}, got {got}"
    checked.append(c)


output_side_matches_formula()
assert len(checked) >= 30, f"expected at least 30 valid configurations, checked {len(checked)}"
# --8<-- [end:formula]

# --8<-- [start:doubling]
# The usual decoder step: k=4, s=2, p=1 doubles the side exactly, for any input side.
for side in (4, 7, 16):
    up = F.conv_transpose2d(torch.randn(1, 1, side, side), torch.randn(1, 1, 4, 4),
                            stride=2, padding=1)  # (1, 1, 2·side, 2·side)
    assert up.shape[-1] == 2 * side, f"side {side}: expected {2 * side}, got {up.shape[-1]}"
# --8<-- [end:doubling]
