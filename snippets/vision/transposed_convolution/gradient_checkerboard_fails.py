"""The backward pass of a strided convolution is a transposed convolution, so it
inherits the checkerboard: the gradient that a stride-2, kernel-3 convolution sends
back to its input is uneven even when everything upstream is uniform.

With a ones kernel and a ones upstream gradient, each input pixel's gradient is the
number of output windows that read it: along an axis 1 for odd pixels and 2 for even
ones (away from the edges), so in 2D the gradient is 1, 2 or 4. A network trained
through such a layer is pushed harder at some pixels than at their neighbours
(Odena, Dumoulin & Olah 2016, "Artifacts in Gradients"). Kernel 4 with stride 2
reads every interior pixel the same number of times.

Conditions: no training, no data: a ones kernel and a uniform upstream gradient on a 12×12 input; exact (small integers in float32).

Assumption: every input pixel of a strided convolution is pushed equally by a uniform gradient.
Broken by: a kernel size that the stride does not divide, so some pixels are read twice as often.
"""

import torch
import torch.nn.functional as F


# --8<-- [start:gradient]
def input_gradient(k: int, s: int, side: int = 12) -> torch.Tensor:
    """d(sum of conv output)/d(input) for a ones kernel: how often each pixel is read."""
    x = torch.zeros(1, 1, side, side, requires_grad=True)  # (batch, channels, height, width)
    F.conv2d(x, torch.ones(1, 1, k, k), stride=s).sum().backward()
    return x.grad[0, 0]


g3 = input_gradient(k=3, s=2)  # windows start at 0, 2, 4, …, 8 and cover 3 pixels
inner3 = g3[2:9, 2:9]  # between the first and the last window's start
assert sorted(set(inner3.flatten().tolist())) == [1, 2, 4], f"kernel 3: {sorted(set(inner3.flatten().tolist()))}"
assert inner3[0, :4].tolist() == [4, 2, 4, 2], f"kernel 3, one row: {inner3[0, :4].tolist()}"

g4 = input_gradient(k=4, s=2)  # windows start at 0, 2, …, 8 and cover 4 pixels
inner4 = g4[2:10, 2:10]
assert sorted(set(inner4.flatten().tolist())) == [4], f"kernel 4: {set(inner4.flatten().tolist())}"
# --8<-- [end:gradient]
