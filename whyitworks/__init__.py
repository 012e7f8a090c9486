"""The harness behind Why It Works: it reads pages and snippets, runs every snippet,
and checks that each page's claims and its code agree.

The modules are small and separate on purpose: ``pages`` and ``snippets`` parse,
``runner`` executes, ``numbers`` compares a sentence with what its code asserted,
``contracts`` turns mistakes into messages that name a file and line, ``prebuild``
writes what the site generates (vendored assets, figures, tables, a page per topic's
checks) and ``markdown_ext`` renders claim boxes and formulas in whichever engine builds
the site (``engines`` compares MkDocs' build with Zensical's).
"""
