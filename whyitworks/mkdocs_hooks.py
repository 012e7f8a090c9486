"""MkDocs hooks: conveniences of MkDocs and its theme. Nothing the site's content
depends on is here: ``python -m whyitworks.prebuild`` writes what is generated, and
``whyitworks.markdown_ext`` renders claim boxes, tables and formulas, for MkDocs and
Zensical alike (Zensical runs no hooks, and its build is compared with MkDocs' in the
suite).

* Under ``mkdocs serve``, each rebuild runs the prebuild first, so an edited snippet
  shows on its checks page and in the figures without restarting (the prebuild
  rewrites only what changed, so this does not loop).
* Generated checks pages get no "edit this page" link: each section names the snippet
  file to edit.
* Material's search dialog and tags get accessible names.
* Material's search index (1.6 MB) is downloaded when the reader turns to search, not
  as every page loads (``whyitworks/search_on_demand.js``, put in each page before
  material's script).
"""

from __future__ import annotations

import re
from pathlib import Path

from whyitworks import prebuild
from whyitworks.layout import CHECKS_URL_DIR

COMMAND: list[str] = []


def on_startup(*, command: str, dirty: bool) -> None:
    COMMAND[:] = [command]


def on_pre_build(config) -> None:
    if COMMAND == ["serve"]:
        prebuild.run()


def on_page_markdown(markdown: str, page, config, files) -> str:
    if page.file.src_uri.startswith(f"{CHECKS_URL_DIR}/"):
        page.edit_url = None
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
