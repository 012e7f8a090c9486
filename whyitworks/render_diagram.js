// Draws one mermaid diagram in a headless Chromium page that has mermaid loaded, for
// `python -m whyitworks.prebuild` (see whyitworks/diagrams.py). Evaluated by Playwright
// as a function of {id, source, config}; answers {svg, label} or {error}.
//
// The label is what a screen reader says for the diagram: every arrow, "from → to",
// with its own label in parentheses, and the boxes no arrow touches.
async ({ id, source, config }) => {
  const plain = (text) => {
    const holder = document.createElement("div");
    holder.innerHTML = String(text || "").replace(/<br\s*\/?>/gi, " ");
    return holder.textContent.replace(/\s+/g, " ").trim();
  };
  try {
    mermaid.initialize(config);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
    const db = diagram.db;
    const names = new Map();
    const vertices = db.getVertices();
    for (const vertex of vertices instanceof Map ? vertices.values() : Object.values(vertices)) {
      names.set(vertex.id, plain(vertex.text) || vertex.id);
    }
    const touched = new Set();
    const arrows = db.getEdges().map((edge) => {
      touched.add(edge.start);
      touched.add(edge.end);
      const said = plain(edge.text);
      return `${names.get(edge.start)} → ${names.get(edge.end)}${said ? ` (${said})` : ""}`;
    });
    const alone = [...names.keys()].filter((key) => !touched.has(key)).map((key) => names.get(key));
    const title = typeof db.getAccTitle === "function" ? plain(db.getAccTitle()) : "";
    const label = [title || "Diagram", [...arrows, ...alone].join("; ")].filter(Boolean).join(": ");
    const { svg } = await mermaid.render(id, source);
    return { svg, label };
  } catch (error) {
    return { error: String((error && error.message) || error) };
  }
}
