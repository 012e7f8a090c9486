// Material wraps each code block's copy button in an unnamed <nav>, so a page with
// several code blocks has several navigation landmarks no reader can tell apart
// (axe-core: landmark-unique). A copy button is not navigation: the wrapper is only
// a container, so it leaves the landmarks.
(function () {
  function name(root) {
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }
  new MutationObserver(function () { name(document); })
    .observe(document.documentElement, { childList: true, subtree: true });
  name(document);
})();
