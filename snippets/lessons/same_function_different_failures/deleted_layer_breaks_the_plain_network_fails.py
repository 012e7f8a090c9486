"""Two trained networks of equal accuracy, one residual and one plain, broken inside.

Both networks read the same 6×6 stroke canvases, have the same width, depth and initial
weights, and get the same training; they reach the same accuracy and give the same
answers. Then the same faults are put inside each: a hidden layer deleted, half of a
hidden layer's units zeroed, noise on the hidden weights. A deletion or an ablation
removes some of what a layer computes. In the plain network that output is the only
input of the next layer, which now receives something it never saw; in the residual
network it is one correction added to a stream that also flows past the layer, so the
rest of the network still receives a stream of the kind it was trained on (Veit et al.
2016 made this lesion study on deep residual networks, against VGG).
Noise on the weights is different: it corrupts a layer's output rather than removing
it, and the residual network's advantage is much smaller there.

Assumption: every hidden layer the network was trained with is still there, as trained.
Broken by: a hidden layer deleted, half of one layer's units zeroed, or noise on the hidden weights, after training.

Conditions: trained 100 full-batch Adam steps (learning rate 0.02) on 256 synthetic 6×6 canvases with one four-pixel stroke (four directions); 36→24→(4 hidden layers of 24)→4 ReLU networks, the same initial weights; tested on 1,000 fresh canvases; ablation averaged over ten random halves per layer, noise over ten draws per size. Seeds 0-19 run (both above 0.93 intact): mean accuracy after a deletion 0.827 to 0.988 (residual) and 0.145 to 0.379 (plain); ablation 0.875 to 0.977 (residual) and 0.593 to 0.81 (plain); the residual network's lead under noise of half the weights' scale 0.002 to 0.186, under noise of their full scale -0.113 (seed 11, the plain network ahead) to 0.335, against 0.524 to 0.84 after a deletion.
"""

import os

import torch

from snippets.lessons.same_function_different_failures._residual import (
    DEPTH,
    WIDTH,
    Net,
    accuracy,
    strokes,
    train,
    weight_noise,
)

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tensors this small run fastest on one thread
gen = torch.Generator().manual_seed(SEED)

x_train, y_train = strokes(256, gen)  # (256, 36), (256,)
x_test, y_test = strokes(1_000, gen)  # fresh canvases from the same distribution
nets = {}
for name, residual in (("plain", False), ("residual", True)):
    torch.manual_seed(SEED)  # the same initial weights for both
    nets[name] = train(Net(residual), x_train, y_train)
for name, net in nets.items():  # the premise, claimed in residual_and_plain_agree_in_distribution.py
    assert accuracy(net, x_test, y_test) > 0.92, f"{name} did not learn the task"

# --8<-- [start:delete]
after_deletion = {}  # name -> accuracy with each hidden layer deleted in turn
for name, net in nets.items():
    after_deletion[name] = []
    for i in range(DEPTH):
        net.deleted = {i}
        after_deletion[name].append(accuracy(net, x_test, y_test))
    net.deleted = set()
mean_deleted = {name: sum(got) / DEPTH for name, got in after_deletion.items()}
assert mean_deleted["residual"] > 0.75, f"residual: {after_deletion['residual']}"
assert mean_deleted["plain"] < 0.45, f"plain: {after_deletion['plain']}"  # chance is 0.25
for i in range(DEPTH):  # whichever layer is deleted
    assert after_deletion["residual"][i] > after_deletion["plain"][i], f"layer {i}: {after_deletion}"
# --8<-- [end:delete]

# --8<-- [start:ablate]
after_ablation = {}  # name -> mean accuracy, half of one layer's units zeroed
for name, net in nets.items():
    got = []
    for i in range(DEPTH):
        for _ in range(10):  # ten random halves of layer i
            net.zeroed = {i: torch.randperm(WIDTH, generator=gen)[: WIDTH // 2]}
            got.append(accuracy(net, x_test, y_test))
    net.zeroed = {}
    after_ablation[name] = sum(got) / len(got)
lead_ablated = after_ablation["residual"] - after_ablation["plain"]
assert after_ablation["residual"] > 0.8, f"{after_ablation}"
assert lead_ablated > 0.08, f"{after_ablation}"
# --8<-- [end:ablate]

# --8<-- [start:noise]
after_noise = {}  # (name, relative size) -> mean accuracy over ten noise draws
for name, net in nets.items():
    for relative in (0.5, 1.0):
        draws = []
        for _ in range(10):
            with weight_noise(net, relative, gen):
                draws.append(accuracy(net, x_test, y_test))
        after_noise[name, relative] = sum(draws) / len(draws)
lead_deleted = mean_deleted["residual"] - mean_deleted["plain"]
for relative in (0.5, 1.0):
    lead = after_noise["residual", relative] - after_noise["plain", relative]
    assert lead < lead_deleted, f"noise {relative}: lead {lead:.3f}, after a deletion {lead_deleted:.3f}"
assert max(after_noise["residual", 1.0], after_noise["plain", 1.0]) < 0.95, f"{after_noise}"
# --8<-- [end:noise]
