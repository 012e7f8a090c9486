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
* Material's search dialog and tags get accessible names, and mermaid (3.5 MB) is loaded only
  on pages that have a diagram.
"""

from __future__ import annotations

import re

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
MERMAID_SCRIPT = re.compile(r'<script src="[^"]*assets/vendor/mermaid/mermaid\.min\.js"></script>\s*')


def on_post_page(output: str, page, config) -> str:
    output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)
    output = output.replace(TAGS_NAV, '<nav class="md-tags" aria-label="Tags">', 1)
    if 'class="mermaid"' not in output:
        output = MERMAID_SCRIPT.sub("", output, count=1)
    return output
