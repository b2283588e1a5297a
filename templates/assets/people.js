/* People pages. On shift now (and the home page's box): who is on shift in each role at
 * this moment, and whose shift starts next. Team training records: who is overdue (by this
 * browser's date), and a new hire's progress turned into a short report for the lead.
 *
 * On shift now.
 *
 * The roster comes inlined in the page (a JSON script element of class pb-oncall-data;
 * no fetch, so the page works opened from disk). Each shift is written in its person's
 * own wall-clock time; this script places it on real instants with the browser's Intl
 * time-zone data, exactly as generator/queries/shifts.py does for `playbook oncall`:
 * a wall time that happens twice (clocks going back) is the first of the two, one that
 * never happens (clocks going forward) is read with the offset in force before the change.
 *
 * The answer is kept on the table (data-pb-on, data-pb-next, data-pb-from) so that tests
 * compare it with the command's JSON. Every text is set with textContent. */
(function () {
  "use strict";

  var MINUTE = 60000;
  var DAY = 24 * 60 * MINUTE;
  var HORIZON = 8 * DAY;
  var formats = {};
  var timer = null;

  function partsIn(zone, instant) {
    var format = formats[zone];
    if (!format) {
      format = formats[zone] = new Intl.DateTimeFormat("en-US", {
        timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
        hour: "numeric", minute: "numeric", second: "numeric"
      });
    }
    var out = {};
    format.formatToParts(new Date(instant)).forEach(function (p) { out[p.type] = Number(p.value); });
    if (out.hour === 24) out.hour = 0;
    return out;
  }

  /* The zone's offset from UTC at an instant, in milliseconds. */
  function offset(zone, instant) {
    var p = partsIn(zone, instant);
    var asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return asUtc - Math.floor(instant / 1000) * 1000;
  }

  /* The instant of a wall-clock time (minutes after midnight of a date) in a zone. */
  function wall(y, m, d, minutes, zone) {
    var w = Date.UTC(y, m - 1, d) + minutes * MINUTE;
    var before = offset(zone, w - DAY);
    var after = offset(zone, w + DAY);
    var first = w - before;
    if (offset(zone, first) === before) return first;
    var second = w - after;
    if (offset(zone, second) === after) return second;
    return first;
  }

  function localDay(zone, instant) {
    var p = partsIn(zone, instant);
    return Date.UTC(p.year, p.month - 1, p.day);
  }

  /* The person's shifts overlapping [since, until): [{start, end}] in epoch ms. */
  function spells(person, since, until) {
    var first = localDay(person.tz, since) - DAY;
    var last = localDay(person.tz, until);
    var found = [];
    for (var day = first; day <= last; day += DAY) {
      var date = new Date(day);
      var weekday = (date.getUTCDay() + 6) % 7;
      var y = date.getUTCFullYear(), m = date.getUTCMonth() + 1, d = date.getUTCDate();
      person.shifts.forEach(function (shift) {
        if (shift.days.indexOf(weekday) < 0) return;
        var start = wall(y, m, d, shift.start, person.tz);
        var endDate = shift.end <= shift.start ? new Date(day + DAY) : date;
        var end = wall(endDate.getUTCFullYear(), endDate.getUTCMonth() + 1, endDate.getUTCDate(), shift.end, person.tz);
        if (start < end && end > since && start < until) found.push({ start: start, end: end });
      });
    }
    return found;
  }

  function oncall(data, at) {
    var byPerson = {};
    data.people.forEach(function (p) { byPerson[p.id] = spells(p, at, at + HORIZON); });
    var answer = {};
    data.roles.forEach(function (role) {
      var holders = data.people.filter(function (p) { return p.roles.indexOf(role.id) >= 0; });
      answer[role.id] = whoOf(holders.map(function (p) { return p.id; }), byPerson, at);
    });
    return answer;
  }

  /* Who of some people is on at `at`, and whose shift starts next (ties by person id). */
  function whoOf(ids, byPerson, at) {
    var on = ids.filter(function (id) {
      return byPerson[id].some(function (s) { return s.start <= at && at < s.end; });
    }).sort();
    var next = null;
    ids.forEach(function (id) {
      byPerson[id].forEach(function (s) {
        if (s.start > at && (!next || s.start < next.from || (s.start === next.from && id < next.person))) {
          next = { person: id, from: s.start };
        }
      });
    });
    return { on: on, next: next };
  }

  /* Each rotation: who of its members is on, who is next, and whom a ladder step naming it
   * pages now (`paged`): those on shift, or every member when it pages everyone or nobody
   * is on (`fallback`). The twin of rotations_oncall in generator/queries/shifts.py. */
  function rotations(data, at) {
    var people = {};
    data.people.forEach(function (p) { people[p.id] = p; });
    var answer = {};
    (data.rotations || []).forEach(function (rotation) {
      var byPerson = {};
      rotation.members.forEach(function (id) { byPerson[id] = spells(people[id], at, at + HORIZON); });
      var who = whoOf(rotation.members, byPerson, at);
      var everyone = rotation.page === "everyone";
      who.everyone = everyone;
      who.fallback = !everyone && !who.on.length;
      who.paged = everyone || !who.on.length ? rotation.members.slice() : who.on;
      answer[rotation.id] = who;
    });
    return answer;
  }

  /* Whom a rotation step pages, in words: say_paged in generator/queries/shifts.py says the same. */
  function sayPaged(entry, names) {
    var listed = entry.paged.map(function (id) { return names[id]; }).join(", ");
    if (entry.everyone) return "a group: page everyone in it (" + listed + ")";
    if (entry.fallback) return "nobody in the rotation is on shift: page everyone in it (" + listed + ")";
    return "on shift now: " + listed;
  }

  /* ------------------------------------------------------------------ the page */

  function links() {
    var found = { role: {}, person: {} };
    Array.prototype.forEach.call(document.querySelectorAll(".pb-ref"), function (span) {
      var a = span.nextElementSibling;
      if (!a || a.tagName !== "A") return;
      if (span.dataset.pbRole) found.role[span.dataset.pbRole] = a.getAttribute("href");
      if (span.dataset.pbPerson) found.person[span.dataset.pbPerson] = a.getAttribute("href");
    });
    return found;
  }

  function named(text, href) {
    var node = document.createElement(href ? "a" : "span");
    if (href) node.setAttribute("href", href);
    node.textContent = text;
    return node;
  }

  function when(instant, zone) {
    return new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
      hourCycle: "h23"
    }).format(new Date(instant));
  }

  function personCell(cell, people, ids, roleId, hrefs) {
    ids.forEach(function (id, i) {
      if (i) cell.appendChild(document.createTextNode(", "));
      var person = people[id];
      cell.appendChild(named(person.name, hrefs.person[id]));
      if (person.learning[roleId]) {
        var note = document.createElement("span");
        note.className = "pb-learning";
        note.textContent = " (" + person.learning[roleId] + ": not solo)";
        cell.appendChild(note);
      }
    });
  }

  function render(box, data, at) {
    var people = {};
    data.people.forEach(function (p) { people[p.id] = p; });
    var roles = {};
    data.roles.forEach(function (r) { roles[r.id] = r; });
    var hrefs = links();
    var answer = oncall(data, at);
    var here = Intl.DateTimeFormat().resolvedOptions().timeZone || data.zone;
    var zones = here === data.zone ? [data.zone] : [here, data.zone];
    box.querySelector(".pb-oncall-at").textContent = "At " + zones.map(function (z) {
      return when(at, z) + " (" + z + ")";
    }).join(" = ") + ":";
    var table = box.querySelector(".pb-oncall-table");
    var body = table.querySelector("tbody");
    while (body.firstChild) body.removeChild(body.firstChild);
    var limit = box.dataset.pbOncall === "compact" ? Number(box.dataset.pbLimit || 12) : Infinity;
    data.roles.slice(0, limit).forEach(function (role) {
      var entry = answer[role.id];
      var row = document.createElement("tr");
      row.setAttribute("data-pb-role", role.id);
      row.setAttribute("data-pb-on", entry.on.join(" "));
      row.setAttribute("data-pb-next", entry.next ? entry.next.person : "");
      row.setAttribute("data-pb-from", entry.next ? new Date(entry.next.from).toISOString() : "");
      var name = document.createElement("th");
      name.setAttribute("scope", "row");
      name.appendChild(named(role.name, hrefs.role[role.id]));
      var onCell = document.createElement("td");
      if (entry.on.length) {
        personCell(onCell, people, entry.on, role.id, hrefs);
      } else {
        var nobody = document.createElement("span");
        nobody.className = "pb-oncall-nobody";
        nobody.textContent = "Nobody on shift";
        onCell.appendChild(nobody);
        var cover = role.backups.filter(function (b) { return roles[b]; }).map(function (b) {
          var on = answer[b] ? answer[b].on : oncall({ people: data.people, roles: [roles[b]] }, at)[b].on;
          return roles[b].name + (on.length ? " (" + on.map(function (id) { return people[id].name; }).join(", ") + ")" : " (nobody on)");
        });
        if (cover.length) onCell.appendChild(document.createTextNode(": backups " + cover.join("; ")));
      }
      var nextCell = document.createElement("td");
      if (entry.next) {
        personCell(nextCell, people, [entry.next.person], role.id, hrefs);
        nextCell.appendChild(document.createTextNode(", " + when(entry.next.from, here)));
      } else {
        nextCell.textContent = "nobody on the roster";
      }
      row.appendChild(name);
      row.appendChild(onCell);
      row.appendChild(nextCell);
      body.appendChild(row);
    });
    table.hidden = false;
    renderRotations(box, data, at, people, hrefs, here);
    renderInboxes(box, data, at, people, roles, answer, hrefs);
    box.setAttribute("data-pb-at", new Date(at).toISOString());
  }

  function renderRotations(box, data, at, people, hrefs, here) {
    var table = box.querySelector(".pb-oncall-rotations");
    if (!table) return;
    var body = table.querySelector("tbody");
    while (body.firstChild) body.removeChild(body.firstChild);
    var names = {};
    data.people.forEach(function (p) { names[p.id] = p.name; });
    var answer = rotations(data, at);
    data.rotations.forEach(function (rotation) {
      var entry = answer[rotation.id];
      var row = document.createElement("tr");
      row.setAttribute("data-pb-rotation", rotation.id);
      row.setAttribute("data-pb-on", entry.on.join(" "));
      row.setAttribute("data-pb-paged", entry.paged.join(" "));
      row.setAttribute("data-pb-next", entry.next ? entry.next.person : "");
      row.setAttribute("data-pb-from", entry.next ? new Date(entry.next.from).toISOString() : "");
      var name = document.createElement("th");
      name.setAttribute("scope", "row");
      name.textContent = rotation.name;
      var onCell = document.createElement("td");
      if (entry.on.length) {
        entry.on.forEach(function (id, i) {
          if (i) onCell.appendChild(document.createTextNode(", "));
          onCell.appendChild(named(people[id].name, hrefs.person[id]));
        });
      } else {
        onCell.textContent = "Nobody on shift";
      }
      var paged = document.createElement("td");
      paged.className = "pb-oncall-paged";
      paged.textContent = sayPaged(entry, names);
      var nextCell = document.createElement("td");
      if (entry.next) {
        nextCell.appendChild(named(people[entry.next.person].name, hrefs.person[entry.next.person]));
        nextCell.appendChild(document.createTextNode(", " + when(entry.next.from, here)));
      } else {
        nextCell.textContent = "nobody in the rotation has a shift";
      }
      [name, onCell, paged, nextCell].forEach(function (cell) { row.appendChild(cell); });
      body.appendChild(row);
    });
    table.hidden = false;
  }

  /* Each watched inbox: today's rounds read in the inbox's own zone (business day or weekend),
   * the next round where the policy gives times, and who of its checking roles is on shift.
   * The words come from the page's data (generator/queries/operations.py); this only picks. */
  function renderInboxes(box, data, at, people, roles, answer, hrefs) {
    var table = box.querySelector(".pb-oncall-inboxes");
    if (!table || !data.inboxes) return;
    var body = table.querySelector("tbody");
    while (body.firstChild) body.removeChild(body.firstChild);
    data.inboxes.forEach(function (inbox) {
      var p = partsIn(inbox.zone, at);
      var weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
      var today = (weekday === 0 || weekday === 6) ? inbox.weekend : inbox.business;
      var now = p.hour * 60 + p.minute;
      var text = today.label;
      var next = "";
      if (today.times.length && today.rounds) {
        var upcoming = today.times.filter(function (t) { return t[0] >= now; });
        next = upcoming.length ? upcoming[0][1] : "";
        text += ", " + (next ? data.words.next.replace("{time}", next).replace("{zone}", inbox.zone)
                             : data.words.none_left);
      }
      var row = document.createElement("tr");
      row.setAttribute("data-pb-inbox", inbox.account);
      row.setAttribute("data-pb-next", next);
      row.setAttribute("data-pb-rounds", today.rounds === null ? "" : String(today.rounds));
      var name = document.createElement("th");
      name.setAttribute("scope", "row");
      name.textContent = inbox.name;
      var rounds = document.createElement("td");
      rounds.textContent = text;
      var who = document.createElement("td");
      inbox.roles.forEach(function (roleId, i) {
        if (i) who.appendChild(document.createTextNode("; "));
        who.appendChild(named(roles[roleId].name, hrefs.role[roleId]));
        who.appendChild(document.createTextNode(": "));
        var on = answer[roleId].on;
        if (on.length) personCell(who, people, on, roleId, hrefs);
        else who.appendChild(document.createTextNode(data.words.nobody));
      });
      [name, rounds, who].forEach(function (cell) { row.appendChild(cell); });
      body.appendChild(row);
    });
    table.hidden = false;
  }

  /* ------------------------------------------------------------------ training records
   *
   * The report is JSON: {"format": "playbook-progress/1", "person", "role", "reported",
   * "milestones_done": [...], "modules_passed": [...]}. A milestone counts when every one of
   * its tasks is ticked against its current text (the fingerprint progress.js stores), a
   * module when its quiz was answered fully right against the current questions.
   * `playbook records import FILE` reads exactly this. */

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

  function setupOncall() {
    if (timer !== null) window.clearInterval(timer);  /* instant navigation keeps this script alive */
    timer = null;
    var script = document.querySelector("script.pb-oncall-data");
    if (!script) return;
    var data = JSON.parse(script.textContent);
    var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-pb-oncall]"));
    var update = function () {
      var at = Math.floor(Date.now() / MINUTE) * MINUTE;
      boxes.forEach(function (box) { render(box, data, at); });
    };
    update();
    timer = window.setInterval(update, MINUTE);
  }

  function setup() {
    setupOncall();
    markOverdue();
    setupExport();
  }

  window.PlaybookOncall = { oncall: oncall, wall: wall, rotations: rotations, sayPaged: sayPaged };

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
