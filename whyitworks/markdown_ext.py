"""A Python-Markdown extension for what the site renders while reading a page.

``[[cite:KEY]]`` and ``[[cite:<family>/<topic>:KEY]]`` become the published figure,
styled as cited, with its source beside it. The figure is written once, in its topic's
``snippets/<family>/<topic>/published.toml`` (see ``whyitworks.figures``), which the
page and any check that needs it both read.

Listed under ``markdown_extensions`` in ``mkdocs.yml`` as ``whyitworks.markdown_ext``, so
any engine that runs Python-Markdown extensions renders it.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor

from whyitworks.figures import CITE_RE, resolve_cite


class CiteProcessor(InlineProcessor):
    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown's name
        found = resolve_cite(m.group("topic"), m.group("key"))
        span = etree.Element("span")
        if found is None:
            span.set("class", "wiw-cited wiw-cited-missing")
            span.text = m.group(0)
            return span, m.start(0), m.end(0)
        _, entry = found
        source = str(entry.get("source", "")).strip()
        short = source.split(" (", 1)[0]  # "He et al. 2016, Table 4"; the rest on hover
        span.set("class", "wiw-cited")
        span.set("title", f"Cited, not checked: {source}")
        value = etree.SubElement(span, "span")
        value.set("class", "wiw-cited-value")
        value.text = str(entry.get("value", ""))
        note = etree.SubElement(span, "span")
        note.set("class", "wiw-cited-source")
        url = str(entry.get("url", "")).strip()
        if url:
            link = etree.SubElement(note, "a")
            link.set("href", html.escape(url, quote=True))
            link.text = short
            note.text, link.tail = " (", ")"
        else:
            note.text = f" ({short})"
        return span, m.start(0), m.end(0)


class WhyItWorksExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.inlinePatterns.register(CiteProcessor(CITE_RE.pattern, md), "wiw-cite", 175)


def makeExtension(**kwargs):  # noqa: N802 - Python-Markdown's entry point
    return WhyItWorksExtension(**kwargs)
