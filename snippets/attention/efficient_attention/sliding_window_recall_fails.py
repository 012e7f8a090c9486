"""A sliding-window Transformer cannot recall a token older than its window; full attention can.

Task: 16 tokens of filler with one symbol (one of 8) somewhere; the answer, read at
the last position, is the symbol. In the "far" version the symbol is 4 to 15 tokens
back; in the "near" version 1 to 3 tokens back. The model has one layer with a
window of 4 keys, so it reaches 3 tokens back (sliding_window_reach_is_layers_times_window.py).

Trained on the far task, full causal attention learns it; the windowed model, the
same network with the window as the only change, stays at chance (1/8): the symbol
has no path to its output, so its output cannot depend on it, and swapping the
symbol for another leaves its logits bit for bit unchanged. The same windowed model
trained on the near task learns it, so the failure is the distance, not the model.

Assumption: what the answer needs lies within layers × (window − 1) tokens of where it is read.
Broken by: a symbol further back than the stacked windows reach.
Conditions: each model trained 30 Adam steps (written out, torch's defaults, lr 0.01,
batches of 64) on synthetic recall sequences of 16 tokens (8 symbols, 8 filler
tokens); one layer of width 32, 4 query heads, 2 key/value heads, window 4; tested
on 1,000 fresh sequences; chance is 0.125. Seeds 0-9 run (WHYITWORKS_SEED=k): full
attention 0.999 to 1.000; windowed model on the far task 0.113 to 0.148; windowed
model on the near task 1.000 on every seed (seeds 10-19: full attention 1.000,
far 0.112 to 0.137); bounds asserted: above 0.9 and below 0.2.
"""

import os

import torch

from snippets.attention.efficient_attention._attention import (
    RecallModel,
    recall_batch,
    train_recall,
)

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny model: threads cost more than they save
generator = torch.Generator().manual_seed(SEED)

LENGTH, SYMBOLS, FILLERS, STEPS = 16, 8, 8, 30


def accuracy(model, data) -> float:
    with torch.no_grad():
        return (model(data[0]).argmax(-1) == data[1]).float().mean().item()


# --8<-- [start:check]
window = 4  # keys per query, itself included: one layer reaches 3 tokens back
far, near = range(window, LENGTH), range(1, window)  # distances of the symbol from the end
results = {}
for name, distances, model_window in (("full, far", far, None), ("window, far", far, window),
                                      ("window, near", near, window)):
    train = recall_batch(64 * STEPS, LENGTH, SYMBOLS, FILLERS, distances, generator)
    test = recall_batch(1000, LENGTH, SYMBOLS, FILLERS, distances, generator)
    model = train_recall(RecallModel(SYMBOLS + FILLERS, SYMBOLS, LENGTH, window=model_window), train, STEPS)
    results[name] = (accuracy(model, test), model, test)

assert results["full, far"][0] > 0.9, f"full attention should recall: {results['full, far'][0]:.2f}"
assert results["window, near"][0] > 0.9, f"the window should recall near symbols: {results['window, near'][0]:.2f}"
assert results["window, far"][0] < 0.2, f"the window should be at chance (0.125): {results['window, far'][0]:.2f}"

_, model, (tokens, answers) = results["window, far"]
swapped = torch.where(tokens < SYMBOLS, (tokens + 1) % SYMBOLS, tokens)  # every symbol changed
with torch.no_grad():
    assert torch.equal(model(tokens), model(swapped)), "the far symbol should not reach the output"
# --8<-- [end:check]
