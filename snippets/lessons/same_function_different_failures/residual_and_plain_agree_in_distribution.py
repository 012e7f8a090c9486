"""Trained the same way, a residual and a plain network compute the same function.

Both networks read the same 6×6 stroke canvases, have the same width, depth, parameter
count and initial weights, and get the same training; they differ only in whether each
hidden layer's output replaces its input or is added to it. On fresh canvases from the
training distribution they reach the same accuracy and give the same answers, so no
test of the function there can tell them apart. The faults that do are in
deleted_layer_breaks_the_plain_network_fails.py.

Conditions: trained 100 full-batch Adam steps (learning rate 0.02) on 256 synthetic 6×6 canvases with one four-pixel stroke (four directions); 36→24→(4 hidden layers of 24)→4 ReLU networks, the same initial weights; tested on 1,000 fresh canvases. Seeds 0-19 run: accuracy 0.937 to 1.0 (plain) and 0.959 to 1.0 (residual), gap at most 0.028, same answer on 0.951 to 0.999 of the canvases.
"""

import os

import torch

from snippets.lessons.same_function_different_failures._residual import (
    Net,
    accuracy,
    strokes,
    train,
)

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tensors this small run fastest on one thread
gen = torch.Generator().manual_seed(SEED)

# --8<-- [start:agree]
x_train, y_train = strokes(256, gen)  # (256, 36), (256,)
x_test, y_test = strokes(1_000, gen)  # fresh canvases from the same distribution
nets = {}
for name, residual in (("plain", False), ("residual", True)):
    torch.manual_seed(SEED)  # the same initial weights for both
    nets[name] = train(Net(residual), x_train, y_train)
plain, resnet = nets["plain"], nets["residual"]

acc = {name: accuracy(net, x_test, y_test) for name, net in nets.items()}
with torch.no_grad():
    same_answer = (plain(x_test).argmax(1) == resnet(x_test).argmax(1)).float().mean().item()
MIN_ACC = 0.92  # measured 0.937 to 1.0 over seeds 0-19
ACC_GAP_TOL = 0.05  # "equal accuracy"; measured gap at most 0.028
for name, got in acc.items():
    assert got > MIN_ACC, f"{name}: accuracy {got:.3f}"
assert abs(acc["residual"] - acc["plain"]) <= ACC_GAP_TOL, f"{acc}"
assert same_answer > 0.93, f"the two give the same answer on {same_answer:.1%} of test canvases"
# --8<-- [end:agree]
