/*
 * Jupyter widgets typeset their labels through MathJax 2's `MathJax.Hub.Queue` whenever a
 * global `MathJax` exists; this site uses MathJax 3, which has no `Hub`. This shim gives every
 * object assigned to `window.MathJax` (the configuration, then MathJax 3 itself) a minimal
 * `Hub.Queue` that forwards to MathJax 3's `typesetPromise` once MathJax is ready.
 * It must load before MathJax and before the widgets manager.
 */
(function () {
  "use strict";
  function queue() {
    var elements = [];
    for (var i = 0; i < arguments.length; i++) {
      var command = arguments[i];
      if (Array.isArray(command) && command[2] instanceof Element) {
        elements.push(command[2]);
      }
    }
    var mj = window.MathJax;
    if (mj && mj.startup && mj.startup.promise && mj.typesetPromise) {
      mj.startup.promise.then(function () {
        return mj.typesetPromise(elements.length ? elements : undefined);
      });
    }
  }
  function withHub(value) {
    if (value && typeof value === "object" && !value.Hub) {
      Object.defineProperty(value, "Hub", { value: { Queue: queue }, enumerable: false });
    }
    return value;
  }
  var current = withHub(window.MathJax);
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    get: function () { return current; },
    set: function (value) { current = withHub(value); },
  });
})();
