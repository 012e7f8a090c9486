"""Against D*, the generator's non-saturating loss is a reverse KL, which charges little for a dropped mode.

With D* = p / (p + q) (p the data, q the generator, m = (p + q) / 2),
E_q[-log D*(x)] = E_q[log(q / p)] + E_q[log((p + q) / q)] = KL(q || p) - KL(q || m) + log 2.
The first term is the reverse KL: an expectation under the *generator's* samples, so it
never looks at data modes where the generator puts no mass. A generator that covers one of
two equal modes perfectly pays log 2 of reverse KL; maximum likelihood, which pays the
forward KL(p || q), would charge it without bound as its mass there goes to zero (Arjovsky and
Bottou 2017 reach a related result for the gradient of this loss with D* held fixed: the
gradient of KL(p_g || p_data) - 2 JSD).

Conditions: no training; the identity on 1,000 random pairs of distributions on 20 outcomes (Dirichlet(1) draws), to 1e-12; the dropped mode: data with two equal bumps of 5 outcomes, generator on one bump with 1e-9 of mass on each other outcome; float64; seeds 0-4.
"""

import os

import numpy as np

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)
TOL = 1e-12  # float64 rounding over sums of twenty logarithms
FLOOR_TOL = 1e-6  # the generator's 1e-9 floor moves the reverse KL by about 1e-8


def kl(a: np.ndarray, b: np.ndarray) -> float:
    """KL(a || b) for discrete distributions with full support."""
    return float(np.sum(a * np.log(a / b)))


# --8<-- [start:check]
for _ in range(1_000):
    p, q = rng.dirichlet(np.ones(20)), rng.dirichlet(np.ones(20))  # data, generator
    loss = np.sum(q * -np.log(p / (p + q)))  # E_q[-log D*]
    assert abs(loss - (kl(q, p) - kl(q, (p + q) / 2) + np.log(2))) < TOL, f"loss {loss:.15f}"

bump = rng.dirichlet(np.ones(5))  # the shape of one mode
p_data = np.concatenate([bump, np.zeros(5), bump, np.zeros(5)]) / 2 + 1e-12  # two equal modes
p_gen = np.concatenate([bump, np.full(15, 1e-9)])  # one mode only
p_data, p_gen = p_data / p_data.sum(), p_gen / p_gen.sum()
assert abs(kl(p_gen, p_data) - np.log(2)) < FLOOR_TOL, f"reverse KL {kl(p_gen, p_data):.8f} vs log 2"
assert kl(p_data, p_gen) > 5, f"forward KL {kl(p_data, p_gen):.2f} should exceed 5 nats"
# --8<-- [end:check]
print(f"reverse KL {kl(p_gen, p_data):.8f} (log 2 = {np.log(2):.8f}), forward KL {kl(p_data, p_gen):.2f}")
