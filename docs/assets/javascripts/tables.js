// The claims ledger, sortable and filterable: Tabulator (from npm, served by the site
// under assets/vendor/tabulator/) turns the ledger's table into one grouped by page.
// Only a page with a ledger loads it, and only once the reader nears the ledger; every
// other page stops at the first test below.
// Without this script the ledger is still the full table, in page order.
(function () {
  var ledger = document.querySelector(".wiw-ledger table");
  if (!ledger) return;
  var vendor = document.currentScript.src.replace(/javascripts\/tables\.js([?#].*)?$/, "vendor/tabulator/");
  function load() {
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = vendor + "tabulator.min.css";
    document.head.appendChild(style);
    var script = document.createElement("script");
    script.src = vendor + "tabulator.min.js";
    script.onload = build;
    document.head.appendChild(script);
  }
  // Fetched when the reader comes near the ledger, not with the page: the totals above
  // it need no script, and a reader who stops there never pays for one.
  if ("IntersectionObserver" in window) {
    var near = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        near.disconnect();
        load();
      }
    }, { rootMargin: "600px 0px" });
    near.observe(ledger.closest(".wiw-ledger"));
  } else {
    load();
  }

  function text(node) {
    // A formula's text without its TeX source (KaTeX keeps it in an annotation).
    var copy = node.cloneNode(true);
    copy.querySelectorAll("annotation, .katex-html").forEach(function (el) { el.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function build() {
    var rows = Array.prototype.map.call(ledger.tBodies[0].rows, function (tr) {
      var cells = tr.cells;
      var page = cells[0].querySelector("a");
      return {
        page: text(cells[0]), href: page ? page.getAttribute("href") : "",
        claim: cells[1].innerHTML, claimText: text(cells[1]),
        kind: text(cells[2]), check: cells[3].innerHTML, checkText: text(cells[3]),
      };
    });
    var holder = document.createElement("div");
    var block = ledger.closest(".wiw-ledger");
    block.replaceChildren(holder);
    function contains(field) {
      return function (term, value, data) {
        return data[field].toLowerCase().indexOf(term.toLowerCase()) !== -1;
      };
    }
    function byText(field) {
      return function (a, b, rowA, rowB) {
        return rowA.getData()[field].localeCompare(rowB.getData()[field]);
      };
    }
    var table = new Tabulator(holder, {
      data: rows,
      layout: "fitColumns",
      groupBy: "page",
      groupStartOpen: false,
      groupToggleElement: "header",
      groupHeader: function (value, count) {
        var name = document.createElement("span");
        name.setAttribute("role", "rowheader");
        name.tabIndex = 0;
        name.textContent = value + " ";
        var counted = document.createElement("span");
        counted.className = "wiw-count";
        counted.textContent = "(" + count + (count === 1 ? " claim)" : " claims)");
        name.appendChild(counted);
        return name;
      },
      columnDefaults: { vertAlign: "top", variableHeight: true },
      columns: [
        { title: "Claim", field: "claim", formatter: "html", minWidth: 200, widthGrow: 5,
          sorter: byText("claimText"), headerFilter: "input",
          headerFilterPlaceholder: "filter the claims", headerFilterFunc: contains("claimText") },
        { title: "Kind", field: "kind", minWidth: 110, widthGrow: 1, headerFilter: "list",
          headerFilterPlaceholder: "any kind",
          headerFilterParams: { valuesLookup: true, clearable: true } },
        { title: "Check", field: "check", formatter: "html", minWidth: 220, widthGrow: 2,
          sorter: byText("checkText"), headerFilter: "input",
          headerFilterPlaceholder: "filter the checks", headerFilterFunc: contains("checkText") },
        { title: "Page", field: "page", visible: false, minWidth: 120, widthGrow: 1,
          formatter: function (cell) {
            var link = document.createElement("a");
            link.href = cell.getData().href;
            link.textContent = cell.getValue();
            return link;
          } },
      ],
    });
    // While a filter is set, the matching claims are listed flat, each with its page;
    // clearing every filter groups and folds them again.
    var flat = false;
    table.on("dataFiltered", function (filters) {
      if (flat === filters.length > 0) return;
      flat = filters.length > 0;
      setTimeout(function () {
        if (flat) { table.showColumn("page"); } else { table.hideColumn("page"); }
        table.setGroupBy(flat ? false : "page");
      });
    });
    // Tabulator's grid, as a screen reader and axe-core need it: a group's header is a
    // row whose header cell opens it (from the keyboard too), the scrolling body is the
    // row group, and the grid owns what it contains and nothing else.
    function roles() {
      var grid = holder.querySelector(".tabulator");
      if (grid) grid.removeAttribute("aria-owns");
      var body = holder.querySelector(".tabulator-tableholder");
      if (body) body.setAttribute("role", "rowgroup");
      var rows = holder.querySelector(".tabulator-table");
      if (rows) rows.setAttribute("role", "none");
      holder.querySelectorAll(".tabulator-group").forEach(function (group) {
        group.setAttribute("role", "row");
        var name = group.querySelector("[role=rowheader]");
        if (name && !name.dataset.keys) {
          name.dataset.keys = "1";
          name.addEventListener("keydown", function (event) {
            if (event.key === "Enter" || event.key === " ") {
              event.preventDefault();
              group.click();
            }
          });
        }
      });
    }
    table.on("renderComplete", roles);
    table.on("tableBuilt", function () {
      roles();
      // Each filter box is named for a screen reader by its column.
      holder.querySelectorAll(".tabulator-col").forEach(function (col) {
        var box = col.querySelector(".tabulator-header-filter input");
        var title = col.querySelector(".tabulator-col-title");
        if (box && title) box.setAttribute("aria-label", "Filter by " + title.textContent.toLowerCase());
      });
    });
  }
})();
