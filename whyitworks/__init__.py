"""The harness behind Why It Works: it reads pages and snippets, runs every snippet,
and checks that each page's claims and its code agree.

The modules are small and separate on purpose: ``pages`` and ``snippets`` parse,
``runner`` executes, ``numbers`` compares a sentence with what its code asserted,
``contracts`` turns mistakes into messages that name a file and line, and
``mkdocs_hooks`` adds what the build needs (vendored assets, a page per check).
"""
