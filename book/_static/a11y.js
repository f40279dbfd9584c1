/*
 * Accessibility repairs of markup that the theme and extensions generate:
 * - a control's accessible name must contain its visible text (search field, theme switch,
 *   "Show code cell source" toggles); the sidebar's sub-page toggles need a name;
 * - the bibliography is marked role="list" but its entries are not list items;
 * - Jupyter widget sliders get the text of their label as accessible name.
 * Widgets are drawn after the page loads, so they are repaired as they appear.
 */
(function () {
  "use strict";
  function repair(root) {
    // the theme switch shows one of three labelled icons: its name is that icon's title
    root.querySelectorAll("button.theme-switch-button[aria-label]").forEach(function (el) {
      el.removeAttribute("aria-label");
    });
    // the sidebar's toggles of sub-pages have no text at all
    root.querySelectorAll("nav summary:not([aria-label])").forEach(function (el) {
      if (el.textContent.trim()) return;
      var link = el.closest("li") && el.closest("li").querySelector("a");
      el.setAttribute("aria-label", "Sub-pages of " + (link ? link.textContent.trim() : "this page"));
    });
    // a control's accessible name must contain the text it shows (search field, code toggles)
    root.querySelectorAll("button[aria-label], a[aria-label], summary[aria-label]")
      .forEach(function (el) {
      var visible = (el.innerText || "").replace(/\s+/g, " ").trim();
      var label = el.getAttribute("aria-label");
      if (visible && label.toLowerCase().indexOf(visible.toLowerCase()) < 0) {
        el.setAttribute("aria-label", visible + " (" + label + ")");
      }
      });
    root.querySelectorAll('[role="list"].citation-list').forEach(function (list) {
      list.removeAttribute("role");
    });
    root.querySelectorAll('[role="slider"]:not([aria-label]):not([aria-labelledby])')
      .forEach(function (slider) {
        var widget = slider.closest(".widget-inline-hbox, .jupyter-widgets");
        var label = widget && widget.querySelector(".widget-label");
        var text = label ? label.textContent.trim() : "";
        slider.setAttribute("aria-label", text || "value");
      });
  }
  function start() {
    repair(document);
    new MutationObserver(function () { repair(document); })
      .observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
