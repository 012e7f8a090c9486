"""Mode collapse: a generator trained against a discriminator that lags behind piles its samples
onto a few of the data's modes.

The generator's objective is derived assuming the discriminator is (close to) optimal for
the current generator: only then does its gradient point towards p_data (the JSD of
Theorem 1). When the generator takes several steps against one discriminator, it chases
whatever region that stale discriminator rates highest, and many z map to the same few
places: "the Helvetica scenario" that Goodfellow et al. (2014, section 6) warn about.

Data: a ring of 8 Gaussians (radius 2, standard deviation 0.1), the standard toy for
mode collapse. Two identical tiny GANs, trained with the same number of steps in total:
- outpaced discriminator: 1 discriminator step, then 4 generator steps, 60 rounds;
- control, discriminator kept near its optimum: 4 discriminator steps, then 1 generator step.
Measured on 2,000 samples of each generator: the modes it visits (a mode is visited when at
least 5% of the samples are nearest to it; uniform would be 12.5%) and the fraction of
high-quality samples (within 4 standard deviations, 0.4, of a mode's centre). The data's
own sampler, measured the same way, checks the measures.

Assumption: the discriminator stays close to its optimum for the current generator.
Broken by: several generator steps per discriminator step.

Conditions: trained 60 rounds (300 Adam steps in all, lr 0.01, beta1 0.5, written out) on batches of 64 from a ring of 8 Gaussians; generator and discriminator MLPs with two hidden layers of 32 ReLU units, 2-d latent, non-saturating loss; five independent runs (replicas) per seed; seeds 0-9: modes visited, averaged over the five runs, 1.6 to 3.4 with the outpaced discriminator against 6.8 to 8.0 for the control; average high-quality fraction 0.02 to 0.11 against 0.17 to 0.26 (neither is a finished generator after 300 steps). Measured by hand, not asserted
(seeds 0-9, the same five replicas): the untrained generators visit 3.4 to 4.6 modes, so the outpaced ones end
on fewer modes than they start from on every seed; and the GAN given as many generator steps as the outpaced
one, each after one discriminator step (240 rounds of 1 + 1), visits 7.4 to 8.0, so the collapse is not the
outpaced generator's extra steps but its discriminator's lag.
"""

import math
import os

import torch

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny ops: a second thread only adds hand-off cost

REPLICAS, MODES, RADIUS, STD = 5, 8, 2.0, 0.1
HIDDEN, LATENT, BATCH, ROUNDS, LR = 32, 2, 64, 60, 0.01
QUALITY_RADIUS, VISIT_SHARE, SAMPLES = 4 * STD, 0.05, 2_000
ANGLES = torch.arange(MODES) * 2 * math.pi / MODES
CENTRES = RADIUS * torch.stack([ANGLES.cos(), ANGLES.sin()], dim=1)  # (8, 2)


def ring(n: int) -> torch.Tensor:
    """n samples per replica from the ring of Gaussians: (REPLICAS, n, 2)."""
    return CENTRES[torch.randint(0, MODES, (REPLICAS, n))] + STD * torch.randn(REPLICAS, n, 2)


def mlp(n_in: int, n_out: int) -> list[torch.Tensor]:
    """Weights of a two-hidden-layer MLP, one copy per replica."""
    shapes = [(n_in, HIDDEN), (HIDDEN, HIDDEN), (HIDDEN, n_out)]
    layers = []
    for fan_in, fan_out in shapes:
        layers += [torch.randn(REPLICAS, fan_in, fan_out) / fan_in**0.5, torch.zeros(REPLICAS, 1, fan_out)]
    return [t.requires_grad_() for t in layers]


def forward(params: list[torch.Tensor], x: torch.Tensor) -> torch.Tensor:
    w1, b1, w2, b2, w3, b3 = params
    return torch.relu(torch.relu(x @ w1 + b1) @ w2 + b2) @ w3 + b3


class Adam:
    """Adam (beta1 0.5, as GANs usually use), written out; one step on a list of tensors."""

    def __init__(self, params: list[torch.Tensor]) -> None:
        self.params, self.t = params, 0
        self.m = [torch.zeros_like(p) for p in params]
        self.v = [torch.zeros_like(p) for p in params]

    def step(self, loss: torch.Tensor) -> None:
        self.t += 1
        grads = torch.autograd.grad(loss, self.params)
        with torch.no_grad():
            for p, g, m, v in zip(self.params, grads, self.m, self.v, strict=True):
                m.mul_(0.5).add_(g, alpha=0.5)
                v.mul_(0.999).addcmul_(g, g, value=0.001)
                p.sub_(LR * (m / (1 - 0.5**self.t)) / ((v / (1 - 0.999**self.t)).sqrt() + 1e-8))


def train(d_steps: int, g_steps: int) -> torch.Tensor:
    """Train REPLICAS GANs for ROUNDS rounds of d_steps then g_steps; return samples (R, SAMPLES, 2)."""
    gen, disc = mlp(LATENT, 2), mlp(2, 1)
    opt_g, opt_d = Adam(gen), Adam(disc)
    softplus = torch.nn.functional.softplus  # -log sigmoid(a) = softplus(-a)
    for _ in range(ROUNDS):
        for _ in range(d_steps):
            fake = forward(gen, torch.randn(REPLICAS, BATCH, LATENT)).detach()
            opt_d.step((softplus(-forward(disc, ring(BATCH))) + softplus(forward(disc, fake))).mean(dim=(1, 2)).sum())
        for _ in range(g_steps):  # non-saturating: maximise log D(G(z))
            fake = forward(gen, torch.randn(REPLICAS, BATCH, LATENT))
            opt_g.step(softplus(-forward(disc, fake)).mean(dim=(1, 2)).sum())
    with torch.no_grad():
        return forward(gen, torch.randn(REPLICAS, SAMPLES, LATENT))


def measure(samples: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Modes visited and high-quality fraction, per replica: two tensors of shape (R,)."""
    distance, nearest = torch.cdist(samples, CENTRES.expand(REPLICAS, -1, -1)).min(dim=-1)  # (R, SAMPLES)
    share = torch.stack([(nearest == k).float().mean(dim=1) for k in range(MODES)], dim=1)  # (R, 8)
    return (share >= VISIT_SHARE).sum(dim=1).float(), (distance < QUALITY_RADIUS).float().mean(dim=1)


# --8<-- [start:check]
visited_outpaced, quality_outpaced = measure(train(d_steps=1, g_steps=4))
visited_control, quality_control = measure(train(d_steps=4, g_steps=1))
visited_data, quality_data = measure(ring(SAMPLES))  # the measures, on the data itself

assert visited_data.min() == MODES and quality_data.min() > 0.99, "the data visits all 8 modes, all high quality"
assert visited_outpaced.mean() < 4, f"outpaced D: modes visited {visited_outpaced.tolist()} should average below 4"
assert visited_control.mean() > 6, f"control: modes visited {visited_control.tolist()} should average above 6"
assert quality_control.mean() > quality_outpaced.mean(), f"quality {quality_control} vs {quality_outpaced}"
# --8<-- [end:check]
print("visited outpaced", visited_outpaced.tolist(), "control", visited_control.tolist())
print("quality outpaced", [round(v, 2) for v in quality_outpaced.tolist()], "control", [round(v, 2) for v in quality_control.tolist()])
