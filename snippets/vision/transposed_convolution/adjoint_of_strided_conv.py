"""A transposed convolution is the adjoint (the transpose) of the strided convolution
that shares its weights: ⟨conv(x), y⟩ = ⟨x, convᵀ(y)⟩ for every x and y.

Three ways to see it, on a stride-2, padding-1, 3×3 convolution with random weights,
in float64 so the tolerance can be tight:

1. the inner-product identity above;
2. the dense matrix of the transposed convolution is the transpose of the dense
   matrix of the convolution (both built column by column from basis images);
3. the transposed convolution is the gradient of the convolution with respect to its
   input, so autograd computes the same thing.
Conditions: random weights and white-noise x and y (no training), a 3×3 convolution with stride 2 and padding 1 from 2 to 3 channels on an 8×8 input; float64, agreement within 1e-10; seeds 0-5.
"""

import os

import torch
import torch.nn.functional as F

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-10  # float64 rounding on sums of a few hundred terms is ~1e-14; wide margin

# --8<-- [start:inner_product]
c_in, c_out, k, s, p = 2, 3, 3, 2, 1
side_in = 8  # conv: 8 → 4; transposed: 4 → 7 + output_padding 1 = 8
w = torch.randn(c_out, c_in, k, k, dtype=torch.float64)  # (out, in, k, k) for conv2d
x = torch.randn(1, c_in, side_in, side_in, dtype=torch.float64)  # (batch, channels, height, width)
y = torch.randn(1, c_out, 4, 4, dtype=torch.float64)  # (batch, channels, 4, 4): conv's output shape

conv_x = F.conv2d(x, w, stride=s, padding=p)  # (1, c_out, 4, 4)
# The same tensor serves conv_transpose2d, which reads it as (in=c_out, out=c_in, k, k).
convT_y = F.conv_transpose2d(y, w, stride=s, padding=p, output_padding=1)  # (1, c_in, 8, 8)

lhs = (conv_x * y).sum().item()
rhs = (x * convT_y).sum().item()
assert abs(lhs - rhs) < TOL * max(1.0, abs(lhs)), f"⟨conv x, y⟩ = {lhs:.12g}, ⟨x, convᵀ y⟩ = {rhs:.12g}"
# --8<-- [end:inner_product]

# --8<-- [start:matrix]
def dense_matrix(op, in_shape):
    """The matrix of a linear map, one column per basis image."""
    n = torch.Size(in_shape).numel()
    basis = torch.eye(n, dtype=torch.float64).reshape(n, *in_shape)  # n basis images
    return op(basis).reshape(n, -1).T  # (outputs, inputs)


C = dense_matrix(lambda b: F.conv2d(b, w, stride=s, padding=p), (c_in, side_in, side_in))
CT = dense_matrix(lambda b: F.conv_transpose2d(b, w, stride=s, padding=p, output_padding=1),
                  (c_out, 4, 4))
assert C.shape == (c_out * 4 * 4, c_in * side_in * side_in) == CT.T.shape, f"{C.shape} vs {CT.T.shape}"
gap = (C.T - CT).abs().max().item()
assert gap < TOL, f"largest entry of Cᵀ − (matrix of convᵀ): expected 0, got {gap:.3g}"
# --8<-- [end:matrix]

# --8<-- [start:gradient]
# d⟨conv(x), y⟩ / dx is the vector-Jacobian product that backpropagation computes.
x_req = x.clone().requires_grad_(True)
(grad_x,) = torch.autograd.grad((F.conv2d(x_req, w, stride=s, padding=p) * y).sum(), x_req)
gap = (grad_x - convT_y).abs().max().item()
assert gap < TOL, f"autograd's input gradient vs convᵀ(y): largest gap {gap:.3g}"
# --8<-- [end:gradient]
