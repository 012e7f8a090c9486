"""Tie a claim's meaning to its check.

A claim names, in its header, the relation its check establishes::

    !!! claim property translation-equivariance equal "A stride-1 convolution … commutes exactly …"

Two things are then verified, so that flipping the sentence ("commutes" → "does not
commute", "linear" → "quadratic", "unchanged" → "changes") fails a check:

* **The sentence says the relation.** Words of the sentence are read against a small
  lexicon (below); a negation up to four words before a word flips it ("does not
  change" says *equal*). Every relation the header names must be said, and none of
  their opposites may be said unless the header names that one too; an ordering the
  sentence says ("more than", "below") must be named; and a negation of a verb must
  govern a word of the lexicon. A count or a
  shape claim tagged ``equal`` may say none of the words ("has 1,792 parameters"), as
  long as it negates nothing.
* **The asserts the claim shows establish the relation** (``relations_shown``):
  ``equal`` needs an equality (``==``, ``allclose``, ``isclose``, ``equal``, or a
  difference below a named tolerance), ``differs`` an inequality or a difference above
  a bound, ``greater``/``less`` an ordering, ``raises`` an error caught and asserted.

It does not read English; it reads the words that carry a claim's polarity, which is
what a hurried edit changes.
"""

from __future__ import annotations

import ast
import re

# The relations a claim may name, each with its opposite.
OPPOSITE = {
    "equal": "differs",
    "differs": "equal",
    "greater": "less",
    "less": "greater",
    "linear": "quadratic",
    "quadratic": "linear",
    "constant": "grows",
    "grows": "constant",
    "raises": "accepts",
    "accepts": "raises",
}
RELATIONS = ("equal", "differs", "greater", "less", "linear", "quadratic", "constant", "raises", "accepts")

# Words that say a relation, by the relation they say when not negated. Matched on
# whole words, lower-case; several forms of a verb are listed rather than stemmed.
LEXICON: dict[str, tuple[str, ...]] = {
    "equal": (
        "equal", "equals", "equality", "same", "identical", "identically", "unchanged",
        "unaffected", "commute", "commutes", "commuting", "match", "matches", "matching",
        "exactly", "exact", "preserve", "preserves", "preserved", "keep", "keeps", "kept",
        "invariant", "equivariant", "agree", "agrees", "coincide", "coincides",
        "indistinguishable", "recover", "recovers", "reproduce", "reproduces", "survive",
        "survives", "hold", "holds", "unmoved", "intact", "independent", "independently",
    ),
    "differs": (
        "differ", "differs", "different", "differently", "change", "changes", "changed",
        "break", "breaks", "broken", "lose", "loses", "lost", "destroy", "destroys",
        "destroyed", "violate", "violates", "violated", "distinguish", "distinguishes",
        "mismatch", "wrong", "erase", "erases", "erased", "corrupt", "corrupts", "moves",
        "depend", "depends", "dependent", "sensitive", "unequal",
    ),
    "greater": (
        "more", "greater", "larger", "higher", "exceed", "exceeds", "exceeding", "above",
        "grow", "grows", "growing", "increase", "increases", "explode", "explodes",
        "exploding", "bigger", "longer", "wider", "rises", "rise", "beats", "outperforms",
        "most",
    ),
    "less": (
        "fewer", "less", "smaller", "lower", "below", "shrink", "shrinks", "decrease",
        "decreases", "vanish", "vanishes", "vanishing", "decay", "decays", "fall", "falls",
        "drop", "drops", "under", "narrower", "shorter", "collapses", "collapse", "least",
    ),
    "linear": ("linear", "linearly", "proportional", "proportionally"),
    "quadratic": ("quadratic", "quadratically", "squared", "square"),
    "constant": ("constant",),
    "raises": ("raise", "raises", "raised", "rejects", "reject", "rejected", "refuses", "refuse", "refused"),
    "accepts": ("accept", "accepts", "accepted", "allows", "permits"),
}
WORD_RELATION = {word: relation for relation, words in LEXICON.items() for word in words}
NEGATIONS = {"not", "no", "never", "cannot", "nothing", "none", "nowhere", "neither", "nor", "without"}
# Negations of a verb: each must govern a word of the lexicon, or the check could not tell
# "is unchanged" from "is not unchanged". ("no" and "without" often state a condition,
# "without positions", and are left alone.)
VERBAL_NEGATIONS = {"not", "never", "cannot"}
NEGATION_WINDOW = 4  # a negation flips a relation word at most this many words later

WORD_RE = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
CODE_RE = re.compile(r"`[^`]*`|\$[^$]*\$")


def _words(sentence: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(CODE_RE.sub(" ", sentence))]


def _is_negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith("n't")


def _words_negated(sentence: str) -> list[str]:
    """The sentence's words, with "fails to", "failed to" and "unable to" read as "not"."""
    words = _words(sentence)
    out = []
    for index, word in enumerate(words):
        if word in ("fails", "fail", "failed", "unable") and words[index + 1:index + 2] == ["to"]:
            out.append("not")
        elif word == "to" and index and words[index - 1] in ("fails", "fail", "failed", "unable"):
            continue
        else:
            out.append(word)
    return out


def relations_said(sentence: str) -> tuple[set[str], bool]:
    """The relations a sentence says, and whether it negates anything.

    >>> sorted(relations_said("A convolution commutes exactly with every shift.")[0])
    ['equal']
    >>> sorted(relations_said("Stride 2 does not commute with a shift.")[0])
    ['differs']
    """
    words = _words_negated(sentence)
    said: set[str] = set()
    negated = False
    for index, word in enumerate(words):
        if word in ("most", "least") and index and words[index - 1] == "at":
            said.add("less" if word == "most" else "greater")  # "at most" bounds from above
            continue
        if word == "longer" and index and words[index - 1] in ("no", "any"):
            continue  # "no longer" is about time, not size
        if _is_negation(word) and words[index + 1:index + 2] == ["longer"]:
            continue
        if _is_negation(word):
            negated = True
            continue
        relation = WORD_RELATION.get(word)
        if relation is None:
            continue
        window = words[max(0, index - NEGATION_WINDOW):index]
        if sum(_is_negation(w) for w in window) % 2:
            relation = OPPOSITE.get(relation, relation)
        said.add(relation)
    return said, negated


def ungoverned_negations(sentence: str) -> list[str]:
    """The verbal negations of a sentence ("not", "never", "cannot", "…n't") that no word
    of the lexicon follows within the window: a meaning the check cannot tie."""
    words = _words_negated(sentence)
    found = []
    for index, word in enumerate(words):
        if word in VERBAL_NEGATIONS or word.endswith("n't"):
            after = words[index + 1:index + 1 + NEGATION_WINDOW]
            if not any(w in WORD_RELATION for w in after):
                found.append(" ".join(words[max(0, index - 2):index + 1 + NEGATION_WINDOW]))
    return found


def sentence_problems(sentence: str, relations: tuple[str, ...], kind: str | None) -> list[str]:
    """What is wrong between a sentence and the relations its header names (empty: fine)."""
    said, negated = relations_said(sentence)
    problems = [
        f"the negation in \"…{phrase}…\" governs no word that says a relation, so no check can tie "
        "it (say what the check shows with a relation word: \"stays unchanged\", \"differs\", "
        "\"falls below\")"
        for phrase in ungoverned_negations(sentence)
    ]
    for relation in relations:
        if relation in said:
            continue
        if relation == "equal" and kind in ("count", "shape") and not said and not negated:
            continue  # "has 1,792 parameters": a plain statement of a count
        words = ", ".join(LEXICON.get(relation, ())[:8])
        problems.append(
            f"the header says the check establishes '{relation}', but the sentence does not say so"
            + (f" (say it with a word such as: {words})" if words else "")
        )
    for relation in ("greater", "less"):
        if relation in said and relation not in relations:
            problems.append(
                f"the sentence says '{relation}' (a word such as "
                f"{', '.join(LEXICON[relation][:4])}) but the header does not name it: an ordering "
                "the sentence states must be one its check establishes (add it after the kind)"
            )
    for relation in said:
        opposite = OPPOSITE.get(relation)
        if opposite in relations and relation not in relations:
            problems.append(
                f"the sentence says '{relation}' where the header says the check establishes "
                f"'{opposite}': the sentence and its check disagree"
            )
    return problems


# --- what the asserts establish ------------------------------------------------------

EQUAL_CALLS = {"allclose", "isclose", "equal", "array_equal", "array_almost_equal"}
TOLERANCE_NAME = re.compile(
    r"(?:^|_)(?:[ar]?tol(?:erance)?|eps(?:ilon)?|exact|precision|margin_of_error)(?:_|\d|$)", re.IGNORECASE)


def _call_name(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute):
            return func.attr
        if isinstance(func, ast.Name):
            return func.id
    return ""


def _is_small_bound(node: ast.AST) -> bool:
    """A tolerance: a name that says so, or a literal no larger than 1e-2."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and TOLERANCE_NAME.search(sub.id):
            return True
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return 0 <= node.value <= 1e-2
    return False


def _relations_of_test(test: ast.AST, negated: bool = False) -> set[str]:
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _relations_of_test(test.operand, not negated)
    if isinstance(test, ast.BoolOp):
        found: set[str] = set()
        for value in test.values:
            found |= _relations_of_test(value, negated)
        return found
    found = set()
    if isinstance(test, ast.Call) and _call_name(test) in EQUAL_CALLS:
        found.add("differs" if negated else "equal")
    if isinstance(test, ast.Compare):
        operands = [test.left, *test.comparators]
        for op, left, right in zip(test.ops, operands[:-1], operands[1:], strict=True):
            if isinstance(op, (ast.Eq, ast.Is)):
                found.add("differs" if negated else "equal")
            elif isinstance(op, (ast.NotEq, ast.IsNot)):
                found.add("equal" if negated else "differs")
            elif isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)):
                found |= {"greater", "less"}
                upper = right if isinstance(op, (ast.Lt, ast.LtE)) else left
                # |a - b| < tolerance is an equality; a value above a bound, a difference.
                found.add("equal" if _is_small_bound(upper) else "differs")
            elif isinstance(op, (ast.In, ast.NotIn)):
                found.add("equal")
    # Growth is asserted as a comparison of measured ratios or exponents.
    if found & {"equal", "greater", "less", "differs"}:
        found |= {"linear", "quadratic", "constant", "grows"}
    return found


def relations_shown(tree: ast.Module, lines: set[int]) -> set[str]:
    """The relations established by the asserts whose line is in ``lines``."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert) and node.lineno in lines:
            found |= _relations_of_test(node.test)
        if isinstance(node, ast.Try) and node.handlers and node.lineno in lines:
            shown_asserts = [n for n in ast.walk(tree) if isinstance(n, ast.Assert) and n.lineno in lines]
            if shown_asserts:
                found |= {"raises", "accepts"}  # the error is caught, and a shown assert checks it
    return found
