// Material's search asks for the whole search index (1.6 MB, uncompressed) while every page loads.
// This script, put before material's own by whyitworks/mkdocs_hooks.py, holds that one
// request back until the reader turns to search: the search box takes the focus (a
// click on it or on the search icon, or one of material's search keys), the pointer
// comes over the search icon, or the address carries a search (?q=) or a highlight (?h=).
// A page that is only read never downloads the index.
(function () {
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = false;
  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (release) { release(); });
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    this.wiwSearchIndex = /\/search\/search_index\.json$/.test(String(url).split("?")[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.wiwSearchIndex || wanted) return send.apply(request, args);
    held.push(function () { send.apply(request, args); });
  };
  function inSearch(target) {
    return target && target.closest && target.closest("[data-md-component=search], label[for=__search]");
  }
  document.addEventListener("focusin", function (event) { if (inSearch(event.target)) want(); });
  document.addEventListener("mouseover", function (event) { if (inSearch(event.target)) want(); });
  document.addEventListener("touchstart", function (event) { if (inSearch(event.target)) want(); },
                            { passive: true });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") want();
  });
  var asked = new URLSearchParams(location.search);
  if (asked.has("q") || asked.has("h")) want();
})();
