"""Find the numbers in a claim's sentence and decide whether its snippet asserts them.

Two kinds of number stand in a sentence:

* **Results**, written in prose ("has 1,792 parameters", "shrinks by 0.5"): each one
  must be a value that an ``assert`` of the claim's snippet compared when it ran.
  A number written with d decimals matches a compared value that rounds to it at d
  decimals; "15%" also matches 0.15.
* **Set-up**, written as code or math (`` `Conv2d(3, 64, 3)` ``, ``$3\\times 3$``): each
  one must appear in the snippet's code as a literal, or among the compared values.

Digits that are part of a name are not numbers: ``ResNet-50``, ``GPT-2``, ``ViT-B/16``,
``Conv2d``, ``x_1``, ``2D``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

CODE_RE = re.compile(r"(`+)(?P<body>.+?)\1")
MATH_RE = re.compile(r"\$(?P<body>[^$]+)\$|\\\((?P<body2>.+?)\\\)")
LINK_RE = re.compile(r"!?\[(?P<text>[^\]]*)\]\([^)]*\)")
FOOTNOTE_RE = re.compile(r"\[\^[^\]]+\]")
TAG_RE = re.compile(r"<[^>]+>")
NUMBER_RE = re.compile(
    r"(?<![\w.])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?P<exp>[eE][-+]?\d+)?(?P<pct>%)?"
)


@dataclass(frozen=True)
class Number:
    """One number as written in a sentence."""

    text: str
    value: float
    decimals: int | None  # None for scientific notation: matched relatively
    percent: bool
    kind: str  # "prose" (a result) or "code" (set-up, in code or math)

    def matches(self, value: float) -> bool:
        candidates = [value, value * 100] if self.percent else [value]
        for candidate in candidates:
            if self.decimals is None:
                if abs(candidate - self.value) <= 1e-9 * max(abs(self.value), 1e-300):
                    return True
            elif abs(abs(candidate) - self.value) <= 0.5 * 10.0 ** -self.decimals + 1e-12:
                return True
        return False


def _is_part_of_name(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    before2 = text[start - 2] if start > 1 else ""
    after = text[end] if end < len(text) else ""
    if before.isalpha() or before == "_":
        return True  # Conv2d, x_1
    if before in "-/" and before2.isalnum():
        return True  # ResNet-50, GPT-2, ViT-B/16
    if after.isalpha() or after == "_":
        return True  # 2D, 3rd
    return False


def _numbers(text: str, kind: str) -> list[Number]:
    found = []
    for match in NUMBER_RE.finditer(text):
        start, end = match.span()
        if match.group("pct"):
            end -= 1
        if _is_part_of_name(text, start, end):
            continue
        whole = match.group("int").replace(",", "")
        frac = match.group("frac") or ""
        exp = match.group("exp") or ""
        value = float(whole + frac + exp)
        decimals = None if exp else len(frac) - 1 if frac else 0
        found.append(Number(match.group(0), value, decimals, bool(match.group("pct")), kind))
    return found


def numbers_in_sentence(sentence: str) -> list[Number]:
    """Every number in a claim's sentence, marked as a result or as set-up."""
    found: list[Number] = []
    text = FOOTNOTE_RE.sub(" ", sentence)
    text = LINK_RE.sub(lambda m: m.group("text"), text)

    def take_code(match: re.Match) -> str:
        found.extend(_numbers(match.group("body"), "code"))
        return " "

    def take_math(match: re.Match) -> str:
        found.extend(_numbers(match.group("body") or match.group("body2"), "code"))
        return " "

    text = CODE_RE.sub(take_code, text)
    text = MATH_RE.sub(take_math, text)
    text = TAG_RE.sub(" ", text)
    found.extend(_numbers(text, "prose"))
    return found


def unmatched(
    sentence: str, asserted: Iterable[float], literals: Iterable[float]
) -> list[Number]:
    """The numbers of ``sentence`` that the snippet does not back.

    Args:
        sentence: the claim as written on the page.
        asserted: every number the snippet's asserts compared while it ran.
        literals: every numeric literal in the snippet's source.
    """
    asserted = list(asserted)
    exact = set(asserted)
    literal_set = set(literals)
    missing = []
    for number in numbers_in_sentence(sentence):
        if number.decimals == 0 and not number.percent and number.value in exact:
            continue
        if number.kind == "code" and number.value in literal_set:
            continue
        if any(number.matches(v) for v in asserted):
            continue
        missing.append(number)
    return missing
