"""Failure mode: a trained diffusion model sampled with coefficients that do not match
the noise levels it was trained on lands far from the data.

The network was trained to remove the noise of one schedule, step by step. Skipping to
every fifth step but keeping the one-step update (naive skipping) removes a fifth of
the noise it should, and the chain ends still noisy; giving the sampler a different
schedule (the paper's 1000-step betas squeezed into the toy's 50 steps, which believes
far less noise is present) does the same. Respacing, the update computed for the jump
actually taken, recovers much of what the naive jump loses. The same sampler with the
exact noise predictor shows the failure is the sampler's, not the training's.

Assumption: the sampler's schedule, step for step, is the one the network was trained on.
Broken by: skipping steps without recomputing the update, or sampling with another schedule.
Conditions: trained 400 Adam steps on the six-blob data with T = 50 (as in
toy_model_samples_the_data.py), 2,000 samples per sampler, "on the data" within 0.3 of a
blob's centre. Seeds 0-9: full 50-step sampler 0.79 to 0.83; naive 10 steps 0.32 to
0.35; respaced 10 steps 0.58 to 0.62; mismatched schedule 0.37 to 0.42; with the exact
predictor, full 0.98 to 0.99 and naive 0.31 to 0.35.
"""

import os

import numpy as np
import torch

from snippets.generative.diffusion import _blobs, _toy
from snippets.generative.diffusion._schedule import PAPER_BETA_1, PAPER_BETA_T

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)

model = _toy.Denoiser()
_toy.train(model)  # 400 Adam steps on the six blobs, T = 50
full = _toy.near_fraction(_toy.sample(model, 2000, _toy.every(1)))  # the control

# --8<-- [start:naive]
ten_steps = _toy.every(5)  # [50, 45, ..., 5]
naive = _toy.near_fraction(_toy.sample(model, 2000, ten_steps, naive=True))
assert full > 0.7, f"control: the full sampler puts only {full:.2f} on the data"
assert naive < 0.45, f"naive skipping still puts {naive:.2f} on the data"
assert full - naive > 0.3, f"naive skipping costs only {full - naive:.2f}"
# --8<-- [end:naive]

# --8<-- [start:respaced]
respaced = _toy.near_fraction(_toy.sample(model, 2000, ten_steps))  # the jump's own update
assert respaced - naive > 0.15, f"respacing gains only {respaced - naive:.2f} over naive skipping"
# --8<-- [end:respaced]

# --8<-- [start:mismatch]
squeezed = np.linspace(PAPER_BETA_1, PAPER_BETA_T, 50)  # the 1000-step betas, unstretched
wrong = torch.tensor(np.cumprod(1 - squeezed), dtype=torch.float32)  # alpha_bar_T = 0.6
mismatched = _toy.near_fraction(_toy.sample(model, 2000, _toy.every(1), a_bar=wrong))
assert mismatched < 0.5, f"the mismatched schedule still puts {mismatched:.2f} on the data"
assert full - mismatched > 0.3, f"the mismatched schedule costs only {full - mismatched:.2f}"
# --8<-- [end:mismatch]

# --8<-- [start:exact]
class Exact(torch.nn.Module):  # the Bayes-optimal noise predictor of the six blobs
    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        a = _toy.schedule().double()[t - 1][:, None].numpy()
        return torch.tensor(_blobs.exact_eps(x.double().numpy(), a), dtype=torch.float32)


exact_full = _toy.near_fraction(_toy.sample(Exact(), 2000, _toy.every(1)))
exact_naive = _toy.near_fraction(_toy.sample(Exact(), 2000, ten_steps, naive=True))
assert exact_full > 0.95, f"the exact predictor's full sampler puts only {exact_full:.2f} on the data"
assert exact_naive < 0.5, f"naive skipping with the exact predictor puts {exact_naive:.2f} on the data"
# --8<-- [end:exact]
