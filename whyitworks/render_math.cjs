// Renders the site's formulas to HTML at build time, so a page needs no script to show
// its math and a formula KaTeX cannot parse fails the build instead of a reader's page.
// Protocol: each line on stdin is a JSON list of [tex, display] pairs; each line on
// stdout is a JSON list of {html} or {error}, in the same order.
"use strict";
const path = require("path");
const readline = require("readline");

const katex = require(path.join(process.argv[2], "node_modules", "katex"));

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const replies = JSON.parse(line).map(([tex, display]) => {
    try {
      return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true }) };
    } catch (error) {
      return { error: error.message };
    }
  });
  process.stdout.write(JSON.stringify(replies) + "\n");
});
