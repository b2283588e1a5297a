/* Tables that scroll sideways (Material wraps each in .md-typeset__scrollwrap) take keyboard
 * focus, so a reader without a mouse can scroll them too (WCAG 2.1.1; axe's
 * scrollable-region-focusable). Checked on every page shown and whenever the window resizes.
 */
(function () {
  "use strict";
  function mark() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "group");
        wrap.setAttribute("aria-label", "Table (scrolls sideways)");
      } else if (!scrolls && wrap.getAttribute("role") === "group") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(function () { setTimeout(mark, 0); });
  else document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
})();
