"""Trained with unshifted targets, a GPT learns to copy its input and fails at next-token prediction.

The causal mask lets position t read tokens 0..t, the token at t included. That is
right only if the target at t is the *next* token, t + 1: the loss must be taken
against the input shifted by one. Train the same tiny GPT with the target at t set
to token t itself and the objective becomes trivial: the model copies the token it
can see, its training loss falls close to zero, as a working model's would, and its
next-token accuracy collapses. The sequences are structured, so the next token
is fully determined: each one counts upwards by one, modulo the vocabulary, from a
random start; a model trained with shifted targets predicts almost every next token.

Assumption: the target at position t is the token at t + 1, which the causal mask hides from position t.
Broken by: taking the loss against the unshifted input, so that the answer is in plain view.

Conditions: trained 25 Adam steps (learning rate 2e-2), batch 32, on synthetic
counting sequences of 12 tokens over a vocabulary of 16; a one-block GPT of width 32
with 2 heads, float32 on the CPU; seeds 0-5; accuracies measured on 512 fresh sequences,
bounds with a margin of at least 0.2 on every seed.
"""

import os

import torch
import torch.nn.functional as F

from snippets.attention.gpt._gpt import GPT, GPTConfig

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny matrices: a second thread only adds hand-off cost

V, T, STEPS, BATCH = 16, 12, 25, 32  # vocabulary, sequence length, Adam steps, batch size
config = GPTConfig(vocab_size=V, n_positions=T, d_model=32, n_layers=1, n_heads=2)


def counting(n: int) -> torch.Tensor:
    """n sequences that count up by one from a random start: x[t + 1] = x[t] + 1 mod V."""
    start = torch.randint(0, V, (n, 1))  # (batch, 1)
    return (start + torch.arange(T)) % V  # (batch, tokens)


def train(shifted: bool) -> tuple[GPT, float]:
    """Train a fresh GPT; the target at t is token t + 1 if ``shifted``, else token t."""
    model = GPT(config)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-2)
    for _ in range(STEPS):
        x = counting(BATCH)  # (batch, tokens)
        logits, _ = model(x[:, :-1])  # (batch, tokens - 1, vocab)
        targets = x[:, 1:] if shifted else x[:, :-1]  # (batch, tokens - 1)
        loss = F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model.eval(), loss.item()


test = counting(512)  # (sequences, tokens): fresh sequences, never trained on
next_token = test[:, 1:]  # what a language model must predict

# --8<-- [start:copy]
copier, copier_loss = train(shifted=False)
with torch.no_grad():
    guess_copier = copier(test[:, :-1])[0].argmax(-1)  # (sequences, tokens - 1)
acc_copier = (guess_copier == next_token).float().mean().item()
copies = (guess_copier == test[:, :-1]).float().mean().item()  # predicts the token it was given

LOW = 0.1  # cross-entropy in nats; chance level is log(16) ≈ 2.8
assert copier_loss < LOW, f"the unshifted model's training loss is {copier_loss:.3f}"
assert copies > 0.9, f"the unshifted model copies its input at {copies:.2f}"
assert acc_copier < 0.1, f"trained with unshifted targets: next-token accuracy {acc_copier:.2f}"
# --8<-- [end:copy]

# --8<-- [start:shifted]
correct, correct_loss = train(shifted=True)
with torch.no_grad():
    guess_correct = correct(test[:, :-1])[0].argmax(-1)  # (sequences, tokens - 1)
acc_correct = (guess_correct == next_token).float().mean().item()
assert acc_correct > 0.9, f"trained with shifted targets: next-token accuracy {acc_correct:.2f}"
# --8<-- [end:shifted]
