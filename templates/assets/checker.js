/* The draft checker page: judges the draft as the reader types (engine: checker-engine.js,
 * shipped from generator/checker/engine.js; shared page plumbing: checker-base.js).
 *
 * Material's instant navigation swaps pages without reloading scripts, so the page is
 * set up on every document$ emission and only where its form exists. Text from the
 * policy and from the draft reaches the DOM through textContent only.
 */
(function () {
  "use strict";
  var ui = window.PlaybookUI, el = ui.el, roleNames = ui.roleNames;

  /* UTF-16 offset of a 1-based line and code-point column. */
  function offsetOf(text, line, column) {
    var offset = 0;
    for (var l = 1; l < line; l++) offset = text.indexOf("\n", offset) + 1;
    return advance(text, offset, column - 1);
  }
  function advance(text, offset, count) {
    for (var c = 0; c < count && offset < text.length; c++) offset += text.codePointAt(offset) > 0xffff ? 2 : 1;
    return offset;
  }

  /* "Publish: nothing in the handbook stops this post.": the verdict in the words of
   * `playbook check` (rules.verdict_words, from generator/checker/document.py). */
  function verdictText(rules, verdict) {
    return verdict.charAt(0).toUpperCase() + verdict.slice(1) + ": " + rules.verdict_words[verdict] + ".";
  }

  function setup(form, rules, base) {
    var q = function (selector) { return form.querySelector(selector); };
    fillPickers(rules, q(".pb-checker-account"), q(".pb-checker-author"));
    var update = function () { render(form, rules, base); };
    ["input", "change"].forEach(function (type) { form.addEventListener(type, update); });
    q(".pb-checker-at").addEventListener("input", function () { q(".pb-checker-at").dataset.chosen = "yes"; });
    q(".pb-checker-add-media").addEventListener("click", function () { addMedia(form); update(); });
    update();
  }

  /* "Goes out": a wall time in the account's own zone, as `playbook check --at` reads it.
   * Until the reader picks a time it follows the clock (now, in the chosen account's zone). */
  function wallParts(ms, zone) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(ms)).forEach(function (p) {
      parts[p.type] = p.value;
    });
    return parts;
  }
  function wallText(ms, zone) {
    var p = wallParts(ms, zone);
    return p.year + "-" + p.month + "-" + p.day + "T" + p.hour + ":" + p.minute;
  }
  function zoneOffset(ms, zone) {
    var p = wallParts(ms, zone);
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute) - Math.floor(ms / 60000) * 60000;
  }
  function postingAt(form, rules, account) {
    var input = form.querySelector(".pb-checker-at"), zone = rules.accounts[account].timezone;
    if (!input.dataset.chosen || !input.value) input.value = wallText(Date.now(), zone);
    form.querySelector(".pb-checker-zone").textContent = zone;
    var m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(input.value);
    var wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
    var utc = wall - zoneOffset(wall, zone);
    utc = wall - zoneOffset(utc, zone);
    return { date: m[1] + "-" + m[2] + "-" + m[3], utc: new Date(utc).toISOString().slice(0, 16) };
  }

  /* The watchlist's status at the "Goes out" time: on, over or not yet. */
  function markWatchlist(at) {
    document.querySelectorAll(".pb-watch").forEach(function (span) {
      var on = span.dataset.since <= at.utc && at.utc < span.dataset.expires;
      span.dataset.status = on ? "on" : at.utc < span.dataset.since ? "upcoming" : "expired";
      span.textContent = on ? "on the news" : at.utc < span.dataset.since ? "not yet" : "expired";
    });
  }

  function fillPickers(rules, accounts, authors) {
    rules.account_order.forEach(function (id) {
      var a = rules.accounts[id];
      var option = el("option", null, a.name + " (" + a.handle + ", " + a.platform_name + ")");
      option.value = id;
      option.selected = id === rules.default_account;
      accounts.appendChild(option);
    });
    Object.keys(rules.roles).sort().forEach(function (id) {
      var option = el("option", null, rules.roles[id].name);
      option.value = id;
      authors.appendChild(option);
    });
  }

  function addMedia(form) {
    var list = form.querySelector(".pb-checker-media-list");
    var n = list.children.length + 1;
    var item = el("li", "pb-checker-media-item");
    item.dataset.file = "image " + n;
    item.appendChild(el("span", null, "Image " + n + " "));
    var picker = el("input", "pb-checker-file");
    picker.type = "file"; picker.accept = "image/*,video/*";
    picker.setAttribute("aria-label", "File of attachment " + n);
    picker.addEventListener("change", function () { readFile(item, picker.files[0], form); });
    var captions = el("label");
    var hasCaptions = el("input", "pb-checker-captions");
    hasCaptions.type = "checkbox";
    captions.appendChild(hasCaptions);
    captions.appendChild(document.createTextNode(" video has captions or subtitles"));
    var alt = el("input", "pb-checker-alt");
    alt.type = "text"; alt.placeholder = "Alt text"; alt.setAttribute("aria-label", "Alt text of image " + n);
    var label = el("label");
    var fromMessage = el("input", "pb-checker-from-message");
    fromMessage.type = "checkbox";
    label.appendChild(fromMessage);
    label.appendChild(document.createTextNode(" saved from an incoming message"));
    var remove = el("button", "pb-checker-remove", "Remove");
    remove.type = "button";
    remove.addEventListener("click", function () {
      item.remove();
      form.dispatchEvent(new Event("change"));
    });
    [picker, alt, label, captions, remove].forEach(function (node) { item.appendChild(node); });
    list.appendChild(item);
  }

  /* What `playbook check --media FILE` reads (generator/checker/media.py), read here in the
   * browser: an image's size through an Image, a video's size and length through a <video>
   * element's metadata, the file's bytes. The file never leaves the page. */
  function readFile(item, file, form) {
    if (!file) return;
    var url = URL.createObjectURL(file), video = /^video\//.test(file.type);
    var done = function (kind, width, height, seconds) {
      URL.revokeObjectURL(url);
      item.dataset.file = file.name;
      item.dataset.facts = JSON.stringify({ kind: kind, width: width || null, height: height || null,
        seconds: isFinite(seconds) ? seconds : null, bytes: file.size });
      form.dispatchEvent(new Event("change"));
    };
    if (video) {
      var player = document.createElement("video");
      player.preload = "metadata";
      player.onloadedmetadata = function () { done("video", player.videoWidth, player.videoHeight, player.duration); };
      player.onerror = function () { done("video", null, null, null); };
      player.src = url;
    } else {
      var image = new Image();
      image.onload = function () { done("image", image.naturalWidth, image.naturalHeight, null); };
      image.onerror = function () { done("image", null, null, null); };
      image.src = url;
    }
  }

  function readMedia(form) {
    return Array.prototype.map.call(form.querySelectorAll(".pb-checker-media-item"), function (item) {
      var found = { file: item.dataset.file, alt: item.querySelector(".pb-checker-alt").value,
        source: item.querySelector(".pb-checker-from-message").checked ? "message" : null };
      if (item.dataset.facts) {
        Object.assign(found, JSON.parse(item.dataset.facts));
        found.captions = item.querySelector(".pb-checker-captions").checked ? true : null;
      }
      return found;
    });
  }

  /* The chosen account's media specs, in the words queries/media.py gives them (the rules document). */
  function renderSpecs(list, rules, account) {
    list.replaceChildren();
    var spec = rules.accounts[account].media;
    (spec ? spec.lines : []).forEach(function (line) { list.appendChild(el("li", null, line)); });
  }

  function render(form, rules, base) {
    var text = form.querySelector(".pb-checker-draft").value;
    var account = form.querySelector(".pb-checker-account").value;
    var author = form.querySelector(".pb-checker-author").value || null;
    var reply = form.querySelector(".pb-checker-reply").checked;
    var at = postingAt(form, rules, account);
    markWatchlist(at);
    renderSpecs(form.querySelector(".pb-checker-specs"), rules, account);
    var result = window.PlaybookChecker.check(rules, text, account, readMedia(form), author, at, reply);
    form.dataset.result = JSON.stringify(result);
    var verdict = form.querySelector(".pb-checker-verdict");
    verdict.dataset.verdict = result.verdict;
    var first = result.findings[0];  // an empty post: the engine's own words, as check and sweep say them
    verdict.textContent = first && first.rule === "post.empty" ? first.message : verdictText(rules, result.verdict);
    renderPreview(form.querySelector(".pb-checker-preview"), text, result.findings);
    renderFindings(form.querySelector(".pb-checker-findings"), result.findings, base);
    renderRoute(form.querySelector(".pb-checker-route"), result.route, rules);
  }

  function renderPreview(preview, text, findings) {
    var spans = findings.filter(function (f) { return f.length > 0; }).map(function (f) {
      var start = offsetOf(text, f.line, f.column);
      return { start: start, end: advance(text, start, f.length), finding: f };
    }).sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    preview.replaceChildren();
    var at = 0;
    spans.forEach(function (s) {
      if (s.start < at) return;  // overlapping: the first one is marked
      preview.appendChild(document.createTextNode(text.slice(at, s.start)));
      var mark = el("mark", "pb-checker-mark pb-level-" + s.finding.level, text.slice(s.start, s.end));
      mark.title = s.finding.message;
      preview.appendChild(mark);
      at = s.end;
    });
    preview.appendChild(document.createTextNode(text.slice(at)));
  }

  function renderFindings(list, findings, base) {
    list.replaceChildren();
    findings.forEach(function (f) {
      var item = el("li", "pb-level-" + f.level);
      item.dataset.rule = f.rule;
      item.appendChild(el("span", "pb-checker-where", f.line === null ? "post: " : f.line + ":" + f.column + " "));
      item.appendChild(el("strong", null, f.level + ": "));
      item.appendChild(document.createTextNode(f.message + " "));
      var link = el("a", null, "Why?");
      link.href = base + f.page;
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  function renderRoute(box, route, rules) {
    box.replaceChildren();
    var senders = route.reply ? route.repliers : route.publishers;
    box.appendChild(el("p", "pb-checker-senders", (route.reply ? "A reply: " : "A post: ") +
      (roleNames(rules, senders.map(function (r) { return r.id; })) || "nobody") +
      (route.reply ? " may reply (the reply permission)." : " may publish on this account.")));
    if (route.approvals.length) {
      box.appendChild(el("h2", null, "Who approves"));
      var list = el("ul");
      route.approvals.forEach(function (a) {
        list.appendChild(el("li", null, a.name + ": " + a.needed + " of " + roleNames(rules, a.roles) + ". " + a.description));
      });
      box.appendChild(list);
    }
    if (route.verify) {
      box.appendChild(el("p", null, "Verify first: " + rules.approvals.verify.instruction + " " + route.verify.description));
    }
    var lowest = rules.severities[rules.severity_order[0]].rank;
    if (route.severity && rules.severities[route.severity].rank > lowest) {
      var severity = rules.severities[route.severity];
      box.appendChild(el("h2", null, "Escalation"));
      box.appendChild(el("p", null, severity.name + " (" + ui.levelName(rules, route.severity) + "). " +
        severity.deadline + " Tell " + (roleNames(rules, route.notify) || "nobody beyond the ladder") + "."));
      var steps = el("ol");
      route.steps.forEach(function (s) {
        steps.appendChild(el("li", null, s.who + ", " + s.deadline + ": " + s.action));
      });
      box.appendChild(steps);
      var ladder = route.ladder && rules.ladders[route.ladder];
      if (ladder) box.appendChild(el("p", null, ladder.unanswered + ": " + ladder.after));
      var holding = route.holding_statement && rules.holding_statements[route.holding_statement];
      if (holding) box.appendChild(el("blockquote", null, holding.text));
    }
    if (route.owners.length) {
      box.appendChild(el("h2", null, "Who owns it"));
      var owners = el("ul", "pb-checker-owners");
      route.owners.forEach(function (o) {
        owners.appendChild(el("li", null, rules.triggers[o.trigger].name + ": " +
          (rules.owner_text[o.owner] || roleNames(rules, [o.owner]))));
      });
      box.appendChild(owners);
    }
    if (route.may_post) {
      box.appendChild(el("p", "pb-checker-crisis", "Crisis mode: " + rules.crisis.who_may_post + "."));
    }
  }

  ui.onEveryPage(".pb-checker", setup);
})();
