// The preview's notice on a page not yet redone after a save (live.py writes status.json next
// to this file: the pages still due, and whether the navigation is). Only `playbook serve`
// adds this script; a built handbook never has it.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var status = new URL("status.json", script.src);
  var base = new URL("../../", script.src).pathname;
  var timer = null;

  function here() {
    var path = decodeURIComponent(location.pathname);
    return path.indexOf(base) === 0 ? path.slice(base.length) : path;
  }

  function show(text) {
    var note = document.getElementById("playbook-preview-status");
    if (!text) {
      if (note) note.remove();
      return;
    }
    if (!note) {
      note = document.createElement("div");
      note.id = "playbook-preview-status";
      note.setAttribute("role", "status");
      note.style.cssText = "position:fixed;bottom:1rem;left:1rem;z-index:10;padding:.5rem .8rem;" +
        "background:#fff3cd;color:#4d3800;border:1px solid #c9a227;border-radius:.3rem;font-size:.8rem";
      document.body.appendChild(note);
    }
    note.textContent = text;
  }

  function check() {
    fetch(status.href + "?" + Date.now(), { cache: "no-store" })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (state) {
        if (!state) return;
        var page = state.stale.indexOf(here()) >= 0;
        if (page) {
          show("This page is being updated after your last save (" + state.count + " page" +
               (state.count === 1 ? "" : "s") + " still to redo); it reloads when it is done.");
        } else if (state.navigation) {
          show("The navigation is being updated after your last save.");
        } else {
          show("");  // the engine's own live reload brings the new page (written with this file)
          return;
        }
        clearTimeout(timer);
        timer = setTimeout(check, 1500);
      })
      .catch(function () {});
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(check);  // Material's instant navigation: every page shown
  } else {
    check();
  }
})();
