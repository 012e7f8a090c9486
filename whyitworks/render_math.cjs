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
      // HTML only, no MathML copy: KaTeX hides its spans from screen readers, and the page
      // names each formula by its TeX instead (role="math" and aria-label, see
      // whyitworks/math.py); the MathML copy doubled the elements of a page of formulas.
      return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "html" }) };
    } catch (error) {
      return { error: error.message };
    }
  });
  process.stdout.write(JSON.stringify(replies) + "\n");
});
