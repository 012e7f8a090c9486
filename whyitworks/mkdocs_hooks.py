"""MkDocs hooks: conveniences of MkDocs and its theme. Nothing the site's content
depends on is here: ``python -m whyitworks.prebuild`` writes what is generated, and
``whyitworks.markdown_ext`` renders claim boxes, tables and formulas, for MkDocs and
Zensical alike (Zensical runs no hooks, and its build is compared with MkDocs' in the
suite).

* Under ``mkdocs serve`` (the preview, ``make serve``), each rebuild runs the prebuild
  first, so an edited snippet shows on its checks page without restarting; figures are
  redrawn only for the topics whose snippets changed, with their modules imported
  afresh. ``make serve`` passes ``--dirty``: MkDocs then rebuilds only the pages whose
  file changed, and this hook adds the pages whose inputs changed (an included snippet,
  a generated table, the verification record, a published figure, a documented module,
  ``mkdocs.yml``), so an edit shows in seconds. What does not change while serving is
  kept across rebuilds: compiled templates, the theme's file list, what mkdocstrings read
  (until the Python changes), and the search index of the first build (the preview's
  search does not see later edits; ``make build`` indexes everything).
* The preview shows a page's problems instead of stopping: an include that names no
  file or section, a failed contract that needs no snippet run (``lint.preview_problems``),
  a page missing from ``nav`` and a formula KaTeX cannot render are listed in a box at
  the top of the page, each with its file, line and fix. ``mkdocs build --strict`` and
  the suite stay strict.
* Generated checks pages get no "edit this page" link: each section names the snippet
  file to edit.
* Material's search dialog and tags get accessible names.
* Material's search index (1.6 MB) is downloaded when the reader turns to search, not
  as every page loads (``whyitworks/search_on_demand.js``, put in each page before
  material's script).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
from pathlib import Path

import jinja2

from whyitworks import generated, lint, markdown_ext, prebuild, verification
from whyitworks.layout import CHECKS_URL_DIR, DOCS, ROOT, SNIPPETS, TABLES, rel
from whyitworks.pages import INCLUDE_RE, parse_markdown
from whyitworks.problems import Problem
from whyitworks.snippets import parse_snippet

LOG = logging.getLogger("mkdocs.hooks.whyitworks")
COMMAND: list[str] = []
DIRTY: list[bool] = []  # serve --dirty: the site folder is kept between rebuilds
# Under serve: each topic's snippet files as they were when its figures were last drawn,
# and the pages that are in nav.
DRAWN: dict[str, tuple] = {}
IN_NAV: set[str] = set()


def serving() -> bool:
    return COMMAND == ["serve"]


def on_startup(*, command: str, dirty: bool) -> None:
    COMMAND[:] = [command]
    DIRTY[:] = [dirty]
    markdown_ext.PREVIEW = command == "serve"
    if command == "serve":
        share_across_rebuilds()


# --- the preview's rebuild: the prebuild, and only what changed ---------------------------

def _signature(paths) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths if p.is_file()))


def stale_topics(root: Path = ROOT) -> set[str]:
    """The topics whose figures must be drawn again: their snippets (or a shared helper)
    changed since this preview last drew them, or since the files were written."""
    base = root / SNIPPETS
    shared = [p for p in base.glob("_*.py")]
    stale = set()
    for module in sorted(base.rglob("_figures.py")):
        topic = module.parent.relative_to(base).as_posix()
        inputs = [p for p in module.parent.rglob("*") if "__pycache__" not in p.parts] + shared
        signature = _signature(inputs)
        if topic in DRAWN:
            if DRAWN[topic] != signature:
                stale.add(topic)
        else:
            drawn = list((root / DOCS / "figures" / topic).glob("*.svg"))
            newest = max((entry[1] for entry in signature), default=0)
            if not drawn or newest > min(p.stat().st_mtime_ns for p in drawn):
                stale.add(topic)
        DRAWN[topic] = signature
    return stale


def forget_modules(topics: set[str]) -> None:
    """Drop the topics' modules (and the shared helpers) from Python's cache, so that
    drawing their figures imports the edited code."""
    prefixes = tuple(f"{SNIPPETS}.{t.replace('/', '.')}" for t in topics)
    for name in list(sys.modules):
        if name.startswith(prefixes) or name.startswith(f"{SNIPPETS}._"):
            del sys.modules[name]


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept across the preview's rebuilds (MkDocs makes a new theme
    environment, and mkdocstrings a new handler, for each one); a template's key covers
    its source, so an edited template compiles again."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = MemoryBytecodeCache()
# What mkdocstrings' Python handler has read (griffe loads the whole `snippets` package
# to document one helper: about 15 s here), kept across rebuilds until the code changes.
GRIFFE: dict[str, object] = {}


def share_across_rebuilds() -> None:
    from mkdocstrings_handlers.python import PythonHandler

    if getattr(PythonHandler, "_whyitworks_shared", False):
        return
    original = PythonHandler.__init__

    def init(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        self.env.bytecode_cache = TEMPLATES
        if GRIFFE:
            self._modules_collection, self._lines_collection = GRIFFE["modules"], GRIFFE["lines"]
        else:
            GRIFFE.update(modules=self._modules_collection, lines=self._lines_collection)

    PythonHandler.__init__ = init
    PythonHandler._whyitworks_shared = True


CODE: dict[str, tuple] = {}


def code_changed(root: Path = ROOT) -> bool:
    """Whether any documented Python (the snippets, the harness) changed since last asked."""
    signature = _signature(p for folder in (SNIPPETS, "whyitworks") for p in (root / folder).rglob("*.py"))
    changed = CODE.get("signature") not in (None, signature)
    CODE["signature"] = signature
    return changed


PARSED: dict[tuple[str, str], object] = {}


def parsed(path: Path, root: Path = ROOT):
    """A page parsed, once per text (each rebuild reads every page)."""
    text = path.read_text(encoding="utf-8")
    key = (str(path), text)
    if key not in PARSED:
        if len(PARSED) > 4 * 256:
            PARSED.clear()
        PARSED[key] = parse_markdown(text, rel(path, root))
    return PARSED[key]


def generation_inputs(root: Path = ROOT) -> tuple:
    """What the prebuild's checks pages and tables are made from: the structure of every
    page (front matter, headings, claims and what they include, documented modules, table
    markers), every file under snippets/, includes/ and build/lab/, and mkdocs.yml. An edit
    of a page's prose changes none of it, so the preview does not run the prebuild for it.
    (A generated table that comes to read a page's prose must add it here.)"""
    pages = []
    for path in sorted((root / DOCS).rglob("*.md")):
        if (root / DOCS / CHECKS_URL_DIR) in path.parents:
            continue
        page = parsed(path, root)
        pages.append((page.path, repr(page.front_matter), [(h.level, h.text) for h in page.headings],
                      [(c.sentence, c.classes, c.section, [i.target for i in c.includes]) for c in page.claims],
                      sorted(generated.claim_anchors(page).values()), [i for _, i in page.documented],
                      generated.markers_in("\n".join(page.lines))))
    files = [p for folder in (SNIPPETS, "includes", "build/lab") if (root / folder).is_dir()
             for p in (root / folder).rglob("*") if "__pycache__" not in p.parts and p.suffix != ".lock"]
    return repr(pages), _signature([*files, root / "mkdocs.yml"])


GENERATED: dict[str, tuple] = {}


def on_pre_build(config) -> None:
    if not serving():
        return
    if code_changed():
        GRIFFE.clear()
    topics = stale_topics()
    inputs = generation_inputs()
    if topics or GENERATED.get("inputs") != inputs:
        start = time.perf_counter()
        forget_modules(topics)
        try:
            out = prebuild.run(topics=topics)
        except Exception as error:  # the preview goes on with what was generated before
            for topic in topics:
                DRAWN.pop(topic, None)
            LOG.error(f"prebuild failed ({type(error).__name__}: {error}); the preview shows what "
                      "was generated before. `.venv/bin/python -m whyitworks.prebuild` shows the traceback.")
            return
        GENERATED["inputs"] = inputs
        drawn = f", figures of {', '.join(sorted(topics))} redrawn" if topics else ""
        LOG.info(f"prebuild: {out.changed} generated files changed{drawn}, in {time.perf_counter() - start:.1f} s")


THEME_FILES: dict[tuple, list[str]] = {}
BUILT: list[bool] = []  # under serve: one entry once the first build is done


def on_post_build(config) -> None:
    if serving():
        BUILT[:] = [True]


def on_config(config):
    """Under serve, the theme's Jinja environment keeps its compiled templates and its
    list of files across rebuilds (MkDocs lists and filters the theme's ~15,000 files, and
    compiles its templates, on every one; the theme does not change while serving)."""
    if not serving():
        return config
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if BUILT and DIRTY == [True] and search is not None and hasattr(search.config, "enabled"):
        # The index of the first build stays (a dirty build leaves the file in place):
        # indexing the edited page again takes about as long as the rest of a rebuild.
        search.config.enabled = False
    if getattr(config.theme, "_whyitworks_shared", False):
        return config
    theme = config.theme
    get_env = theme.get_env

    def shared_env():
        env = get_env()
        env.bytecode_cache = TEMPLATES
        listing = env.list_templates

        def list_templates(extensions=None, filter_func=None):
            key = (tuple(theme.dirs), tuple(extensions or ()), getattr(filter_func, "__code__", filter_func))
            if key not in THEME_FILES:
                THEME_FILES[key] = listing(extensions=extensions, filter_func=filter_func)
            return list(THEME_FILES[key])

        env.list_templates = list_templates
        return env

    theme.get_env = shared_env
    theme._whyitworks_shared = True
    return config


def _module_file(identifier: str, root: Path) -> Path | None:
    parts = identifier.split(".")
    for end in range(len(parts), 0, -1):
        base = root.joinpath(*parts[:end])
        for path in (base.with_suffix(".py"), base / "__init__.py"):
            if path.is_file():
                return path
    return None


def inputs_of(path: Path, config, root: Path = ROOT) -> list[Path]:
    """What a page's HTML is made from besides its own file."""
    page = parsed(path, root)
    text = "\n".join(page.lines)
    found = [root / inc.file for inc in page.includes]
    snippets = config["mdx_configs"].get("pymdownx.snippets", {})
    found += [root / name for name in snippets.get("auto_append", [])]
    if generated.markers_in(text):
        found.append(root / TABLES)
    if page.claims:
        found.append(root / verification.RECORD)
    if "[[cite:" in text:
        found += list((root / SNIPPETS).rglob("published.toml"))
    found += [m for _, ident in page.documented if (m := _module_file(ident, root)) is not None]
    found.append(Path(config.config_file_path))
    return found


def on_files(files, config, root: Path = ROOT):
    """Under ``serve --dirty``: mark for rebuilding each page one of whose inputs changed
    after its HTML was written (MkDocs itself looks only at the page's own file)."""
    if not serving():
        return files
    for file in files.documentation_pages():
        output = Path(file.abs_dest_path)
        if file.src_uri.startswith(f"{CHECKS_URL_DIR}/") or not output.is_file():
            continue
        built = output.stat().st_mtime
        inputs = inputs_of(Path(file.abs_src_path), config, root)
        changed = [p for p in inputs if p.is_file() and p.stat().st_mtime > built]
        if changed:
            os.utime(output, (0, 0))
            LOG.info(f"{file.src_uri} is rebuilt: {rel(changed[0], root)} changed")
    return files


def on_nav(nav, config, files):
    IN_NAV.clear()
    IN_NAV.update(page.file.src_uri for page in nav.pages)
    return nav


# --- the preview shows problems on the page -------------------------------------------------

def missing_includes(page, root: Path = ROOT) -> list[str]:
    """The include targets of a page that name no file, or a section the file lacks."""
    missing = []
    for inc in page.includes:
        path = root / inc.file
        if not path.is_file():
            missing.append(inc.target)
        elif inc.section is not None and path.suffix == ".py" \
                and inc.section not in parse_snippet(path, root).sections:
            missing.append(inc.target)
    return missing


def problems_box(problems: list[Problem]) -> str:
    """A warning box listing each problem with its file, line and fix."""
    items = []
    for problem in problems:
        what = f"`{problem.path}:{problem.line}`: {problem.what}. How to fix: {problem.fix}"
        items.append("    - " + what.replace("$", r"\$"))
    return "\n".join([
        f'!!! failure "This page has {len(problems)} problem{"s" if len(problems) != 1 else ""} '
        '(shown by the preview only: `make test` and `mkdocs build --strict` stop on them)"',
        "", *items, "", "",
    ])


def preview(markdown: str, source: Path, uri: str, in_nav: bool = True, root: Path = ROOT) -> str:
    """The page's Markdown with its problems listed at the top and its broken includes
    replaced by a comment, so that the rest of the page still renders."""
    page = parsed(source, root)
    problems = lint.preview_problems(page, root)
    if not in_nav:
        problems.append(Problem(
            "mkdocs.yml", 1, f"{DOCS}/{uri} is not in `nav`, so no reader can reach it from the menu",
            f"add `- Title: {uri}` to its family's section of `nav` in mkdocs.yml "
            "(`.venv/bin/python -m whyitworks.scaffold` does it for a page it starts)",
        ))
    if not problems:
        return markdown
    missing = set(missing_includes(page, root))

    def neutralise(line: str) -> str:
        match = INCLUDE_RE.match(line)
        if match and not match.group("escape") and match.group("target") in missing:
            return f'{match.group("indent")}# --8<-- "{match.group("target")}": not found (see the top of the page)'
        return line

    lines = [neutralise(line) for line in markdown.split("\n")]
    # After the page's title, so that MkDocs still takes the title from it.
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    lines[at:at] = ["", problems_box(problems)]
    return "\n".join(lines)


def on_page_markdown(markdown: str, page, config, files) -> str:
    if page.file.src_uri.startswith(f"{CHECKS_URL_DIR}/"):
        page.edit_url = None
        return markdown
    if serving():
        uri = page.file.src_uri
        in_nav = not IN_NAV or uri in IN_NAV or page.file.inclusion.is_not_in_nav()
        return preview(markdown, Path(page.file.abs_src_path), uri, in_nav)
    return markdown


# Material's search (partials/search.html) has role="dialog" but no accessible name,
# which axe-core reports as aria-dialog-name; name it rather than fork the partial.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# The same for the page's tags, a second unnamed navigation landmark (axe: landmark-unique).
TAGS_NAV = '<nav class="md-tags" >'
MATERIAL_SCRIPT = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')
SEARCH_ON_DEMAND = Path(__file__).with_name("search_on_demand.js").read_text(encoding="utf-8")


def on_post_page(output: str, page, config) -> str:
    output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)
    output = output.replace(TAGS_NAV, '<nav class="md-tags" aria-label="Tags">', 1)
    # Inline (it is small), before material's script so it sees the index's request.
    return MATERIAL_SCRIPT.sub(lambda m: f"<script>{SEARCH_ON_DEMAND}</script>{m.group(0)}", output, count=1)
