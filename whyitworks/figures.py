"""Every figure in a page's prose is checked, cited or plainly set-up (being written)."""

from __future__ import annotations

from whyitworks.pages import Page
from whyitworks.problems import Problem


def check_page(page: Page) -> list[Problem]:
    return []
