/* Onboarding and training progress, kept in this browser only (localStorage); nothing is
 * sent anywhere. One entry per handbook holds the policy version it was saved under, the
 * ticked checklist items and the quiz results, each with a fingerprint of the text it
 * confirmed: when the policy version changes the reader chooses to carry the progress over
 * (whatever changed then asks to be confirmed again) or to start again.
 *
 * Material's instant navigation swaps pages without reloading, so setup runs on every page
 * through document$ and only touches the elements it finds on that page. Every text this
 * script writes is set through textContent, never as HTML. */
(function () {
  "use strict";

  var PREFIX = "playbook-progress:";

  function emptyState(version, label) {
    return { version: version, label: label, ticks: {}, quizzes: {} };
  }

  function readState(id) {
    try {
      var state = JSON.parse(window.localStorage.getItem(PREFIX + id) || "null");
      if (state && typeof state === "object" && state.ticks && state.quizzes) {
        return state;
      }
    } catch (error) {
      /* unreadable or blocked storage: start from nothing */
    }
    return null;
  }

  function writeState(id, state) {
    try {
      window.localStorage.setItem(PREFIX + id, JSON.stringify(state));
    } catch (error) {
      /* storage full or blocked: progress lasts until the page is left */
    }
  }

  function forgetState(id) {
    try {
      window.localStorage.removeItem(PREFIX + id);
    } catch (error) {
      /* nothing to forget */
    }
  }

  function hasProgress(state) {
    return Object.keys(state.ticks).length > 0 || Object.keys(state.quizzes).length > 0;
  }

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function removeAll(selector, root) {
    all(selector, root).forEach(function (node) { node.parentNode.removeChild(node); });
  }

  function note(className, text) {
    var span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    return span;
  }

  /* ---------------------------------------------------------------- checklists and bars */

  function showTasks(state) {
    removeAll(".pb-changed-note");
    all("input[data-pb-task]").forEach(function (input) {
      var saved = state.ticks[input.getAttribute("data-pb-task")];
      var current = input.getAttribute("data-pb-fp");
      input.checked = saved === current;
      if (saved && saved !== current) {
        input.parentNode.appendChild(note("pb-changed-note", "Changed since you ticked it: tick it again to confirm."));
      }
    });
  }

  /* The changes to acknowledge show only to a reader who carried progress over from an
   * earlier version (state.from); the list items are hidden with their heading. */
  function showChanges(state) {
    all("[data-pb-reack]").forEach(function (heading) { heading.hidden = !state.from; });
    all("input[data-pb-reack-item]").forEach(function (input) {
      var item = input.closest("li");
      if (item) { item.hidden = !state.from; }
    });
  }

  function barWords(bar) {
    var words = bar.getAttribute("data-pb-tasks").split(" ");
    all("[data-pb-reack][data-pb-tasks]").forEach(function (heading) {
      if (!heading.hidden) { words = words.concat(heading.getAttribute("data-pb-tasks").split(" ")); }
    });
    return words.filter(Boolean);
  }

  function showBars(state) {
    all(".pb-bar[data-pb-tasks]").forEach(function (bar) {
      var words = barWords(bar);
      var done = words.filter(function (word) {
        var cut = word.lastIndexOf(":");
        return state.ticks[word.slice(0, cut)] === word.slice(cut + 1);
      }).length;
      var meter = bar.querySelector("progress");
      var label = bar.querySelector(".pb-bar-label");
      if (meter) { meter.max = words.length; meter.value = done; }
      if (label) { label.textContent = done + " of " + words.length + " tasks done"; }
    });
  }

  function showModuleStatus(state) {
    all("[data-pb-module]").forEach(function (status) {
      var result = state.quizzes[status.getAttribute("data-pb-module")];
      if (!result) {
        status.textContent = "quiz not taken yet";
      } else if (result.fp !== status.getAttribute("data-pb-fp")) {
        status.textContent = "quiz changed since you took it: take it again";
      } else {
        status.textContent = "quiz: " + result.score + " of " + result.total + " right";
      }
      status.classList.toggle("pb-passed", Boolean(result) && result.fp === status.getAttribute("data-pb-fp") &&
        result.score === result.total);
    });
  }

  /* ---------------------------------------------------------------- quiz */

  function quizAnswers() {
    var answers = {};
    all("input[data-pb-question]").forEach(function (input) {
      var question = input.getAttribute("data-pb-question");
      answers[question] = answers[question] || [];
      if (input.checked) { answers[question].push(input.value); }
    });
    return answers;
  }

  function isRight(inputs) {
    return inputs.every(function (input) {
      return input.checked === (input.getAttribute("data-pb-correct") === "yes");
    });
  }

  function clearFeedback() {
    removeAll(".pb-verdict");
    all(".pb-explanation").forEach(function (node) { node.hidden = true; });
    all("li.pb-right, li.pb-wrong, li.pb-missed").forEach(function (item) {
      item.classList.remove("pb-right", "pb-wrong", "pb-missed");
    });
    all("[data-pb-question-result]").forEach(function (node) {
      node.textContent = "";
      node.classList.remove("pb-right", "pb-wrong");
    });
    all("[data-pb-score]").forEach(function (node) { node.textContent = ""; });
  }

  function questionInputs() {
    var byQuestion = {};
    all("input[data-pb-question]").forEach(function (input) {
      var question = input.getAttribute("data-pb-question");
      (byQuestion[question] = byQuestion[question] || []).push(input);
    });
    return byQuestion;
  }

  /* Marks every choice: what the reader picked and what was right, with its explanation. */
  function showFeedback(result) {
    clearFeedback();
    var byQuestion = questionInputs();
    Object.keys(byQuestion).forEach(function (question) {
      var inputs = byQuestion[question];
      inputs.forEach(function (input) {
        var item = input.closest("li");
        var correct = input.getAttribute("data-pb-correct") === "yes";
        var verdict = input.checked ? (correct ? "Right." : "Not right.") : (correct ? "You missed this one." : "");
        if (!item || !verdict) { return; }
        item.classList.add(input.checked ? (correct ? "pb-right" : "pb-wrong") : "pb-missed");
        var explanation = item.querySelector(".pb-explanation");
        if (explanation) {
          explanation.hidden = false;
          explanation.insertBefore(note("pb-verdict", verdict + " "), explanation.firstChild);
        }
      });
      var right = isRight(inputs);
      all('[data-pb-question-result="' + question + '"]').forEach(function (node) {
        node.textContent = right ? "Right" : "Not quite";
        node.classList.add(right ? "pb-right" : "pb-wrong");
      });
    });
    all("[data-pb-score]").forEach(function (node) {
      node.textContent = "Score: " + result.score + " of " + result.total +
        (result.score === result.total ? ". Well done!" : ". Read the explanations and try again.");
    });
  }

  function showQuiz(state) {
    var quiz = document.querySelector(".pb-quiz[data-pb-quiz]");
    if (!quiz) { return; }
    var result = state.quizzes[quiz.getAttribute("data-pb-quiz")];
    var valid = result && result.fp === quiz.getAttribute("data-pb-fp");
    all("input[data-pb-question]").forEach(function (input) {
      var picked = valid && result.answers[input.getAttribute("data-pb-question")];
      input.checked = Boolean(picked) && picked.indexOf(input.value) >= 0;
    });
    if (valid) {
      showFeedback(result);
    } else {
      clearFeedback();
      if (result) {
        all("[data-pb-score]").forEach(function (node) {
          node.textContent = "This quiz changed since you took it: please take it again.";
        });
      }
    }
  }

  function markQuiz(quiz) {
    var byQuestion = questionInputs();
    var questions = Object.keys(byQuestion);
    var score = questions.filter(function (question) { return isRight(byQuestion[question]); }).length;
    return {
      fp: quiz.getAttribute("data-pb-fp"),
      answers: quizAnswers(),
      score: score,
      total: questions.length
    };
  }

  /* ---------------------------------------------------------------- one page */

  function setup() {
    var store = document.querySelector(".pb-store[data-pb-store]");
    if (!store) { return; }
    var id = store.getAttribute("data-pb-store");
    var version = store.getAttribute("data-pb-version");
    var labelNode = document.querySelector("[data-pb-version-label]");
    var label = labelNode ? labelNode.textContent : "";
    var stored = readState(id);
    var pending = stored && stored.version !== version && hasProgress(stored) ? stored : null;
    var state = stored && stored.version === version ? stored : emptyState(version, label);
    var notice = document.querySelector("[data-pb-notice]");

    function show() {
      if (notice) { notice.hidden = !pending; }
      all("[data-pb-saved-version]").forEach(function (node) {
        node.textContent = pending && pending.label ? pending.label : "an earlier one";
      });
      showTasks(state);
      showChanges(state);
      showBars(state);
      showModuleStatus(state);
    }

    function save() {
      pending = null;
      state.version = version;
      state.label = label;
      writeState(id, state);
      show();
    }

    /* Progress from an earlier version becomes this version's, remembering where it came
     * from so that what changed since is offered for acknowledgement. */
    function adopt() {
      if (!pending) { return; }
      state = pending;
      state.from = state.label || "an earlier version";
    }

    function carryOver() {
      adopt();
      save();
      showQuiz(state);
    }

    function startAgain() {
      state = emptyState(version, label);
      save();
      showQuiz(state);
    }

    all("input[data-pb-task]").forEach(function (input) {
      input.addEventListener("change", function () {
        adopt();
        var key = input.getAttribute("data-pb-task");
        if (input.checked) { state.ticks[key] = input.getAttribute("data-pb-fp"); } else { delete state.ticks[key]; }
        save();
      });
    });
    all("input[data-pb-question]").forEach(function (input) {
      input.addEventListener("change", function () {
        var item = input.closest("li");
        if (item) { item.classList.remove("pb-right", "pb-wrong", "pb-missed"); }
      });
    });
    all('[data-pb-action="check-quiz"]').forEach(function (button) {
      button.addEventListener("click", function () {
        var quiz = document.querySelector(".pb-quiz[data-pb-quiz]");
        if (!quiz) { return; }
        adopt();
        var result = markQuiz(quiz);
        state.quizzes[quiz.getAttribute("data-pb-quiz")] = result;
        save();
        showFeedback(result);
      });
    });
    all('[data-pb-action="carry-over"]').forEach(function (button) {
      button.addEventListener("click", carryOver);
    });
    all('[data-pb-action="start-again"]').forEach(function (button) {
      button.addEventListener("click", startAgain);
    });
    /* Reset asks in the page rather than with a dialog, which a phone may block. */
    function askReset(asking) {
      all("[data-pb-reset-confirm]").forEach(function (node) { node.hidden = !asking; });
    }
    all('[data-pb-action="reset"]').forEach(function (button) {
      button.addEventListener("click", function () { askReset(true); });
    });
    all('[data-pb-action="reset-cancel"]').forEach(function (button) {
      button.addEventListener("click", function () { askReset(false); });
    });
    all('[data-pb-action="reset-confirm"]').forEach(function (button) {
      button.addEventListener("click", function () {
        forgetState(id);
        pending = null;
        state = emptyState(version, label);
        askReset(false);
        show();
        showQuiz(state);
      });
    });
    show();
    showQuiz(pending ? emptyState(version, label) : state);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
