/* What the checker page and the triage wizard share: the rules document, DOM building with
 * textContent only, and setup on every page that Material's instant navigation shows.
 * Loaded before checker.js and triage.js (assets load in name order).
 */
(function (root) {
  "use strict";
  var rulesByUrl = {};

  /* The rules document at `url` (relative to the page), fetched once per site visit; the
   * offline bundle (opened from disk, where fetch() is refused) sets it by a script instead. */
  function loadRules(url) {
    if (root.PlaybookRules) return Promise.resolve(root.PlaybookRules);
    if (!rulesByUrl[url]) {
      rulesByUrl[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error("could not load " + url);
        return response.json();
      });
    }
    return rulesByUrl[url];
  }

  /* An element whose text is set as text, never parsed as HTML. */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function roleNames(rules, roles) {
    return roles.map(function (r) { return rules.roles[r] ? rules.roles[r].name : r; }).join(", ") || "nobody";
  }

  /* How the checker and the triage wizard name a severity's level after its name: its own
   * label (SEV-1), or "level N of M", as level_name in generator/checker/document.py words it
   * for `playbook triage` and `playbook check`; the rules document ships it as `level_name`. */
  function levelName(rules, id) {
    return rules.severities[id].level_name;
  }

  /* Run setup(element, rules, base) once for every `selector` element on each page shown. */
  function onEveryPage(selector, setup) {
    function init() {
      Array.prototype.forEach.call(document.querySelectorAll(selector), function (box) {
        if (box.dataset.ready) return;
        box.dataset.ready = "yes";
        var base = (box.dataset.base || "").replace(/index\.md$/, "");
        loadRules(box.dataset.rules).then(function (rules) { setup(box, rules, base); }).catch(function (error) {
          box.appendChild(el("p", "pb-error", "This tool could not start: " + error.message));
        });
      });
    }
    if (typeof document$ !== "undefined") {
      document$.subscribe(init);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  }

  root.PlaybookUI = { loadRules: loadRules, el: el, roleNames: roleNames, levelName: levelName, onEveryPage: onEveryPage };
})(window);
