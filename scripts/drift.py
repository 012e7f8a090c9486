"""Does a page notice when its words drift from its checks? Each edit (a claim's number
nudged, a prose figure nudged, a claim's meaning flipped) is made alone on a copy of the
page, and counts as caught if the page's contracts (``whyitworks.lint``) report a problem
the page did not already have. What each kind of edit is, and examples: scripts/README.md.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from whyitworks import lint  # noqa: E402
from whyitworks.figures import scan  # noqa: E402
from whyitworks.numbers import numbers_in_sentence  # noqa: E402
from whyitworks.pages import iter_pages, parse_page  # noqa: E402

# Antonyms a hurried edit (or a wrong belief) swaps in; each way round.
ANTONYMS = [
    ("linear", "quadratic"), ("linearly", "quadratically"), ("unchanged", "changed"), ("same", "different"),
    ("identical", "different"), ("equal", "unequal"), ("more", "fewer"), ("larger", "smaller"),
    ("higher", "lower"), ("above", "below"), ("exceeds", "stays below"), ("grows", "shrinks"),
    ("increases", "decreases"), ("vanishes", "explodes"), ("vanish", "explode"), ("keeps", "loses"),
    ("preserves", "destroys"), ("holds", "breaks"), ("matches", "differs from"), ("invariant", "sensitive"),
    ("commutes", "fails to commute"), ("agrees", "disagrees"), ("raises", "accepts"), ("fails", "succeeds"),
    ("changes", "preserves"), ("falls", "rises"), ("less", "more"), ("smaller", "larger"), ("lower", "higher"),
    ("below", "above"), ("shrinks", "grows"), ("decays", "grows"), ("breaks", "preserves"), ("loses", "keeps"),
    ("differs", "matches"), ("different", "identical"), ("cannot", "can"), ("never", "always"),
]
NEGATABLE = re.compile(r"\b(is|are|has|have|does|do|can|stays|remains|was|were)\b")
NEGATED = re.compile(r"\b(does not|do not|is not|are not|cannot|can not|doesn't|isn't|aren't|never|not)\b ?")


def nudge(text: str) -> str:
    """A number written as ``text``, changed in its last written digit."""
    i = max((i for i, ch in enumerate(text) if ch.isdigit()), default=None)
    return text if i is None else text[:i] + str((int(text[i]) + 1) % 10) + text[i + 1:]


def flips(sentence: str) -> list[str]:
    """The sentence turned to say the opposite, in up to two ways."""
    out = []
    for word, opposite in ANTONYMS:
        pattern = re.compile(rf"\b{re.escape(word)}\b")
        if pattern.search(sentence):
            out.append(pattern.sub(opposite, sentence, count=1))
            break
    negation = NEGATED.search(sentence)
    if negation:
        replacement = {"cannot": "can ", "can not": "can ", "never": "always "}.get(
            negation.group(1), negation.group(1).replace(" not", "").replace("n't", "") + " "
            if negation.group(1) != "not" else "")
        out.append(sentence[:negation.start()] + replacement + sentence[negation.end():])
    else:
        verb = NEGATABLE.search(sentence)
        if verb:
            out.append(sentence[:verb.end()] + " not" + sentence[verb.end():])
    return [f for f in out if f != sentence]


# An edit to a page's text can only change what the page and claim contracts see.
PAGE_CONTRACTS = [c for c in lint.CONTRACTS if c.scope in ("page", "claim")]


def problems(page_path: str, root: Path) -> set[str]:
    page = parse_page(root / page_path, root)
    found = [p for c in PAGE_CONTRACTS if c.scope == "page" for p in c.check(page, root)]
    for claim in page.claims:
        runs, parsed = lint.claim_inputs(claim, 0, root)
        found += [p for c in PAGE_CONTRACTS if c.scope == "claim" for p in c.check(claim, runs, parsed, root)]
    return {f"{p.path}:{p.line}:{p.what}" for p in found}


def replace_nth(text: str, old: str, new: str, nth: int) -> str | None:
    """``text`` with the ``nth`` whole-number occurrence of ``old`` replaced (None if absent)."""
    pattern = re.compile(rf"(?<![\d.,]){re.escape(old)}(?![\d]|[.,]\d)")
    matches = list(pattern.finditer(text))
    return None if nth >= len(matches) else text[:matches[nth].start()] + new + text[matches[nth].end():]


KINDS = ("claim numbers: results", "claim numbers: set-up", "prose figures: checked",
         "prose figures: set-up", "prose figures: unmarked", "meaning flips")


def drift_page(path: str, tree: Path, totals: dict[str, Counter], survivors: list[str]) -> None:
    """Every edit of one page, each tried alone and undone."""
    file = tree / path
    original = file.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    base = problems(path, tree)
    page = parse_page(file, tree)
    seen: Counter = Counter()

    def attempt(kind: str, line: int, old: str, new: str, what: str) -> None:
        text = lines[line - 1]
        if kind == "meaning flips":
            changed = text.replace(old, new, 1) if old in text else None
        else:  # the next occurrence of this number on this line
            changed = replace_nth(text, old, new, seen[(line, old)])
            seen[(line, old)] += 1
        if changed is None:
            return
        file.write_text("".join(lines[:line - 1] + [changed] + lines[line:]), encoding="utf-8")
        try:
            caught = bool(problems(path, tree) - base)
        finally:
            file.write_text(original, encoding="utf-8")
        totals[kind]["caught" if caught else "survived"] += 1
        if not caught:
            survivors.append(f"{path}:{line}: {kind}: {what}")

    for claim in page.claims:
        for number in numbers_in_sentence(claim.sentence):
            raw = number.text.lstrip("-−")
            kind = "claim numbers: results" if number.kind == "prose" else "claim numbers: set-up"
            attempt(kind, claim.line, raw, nudge(raw), f"{raw} → {nudge(raw)}")
        for flipped in flips(claim.sentence):
            attempt("meaning flips", claim.line, claim.sentence, flipped, f"\"{flipped}\"")
    figures, _ = scan(page, tree)
    for figure in figures:
        raw = figure.number.text.lstrip("-−")
        attempt(f"prose figures: {figure.how}", figure.line, raw, nudge(raw), f"{raw} → {nudge(raw)}")
    if base:
        print(f"note: {path} already had {len(base)} problem(s); only new ones count", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", help="pages under docs/ (default: every architecture page)")
    parser.add_argument("--survivors", action="store_true", help="list every edit that was not caught")
    args = parser.parse_args()
    pages = args.pages or [p.path for p in iter_pages() if p.is_architecture_page or p.path == "docs/index.md"]
    totals: dict[str, Counter] = {kind: Counter() for kind in KINDS}
    survivors: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        for name in ("docs", "snippets", "whyitworks/templates", "includes"):
            shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "CONTRIBUTING.md", tree)
        for path in pages:
            drift_page(path, tree, totals, survivors)
    if args.survivors:
        print("\n".join(survivors))
    print("\n| edit | caught | of | share |\n|---|---:|---:|---:|")
    for group in ("claim numbers", "prose figures"):
        totals[f"{group}: all"] = sum((c for k, c in totals.items() if k.startswith(group + ":")), Counter())
    for kind, counts in sorted(totals.items(), key=lambda item: item[0]):
        total = counts["caught"] + counts["survived"]
        share = f"{100 * counts['caught'] / total:.1f}%" if total else "n/a"
        print(f"| {kind} | {counts['caught']} | {total} | {share} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
