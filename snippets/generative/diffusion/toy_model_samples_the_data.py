"""A tiny DDPM, trained for a few hundred steps on points from six blobs, samples the
blobs: most of its samples land on the data, every blob gets its share, and its loss is
one no time-blind predictor could reach.

Conditions: trained 400 Adam steps (learning rate 0.02 falling linearly to 0, batch
256) with Ho et al.'s simple loss on fresh draws of the six-blob data (std 0.1 on a unit
circle), T = 50 diffusion steps of the stretched linear schedule; 2,000 samples from the
full 50-step sampler; "on the data" means within 0.3 of a blob's centre; the loss
compared on 4,000 fresh draws. Seeds 0-9: 0.79 to 0.83 of the samples on the data (pure
noise 0.15 to 0.17), the rarest blob 0.11 to 0.13, the trained loss 0.33 to 0.38
against the best time-blind loss 0.43 to 0.47.
"""

import os

import numpy as np
import torch

from snippets.generative.diffusion import _blobs, _toy

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)

# --8<-- [start:samples]
model = _toy.Denoiser()  # noise predictor for 2-D points, told the time step
_toy.train(model)  # 400 Adam steps on fresh draws of the six blobs

NEAR = 0.3  # "on the data": this close to a blob's centre (the blobs' std is 0.1)
samples = _toy.sample(model, 2000, _toy.every(1))  # (2000, 2): all 50 reverse steps
prior = torch.randn(2000, 2)  # where the sampler starts: x_T ~ N(0, I)
on_data, on_data_prior = _toy.near_fraction(samples, NEAR), _toy.near_fraction(prior, NEAR)
assert on_data > 0.7, f"only {on_data:.2f} of the samples land on the data"
assert on_data_prior < 0.25, f"{on_data_prior:.2f} of pure noise lands on the data"
rarest = _toy.blob_shares(samples, NEAR).min().item()
assert rarest > 0.08, f"a blob gets only {rarest:.3f} of the samples (a sixth of 0.7 is 0.117)"
# --8<-- [end:samples]

# --8<-- [start:loss]
rng = np.random.default_rng(SEED)
schedule = _toy.schedule().double().numpy()  # (50,): alpha_bar_t
x0 = _blobs.data(4000, rng)
t = rng.integers(1, len(schedule) + 1, 4000)
eps = rng.standard_normal((4000, 2))
a = schedule[t - 1][:, None]
x_t = np.sqrt(a) * x0 + np.sqrt(1 - a) * eps  # (4000, 2)
with torch.no_grad():
    eps_hat = model(torch.tensor(x_t, dtype=torch.float32), torch.tensor(t)).double().numpy()
trained = ((eps_hat - eps) ** 2).sum(axis=1).mean()
blind = ((_blobs.time_blind_eps(x_t, schedule) - eps) ** 2).sum(axis=1).mean()  # best without t
assert trained < blind, f"trained loss {trained:.3f}, best time-blind loss {blind:.3f}"
# --8<-- [end:loss]
