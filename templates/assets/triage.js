/* The triage wizard: what happened -> signals -> how far it has spread -> severity and ladder.
 *
 * Built from the checker's rules document (triggers, signals, spread, severities, ladders,
 * holding statements). Set up on every Material page load, only where .pb-triage exists;
 * policy text reaches the DOM through textContent only.
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

  function roleName(rules, id) { return ui.roleNames(rules, [id]); }

  /* The severity for the answers: the worst trigger chosen (directly or by a signal), raised by spread. */
  function assess(rules, answers) {
    var chosen = Object.keys(rules.triggers).filter(function (id) {
      var t = rules.triggers[id];
      return answers.triggers.indexOf(id) >= 0 || t.signals.some(function (s) { return answers.signals.indexOf(s) >= 0; });
    }).sort();
    var order = rules.severity_order, index = 0, worst = null;
    chosen.forEach(function (id) {
      var i = order.indexOf(rules.triggers[id].severity);
      if (worst === null || i > index) { index = i; worst = id; }
    });
    var spread = rules.spread.filter(function (s) { return s.id === answers.spread; })[0];
    var raised = Math.min(order.length - 1, index + (spread ? spread.raise_by : 0));
    var holding = null;
    [worst].concat(chosen).forEach(function (id) {
      if (!holding && id && rules.triggers[id].holding_statement) holding = rules.triggers[id].holding_statement;
    });
    return { severity: order[raised], triggers: chosen, holding: holding };
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
    Object.keys(rules.triggers).forEach(function (id) { rules.triggers[id].signals.forEach(function (s) { used[s] = true; }); });
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

  function stepResult(box, rules, answers, base) {
    var result = assess(rules, answers), severity = rules.severities[result.severity];
    var out = el("div", "pb-triage-result");
    out.dataset.severity = result.severity;
    out.appendChild(el("h2", null, "Severity: " + severity.name));
    out.appendChild(el("p", null, severity.description));
    if (!result.triggers.length) out.appendChild(el("p", null, "Nothing you chose matches a trigger: treat it as routine, and escalate if it changes."));
    out.appendChild(el("p", null, "Respond within " + severity.respond_within_minutes + " minutes. Tell: " +
      (severity.notify.map(function (r) { return roleName(rules, r); }).join(", ") || "nobody") + "."));
    var ladder = rules.ladders[severity.ladder];
    out.appendChild(el("h3", null, "Ladder: " + ladder.name));
    var steps = el("ol", "pb-triage-ladder");
    ladder.steps.forEach(function (s) {
      steps.appendChild(el("li", null, roleName(rules, s.role) + ", acknowledge within " + s.acknowledge_within_minutes +
        " minutes: " + s.action));
    });
    out.appendChild(steps);
    if (result.holding) {
      var h = rules.holding_statements[result.holding];
      out.appendChild(el("h3", null, "Holding statement: " + h.name));
      var quote = el("blockquote", "pb-triage-holding", h.text);
      out.appendChild(quote);
      out.appendChild(el("p", null, "Owner: " + roleName(rules, h.owner) + "; valid until " + h.expires + "."));
    }
    var link = el("a", null, "Everything about this severity");
    link.href = base + rules.pages.severity_prefix + result.severity + rules.pages.suffix;
    out.appendChild(link);
    box.appendChild(out);
  }

  ui.onEveryPage(".pb-triage", start);
})();
