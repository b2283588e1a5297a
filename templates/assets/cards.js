/* A pocket card must print on one sheet. Just before the browser prints a card page, the
 * compact print layout of cards.css is switched on (.pb-printing), the card is measured
 * in it, and if it is taller than a Letter sheet (the shorter of A4 and Letter) it is
 * scaled down to fit. After printing the page is as it was. Other pages are untouched. */
(function () {
  "use strict";

  var MM = 96 / 25.4;
  var PRINTABLE_HEIGHT = (279.4 - 2 * 10) * MM - 4; /* Letter, 10 mm margins (cards.css), some slack */
  var root = document.documentElement;

  function prepare() {
    if (!document.querySelector(".pb-card")) { return; }
    root.classList.add("pb-printing");
    root.style.removeProperty("--pb-card-zoom");
    var box = document.querySelector(".md-content");
    var height = box ? box.getBoundingClientRect().height : 0;
    if (height > PRINTABLE_HEIGHT) {
      root.style.setProperty("--pb-card-zoom", String(Math.floor((PRINTABLE_HEIGHT / height) * 100) / 100));
    }
  }

  function finish() {
    root.classList.remove("pb-printing");
    root.style.removeProperty("--pb-card-zoom");
  }

  window.addEventListener("beforeprint", prepare);
  window.addEventListener("afterprint", finish);
})();
