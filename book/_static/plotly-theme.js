/*
 * Plotly figures follow the site's light/dark theme (pydata-sphinx-theme sets
 * <html data-theme="light|dark">): transparent paper, theme-coloured plot area, text and grid.
 * On a narrow screen (a phone) legends go above the plot area in rows, so that the data keep
 * the full width. Loaded only on pages with plotly figures, after plotly.min.js.
 */
(function () {
  "use strict";
  var palette = {
    light: { plot: "#ffffff", text: "#222832", grid: "#e1e4e8" },
    dark: { plot: "#1e2228", text: "#ced6dd", grid: "#3a3f46" },
  };
  function restyle() {
    if (!window.Plotly) return;
    var mode = document.documentElement.dataset.theme === "dark" ? "dark" : "light";
    var c = palette[mode];
    document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
      var update = {
        paper_bgcolor: "rgba(0,0,0,0)",
        plot_bgcolor: c.plot,
        "font.color": c.text,
        "legend.bgcolor": "rgba(0,0,0,0)",
      };
      Object.keys(gd._fullLayout || {}).forEach(function (key) {
        if (/^[xy]axis\d*$/.test(key)) {
          update[key + ".gridcolor"] = c.grid;
          update[key + ".zerolinecolor"] = c.grid;
          update[key + ".linecolor"] = c.text;
        }
      });
      if (window.innerWidth < 600) {
        update["legend.orientation"] = "h";
        update["legend.x"] = 0;
        update["legend.xanchor"] = "left";
        update["legend.y"] = 1.02;
        update["legend.yanchor"] = "bottom";
        update["legend.font.size"] = 10;
      }
      window.Plotly.relayout(gd, update);
    });
  }
  new MutationObserver(restyle).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["data-theme"],
  });
  window.addEventListener("load", function () { setTimeout(restyle, 0); });
})();
