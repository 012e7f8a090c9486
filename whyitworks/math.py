"""Formulas rendered at build time: arithmatex marks them, KaTeX (run by Node, from the
site's own ``node_modules``) turns them into HTML, and the page ships no math script.

One Node process serves the whole build; each page's formulas go to it in one batch.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

# arithmatex's generic output: \( \) inline in a span, \[ \] display in a div.
# A body already rendered (Python-Markdown runs postprocessors on parts of a page before
# the whole) starts with KaTeX's markup, not a delimiter, and is left alone.
FORMULA = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?P<body>\s*\\[(\[].*?)</(?P=tag)>', re.S
)
SCRIPT = Path(__file__).with_name("render_math.cjs")


class MathError(Exception):
    """A formula KaTeX cannot render; ``tex`` is the formula, ``message`` KaTeX's reason."""

    def __init__(self, tex: str, message: str) -> None:
        super().__init__(f"{tex}: {message}")
        self.tex = tex
        self.message = message


class Renderer:
    """A KaTeX process kept open across pages; ``close`` ends it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._process: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        node = shutil.which("node") or shutil.which("nodejs")
        if node is None:
            raise RuntimeError(
                "rendering the formulas needs Node.js: install it (Debian: `apt-get install nodejs`)"
            )
        if not (self.root / "node_modules" / "katex").is_dir():
            raise RuntimeError(f"KaTeX is missing: run `npm ci --ignore-scripts` in {self.root}")
        return subprocess.Popen(
            [node, str(SCRIPT), str(self.root)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, encoding="utf-8",
        )

    def render(self, pairs: list[tuple[str, bool]]) -> list[dict[str, str]]:
        if self._process is None or self._process.poll() is not None:
            self._process = self._start()
        assert self._process.stdin and self._process.stdout
        self._process.stdin.write(json.dumps(pairs) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError("the KaTeX process ended without answering")
        return json.loads(line)

    def close(self) -> None:
        if self._process is not None:
            self._process.stdin.close()  # type: ignore[union-attr]
            self._process.wait(timeout=10)
            self._process = None

    def page(self, output: str) -> str:
        """The page with every arithmatex formula replaced by KaTeX's HTML."""
        found = list(FORMULA.finditer(output))
        if not found:
            return output
        pairs = []
        for match in found:
            body = html.unescape(match["body"]).strip()
            display = body.startswith("\\[")
            pairs.append((body[2:-2].strip(), display))
        replies = self.render(pairs)
        pieces, last = [], 0
        for match, (tex, display), reply in zip(found, pairs, replies, strict=True):
            if "error" in reply:
                raise MathError(tex, reply["error"])
            # A formula is named by its TeX, so that a link or a table header made of a
            # formula alone still has a name; a displayed one may scroll sideways, so it
            # can take the keyboard's focus.
            tag = match["tag"]
            opening = (f'<{tag} class="arithmatex" role="math" aria-label="{html.escape(tex, quote=True)}"'
                       + (' tabindex="0"' if display else "") + ">")
            # KaTeX writes each formula twice, as MathML (with its TeX in an annotation)
            # and as HTML; the search index takes the HTML's text only, so a search
            # preview shows the formula's symbols, not its TeX.
            rendered = reply["html"].replace("<math xmlns=", "<math data-search-exclude xmlns=", 1)
            pieces += [output[last:match.start()], opening, rendered]
            last = match.end("body")
        pieces.append(output[last:])
        return "".join(pieces)
