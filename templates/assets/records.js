/* Team training records: mark who is overdue (by this browser's date), and turn this
 * browser's onboarding progress into a short report for the lead.
 *
 * The report is JSON: {"format": "playbook-progress/1", "person", "role", "reported",
 * "milestones_done": [...], "modules_passed": [...]}. A milestone counts when every one of
 * its tasks is ticked against its current text (the fingerprint progress.js stores), a
 * module when its quiz was answered fully right against the current questions.
 * `playbook records import FILE` reads exactly this. Text is set with textContent only. */
(function () {
  "use strict";

  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function markOverdue() {
    var day = today();
    Array.prototype.forEach.call(document.querySelectorAll("[data-pb-due]"), function (node) {
      if (node.dataset.pbMarked) return;
      node.dataset.pbMarked = "yes";
      if (node.getAttribute("data-pb-due") < day) {
        var flag = document.createElement("span");
        flag.className = "pb-overdue";
        flag.textContent = " overdue";
        node.appendChild(flag);
      }
    });
  }

  function saved(store) {
    try {
      var state = JSON.parse(window.localStorage.getItem("playbook-progress:" + store) || "null");
      if (state && state.ticks && state.quizzes) return state;
    } catch (error) { /* unreadable or blocked storage */ }
    return { ticks: {}, quizzes: {} };
  }

  function report(data, person, role) {
    var state = saved(data.store);
    var done = (data.paths[role] || []).filter(function (milestone) {
      return milestone.tasks.length > 0 && milestone.tasks.every(function (task) {
        return state.ticks[task[0]] === task[1];
      });
    }).map(function (milestone) { return milestone.id; });
    var passed = Object.keys(data.quizzes).sort().filter(function (module) {
      var result = state.quizzes[module];
      return result && result.fp === data.quizzes[module] && result.total > 0 && result.score === result.total;
    });
    return { format: data.format, person: person, role: role, reported: today(),
             milestones_done: done, modules_passed: passed };
  }

  function option(select, value, text) {
    var node = document.createElement("option");
    node.value = value;
    node.textContent = text;
    select.appendChild(node);
  }

  function setupExport() {
    var script = document.querySelector("script.pb-records-data");
    var box = document.querySelector(".pb-export");
    if (!script || !box || box.dataset.ready) return;
    box.dataset.ready = "yes";
    var data = JSON.parse(script.textContent);
    var people = box.querySelector(".pb-export-person");
    var roles = box.querySelector(".pb-export-role");
    data.people.forEach(function (p) { option(people, p.id, p.name); });
    var fillRoles = function () {
      while (roles.firstChild) roles.removeChild(roles.firstChild);
      var person = data.people.filter(function (p) { return p.id === people.value; })[0];
      (person ? person.roles : []).forEach(function (r) { option(roles, r, r); });
    };
    people.addEventListener("change", fillRoles);
    fillRoles();
    var text = box.querySelector(".pb-export-text");
    var link = box.querySelector(".pb-export-download");
    var status = box.querySelector(".pb-export-status");
    box.querySelector(".pb-export-make").addEventListener("click", function () {
      var json = JSON.stringify(report(data, people.value, roles.value));
      text.value = json;
      link.href = "data:application/json;charset=utf-8," + encodeURIComponent(json);
      status.textContent = "Ready: copy it or download it, and send it to your lead.";
    });
    box.querySelector(".pb-export-copy").addEventListener("click", function () {
      text.select();
      var done = function () { status.textContent = "Copied."; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text.value).then(done, function () { status.textContent = "Select the text and copy it."; });
      } else {
        status.textContent = "Select the text and copy it.";
      }
    });
    box.hidden = false;
  }

  function setup() {
    markOverdue();
    setupExport();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
