"""Find the numbers in a sentence and decide whether a check backs them.

Two kinds of number stand in a sentence:

* **Results**, written in prose ("has 1,792 parameters", "shrinks by 0.5"): each one
  must be a value that a comparison of the check compared when it ran (see
  ``whyitworks.runner``). A number written with d decimals matches a compared value
  that rounds to it at d decimals; a number in scientific notation, one that rounds to
  it in its mantissa's digits. The sign counts. "15%" means 0.15. "110M" means 110
  million, "18k" 18 thousand, "9×" or "9x" nine; "3×10⁻⁵" and "2.5e-14" are read whole;
  a superscript ("σ(1)¹⁰⁰") is a number of its own.
* **Set-up**, written as code or math (`` `Conv2d(3, 64, 3)` ``, ``$3\\times 3$``): each
  one must be a literal of the code the claim shows, or among the compared values.

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
TEX_COMMAND_RE = re.compile(r"\\[A-Za-z]+")
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
SUFFIXES = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "G": 1e9, "T": 1e12, "x": 1.0, "×": 1.0}
NUMBER_RE = re.compile(
    r"(?P<sign>[-−])?"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?:(?P<exp>[eE][-+−]?\d+)|\s?[×x·]\s?10(?P<sup>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)|\s?[×x·]\s?10\^\{?(?P<caret>[-−]?\d+)\}?)?"
    r"(?P<pct>%)?(?P<suffix>[kKMBGT](?![A-Za-z])|[x×](?![\w\d]))?"
)
# Lower-case words that, hyphenated to a number, make a name rather than state a number.
NAME_WORDS = {"top", "float", "int", "bfloat", "uint", "fp", "sha", "utf", "covid", "gelu"}
SUPERSCRIPT_RE = re.compile(r"[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


@dataclass(frozen=True)
class Number:
    """One number as written in a sentence."""

    text: str
    value: float
    decimals: int  # digits after the point (of the mantissa, in scientific notation)
    exponent: int  # the power of ten it is written with (0 if none)
    kind: str  # "prose" (a result) or "code" (set-up, in code or math)
    percent: bool = False
    start: int = -1  # where it starts in the text it was read from

    def matches(self, value: float) -> bool:
        """Whether ``value`` rounds to this number as written (sign included)."""
        if not isinstance(value, (int, float)) or value != value:
            return False
        half = 0.5 * 10.0 ** (self.exponent - self.decimals)
        return abs(value - self.value) <= half * (1 + 1e-9) + 1e-15


def _is_part_of_name(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    before2 = text[start - 2] if start > 1 else ""
    after = text[end] if end < len(text) else ""
    if before.isalpha() or before == "_":
        return True  # Conv2d, x_1
    if before == "." and before2.isdigit():
        return True  # the last part of "3.2.1" or "2.13.0": a section or a version
    if before in "-/" and before2.isalnum() and not before2.isdigit():
        # ResNet-50, GPT-2, ViT-B/16 are names; "stride-2" and "rank-1" state a number.
        word = re.search(r"[A-Za-z][\w]*$", text[:start - 1])
        if word is None or not word.group(0).islower() or word.group(0) in NAME_WORDS:
            return True
    if after.isalpha() or after == "_":
        return True  # 2D, 3rd
    return False


def _signed(sign: str | None, text: str, start: int) -> float:
    """-1 for a minus sign that reads as one ("−0.5", "(-3"), not a hyphen ("3-4")."""
    if not sign:
        return 1.0
    before = text[start - 1] if start > 0 else " "
    return -1.0 if (before.isspace() or before in "(=[{,:;≈~<>") else 1.0


def numbers_in(text: str, kind: str) -> list[Number]:
    """Every number written in ``text`` (already stripped of markup), in order."""
    found = []
    for match in NUMBER_RE.finditer(text):
        start, end = match.span()
        if match.group("sign"):
            start += 1
        core_end = end
        if match.group("suffix"):
            core_end -= len(match.group("suffix"))
        if match.group("pct"):
            core_end -= 1
        # A suffix ("110M", "9×") ends the number; without one, a letter right after it
        # makes it part of a name ("2D"). Before it, a name is a name either way
        # ("ImageNet-21k", "JFT-300M").
        if _is_part_of_name(text, start, end if match.group("suffix") else core_end):
            continue
        whole = match.group("int").replace(",", "")
        frac = match.group("frac") or ""
        decimals = len(frac) - 1 if frac else 0
        exponent = 0
        if match.group("exp"):
            exponent = int(match.group("exp")[1:].replace("−", "-"))
        elif match.group("sup"):
            exponent = int(match.group("sup").translate(SUPERSCRIPTS))
        elif match.group("caret"):
            exponent = int(match.group("caret").replace("−", "-"))
        if match.group("pct"):
            exponent -= 2
        suffix = match.group("suffix")
        if suffix:
            exponent += {1.0: 0, 1e3: 3, 1e6: 6, 1e9: 9, 1e12: 12}[SUFFIXES[suffix]]
        value = float(f"{whole}{frac}e{exponent}")  # read as decimal, not multiplied out
        value *= _signed(match.group("sign"), text, match.start())
        found.append(Number(match.group(0).lstrip("-−") if value >= 0 else match.group(0),
                            value, decimals, exponent, kind, bool(match.group("pct")), start))
    for match in SUPERSCRIPT_RE.finditer(text):
        before = text[max(0, match.start() - 3):match.start()]
        if re.search(r"[×x·]\s?10$", text[max(0, match.start() - 6):match.start()]):
            continue  # the exponent of "3×10⁻⁵", read above
        if before[-1:].isalpha() or before[-1:] in "_}":
            continue  # the exponent of a symbol in a formula: C², d²
        value = float(match.group(0).translate(SUPERSCRIPTS))
        found.append(Number(match.group(0), value, 0, 0, kind, start=match.start()))
    return found


def strip_math(body: str) -> str:
    """Math without its TeX commands (``\\times``, ``\\text``), so that digits beside
    them read as numbers."""
    return TEX_COMMAND_RE.sub(" ", body)


def numbers_in_sentence(sentence: str) -> list[Number]:
    """Every number in a claim's sentence, marked as a result or as set-up."""
    found: list[Number] = []
    text = FOOTNOTE_RE.sub(" ", sentence)
    text = LINK_RE.sub(lambda m: m.group("text"), text)

    def take_code(match: re.Match) -> str:
        found.extend(numbers_in(match.group("body"), "code"))
        return " "

    def take_math(match: re.Match) -> str:
        found.extend(numbers_in(strip_math(match.group("body") or match.group("body2")), "code"))
        return " "

    text = CODE_RE.sub(take_code, text)
    text = MATH_RE.sub(take_math, text)
    text = TAG_RE.sub(" ", text)
    found.extend(numbers_in(text, "prose"))
    return found


def unmatched(
    sentence: str, asserted: Iterable[float], literals: Iterable[float]
) -> list[Number]:
    """The numbers of ``sentence`` that the check does not back.

    Args:
        sentence: the claim as written on the page.
        asserted: every value the shown comparisons compared while the check ran.
        literals: every numeric literal of the code the claim shows.
    """
    return backed_by(numbers_in_sentence(sentence), asserted, literals)


def backed_by(numbers: list[Number], asserted: Iterable[float], literals: Iterable[float]) -> list[Number]:
    """The ``numbers`` that neither a compared value nor (for set-up) a literal backs."""
    asserted = [v for v in asserted if isinstance(v, (int, float))]
    literal_set = set(literals)
    missing = []
    for number in numbers:
        if number.kind == "code" and (number.value in literal_set or -number.value in literal_set
                                      and number.value < 0):
            continue
        if any(number.matches(v) for v in asserted):
            continue
        missing.append(number)
    return missing


# A word just before a number that says which side of it a value lies on.
DIRECTION_RE = re.compile(
    r"(?P<neg>\b(?:no|not|never)\s+)?(?:\b(?P<greater>above|over|exceeds?|exceeding|more\s+than|greater\s+than|higher\s+than|"
    r"larger\s+than|at\s+least)|\b(?P<less>below|under|less\s+than|fewer\s+than|lower\s+than|"
    r"smaller\s+than|at\s+most))\s*$",
    re.IGNORECASE,
)


def directions_in(text: str, kind: str = "prose") -> list[tuple[Number, str]]:
    """The numbers of ``text`` that a direction word stands right before, with the direction
    it gives the value it bounds: ``"greater"`` for "above 0.9", ``"less"`` for "below 0.6"."""
    found = []
    for number in numbers_in(text, kind):
        match = DIRECTION_RE.search(text[:max(number.start, 0)])
        if match:
            greater = bool(match.group("greater")) != bool(match.group("neg"))  # "no more than" is at most
            found.append((number, "greater" if greater else "less"))
    return found


def directions_in_sentence(sentence: str) -> list[tuple[Number, str]]:
    """``directions_in`` for a claim's sentence, read as ``numbers_in_sentence`` reads it."""
    text = FOOTNOTE_RE.sub(" ", sentence)
    text = LINK_RE.sub(lambda m: m.group("text"), text)
    text = CODE_RE.sub(" ", text)
    text = MATH_RE.sub(" ", text)
    text = TAG_RE.sub(" ", text)
    return directions_in(text)


def bounds_in(source: str, lines: set[int]) -> list[tuple[float, str]]:
    """Every constant bound the comparisons on ``lines`` of ``source`` set, with the side of
    it the compared value must lie on: ``min(acc) > 0.9`` gives ``(0.9, "greater")``,
    ``0.6 > x`` gives ``(0.6, "less")``. A bound may be a literal or a module-level constant
    named in capitals, as the house style names them (``FLOOR = 0.85``); a comparison of two
    computed values sets none."""
    import ast

    tree = ast.parse(source)
    names: dict[str, float] = {}

    def constant(node) -> float | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
                and not isinstance(node.value, bool):
            return float(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            inner = constant(node.operand)
            return None if inner is None else -inner
        if isinstance(node, ast.Name) and node.id.isupper():
            return names.get(node.id)
        return None

    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
            if isinstance(target, ast.Name) and constant(value) is not None:
                names[target.id] = constant(value)
            elif isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) \
                    and len(target.elts) == len(value.elts):
                for t, v in zip(target.elts, value.elts, strict=True):
                    if isinstance(t, ast.Name) and constant(v) is not None:
                        names[t.id] = constant(v)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare) or node.lineno not in lines:
            continue
        operands = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, operands[:-1], operands[1:], strict=True):
            if not isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)):
                continue
            lower_is_left = isinstance(op, (ast.Lt, ast.LtE))  # left < right
            c_left, c_right = constant(left), constant(right)
            if c_right is not None and c_left is None:
                found.append((c_right, "less" if lower_is_left else "greater"))
            elif c_left is not None and c_right is None:
                found.append((c_left, "greater" if lower_is_left else "less"))
    return found


def direction_mismatches(said: list[tuple[Number, str]], bounds: list[tuple[float, str]]) -> list[str]:
    """The numbers whose direction word disagrees with every bound of that value the check sets:
    "below 0.9" where the only bound at 0.9 is ``x > 0.9``. A number no constant bound
    matches (a measured value, an equality) is left to the number tie."""
    wrong = []
    for number, direction in said:
        sides = {side for value, side in bounds if number.matches(value)}
        if sides and direction not in sides:
            word = "above" if direction == "greater" else "below"
            actual = "above" if "greater" in sides else "below"
            wrong.append(f"'{word} {number.text}' where the check keeps the value {actual} it")
    return wrong


def overused_bounds(said: list[tuple[Number, str]], bounds: list[tuple[float, str]]) -> list[str]:
    """The bounds a sentence states more often than its check sets them.

    Each number with a direction word ("above 0.9") must answer to a comparison of its own
    (``x > 0.9``): the numbers are matched one to one with the check's constant bounds of
    the same value and side. Without this, "above 0.9 on four seeds and above 0.8 on every
    one" nudged to "above 0.9 ... above 0.9" would still pass, each 0.9 backed by the same
    assert. A number no bound of its side matches is left to the other ties."""
    options = [[i for i, (value, side) in enumerate(bounds) if side == direction and number.matches(value)]
               for number, direction in said]
    owner: dict[int, int] = {}  # bound index -> the said number it answers to

    def place(n: int, tried: set[int]) -> bool:  # an augmenting path, as in bipartite matching
        for b in options[n]:
            if b not in tried:
                tried.add(b)
                if b not in owner or place(owner[b], tried):
                    owner[b] = n
                    return True
        return False

    left = [n for n in range(len(said)) if options[n] and not place(n, set())]
    out = []
    for n in left:
        number, direction = said[n]
        word = "above" if direction == "greater" else "below"
        times = sum(1 for other, d in said if d == direction and other.text == number.text)
        out.append(f"'{word} {number.text}' {times} times, but its check sets that bound "
                   f"{len(options[n])} time{'s' * (len(options[n]) != 1)}")
    return out


def unbounded(said: list[tuple[Number, str]], bounds: list[tuple[float, str]]) -> list[str]:
    """The numbers a direction word makes a bound ("above 0.9") that no comparison the claim
    shows uses as a bound, on either side. The number tie alone accepts "above 0.9" whenever
    some compared value rounds to 0.9, a measured accuracy included, so a bound nudged onto a
    measured value would pass."""
    out = []
    for number, direction in said:
        if not any(number.matches(value) for value, _ in bounds):
            word = "above" if direction == "greater" else "below"
            out.append(f"'{word} {number.text}', but no comparison it shows keeps a value "
                       f"{word} {number.text}: that number is only a measured value")
    return out
