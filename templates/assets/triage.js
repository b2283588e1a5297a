/* The triage wizard: what happened -> signals -> how far it has spread -> severity and ladder.
 *
 * Built from the checker's rules document (triggers, signals, spread, severities, ladders,
 * holding statements). Set up on every Material page load, only where .pb-triage exists;
 * policy text reaches the DOM through textContent only. A result line is text, or a list of
 * parts where a channel's value is {text, href}: a link only with the href the rules give
 * (Channel.href in generator/model/: tel:, mailto:, http or https, never a typed scheme).
 */
(function () {
  "use strict";
  var ui = window.PlaybookUI, el = ui.el;

  function choice(type, name, value, label, checked) {
    var wrap = el("label", "pb-triage-choice");
    var input = el("input");
    input.type = type; input.name = name; input.value = value; input.checked = !!checked;
    wrap.appendChild(input);
    wrap.appendChild(document.createTextNode(" " + label));
    return wrap;
  }


  /* How to reach through these channels, as the parts of " (Crisis room: #crisis; ...)", or none. */
  function reachParts(channels) {
    if (!channels.length) return [];
    var parts = [" ("];
    channels.forEach(function (c, i) {
      parts.push((i ? "; " : "") + c.label + ": ", c.href ? { text: c.value, href: c.href } : c.value);
    });
    parts.push(")");
    return parts;
  }

  function reach(rules, id) {
    return reachParts((rules.roles[id] && rules.roles[id].channels) || []);
  }

  var SAFE_LINK = /^(tel:|mailto:|https?:\/\/)/i;  // the schemes Channel.href makes; anything else stays text

  /* A line's text or parts into the element, as text nodes and links. */
  function fill(node, content) {
    (typeof content === "string" ? [content] : content).forEach(function (part) {
      if (typeof part === "string") { node.appendChild(document.createTextNode(part)); return; }
      if (!SAFE_LINK.test(part.href)) { node.appendChild(document.createTextNode(part.text)); return; }
      var link = el("a", null, part.text);
      link.href = part.href;
      node.appendChild(link);
    });
    return node;
  }

  /* The severity for the answers: the worst trigger chosen (directly or by a signal), raised by
   * spread, and everything that follows from it. The twin of triage() in generator/queries/answers.py. */
  function assess(rules, answers) {
    var order = rules.severity_order;
    var rank = function (id) { return order.indexOf(rules.triggers[id].severity); };
    /* The policy's own triggers (trigger_order): pack entries are the checker's, not the wizard's. */
    var chosen = rules.trigger_order.filter(function (id) {
      var t = rules.triggers[id];
      return answers.triggers.indexOf(id) >= 0 || t.signals.some(function (s) { return answers.signals.indexOf(s) >= 0; });
    }).sort().map(function (id, i) { return [id, i]; }).sort(function (a, b) {
      return (rank(b[0]) - rank(a[0])) || (a[1] - b[1]);  // worst first, then by id
    }).map(function (pair) { return pair[0]; });
    var base = chosen.length ? rank(chosen[0]) : 0;
    var spread = rules.spread.filter(function (s) { return s.id === answers.spread; })[0];
    var raised = Math.min(order.length - 1, base + (spread ? spread.raise_by : 0));
    var severity = rules.severities[order[raised]];
    var verify = rules.approvals.verify;
    var categories = chosen.map(function (id) { return rules.triggers[id].category; });
    var verifyFirst = !!verify && chosen.some(function (id) {
      return rules.triggers[id].verify_first || verify.categories.indexOf(rules.triggers[id].category) >= 0;
    });
    var named = {};
    chosen.forEach(function (id) { rules.triggers[id].actions.forEach(function (a) { named[a] = true; }); });
    var holding = [];
    chosen.forEach(function (id) {
      var h = rules.triggers[id].holding_statement;
      if (h && holding.indexOf(h) < 0) holding.push(h);
    });
    return {
      severity: order[raised], triggers: chosen, raisedBy: raised - base, spread: raised > base ? spread : null,
      verifyFirst: verifyFirst, approvals: approvalsByTier(rules, categories, severity.rank, verifyFirst),
      allowed: severity.actions, suggested: named,
      forbidden: rules.action_order.filter(function (a) { return severity.actions.indexOf(a) < 0; }),
      holding: holding
    };
  }

  /* Everything that applies to a post on `tier` about `categories` at `rank`: the twin of
   * approvals_for in generator/queries/answers.py (the rule for the biggest accounts, named rules, verify first). */
  function approvalsFor(rules, tier, categories, rank, verifyFirst) {
    var approvals = rules.approvals, found = [];
    var two = approvals.two_person_rule;
    if (two && two.tiers.indexOf(tier) >= 0) found.push({ kind: two.kind, name: two.name, text: two.text });
    approvals.rules.forEach(function (rule) {
      if (rule.tiers.length && rule.tiers.indexOf(tier) < 0) return;
      if (rule.categories.length && !rule.categories.some(function (c) { return categories.indexOf(c) >= 0; })) return;
      if (rule.min_severity && rank < rules.severities[rule.min_severity].rank) return;
      found.push({ kind: "rule", name: rule.name, text: rule.text });
    });
    var verify = approvals.verify;
    if (verify && (verifyFirst || categories.some(function (c) { return verify.categories.indexOf(c) >= 0; }))) {
      found.push({ kind: "verify", name: verify.name, text: verify.text });
    }
    return found;
  }

  function approvalsByTier(rules, categories, rank, verifyFirst) {
    var key = function (r) { return r.kind + "\u0000" + r.name; };
    var perTier = rules.tiers.map(function (t) { return [t, approvalsFor(rules, t.id, categories, rank, verifyFirst)]; });
    var common = perTier.length ? perTier[0][1].filter(function (r) {
      return perTier.every(function (p) { return p[1].some(function (o) { return key(o) === key(r); }); });
    }) : [];
    var commonKeys = common.map(key);
    return { common: common, perTier: perTier.map(function (p) {
      return [p[0], p[1].filter(function (r) { return commonKeys.indexOf(key(r)) < 0; })];
    }).filter(function (p) { return p[1].length; }) };
  }

  function start(box, rules, base) {
    var answers;
    function reset() { answers = { triggers: [], signals: [], spread: rules.spread.length ? rules.spread[0].id : null }; }
    reset();
    var steps = [stepWhat, stepSignals, stepSpread, stepResult].filter(function (s) {
      return s !== stepSpread || rules.spread.length;
    });
    var current = 0;
    // The status line is a live region that outlives each step, so screen readers announce
    // the outcome; each step replaces only the stage below it.
    var status = el("p", "pb-triage-status");
    status.setAttribute("aria-live", "polite");
    var stage = el("div", "pb-triage-stage");
    box.replaceChildren(status, stage);
    function show(moved) {
      stage.replaceChildren();
      box.dataset.step = String(current + 1);
      stage.appendChild(el("p", "pb-triage-progress", "Step " + (current + 1) + " of " + steps.length));
      steps[current](stage, rules, answers, base);
      var nav = el("p", "pb-triage-nav");
      if (current > 0) nav.appendChild(button("Back", "pb-triage-back", function () {
        collect(box, answers); current--; show(true);
      }));
      if (current < steps.length - 1) nav.appendChild(button("Next", "pb-triage-next md-button md-button--primary", function () {
        collect(box, answers); current++; show(true);
      }));
      else nav.appendChild(button("Start again", "pb-triage-restart", function () {
        reset(); current = 0; show(true);
      }));
      stage.appendChild(nav);
      var result = stage.querySelector(".pb-triage-result");
      status.textContent = result ? result.querySelector("h2").textContent + ". " + result.querySelector("p").textContent : "";
      if (moved) {
        // Keyboard and screen-reader users land on the new question, not on the page's body.
        var heading = stage.querySelector("h2");
        heading.tabIndex = -1;
        heading.focus();
      }
    }
    show(false);
  }

  function button(label, className, onClick) {
    var b = el("button", "md-button " + className, label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function collect(box, answers) {
    var picked = function (name) {
      return Array.prototype.filter.call(box.querySelectorAll("input[name='" + name + "']"), function (i) { return i.checked; })
        .map(function (i) { return i.value; });
    };
    if (box.querySelector("input[name='trigger']")) answers.triggers = picked("trigger");
    if (box.querySelector("input[name='signal']")) answers.signals = picked("signal");
    if (box.querySelector("input[name='spread']")) answers.spread = picked("spread")[0] || answers.spread;
  }

  function stepWhat(box, rules, answers) {
    box.appendChild(el("h2", null, "What happened?"));
    box.appendChild(el("p", null, "Tick everything that applies."));
    rules.trigger_order.forEach(function (id) {
      box.appendChild(choice("checkbox", "trigger", id, rules.triggers[id].question, answers.triggers.indexOf(id) >= 0));
    });
  }

  function stepSignals(box, rules, answers) {
    box.appendChild(el("h2", null, "Who is involved, and what are the signs?"));
    var used = {};
    rules.trigger_order.forEach(function (id) { rules.triggers[id].signals.forEach(function (s) { used[s] = true; }); });
    Object.keys(rules.signals).filter(function (s) { return used[s]; }).sort().forEach(function (s) {
      box.appendChild(choice("checkbox", "signal", s, rules.signals[s], answers.signals.indexOf(s) >= 0));
    });
  }

  function stepSpread(box, rules, answers) {
    box.appendChild(el("h2", null, "How far has it spread?"));
    rules.spread.forEach(function (s) {
      box.appendChild(choice("radio", "spread", s.id, s.label, s.id === answers.spread));
    });
  }

  /* The result as [kind, text] lines, worded exactly as triage_lines in generator/cli/triage.py
   * (`playbook triage` prints the same; tests/test_browser_triage.py compares them). */
  function resultLines(rules, result) {
    var severity = rules.severities[result.severity], lines = [], words = rules.triage_words;
    var name = function (id) { return ui.roleNames(rules, [id]); };
    lines.push(["h2", "Severity: " + severity.name + " (" + ui.levelName(rules, result.severity) + ")"]);
    if (severity.major) lines.push(["p", words.major]);
    lines.push(["p", severity.description]);
    if (severity.response) lines.push(["p", "What we do: " + severity.response]);
    if (result.triggers.length) {
      lines.push(["p", "Matched: " + result.triggers.map(function (id) {
        var only = rules.triggers[id].only_on;
        return rules.triggers[id].name + (only ? " (only on " + only + ")" : "");
      }).join(", ") + "."]);
    } else {
      lines.push(["p", words.no_trigger]);
    }
    if (result.spread) {
      lines.push(["p", "Raised " + result.raisedBy + " " + (result.raisedBy === 1 ? "level" : "levels") +
        " because of its spread: " + result.spread.label + "."]);
    }
    lines.push(["p", severity.deadline + (severity.pause_scheduled_posts ? " " + words.pause_now : "")]);
    if (severity.cadence_text) lines.push(["p", severity.cadence_text]);
    if (severity.notify.length) lines.push(["h3", "Tell now"]);
    severity.notify.forEach(function (r) {
      lines.push(["li", [name(r)].concat(reach(rules, r), [rules.people[r] ? ": " + rules.people[r].join(", ") : ""])]);
    });
    var owned = result.triggers.filter(function (id) { return rules.triggers[id].owner !== null; });
    if (owned.length) lines.push(["h3", "Who owns it"]);
    owned.forEach(function (id) {
      var owner = rules.triggers[id].owner, words = rules.owner_text[owner];
      lines.push(["li", words ? rules.triggers[id].name + ": " + words : [rules.triggers[id].name + ": " + name(owner)].concat(
        reach(rules, owner), [rules.people[owner] ? ": " + rules.people[owner].join(", ") : ""])]);
    });
    var verify = rules.approvals.verify;
    if (result.verifyFirst && verify) {
      lines.push(["h3", "Verify first"]);
      lines.push(["p", verify.instruction]);
    }
    lines.push(["h3", "Who must approve anything public"]);
    var before = lines.length;
    result.approvals.common.forEach(function (r) { lines.push(["li", "Every account: " + r.text]); });
    result.approvals.perTier.forEach(function (p) {
      p[1].forEach(function (r) { lines.push(["li", p[0].name + " accounts also: " + r.text]); });
    });
    if (lines.length === before) lines.push(["p", words.no_signoff]);
    lines.push(["h3", "What you may do"]);
    result.allowed.forEach(function (id) {
      var a = rules.actions[id];
      lines.push(["li", a.name + (result.suggested[id] ? " (for this situation)" : "") + ": " + a.description]);
    });
    if (!result.allowed.length) lines.push(["p", words.no_actions]);
    if (result.forbidden.length) {
      lines.push(["h3", "Not at this severity"]);
      result.forbidden.forEach(function (id) { lines.push(["li", rules.actions[id].name]); });
    }
    if (!result.holding.length) {
      lines.push(["h3", "Holding statement"]);
      lines.push(["p", words.no_holding]);
    } else {
      lines.push(["h3", result.holding.length === 1 ? "Holding statement" : "Holding statements"]);
      result.holding.forEach(function (id) {
        var h = rules.holding_statements[id];
        var where = h.platforms.length ? h.platforms.map(function (p) { return rules.platform_names[p]; }).join(", ") : "every platform";
        lines.push(["p", h.name + " (owner " + name(h.owner) + ", " + h.validity + ", on " + where + "):"]);
        lines.push(["quote", h.text]);
      });
    }
    var plan = Object.prototype.hasOwnProperty.call(rules.timelines, result.severity) ? rules.timelines[result.severity] : [];
    if (!severity.ladder) {  // a level below the major incident threshold may be just a ticket
      lines.push(["h3", "Ladder"], ["p", plan.length ? words.no_ladder_plan : words.no_ladder]);
      return timelineLines(plan, lines, words.plan_heading);
    }
    var ladder = rules.ladders[severity.ladder];
    var paged = rotationsNow();
    lines.push(["h3", "Ladder: " + ladder.name]);
    ladder.steps.forEach(function (s) {
      var reached = [];
      s.roles.forEach(function (r) { reached = reached.concat(reach(rules, r)); });
      lines.push(["ol", [s.who].concat(reached, reachParts(s.channels),
        [(s.rotation && paged ? ": " + paged.say(paged.answer[s.rotation], paged.names) : "") +
         (s.with_previous ? ", at the same time as the step before" : "") +
         ", " + s.deadline + ": " + s.action])]);
    });
    lines.push(["p", ladder.unanswered + ": " + ladder.after]);
    return timelineLines(plan, lines, words.plan_heading);
  }

  /* triage.py's _timeline_lines: the severity's plan in time, each step phrased by the rules document. */
  function timelineLines(plan, lines, heading) {
    if (!plan.length) return lines;
    lines.push(["h3", heading]);
    plan.forEach(function (text) { lines.push(["ol", text]); });
    return lines;
  }

  /* Whom each rotation pages at this minute, from the roster inlined in the page (a JSON
   * script element of class pb-oncall-data, no fetch) and people.js's shift arithmetic,
   * which places shifts on real instants exactly as `playbook triage` does. */
  function rotationsNow() {
    var script = document.querySelector("script.pb-oncall-data");
    if (!script || !window.PlaybookOncall) return null;
    var data = JSON.parse(script.textContent), names = {};
    data.people.forEach(function (p) { names[p.id] = p.name; });
    var at = Math.floor(Date.now() / 60000) * 60000;
    return { answer: window.PlaybookOncall.rotations(data, at), names: names, say: window.PlaybookOncall.sayPaged };
  }

  /* Lines to elements: headings, paragraphs, a list per run of items, the statement as a quote. */
  function stepResult(box, rules, answers, base) {
    var result = assess(rules, answers);
    var out = el("div", "pb-triage-result"), list = null;
    out.dataset.severity = result.severity;
    resultLines(rules, result).forEach(function (line) {
      var kind = line[0], tag = { h2: "h2", h3: "h3", p: "p", quote: "blockquote" }[kind];
      if (kind === "li" || kind === "ol") {
        var wanted = kind === "ol" ? "OL" : "UL";
        if (!list || list.tagName !== wanted) { list = el(wanted.toLowerCase()); out.appendChild(list); }
        list.appendChild(fill(el("li"), line[1]));
        return;
      }
      list = null;
      out.appendChild(fill(el(tag, kind === "quote" ? "pb-triage-holding" : null), line[1]));
    });
    var link = el("a", null, "Everything about this severity");
    link.href = base + rules.pages.severities[result.severity];
    out.appendChild(link);
    box.appendChild(out);
  }

  /* The decision and its wording without a page, for tests/test_triage_node.py (Node compares
   * them with `playbook triage --format json`, as the browser test does in Chromium). */
  window.PlaybookTriage = { assess: assess, resultLines: resultLines };
  ui.onEveryPage(".pb-triage", start);
})();
