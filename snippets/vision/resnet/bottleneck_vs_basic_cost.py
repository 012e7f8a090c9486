"""A bottleneck block handles four times the channels of a basic block for fewer weights.

The bottleneck squeezes 256 channels to 64 with a 1×1 convolution, runs its 3×3 on
those 64, and expands back to 256 with another 1×1. A basic block on 64 channels runs
two 3×3 convolutions. Counted with the norms' γ and β:

* basic, 64 channels: `2·(64·64·9) + 2·(2·64)` = 73,984;
* bottleneck, 256 in and out: `256·64 + 64·64·9 + 64·256 + 2·(2·64) + 2·256` = 70,400.

Conditions: exact integer counts, parameters only (weights and the norms' γ and β),
no training, no data.
"""

from snippets.vision.resnet._resnet import BasicBlock, Bottleneck

# --8<-- [start:cost]
basic, bottleneck = BasicBlock(64, 64), Bottleneck(256, 64)
got_basic = sum(p.numel() for p in basic.parameters())
got_bottleneck = sum(p.numel() for p in bottleneck.parameters())
expected_basic = 2 * (64 * 64 * 9) + 2 * (2 * 64)  # two 3×3 convs, two norms
expected_bottleneck = 256 * 64 + 64 * 64 * 9 + 64 * 256 + 2 * (2 * 64) + 2 * 256
assert got_basic == expected_basic == 73_984, f"basic: {got_basic:,}"
assert got_bottleneck == expected_bottleneck == 70_400, f"bottleneck: {got_bottleneck:,}"
assert got_bottleneck < got_basic, "the bottleneck should be the cheaper block"
assert (bottleneck.conv1.in_channels, basic.conv1.in_channels) == (256, 64), "channels in"
assert bottleneck.conv1.in_channels == 4 * basic.conv1.in_channels, "four times the channels"
# --8<-- [end:cost]
