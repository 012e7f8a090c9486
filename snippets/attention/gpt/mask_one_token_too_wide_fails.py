"""A causal mask one token too wide lets a GPT read the answer in training and fail in generation.

If the mask lets position t see position t + 1, the training objective (predict token
t + 1 at position t) can be met by reading that token. On random tokens, where the
next token cannot be predicted from the past at all, such a model reaches almost
perfect next-token accuracy at every position whose next token is part of its input,
far above the 1/V that any honest model can reach. At the last position there is no
token t + 1 to read, which is where a generating model always stands: there it
guesses, at chance.

Assumption: position t sees tokens 0..t only, so the target at t is hidden from it.
Broken by: a mask off by one (``tril(diagonal=1)``), which shows each position the token it must predict.

Conditions: trained 40 Adam steps (learning rate 2e-2), batch 32, on uniformly random
sequences of 9 tokens over a vocabulary of 16 (chance is 1/16); a one-block GPT of
width 32 with 2 heads whose attention is the reference one with the wider mask,
float32 on the CPU; seeds 0-5; accuracies on 512 fresh sequences, about 1.00 inside
and at most 0.08 at the last position on those seeds.
"""

import math
import os

import torch
import torch.nn.functional as F

from snippets.attention.gpt._gpt import GPT, CausalSelfAttention, GPTConfig

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny matrices: a second thread only adds hand-off cost

V, T, STEPS, BATCH = 16, 9, 40, 32  # vocabulary, sequence length, Adam steps, batch size


# --8<-- [start:mask]
class OffByOne(CausalSelfAttention):
    """The reference attention with the mask one diagonal too wide: t also sees t + 1."""

    def forward(self, x, cache=None):
        batch, new, width = x.shape
        head_dim = width // self.n_heads
        q, k, v = self.qkv(x).split(width, dim=-1)  # each (batch, tokens, d_model)
        q, k, v = (t.view(batch, new, self.n_heads, head_dim).transpose(1, 2) for t in (q, k, v))
        scores = q @ k.transpose(-2, -1) / math.sqrt(head_dim)  # (batch, heads, tokens, tokens)
        allowed = torch.ones(new, new, dtype=torch.bool).tril(diagonal=1)  # the bug: 1, not 0
        weights = scores.masked_fill(~allowed, float("-inf")).softmax(dim=-1)
        return self.proj((weights @ v).transpose(1, 2).reshape(batch, new, width)), (k, v)
# --8<-- [end:mask]


config = GPTConfig(vocab_size=V, n_positions=T, d_model=32, n_layers=1, n_heads=2)
model = GPT(config)
for block in model.blocks:
    block.attn = OffByOne(config)
optimizer = torch.optim.Adam(model.parameters(), lr=2e-2)
for _ in range(STEPS):
    x = torch.randint(0, V, (BATCH, T))  # (batch, tokens): random, the past says nothing of the future
    logits, _ = model(x[:, :-1])  # (batch, tokens - 1, vocab)
    loss = F.cross_entropy(logits.reshape(-1, V), x[:, 1:].reshape(-1))  # shifted targets, correctly
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

# --8<-- [start:leak]
test = torch.randint(0, V, (512, T))  # (sequences, tokens): fresh random sequences
with torch.no_grad():
    guess = model(test[:, :-1])[0].argmax(-1)  # (sequences, tokens - 1)
hit = (guess == test[:, 1:]).float()
inside = hit[:, :-1].mean().item()  # positions whose next token is in the input
last = hit[:, -1].mean().item()  # the last position: its next token is not, as in generation
chance = 1 / V  # the best any model that respects the mask can do on random tokens
assert inside > 0.9, f"with the answer in view, next-token accuracy is only {inside:.2f}"
# --8<-- [end:leak]

# --8<-- [start:last]
assert last < 0.15, f"at the last position accuracy should be near chance {chance:.3f}, got {last:.2f}"
# --8<-- [end:last]
