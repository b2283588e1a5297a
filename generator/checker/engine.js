/* The draft checker's matching engine, in the browser.
 *
 * This is generator/checker/engine.py (and text.py) in JavaScript, step for step and in
 * the same order: keep the two identical. tests/data/drafts.yaml runs through both and
 * compares the JSON. Patterns and constants are not written here: shared.py declares them
 * for both engines and they arrive in the rules document. Offsets are UTF-16 here; every
 * position and length reported is in code points, as Python counts them. No YAML text
 * ever reaches the DOM from here. It ships inside the Python package, not among the
 * templates a team may override, and the site serves it as
 * assets/playbook/checker-engine.js (render/pages/checker.py).
 */
(function (root) {
  "use strict";

  /* Every pattern and constant comes from the rules document ("patterns": {name: {source,
   * flags}} and "constants"), declared once in generator/checker/shared.py for both engines;
   * this file defines none of its own. Compiled once per document. */
  var compiledFor = new WeakMap();
  function shared(rules) {
    var found = compiledFor.get(rules);
    if (!found) {
      var re = {};
      Object.keys(rules.patterns).forEach(function (name) {
        re[name] = new RegExp(rules.patterns[name].source, rules.patterns[name].flags);
      });
      found = { re: re, k: rules.constants, folded: new Map(), packs: new Map() };
      compiledFor.set(rules, found);
    }
    return found;
  }

  function own(object, key) {
    return object !== null && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  }
  function cpLength(text) { var n = 0; for (var _ of text) n++; return n; }
  function strip(sh, text) { return text.replace(sh.re.edge_space, ""); }
  function fold(text) { return text.normalize("NFKC").toLowerCase(); }
  /* Python's stemmer, on code points. */
  function stem(sh, word) {
    if (sh.k.no_stem.indexOf(word) >= 0) return word;
    var w = Array.from(word), suffixes = sh.k.suffixes;
    if (w.length > 3) {
      var tail = w.slice(-4).join("");
      for (var i = 0; i < suffixes.length; i++) {
        var suffix = suffixes[i];
        if (tail.endsWith(suffix) && w.length - suffix.length >= 2 && !(suffix === "s" && tail.endsWith("ss"))) {
          w.length -= suffix.length;
          break;
        }
      }
    }
    var n = w.length;
    if (n >= 4 && w[n - 1] === w[n - 2]) w.length = --n;
    if (n >= 3 && w[n - 1] === "e") w.length = --n;
    if (n >= 3 && w[n - 1] === "i") w[n - 1] = "y";
    return w.join("");
  }
  function wordForm(sh, word) { return fold(word.replace(sh.re.line_hyphen, "")); }
  function wordKey(sh, word) { return stem(sh, wordForm(sh, word)); }
  function formatMessage(sh, template, values) {
    return template.replace(sh.re.placeholder, function (_, name) { return String(values[name]); });
  }
  function matches(pattern, text) {
    var found = [], m;
    pattern.lastIndex = 0;
    while ((m = pattern.exec(text)) !== null) found.push(m);
    return found;
  }
  function leet(sh, text) {
    return Array.from(text).map(function (c) { var v = own(sh.k.leet, c); return v === undefined ? c : v; }).join("");
  }
  /* text.py's fold_char: one character as matching reads it (remembered per rules document). */
  function foldChar(sh, c) {
    if (c < "\x80") return c.toLowerCase();
    var found = sh.folded.get(c);
    if (found === undefined) {
      found = sh.re.format_char.test(c) ? "" :
        c.normalize("NFKC").toLowerCase().normalize("NFD").replace(sh.re.mark, "");
      sh.folded.set(c, found);
    }
    return found;
  }
  /* text.py's read(): the reading, and for each of its UTF-16 units the original span it came from;
   * with `bidi` and an explicit direction control in the text, in the order a reader sees it. */
  function read(sh, text, table, bidi) {
    var out = [], starts = [], ends = [], offset = 0, items = [], explicit = false;
    for (var c of text) {
      items.push([offset, c]);
      if (bidi) { var kind = own(bidi, c); if (kind !== undefined && NOT_EXPLICIT.indexOf(kind) < 0) explicit = true; }
      offset += c.length;
    }
    var shown = [];
    if (explicit) { var visual = visualOrder(sh, items); items = visual[0]; shown = visual[1]; }
    items.forEach(function (item) {
      for (var d of foldChar(sh, item[1])) {
        var mapped = own(table, d);
        if (mapped === undefined) mapped = d;
        out.push(mapped);
        for (var u = 0; u < mapped.length; u++) { starts.push(item[0]); ends.push(item[0] + item[1].length); }
      }
    });
    return { text: out.join(""), starts: starts, ends: ends, reversed: shown };
  }
  function spanOf(reading, start, end) {
    if (!reading.reversed.length) return [reading.starts[start], reading.ends[end - 1]];
    return [Math.min.apply(null, reading.starts.slice(start, end)), Math.max.apply(null, reading.ends.slice(start, end))];
  }
  /* text.py's visual_order: UAX #9's explicit levels (X1-X8), neutrals (N1, N2), trailing
   * whitespace (L1) and the reordering of levels (L2), on [offset, character] items. */
  var NOT_EXPLICIT = ["B", "S", "WS", "CS", "ES"], OPENERS = ["RLE", "LRE", "RLO", "LRO", "RLI", "LRI", "FSI"];
  function visualOrder(sh, items) {
    var bidi = sh.k.bidi, order = [], shown = [], line = [], stack = [[0, null, false]];
    var flush = function () { reorderLine(atParagraphLevel(bidi, resolvedLine(bidi, line)), order, shown); };
    items.forEach(function (item) {
      var kind = own(bidi, item[1]), top = stack[stack.length - 1], level = top[0], override = top[1];
      if (kind === "B") {
        line.push([item, 0, "L"]);
        flush();
        line = []; stack = [[0, null, false]];
      } else if (OPENERS.indexOf(kind) >= 0) {
        var odd = kind[0] === "R", next = level + ((level % 2 === 0) === odd ? 1 : 2);
        if (next <= 125) stack.push([next, kind === "RLO" ? "R" : kind === "LRO" ? "L" : null, kind.slice(1) === "LI" || kind === "FSI"]);
      } else if (kind === "PDI") {
        if (stack.some(function (e) { return e[2]; })) { while (!stack.pop()[2]) { /* to the isolate */ } }
      } else if (kind === "PDF") {
        if (stack.length > 1 && !stack[stack.length - 1][2]) stack.pop();
      } else {
        var c = item[1], kind = c >= "0" && c <= "9" ? "EN" : sh.re.strong.test(c) ? "L" : null;
        line.push([item, level, override || kind]);
      }
    });
    flush();
    return [order, shown];
  }
  function resolvedLine(bidi, line) {
    var directions = line.map(function (x) { return x[2]; }), i = 0, strong = "L";
    for (var w = 1; w < line.length - 1; w++) {
      var cls = own(bidi, line[w][0][1]);
      if (directions[w] === null && (cls === "CS" || cls === "ES") && line[w - 1][2] === "EN" && line[w + 1][2] === "EN") {
        directions[w] = "EN";
      }
    }
    directions.forEach(function (d, k) {
      if (d === "L" || d === "R") strong = d;
      else if (d === "EN" && strong === "L") directions[k] = "L";
    });
    var rtl = function (d) { return d === "R" || d === "EN"; };
    while (i < line.length) {
      if (directions[i] !== null) { i++; continue; }
      var j = i;
      while (j < line.length && directions[j] === null) j++;
      var before = i && rtl(directions[i - 1]) ? "R" : "L", after = j < line.length && rtl(directions[j]) ? "R" : "L";
      for (var k = i; k < j; k++) directions[k] = before === after ? before : (line[k][1] % 2 ? "R" : "L");
      i = j;
    }
    return line.map(function (x, n) {
      var d = directions[n], lift = d === "EN" ? (x[1] % 2 === 0 ? 2 : 1) : ((x[1] % 2 === 1) !== (d === "R") ? 1 : 0);
      return [x[0], x[1] + lift];
    });
  }
  function atParagraphLevel(bidi, line) {
    var trailing = true;
    for (var i = line.length - 1; i >= 0; i--) {
      var kind = own(bidi, line[i][0][1]);
      if (kind === "B" || kind === "S") trailing = true;
      else if (kind !== "WS") trailing = false;
      if (trailing) line[i] = [line[i][0], 0];
    }
    return line;
  }
  function reorderLine(line, order, shown) {
    var items = line.slice(), top = 0;
    items.forEach(function (x) { top = Math.max(top, x[1]); });
    for (var level = top; level > 0; level--) {
      var i = 0;
      while (i < items.length) {
        if (items[i][1] < level) { i++; continue; }
        var j = i;
        while (j < items.length && items[j][1] >= level) j++;
        var part = items.slice(i, j).reverse();
        for (var k = 0; k < part.length; k++) items[i + k] = part[k];
        i = j;
      }
    }
    items.forEach(function (x) { order.push(x[0]); });
    line.forEach(function (x) { if (x[1] % 2) shown.push(x[0][0]); });
  }
  /* engine.py's _leet_readings: shared.LEET, then every combination of LEET_ALSO's other letters (at most three). */
  function leetReadings(sh, run) {
    var chars = Array.from(run), plain = Array.from(leet(sh, run)), places = [], readings = [plain.join("")];
    chars.forEach(function (c, i) { if (own(sh.k.leet_also, c) !== undefined && places.length < 3) places.push(i); });
    for (var mask = 1; mask < (1 << places.length); mask++) {
      var letters = plain.slice();
      places.forEach(function (i, bit) { if ((mask >> bit) & 1) letters[i] = sh.k.leet_also[chars[i]]; });
      readings.push(letters.join(""));
    }
    return readings;
  }
  /* engine.py's _leet: a word of letters and digits with the digits read as letters. */
  function leetWord(sh, word) { return sh.re.leet_word.test(word) ? leet(sh, word) : word; }
  /* engine.py's first_ending_after: the index of the first span ending after offset (spans
   * with starts and ends increasing), found by search so that asking per finding stays linear. */
  function firstEndingAfter(spans, offset) {
    var lo = 0, hi = spans.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (spans[mid][1] <= offset) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function overlaps(spans, start, end) {
    var i = firstEndingAfter(spans, start);
    return i < spans.length && spans[i][0] < end;
  }
  /* The first index of a non-decreasing list of numbers that is >= value (Python's bisect_left). */
  function bisectLeft(values, value) {
    var lo = 0, hi = values.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (values[mid] < value) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function firstWords(phrases) {
    var firsts = new Set();
    Object.keys(phrases).forEach(function (p) { firsts.add(p.split(" ")[0]); });
    return firsts;
  }
  function squeeze(word) {
    var w = Array.from(word);
    return w.filter(function (c, i) { return i === 0 || w[i - 1] !== c; }).join("");
  }
  function longestRun(word) {
    var w = Array.from(word), best = 0, run = 0;
    for (var i = 0; i < w.length; i++) { run = i && w[i - 1] === w[i] ? run + 1 : 1; best = Math.max(best, run); }
    return best;
  }
  function wordsOf(sh, text) { return matches(sh.re.word, text).map(function (m) { return m[0]; }); }
  /* engine.py's day_number: days since 1970-01-01 (Hinnant's days_from_civil). */
  function dayNumber(year, month, day) {
    var y = year - (month <= 2 ? 1 : 0);
    var era = Math.floor((y >= 0 ? y : y - 399) / 400), yoe = y - era * 400;
    var doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
    var doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }

  // Mirrors crisis_covers in engine.py: switched on, in scope, and at or after since, before until.
  function crisisCovers(rules, account, at) {
    var crisis = rules.crisis, found = own(rules.accounts, account);
    if (!found || !found.crisis) return false;
    if (!at) return true;
    return (crisis.since_utc === null || crisis.since_utc <= at.utc) &&
      (crisis.until_utc === null || at.utc < crisis.until_utc);
  }

  function Check(rules, text, account, media, author, at, reply) {
    this.rules = rules; this.text = text; this.accountId = account; this.sh = shared(rules); this.reply = !!reply;
    this.account = own(rules.accounts, account);
    if (!this.account) throw new Error("unknown account " + account);
    this.media = media || []; this.author = author || null; this.at = at || null;
    this.crisis = crisisCovers(rules, account, this.at) ? rules.crisis : null;
    this.reading = read(this.sh, text, rules.lookalikes, rules.constants.bidi);
    this.findings = {};
    this.lineStarts = [0];
    // pairs[i]: surrogate pairs completed before UTF-16 offset i, so a column in code points is a subtraction.
    this.pairs = new Int32Array(text.length + 1);
    for (var i = 0; i < text.length; i++) {
      if (text[i] === "\n") this.lineStarts.push(i + 1);
      var code = text.charCodeAt(i);
      this.pairs[i + 1] = this.pairs[i] + (code >= 0xDC00 && code <= 0xDFFF && i &&
        text.charCodeAt(i - 1) >= 0xD800 && text.charCodeAt(i - 1) <= 0xDBFF ? 1 : 0);
    }
    this.links = this.findLinks();
    this.linkStarts = this.links.map(function (l) { return l[0]; });
    this.triggers = []; this.mentioned = []; this.incident = false; this.disclosures = {}; this.promoted = null;
    this.hashtags = this.outsideLinks(this.sh.re.hashtag);
    this.mentions = this.outsideLinks(this.sh.re.mention);
    this.dates = this.active("calendar", this.dateActive);
    this.events = this.active("watchlist", this.eventActive);
    this.wordList = []; this.forms = []; this.unless = {};
  }

  Check.prototype.run = function () {
    this.empty(); this.terms(); this.hashtagTerms(); this.disguisedRuns(); this.spaced(); this.packLexicons();
    this.disclosureTags(); this.tragicPromotion();
    this.limits(); this.style(); this.mediaRules(); this.publisher();
    var route = this.route(), levels = this.sh.k.levels;
    var findings = Object.keys(this.findings).map(function (k) { return this.findings[k]; }, this);
    findings.sort(function (a, b) {
      return levels.indexOf(b.level) - levels.indexOf(a.level) || (a.line === null) - (b.line === null) ||
        (a.line || 0) - (b.line || 0) ||
        (a.column || 0) - (b.column || 0) || cmp(a.rule, b.rule) || cmp(a.ref || "", b.ref || "");
    });
    var level = findings.length ? levels.indexOf(findings[0].level) : 0;
    if (findings.length && this.sh.k.approval_rules.indexOf(findings[0].rule) >= 0) findings = reasonsFirst(this.sh, findings);
    return { verdict: this.sh.k.verdicts[levels[level]], account: this.accountId, findings: findings, route: route };
  };
  /* engine.py's reasons_first: when an approval rule decides, what would decide without it comes first. */
  function reasonsFirst(sh, findings) {
    var isRule = function (f) { return sh.k.approval_rules.indexOf(f.rule) >= 0; };
    return findings.filter(function (f) { return !isRule(f); }).concat(findings.filter(isRule));
  }
  /* Strings in code point order, as Python sorts them (UTF-16 puts U+E000..U+FFFF after astral characters). */
  function cmp(a, b) {
    for (var i = 0; i < a.length && i < b.length; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x !== y) return codePointRank(x) - codePointRank(y);
    }
    return a.length - b.length;
  }
  function codePointRank(unit) { return unit >= 0xD800 && unit <= 0xDFFF ? unit + 0x2000 : unit >= 0xE000 ? unit - 0x800 : unit; }

  Check.prototype.add = function (rule, ref, level, start, end, template, page, values) {
    var at = end ? this.position(start) : [null, null];
    var key = rule + "\u0000" + (ref === null ? "\u0001" : ref) + "\u0000" + at[0] + ":" + at[1];
    if (own(this.findings, key)) return null;
    var match = end ? this.text.slice(start, end) : null;
    var message = formatMessage(this.sh, this.rules.messages[template], Object.assign({ match: match }, values || {}));
    var finding = { rule: rule, ref: ref, level: level, message: message,
      line: at[0], column: at[1], length: match === null ? 0 : cpLength(match), match: match, page: page };
    this.findings[key] = finding;
    return finding;
  };
  /* engine.py's _empty: no text and no media is "revise", on every path. */
  Check.prototype.empty = function () {
    if (!strip(this.sh, this.text) && !this.media.length) {
      this.add("post.empty", null, "revise", 0, 0, "post.empty", this.page("voice"));
    }
  };
  Check.prototype.position = function (offset) {
    var lo = 0, hi = this.lineStarts.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (this.lineStarts[mid] <= offset) lo = mid; else hi = mid - 1; }
    var start = this.lineStarts[lo];
    return [lo + 1, offset - start - (this.pairs[offset] - this.pairs[start]) + 1];
  };
  Check.prototype.page = function (family) { return this.rules.pages[family]; };
  Check.prototype.findLinks = function () {
    var tailOf = this.sh.re.link_tail;
    return matches(this.sh.re.link, this.text).map(function (m) {
      var tail = tailOf.exec(m[0]);
      return [m.index, m.index + m[0].length - (tail ? tail[0].length : 0)];
    });
  };
  /* Links come in order and never overlap: only the last one starting at or before offset can hold it. */
  Check.prototype.inLink = function (offset) {
    var i = bisectLeft(this.linkStarts, offset + 1) - 1;
    return i >= 0 && offset < this.links[i][1];
  };
  Check.prototype.outsideLinks = function (pattern) {
    var self = this;
    return matches(pattern, this.text).filter(function (m) { return !self.inLink(m.index); })
      .map(function (m) { return [m.index, m.index + m[0].length, m[1]]; });
  };
  Check.prototype.inScope = function (item) {
    return (!item.accounts.length || item.accounts.indexOf(this.accountId) >= 0) &&
      (!item.tiers.length || item.tiers.indexOf(this.account.tier) >= 0);
  };
  Check.prototype.active = function (section, isActive) {
    if (!this.at) return [];
    var items = this.rules[section], self = this;
    return Object.keys(items).sort(cmp).filter(function (id) {
      return self.inScope(items[id]) && isActive.call(self, items[id]);
    });
  };
  Check.prototype.dateActive = function (day) {
    var parts = this.at.date.split("-").map(Number), today = dayNumber(parts[0], parts[1], parts[2]);
    if (day.occurrences !== undefined) return this.occurrence(day) !== null;
    var years = day.year ? [day.year] : [parts[0] - 1, parts[0], parts[0] + 1];
    return years.some(function (y) {
      var distance = today - dayNumber(y, day.month, day.day);
      return -day.before <= distance && distance <= day.after;
    });
  };
  /* engine.py's _occurrence: the date of a movable day whose window holds the post, or null. */
  Check.prototype.occurrence = function (day) {
    var parts = this.at.date.split("-").map(Number), today = dayNumber(parts[0], parts[1], parts[2]);
    for (var i = 0; i < day.occurrences.length; i++) {
      var d = day.occurrences[i].split("-").map(Number), distance = today - dayNumber(d[0], d[1], d[2]);
      if (-day.before <= distance && distance <= day.after) return day.occurrences[i];
    }
    return null;
  };
  Check.prototype.dateText = function (item) {
    if (item.occurrences !== undefined && this.at) return this.occurrence(item) || item.date;
    return item.date || "";
  };
  Check.prototype.eventActive = function (event) { return event.since <= this.at.utc && this.at.utc < event.expires; };

  Check.prototype.terms = function () {
    var sh = this.sh, self = this, reading = this.reading, rules = this.rules, words = [], places = [];
    var addresses = matches(sh.re.address, this.text).map(function (m) { return [m.index, m.index + m[0].length]; });
    matches(sh.re.word, reading.text).forEach(function (m) {
      var span = spanOf(reading, m.index, m.index + m[0].length);
      if (!self.inLink(span[0]) && !overlaps(addresses, span[0], span[0] + 1) && !(m.index && reading.text[m.index - 1] === "@")) {
        words.push([span[0], span[1], m[0]]);
        places.push([m.index, m.index + m[0].length]);
      }
    });
    this.wordList = words;
    var known = new Map();  // each distinct word keyed once
    words.forEach(function (w) {
      if (!known.has(w[2])) known.set(w[2], [wordKey(sh, w[2]), wordForm(sh, w[2])]);
    });
    var keys = words.map(function (w) { return known.get(w[2])[0]; });
    this.forms = words.map(function (w) { return known.get(w[2])[1]; });
    this.unlessPlaces(keys);
    this.match(words, keys, null, [], [], 1);
    this.leetPhrases(words);
    this.glued(words, places);
  };

  /* engine.py's _match: every term whose words are keys[i:i+n]; the indices of the words found. */
  Check.prototype.match = function (words, keys, changed, disguise, skip, shortest) {
    var rules = this.rules, sh = this.sh, hit = {};
    var skipped = function (entry) { return skip.some(function (x) { return x.kind === entry.kind && x.ref === entry.ref; }); };
    for (var i = 0; i < words.length; i++) {
      var found = false;
      for (var p = 0; p < rules.phrase_lengths.length; p++) {
        var n = rules.phrase_lengths[p];
        if (i + n > words.length) break;
        if (n < shortest || (changed !== null && !inRange(changed, i, i + n))) continue;
        var entries = own(rules.terms, keys.slice(i, i + n).join(" ")) || [];
        for (var e = 0; e < entries.length; e++) {
          found = true;
          for (var k = i; k < i + n; k++) hit[k] = true;
          if (skipped(entries[e])) continue;
          var foundIn = words.slice(i, i + n).map(function (w) { return w[2]; }), span = spanOfWords(words.slice(i, i + n));
          this.onTerm(entries[e], span[0], span[1], disguise.length ? foundIn.join(" ") : null, disguise.slice(), foundIn);
        }
      }
      if (changed === null && !found && longestRun(words[i][2]) >= sh.k.repeat_min) {
        var plain = squeeze(words[i][2]), single = this.single(plain);
        for (var s = 0; s < single.length; s++) {
          if (!skipped(single[s])) this.onTerm(single[s], words[i][0], words[i][1], plain, ["repeated"]);
        }
      }
    }
    return hit;
  };
  /* engine.py's _span: consecutive words' span in the text, whatever order they were read in. */
  function spanOfWords(words) {
    return [Math.min.apply(null, words.map(function (w) { return w[0]; })),
      Math.max.apply(null, words.map(function (w) { return w[1]; }))];
  }
  function inRange(changed, from, to) { for (var i = from; i < to; i++) if (changed[i]) return true; return false; }
  function changedWords(sh, words) {
    var leeted = words.map(function (w) { return [w[0], w[1], leetWord(sh, w[2])]; }), changed = null;
    leeted.forEach(function (w, i) { if (w[2] !== words[i][2]) { changed = changed || {}; changed[i] = true; } });
    return [leeted, changed];
  }

  Check.prototype.leetPhrases = function (words) {
    var sh = this.sh, found = changedWords(sh, words);
    if (found[1]) this.match(found[0], found[0].map(function (w) { return wordKey(sh, w[2]); }), found[1], ["leet"], [], 2);
  };

  /* engine.py's _glued: once with every kind of split, once with symbols only. */
  Check.prototype.glued = function (words, places) {
    var done = [], self = this;
    [this.sh.re.glue, this.sh.re.glue_symbol].forEach(function (glue) {
      var groups = [];
      for (var i = 0; i < words.length; i++) {
        if (i && glue.test(self.reading.text.slice(places[i - 1][1], places[i][0]))) groups[groups.length - 1].push(i);
        else groups.push([i]);
      }
      var key = JSON.stringify(groups);
      if (done.indexOf(key) < 0) { done.push(key); self.gluedGroups(words, groups); }
    });
  };

  Check.prototype.gluedGroups = function (words, groups) {
    var sh = this.sh, changed = null, g;
    groups.forEach(function (group, n) { if (group.length > 1) { changed = changed || {}; changed[n] = true; } });
    if (!changed) return;
    var text = function (group, by) { return leetWord(sh, group.map(function (k) { return words[k][2]; }).join(by)); };
    var joined = groups.map(function (group) {
      var span = spanOfWords(group.map(function (k) { return words[k]; }));
      return [span[0], span[1], text(group, "")];
    });
    var hit = this.match(joined, joined.map(function (w) { return wordKey(sh, w[2]); }), changed, ["symbol"], [], 1);
    var left = Object.keys(changed).map(Number).filter(function (n) { return !hit[n]; }).sort(function (a, b) { return a - b; });
    for (var l = 0; l < left.length; l++) {
      g = left[l];
      var forms = this.masked(text(groups[g], "?"));
      for (var f = 0; f < forms.length; f++) {
        var entries = this.rules.terms[this.rules.masked_forms[forms[f]]];
        for (var e = 0; e < entries.length; e++) this.onTerm(entries[e], joined[g][0], joined[g][1], forms[f], ["masked"]);
      }
    }
  };

  Check.prototype.masked = function (wild) {
    var w = Array.from(wild), unknown = w.filter(function (c) { return c === "?"; }).length;
    if (w.length - unknown < 3 || unknown > (w.length <= 6 ? 1 : 2)) return [];
    return Object.keys(this.rules.masked_forms).sort(cmp).filter(function (form) {
      var f = Array.from(form);
      return f.length === w.length && w.every(function (c, k) { return c === "?" || c === f[k]; });
    });
  };

  Check.prototype.unlessPlaces = function (keys) {
    var words = this.wordList, rules = this.rules, firsts = firstWords(rules.unless);
    for (var i = 0; i < words.length; i++) {
      if (!firsts.has(keys[i])) continue;
      for (var u = 0; u < rules.unless_lengths.length; u++) {
        var n = rules.unless_lengths[u], key = keys.slice(i, i + n).join(" ");
        if (i + n <= words.length && own(rules.unless, key) !== undefined) {
          (this.unless[key] = own(this.unless, key) || []).push([words[i][0], words[i + n - 1][1]]);
        }
      }
    }
  };

  Check.prototype.single = function (word) {
    var terms = this.rules.terms, key = wordKey(this.sh, word);
    if (own(terms, key) !== undefined) return terms[key].slice();
    var squeezed = squeeze(key);
    return (own(terms, squeezed) || own(terms, own(this.rules.squeezed, squeezed) || "") || []).slice();
  };

  Check.prototype.excused = function (entry, start, end) {
    var unless = entry.unless || [], sh = this.sh;
    for (var i = 0; i < unless.length; i++) {
      if (overlaps(own(this.unless, unless[i]) || [], start, end)) return true;
    }
    if (entry.case) {
      var upper = matches(sh.re.letters, this.text.slice(start, end)).map(function (m) { return sh.re.upper.test(m[0]); });
      var shape = upper.length > 1 && upper.every(Boolean) ? "upper" : upper.length && upper[0] ? "title" : "lower";
      return shape !== entry.case;
    }
    return false;
  };

  Check.prototype.onTerm = function (entry, start, end, reading, disguise, words, whole) {
    if (this.excused(entry, start, end)) return;
    if (entry.exact !== undefined && !whole && !this.asWritten(entry, start, end, reading, words, disguise)) return;
    if (entry["with"] !== undefined && !this.inContext(entry, start, end)) return;
    if (this.aName(start, end) || this.anotherWord(start, end)) return;
    var finding = this.termFinding(entry, start, end);
    if (!finding) return;
    var how = this.disguises(start, end, disguise), messages = this.rules.messages;
    if (how.length) {
      var readAs = reading !== null ? reading : this.readingOf(start, end);
      finding.reads_as = readAs; finding.disguise = how;
      var self = this, words = this.sh.k.disguises.filter(function (d) { return how.indexOf(d[0]) >= 0; })
        .map(function (d) { return d[1] + (d[0] === "lookalike" ? self.lookalikeExample(start, end) : ""); }).join(", ");
      finding.message += formatMessage(this.sh, messages.disguise, { match: finding.match, reading: readAs, how: words });
    } else if (entry.where && finding.level !== "info") {
      finding.explain = formatMessage(this.sh, messages.explain, { match: finding.match, what: entry.term,
        phrase: this.around(start, end, entry), where: entry.where });
    }
  };

  Check.prototype.asWritten = function (entry, start, end, reading, words, disguise) {
    var sh = this.sh, found = words || wordsOf(sh, reading !== null ? reading : this.readingOf(start, end));
    var form = found.map(function (w) { return wordForm(sh, w); }).join(" ");
    if (disguise.indexOf("repeated") >= 0) return squeeze(form) === squeeze(entry.exact);
    return form === entry.exact;
  };

  Check.prototype.inContext = function (entry, start, end) {
    var index = [];
    this.wordList.forEach(function (w, i) { if (w[0] < end && start < w[1]) index.push(i); });
    if (!index.length) return false;
    var within = entry.within, last = index[index.length - 1];
    var sides = [this.forms.slice(Math.max(index[0] - within, 0), index[0]), this.forms.slice(last + 1, last + 1 + within)];
    return entry["with"].some(function (context) {
      var wanted = context.split(" ");
      return sides.some(function (side) {
        for (var i = 0; i + wanted.length <= side.length; i++) {
          if (wanted.every(function (w, k) { return side[i + k] === w; })) return true;
        }
        return false;
      });
    });
  };

  Check.prototype.aName = function (start, end) {
    if (this.hashtags.some(function (h) { return h[0] <= start && start < h[1]; })) return false;
    var sh = this.sh, letters = matches(sh.re.letters, this.text.slice(start, end)).map(function (m) { return m[0]; });
    if (letters.length < 2 || !sh.re.upper.test(letters[0]) || letters.slice(1).some(function (c) { return sh.re.upper.test(c); })) {
      return false;
    }
    var kind = own(this.rules.names, wordForm(sh, this.readingOf(start, end)));
    return kind === "roster" || (kind === "given" && (!sh.re.sentence_start.test(this.text.slice(0, start)) || this.named(end)));
  };

  /* engine.py's _named: a possessive, an auxiliary or a past or -ing form after a name that opens a sentence. */
  Check.prototype.named = function (end) {
    var k = this.sh.k;
    if (this.sh.re.possessive.test(this.text.slice(end, end + 3))) return true;
    var i = firstEndingAfter(this.wordList, end);
    if (i >= this.wordList.length || this.wordList[i][0] < end) return false;
    var gap = this.text.slice(end, this.wordList[i][0]);
    if (!gap || strip(this.sh, gap)) return false;  // joined on ("Poppy-shaped"): one compound
    var form = this.forms[i];
    return k.name_next.indexOf(form) >= 0 ||
      (cpLength(form) > 4 && k.name_next_endings.some(function (e) { return form.endsWith(e); }));
  };

  Check.prototype.anotherWord = function (start, end) {
    var accented = this.rules.accent_words;
    return wordsOf(this.sh, this.text.slice(start, end)).some(function (w) {
      return accented.indexOf(w.normalize("NFC").toLowerCase()) >= 0;
    });
  };

  Check.prototype.lookalikeExample = function (start, end) {
    var table = this.rules.lookalikes, scripts = this.sh.k.scripts;
    for (var c of this.text.slice(start, end)) {
      var folded = Array.from(foldChar(this.sh, c));
      if (c >= "\x80" && folded.length && own(table, folded[0]) !== undefined) {
        var code = c.codePointAt(0), script = "non-Latin";
        for (var i = 0; i < scripts.length; i++) {
          if (scripts[i][0] <= code && code <= scripts[i][1]) { script = scripts[i][2]; break; }
        }
        return " (a " + script + " '" + c + "' for '" + table[folded[0]] + "')";
      }
    }
    return "";
  };

  Check.prototype.readingOf = function (start, end) {
    var r = this.reading;
    return r.text.slice(bisectLeft(r.starts, start), bisectLeft(r.starts, end));
  };

  /* engine.py's _around: the shortest run of words around the match, in its sentence, that adds a telling word. */
  Check.prototype.around = function (start, end, entry) {
    var index = [], words = this.wordList, forms = this.forms, dull = {};
    for (var at = firstEndingAfter(words, start); at < words.length && words[at][0] < end; at++) index.push(at);
    if (!index.length) return this.text.slice(start, end);
    var first = index[0], last = index[index.length - 1];
    this.rules.common_words.forEach(function (w) { dull[w] = true; });
    ((entry && entry["with"]) || []).forEach(function (c) { c.split(" ").forEach(function (w) { dull[w] = true; }); });
    forms.slice(first, last + 1).forEach(function (w) { dull[w] = true; });
    var telling = function (f) {
      return !own(dull, f) && !f.split("").every(function (c) { return "0123456789".indexOf(c) >= 0; });
    };
    for (var extra = 1; extra < 5; extra++) {
      for (var left = 0; left <= extra; left++) {
        var low = first - left, high = last + extra - left;
        if (low < 0 || high >= words.length || this.sentenceEnds(low, high)) continue;
        if (forms.slice(low, first).concat(forms.slice(last + 1, high + 1)).some(telling)) return this.phrase(low, high);
      }
    }
    return this.phrase(Math.max(first - 1, 0), Math.min(last + 1, words.length - 1));
  };
  Check.prototype.sentenceEnds = function (low, high) {
    for (var i = low; i < high; i++) {
      if (this.sh.re.sentence_end.test(this.text.slice(this.wordList[i][1], this.wordList[i + 1][0]))) return true;
    }
    return false;
  };
  Check.prototype.phrase = function (low, high) {
    return strip(this.sh, this.text.slice(this.wordList[low][0], this.wordList[high][1])).split(this.sh.re.space_run).join(" ");
  };

  Check.prototype.disguises = function (start, end, found) {
    var kinds = found.slice(), table = this.rules.lookalikes, sh = this.sh;
    if (this.reading.reversed.some(function (o) { return start <= o && o < end; })) kinds.push("reversed");
    for (var c of this.text.slice(start, end)) {
      if (c < "\x80") continue;
      var folded = foldChar(sh, c);
      if (!folded) kinds.push("invisible");
      else if (Array.from(folded).some(function (d) { return own(table, d) !== undefined; })) kinds.push("lookalike");
      else if (folded !== c.normalize("NFKC").toLowerCase()) kinds.push("accent");
      else if (folded !== c.toLowerCase()) kinds.push("styled");
    }
    return sh.k.disguises.map(function (d) { return d[0]; }).filter(function (k) { return kinds.indexOf(k) >= 0; });
  };

  Check.prototype.termFinding = function (entry, start, end) {
    var kind = entry.kind, ref = entry.ref;
    if (kind === "banned") {
      return this.add("voice.banned", ref, "revise", start, end, entry.use_instead ? "voice.banned" : "voice.banned-bare",
        this.page("vocabulary"), { reason: entry.reason, use_instead: entry.use_instead || "" });
    }
    if (kind === "caution") {
      return this.add("voice.caution", ref, "info", start, end, entry.use_instead ? "voice.caution-alt" : "voice.caution",
        this.page("vocabulary"), { reason: entry.reason, use_instead: entry.use_instead || "" });
    }
    if (kind === "profanity") {
      return this.add("voice.profanity", ref, "revise", start, end, "voice.profanity", this.page("vocabulary"));
    }
    if (kind === "preferred") {
      return this.add("voice.preferred", ref, "revise", start, end, "voice.preferred", this.page("vocabulary"),
        { reason: entry.reason, use_instead: entry.use_instead });
    }
    if (kind === "personal" && !this.account.personal_content_allowed) {
      return this.add("voice.personal", ref, "revise", start, end, "voice.personal", this.page("voice"),
        { account: this.account.name });
    }
    if (kind === "trigger") return this.onTrigger(ref, start, end);
    if (kind === "incident" && this.crisis) {
      this.incident = true;
      return this.add("crisis.incident", ref, "escalate", start, end, "crisis.incident", this.page("crisis"),
        { incident: this.crisis.incident || "" });
    }
    if (kind === "promotion") return this.onPromotion(ref, start, end);
    if (kind === "disclosure" && !own(this.disclosures, ref)) this.disclosures[ref] = [start, end];
    if (kind === "date" || kind === "event") return this.onMention(kind, ref, start, end);
    return null;
  };

  Check.prototype.onPromotion = function (ref, start, end) {
    if (this.promoted === null) this.promoted = [start, end];
    if (this.crisis && this.crisis.block_promotions) {
      return this.add("crisis.promotion", ref, "revise", start, end, "crisis.promotion", this.page("crisis"));
    }
    var groups = [["calendar", "calendar.promotion", this.dates], ["watchlist", "watchlist.promotion", this.events]];
    for (var g = 0; g < groups.length; g++) {
      for (var i = 0; i < groups[g][2].length; i++) {
        var id = groups[g][2][i], item = this.rules[groups[g][0]][id];
        if (item.pauses.indexOf("promotions") >= 0) {
          return this.add(groups[g][1], id, "approval", start, end, groups[g][1], this.page("calendar"),
            { name: item.name, date: this.dateText(item) });
        }
      }
    }
    return null;
  };

  Check.prototype.onMention = function (kind, ref, start, end) {
    var section = kind === "date" ? "calendar" : "watchlist", ids = kind === "date" ? this.dates : this.events;
    if (ids.indexOf(ref) < 0) return null;
    var item = this.rules[section][ref], rule = section + ".mention";
    this.mentioned.push([kind, ref]);
    return this.add(rule, ref, "escalate", start, end, rule, this.page("calendar"), { name: item.name,
      date: this.dateText(item), severity: this.rules.severities[item.severity].name });
  };

  Check.prototype.onTrigger = function (id, start, end) {
    var rules = this.rules, trigger = rules.triggers[id];
    if (trigger.only_accounts !== null && trigger.only_accounts.indexOf(this.accountId) < 0) return null;
    var severity = rules.severities[trigger.severity];
    var escalates = severity.rank > rules.severities[rules.severity_order[0]].rank;
    this.triggers.push([id, start]);
    return this.add("sensitivity.trigger", id, escalates ? "escalate" : "info", start, end,
      escalates ? "sensitivity.trigger" : "sensitivity.trigger-info", rules.pages.severities[trigger.severity],
      { trigger: trigger.name, severity: severity.name });
  };

  /* engine.py's _pack_lexicons: the packs' patterns (on the reading) and emoji (as written); a
     promotional entry's pattern is also a promotion. */
  Check.prototype.packLexicons = function () {
    var packs = this.rules.packs, reading = this.reading, self = this;
    packs.patterns.forEach(function (item) {
      matches(packRegex(self.sh, item.pattern), reading.text).forEach(function (m) {
        if (!m[0].length) return;
        var span = spanOf(reading, m.index, m.index + m[0].length);
        if (!self.inLink(span[0]) && self.near(item, span[0], span[1])) {
          self.onTerm({ kind: "trigger", ref: item.ref, unless: item.unless }, span[0], span[1], null, []);
          if (item.promotion) {
            self.onTerm({ kind: "promotion", ref: item.ref, unless: item.unless }, span[0], span[1], null, []);
          }
        }
      });
    });
    if (!packs.emoji_any) return;
    matches(packRegex(this.sh, packs.emoji_any), this.text).forEach(function (m) {
      var plain = m[0].replace(packRegex(self.sh, packs.modifiers), ""), end = m.index + m[0].length;
      packs.emoji.forEach(function (item) {
        if (item.emoji === plain && self.near(item, m.index, end) && !self.excused(item, m.index, end)) {
          self.onTrigger(item.ref, m.index, end);
        }
      });
    });
  };
  function packRegex(sh, source) {
    var found = sh.packs.get(source);
    if (!found) { found = new RegExp(source, "gu"); sh.packs.set(source, found); }
    return found;
  }
  /* engine.py's _near: without "with", always; else one of its words within "within" words either side. */
  Check.prototype.near = function (item, start, end) {
    if (item["with"] === undefined) return true;
    var first = firstEndingAfter(this.wordList, start), last = first, within = item.within;
    while (last < this.wordList.length && this.wordList[last][0] < end) last++;
    var sides = [this.forms.slice(Math.max(first - within, 0), first), this.forms.slice(last, last + within)];
    return item["with"].some(function (context) {
      var wanted = context.split(" ");
      return sides.some(function (side) {
        for (var i = 0; i + wanted.length <= side.length; i++) {
          if (wanted.every(function (w, k) { return side[i + k] === w; })) return true;
        }
        return false;
      });
    });
  };
  /* engine.py's _tragic_promotion: a promotion that names a past tragedy is stopped. */
  Check.prototype.tragicPromotion = function () {
    if (this.promoted === null) return;
    var tragedies = this.rules.packs.tragedies, named = null;
    for (var i = 0; i < this.triggers.length && named === null; i++) {
      if (tragedies.indexOf(this.triggers[i][0]) >= 0) named = this.triggers[i][0];
    }
    if (named !== null) {
      this.add("tragedy.promotion", named, "revise", this.promoted[0], this.promoted[1], "tragedy.promotion",
        this.page("calendar"), { name: this.rules.triggers[named].name });
    }
  };

  Check.prototype.tagKey = function (body) { return wordsOf(this.sh, read(this.sh, body, this.rules.lookalikes).text).join(""); };

  Check.prototype.hashtagTerms = function () {
    var approved = this.rules.approved_hashtags, self = this;
    for (var i = 0; i < this.hashtags.length; i++) {
      var h = this.hashtags[i], key = this.tagKey(h[2]);
      var entries = own(this.rules.hashtag_terms, key) || [];
      for (var e = 0; e < entries.length; e++) this.onTerm(entries[e], h[0], h[1], null, [], null, true);
      var ended = this.campaignEnded("#" + key);
      if (approved.indexOf("#" + key) < 0 || ended) {
        this.hashtagWords(h[0] + 1, h[2], entries);
        this.innerWords(h[0] + 1, h[2], entries);
      }
      if (ended) {
        this.add("hashtag.ended", "#" + key, "revise", h[0], h[1], "hashtag.ended", this.page("hashtag"),
          { campaign: ended.campaign, until: ended.until, tag: ended.tag });
      } else if (approved.indexOf("#" + key) < 0) {
        this.add("hashtag.unapproved", "#" + key, "revise", h[0], h[1], "hashtag.unapproved", this.page("hashtag"));
      }
      [["calendar", "calendar.hashtag", this.dates], ["watchlist", "watchlist.hashtag", this.events]].forEach(function (g) {
        g[2].forEach(function (id) {
          var item = self.rules[g[0]][id];
          if (item.pauses.indexOf("hashtags") >= 0) {
            self.add(g[1], id, "approval", h[0], h[1], g[1], self.page("calendar"), { name: item.name, date: self.dateText(item) });
          }
        });
      });
    }
  };

  /* engine.py's _campaign_ended: an approved hashtag's campaign, when the post goes out after
   * its last day where the account posts; null otherwise (and without `at`). */
  Check.prototype.campaignEnded = function (key) {
    var campaign = own(this.rules.hashtag_campaigns, key);
    if (!campaign || !this.at || this.at.date <= campaign.until) return null;
    return campaign;
  };

  /* engine.py's _hashtag_words: the words of a CamelCase or snake_case hashtag, each where it stands. */
  Check.prototype.hashtagWords = function (offset, body, whole) {
    var sh = this.sh, table = this.rules.lookalikes, parts = matches(sh.re.hashtag_word, body);
    if (parts.length < 2) return;
    var words = parts.map(function (m) { return [offset + m.index, offset + m.index + m[0].length, read(sh, m[0], table).text]; });
    this.match(words, words.map(function (w) { return wordKey(sh, w[2]); }), null, [], whole, 1);
    var found = changedWords(sh, words);
    if (found[1]) this.match(found[0], found[0].map(function (w) { return wordKey(sh, w[2]); }), found[1], ["leet"], whole, 1);
  };

  /* engine.py's _inner_words: terms strictly inside a word of a hashtag, unless a longer
   * dictionary word holds them there (inner.py states the rule). */
  Check.prototype.innerWords = function (offset, body, whole) {
    var sh = this.sh, rules = this.rules, table = rules.lookalikes, parts = matches(sh.re.hashtag_word, body);
    var skipped = whole.map(function (e) { return e.kind + "\u0000" + e.ref; });
    for (var p = 0; p < parts.length; p++) {
      var reading = read(sh, parts[p][0], table), text = reading.text;
      for (var i = 0; i < text.length; i++) {
        if (own(rules.inner_prefixes, text.slice(i, i + rules.inner_min)) === undefined) continue;
        for (var k = 0; k < rules.inner_lengths.length; k++) {
          var n = rules.inner_lengths[k];
          if (i + n > text.length || n === text.length) break;
          var form = text.slice(i, i + n), place = own(rules.inner_forms, form);
          if (place === undefined || this.covered(text, i, i + n, form)) continue;
          var span = spanOf(reading, i, i + n), start = offset + parts[p].index + span[0];
          var end = offset + parts[p].index + span[1], entries = rules[place[0]][place[1]];
          for (var e = 0; e < entries.length; e++) {
            if (skipped.indexOf(entries[e].kind + "\u0000" + entries[e].ref) < 0) {
              this.onTerm(entries[e], start, end, form, [], [form], place[0] === "hashtag_terms");
            }
          }
        }
      }
    }
  };

  Check.prototype.covered = function (text, start, end, form) {
    var words = own(this.rules.inner_cover, form) || [];
    for (var w = 0; w < words.length; w++) {
      for (var at = Math.max(0, end - words[w].length); at <= start; at++) {
        if (text.startsWith(words[w], at)) return true;
      }
    }
    return false;
  };

  Check.prototype.disguisedRuns = function () {
    var sh = this.sh, reading = this.reading, found = matches(sh.re.run, reading.text);
    for (var i = 0; i < found.length; i++) {
      var m = found[i], run = m[0].replace(sh.re.run_tail, "");
      if (!run || run[0] === "@" || !Array.from(run).some(function (c) { return sh.k.disguise.indexOf(c) >= 0; }) ||
          !sh.re.letter.test(run)) continue;
      var span = spanOf(reading, m.index, m.index + run.length);
      if (this.inLink(span[0])) continue;
      var plain = leet(sh, run);
      if (plain.indexOf("*") >= 0) {
        var base = this.starred(plain);
        if (base !== null) {
          this.add("voice.profanity", base, "revise", span[0], span[1], "voice.profanity", this.page("vocabulary"));
        }
        continue;
      }
      var readings = leetReadings(sh, run);
      for (var r = 0; r < readings.length; r++) {
        plain = readings[r];
        var repeated = longestRun(plain) >= sh.k.repeat_min, single = this.single(plain);
        for (var e = 0; e < single.length; e++) {
          this.onTerm(single[e], span[0], span[1], repeated ? squeeze(plain) : plain, repeated ? ["leet", "repeated"] : ["leet"]);
        }
        if (single.length) break;
      }
    }
  };

  Check.prototype.spaced = function () {
    var sh = this.sh, reading = this.reading, found = matches(sh.re.spaced, reading.text);
    for (var i = 0; i < found.length; i++) {
      var m = found[i], items = matches(sh.re.spaced_item, m[0]), runs = spacedRuns(sh, items.map(function (x) { return x[0]; }));
      for (var r = 0; r < runs.length; r++) {
        var part = items.slice(runs[r][0], runs[r][1]), last = part[part.length - 1];
        var letters = leet(sh, part.map(function (x) { return x[0]; }).join("")), single = this.single(letters);
        if (!single.length) continue;
        var span = spanOf(reading, m.index + part[0].index, m.index + last.index + last[0].length);
        for (var e = 0; e < single.length; e++) this.onTerm(single[e], span[0], span[1], letters, ["spaced"]);
        break;
      }
    }
  };

  function spacedRuns(sh, letters) {
    var count = letters.length, word = function (c) { return sh.k.spaced_words.indexOf(c.toLowerCase()) >= 0; };
    var head = count && word(letters[0]) ? 1 : 0, tail = count && word(letters[count - 1]) ? 1 : 0;
    var runs = [[0, count], [head, count], [0, count - tail], [head, count - tail]], kept = [];
    runs.forEach(function (r, i) {
      var seen = runs.slice(0, i).some(function (p) { return p[0] === r[0] && p[1] === r[1]; });
      if (r[1] - r[0] >= 3 && !seen) kept.push(r);
    });
    return kept;
  }

  Check.prototype.starred = function (pattern) {
    var p = Array.from(pattern), forms = Object.keys(this.rules.profanity_forms).sort(cmp);
    for (var i = 0; i < forms.length; i++) {
      var f = Array.from(forms[i]);
      if (f.length === p.length && p.every(function (c, k) { return c === "*" || c === f[k]; })) {
        return this.rules.profanity_forms[forms[i]];
      }
    }
    return null;
  };

  /* engine.py's _disclosures: needed by a word (terms) or a linked domain; present, and in its place. */
  Check.prototype.disclosureTags = function () {
    var found = Object.assign(this.linkedDisclosures(), this.disclosures);
    var ids = Object.keys(found).sort(cmp);
    for (var i = 0; i < ids.length; i++) {
      var spec = this.rules.disclosures[ids[i]], at = found[ids[i]], place = this.tagPlace(spec);
      if (place === null) {
        var template = own(this.disclosures, ids[i]) ? "voice.disclosure" : "voice.disclosure-link";
        this.add("voice.disclosure", ids[i], "revise", at[0], at[1], template, this.page("voice"), { tag: spec.tag });
      } else if (!this.placed(place, spec.position)) {
        this.add("voice.disclosure-place", ids[i], "revise", place[0], place[1], "voice.disclosure-place",
          this.page("voice"), { tag: spec.tag, position: spec.position });
      }
    }
  };
  Check.prototype.linkedDisclosures = function () {
    var found = {}, ids = Object.keys(this.rules.disclosures).sort(cmp);
    for (var i = 0; i < ids.length; i++) {
      var domains = this.rules.disclosures[ids[i]].domains;
      for (var l = 0; l < this.links.length; l++) {
        var host = this.host(this.links[l]);
        if (domains.some(function (d) { return host === d || host.endsWith("." + d); })) {
          found[ids[i]] = this.links[l];
          break;
        }
      }
    }
    return found;
  };
  Check.prototype.host = function (link) {
    var re = this.sh.re;
    return fold(this.text.slice(link[0], link[1])).replace(re.link_scheme, "").split(re.host_end)[0];
  };
  Check.prototype.tagPlace = function (spec) {
    if (spec.hashtag !== null) {
      for (var i = 0; i < this.hashtags.length; i++) {
        var h = this.hashtags[i];
        if ("#" + this.tagKey(h[2]) === spec.hashtag) return [h[0], h[1]];
      }
      return null;
    }
    var m = new RegExp(spec.pattern, "iu").exec(this.text);
    return m ? [m.index, m.index + m[0].length] : null;
  };
  /* start: no word of the post before the tag; end: none after it (tags, mentions, links, emoji are not words). */
  Check.prototype.placed = function (place, position) {
    if (position === "anywhere") return true;
    var strip3 = function (h) { return [h[0], h[1]]; };
    var covered = this.hashtags.map(strip3).concat(this.mentions.map(strip3), this.links)
      .sort(function (a, b) { return a[0] - b[0]; });
    var words = matches(this.sh.re.word, this.text);
    for (var i = 0; i < words.length; i++) {
      var s = words[i].index, e = s + words[i][0].length;
      if (overlaps(covered, s, e) || (s < place[1] && place[0] < e)) continue;
      if (position === "start" ? s < place[0] : s >= place[1]) return false;
    }
    return true;
  };

  Check.prototype.limits = function () {
    var limits = this.account.limits, name = this.account.platform_name, self = this;
    var page = this.rules.pages.platforms[this.account.platform];
    var length = cpLength(strip(this.sh, this.text));
    if (limits.link_length) {
      this.links.forEach(function (l) { length += limits.link_length - cpLength(self.text.slice(l[0], l[1])); });
    }
    var counts = { length: length, hashtags: this.hashtags.length, mentions: this.mentions.length,
      links: this.links.length, media: this.media.length };
    var spans = { hashtags: this.hashtags, mentions: this.mentions, links: this.links };
    [["length", "max_chars"], ["hashtags", "max_hashtags"], ["mentions", "max_mentions"], ["links", "max_links"],
     ["media", "max_media"]].forEach(function (pair) {
      var what = pair[0], limit = limits[pair[1]];
      if (what === "hashtags" && self.account.limit_sources[pair[1]] === self.sh.k.house_style) return;  // style() reports it
      if (limit !== null && limit !== undefined && counts[what] > limit) {
        var span = spans[what] ? spans[what][limit] : [0, 0];
        self.add("limits." + what, null, "revise", span[0], span[1], "limits." + what, page,
          { count: counts[what], limit: limit, platform: name, limits_text: self.account.limit_texts[pair[1]] || "" });
      }
    });
  };

  Check.prototype.style = function () {
    var style = this.rules.style, page = this.page("style"), text = this.text, self = this, sh = this.sh;
    var marks = [];
    for (var i = 0; i < text.length; i++) if (text[i] === "!") marks.push([i, i + 1]);
    var emoji = matches(sh.re.emoji, text).map(function (m) { return [m.index, m.index + m[0].length]; });
    var capsMin = sh.k.caps_min, caps = [], shouted = new Map();  // each distinct word measured once
    this.wordList.forEach(function (w) {
      var word = text.slice(w[0], w[1]);
      if (!shouted.has(word)) {
        var written = matches(sh.re.letters, word).map(function (m) { return m[0]; }).join("");
        shouted.set(word, cpLength(written) >= capsMin && written === written.toUpperCase() && written !== written.toLowerCase());
      }
      if (shouted.get(word)) caps.push([w[0], w[1]]);
    });
    var hashtags = this.hashtags;
    // The account's effective hashtag limit: reported here only when the house style sets it.
    var houseHashtags = this.account.limit_sources.max_hashtags === this.sh.k.house_style ? this.account.limits.max_hashtags : null;
    [["style.exclamation", marks, style.max_exclamation_marks], ["style.emoji", emoji, style.max_emoji],
     ["style.hashtags", hashtags, houseHashtags], ["style.caps", caps, style.all_caps_words]].forEach(function (r) {
      if (r[2] !== null && r[1].length > r[2]) {
        var span = r[1][r[2]];
        self.add(r[0], null, "revise", span[0], span[1], r[0], page,
          { count: r[1].length, limit: r[2], limits_text: self.account.limit_texts.max_hashtags });
      }
    });
    var signOff = style.sign_off;
    if (signOff && this.account.sign_off && (this.reply || sh.re.reply.test(text)) && !new RegExp(signOff.pattern).test(text)) {
      this.add("style.sign-off", null, "revise", 0, 0, "style.sign-off", page, { sign_off: signOff.text, example: signOff.example });
    }
  };

  Check.prototype.mediaRules = function () {
    var rules = this.rules.media, page = this.page("media"), self = this, re = this.sh.re;
    this.media.forEach(function (item) {
      var name = String(item.file || "(unnamed)");
      self.mediaSpec(item, name);
      if (rules.alt_text_required && !strip(self.sh, String(item.alt || ""))) {
        self.add("media.alt-text", name, "revise", 0, 0, "media.alt-text", page, { file: name });
      }
      if (rules.no_images_from_messages && item.source === "message") {
        self.add("media.from-message", name, "revise", 0, 0, "media.from-message", page, { file: name });
      }
    });
    var domains = rules.approved_link_domains;
    if (!domains.length) return;
    this.links.forEach(function (l) {
      var host = self.host(l);
      if (!domains.some(function (d) { return host === d || host.endsWith("." + d); })) {
        self.add("media.link-domain", host, "revise", l[0], l[1], "media.link-domain", page);
      }
    });
  };

  /* engine.py's _media_spec and _video_spec: an attachment's facts against the account's media specs. */
  Check.prototype.mediaSpec = function (item, name) {
    var spec = this.account.media, kind = item.kind, self = this;
    var part = spec && (kind === "image" || kind === "video") ? spec[kind] : null;
    if (!part) return;
    var page = this.rules.pages.platforms[this.account.platform];
    var values = { file: name, platform: this.account.platform_name, kind: kind + "s" };
    var width = item.width, height = item.height, tolerance = this.sh.k.ratio_tolerance;
    var add = function (rule, level, extra) { self.add(rule, name, level, 0, 0, rule, page, Object.assign({}, values, extra)); };
    if (width && height) {
      values.width = width; values.height = height;
      if (part.ratios.length && !part.ratios.some(function (r) { return Math.abs(width / height - r.value) <= r.value * tolerance; })) {
        add("media.ratio", "revise", { ratios: part.ratios.map(function (r) { return r.text; }).join(" or ") });
      }
      var least = part.min_resolution;
      if (least && (width < least[0] || height < least[1])) add("media.resolution", "revise", { least: least[0] + "x" + least[1] });
      if (kind === "image" && part.sizes.length && !part.sizes.some(function (p) { return p[0] === width && p[1] === height; })) {
        add("media.size", "info", { sizes: part.sizes.map(function (p) { return p[0] + "x" + p[1]; }).join(" or ") });
      }
    }
    if (item.bytes && part.max_bytes && item.bytes > part.max_bytes) {
      add("media.bytes", "revise", { megabytes: tenths(item.bytes / 1000000), limit: tenths(part.max_megabytes) });
    }
    if (kind !== "video") return;
    var seconds = item.seconds === undefined ? null : item.seconds;
    [["media.short", part.min_seconds, -1], ["media.long", part.max_seconds, 1]].forEach(function (r) {
      if (seconds !== null && r[1] !== null && (seconds - r[1]) * r[2] > 0) {
        add(r[0], "revise", { seconds: tenths(seconds), limit: tenths(r[1]) });
      }
    });
    if (part.captions_required && item.captions !== true) {
      if (item.captions === false) add("media.captions", "revise", {});
      else add("media.captions-unknown", "info", {});
    }
    if (part.hook) add("media.hook", "info", { hook: part.hook });
  };
  /* engine.py's tenths: cut to tenths, no ".0". */
  function tenths(value) {
    var cut = Math.floor(value * 10) / 10;
    return String(cut);
  }

  Check.prototype.publisher = function () {
    if (this.reply || this.sh.re.reply.test(this.text)) {
      var repliers = this.account.repliers;
      if (this.author !== null && repliers.indexOf(this.author) < 0) {
        this.add("role.reply", this.author, "approval", 0, 0, "role.reply", this.page("roles"),
          { author: this.names([this.author]), account: this.account.name, repliers: this.names(repliers, "or") });
      }
      return;
    }
    var publishers = this.account.publishers;
    if (this.author === null || publishers.indexOf(this.author) >= 0) return;
    this.add("role.publish", this.author, "approval", 0, 0, "role.publish", this.page("roles"),
      { author: this.names([this.author]), account: this.account.name, publishers: this.names(publishers, "or") });
  };

  Check.prototype.route = function () {
    var rules = this.rules, severities = rules.severities, chosen = this.worstTrigger();
    var severityId = chosen ? rules.triggers[chosen].severity : null;
    this.mentioned.forEach(function (m) {
      var item = rules[m[0] === "date" ? "calendar" : "watchlist"][m[1]];
      if (severityId === null || severities[item.severity].rank > severities[severityId].rank) severityId = item.severity;
    });
    if (this.incident) severityId = rules.severity_order[rules.severity_order.length - 1];
    var severity = severityId ? severities[severityId] : null;
    var ladder = severity && severity.ladder ? rules.ladders[severity.ladder] : null;
    var route = {
      tier: this.account.tier, severity: severityId,
      respond_within_minutes: severity ? severity.respond_within_minutes : null,
      ladder: severity ? severity.ladder : null, steps: ladder ? ladder.steps : [],
      after_last_step: ladder ? ladder.after_last_step : null,
      notify: severity ? severity.notify : [],
      holding_statement: chosen ? rules.triggers[chosen].holding_statement : null,
      owners: this.owners(),
      approvals: [], verify: null, may_post: this.crisis ? this.crisis.may_post : null,
      publishers: this.roles(this.account.publishers), reply: this.reply, repliers: this.roles(this.account.repliers), dates: this.dates.slice(), events: this.events.slice()
    };
    this.approvals(route, severity ? severity.rank : 0);
    return route;
  };

  /* Who owns each matched trigger that names an owner, worst first, each trigger once. */
  Check.prototype.owners = function () {
    var rules = this.rules, seen = {}, found = [];
    this.triggers.forEach(function (t) {
      var owner = rules.triggers[t[0]].owner;
      if (owner !== null && !seen[t[0]]) {
        seen[t[0]] = true;
        found.push([-rules.severities[rules.triggers[t[0]].severity].rank, found.length, { trigger: t[0], owner: owner }]);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return found.map(function (f) { return f[2]; });
  };

  Check.prototype.worstTrigger = function () {
    var best = null, rules = this.rules;
    this.triggers.forEach(function (t) {
      var rank = rules.severities[rules.triggers[t[0]].severity].rank;
      if (best === null || rank > best[1]) best = [t[0], rank];
    });
    return best ? best[0] : null;
  };

  Check.prototype.approvals = function (route, rank) {
    var approvals = this.rules.approvals, tier = this.account.tier, rules = this.rules, self = this;
    var matched = this.triggers.map(function (t) { return rules.triggers[t[0]]; });
    var categories = matched.map(function (t) { return t.category; });
    var two = approvals.two_person_rule;
    if (two && two.tiers.indexOf(tier) >= 0) {
      this.need(route, "approval.two-person", two.ref, two.description, two.approvers, 1, two.name);
    }
    approvals.rules.forEach(function (rule) {
      if (rule.tiers.length && rule.tiers.indexOf(tier) < 0) return;
      if (rule.categories.length && !rule.categories.some(function (c) { return categories.indexOf(c) >= 0; })) return;
      if (rule.min_severity && rank < rules.severities[rule.min_severity].rank) return;
      self.need(route, "approval.rule", rule.id, rule.description, rule.approvers, rule.needed, rule.name);
    });
    var verify = approvals.verify;
    if (verify && matched.some(function (t) { return t.verify_first || verify.categories.indexOf(t.category) >= 0; })) {
      route.verify = { sources_required: verify.sources_required, wait_minutes: verify.wait_minutes,
        approver: verify.approver, description: verify.description };
      this.need(route, "approval.verify", "verify-before-reacting", verify.description, [verify.approver], 1, verify.name);
    }
    if (this.crisis && this.crisis.may_post.indexOf(this.author) < 0) {
      this.add("crisis.active", null, "approval", 0, 0, "crisis.active", this.page("crisis"),
        { incident: this.crisis.incident || "", who_may_post: this.crisis.who_may_post });
    }
  };

  Check.prototype.need = function (route, rule, ref, description, roles, needed, name) {
    var approvers = this.withoutAuthor(roles);
    route.approvals.push({ rule: ref, name: name, description: description, roles: approvers,
      approvers: this.roles(approvers), needed: needed });
    var finding = this.add(rule, ref, "approval", 0, 0, "approval.needed", this.page("approval"),
      { description: description, needed: needed, roles: this.names(approvers), name: name });
    if (finding) finding.roles = this.roles(approvers);
  };

  Check.prototype.withoutAuthor = function (roles) {
    var kept = [], author = this.author;
    roles.forEach(function (r) { if (r !== author && kept.indexOf(r) < 0) kept.push(r); });
    var role = author === null ? undefined : own(this.rules.roles, author);
    if (!kept.length && role && role.fallback && role.fallback !== author) kept.push(role.fallback);
    return kept;
  };

  Check.prototype.roles = function (roles) {
    var known = this.rules.roles;
    return roles.map(function (r) { var role = own(known, r); return { id: r, name: role ? role.name : r }; });
  };

  Check.prototype.names = function (roles, last) {
    var known = this.rules.roles;
    var names = roles.map(function (r) { var role = own(known, r); return role ? role.name : r; });
    if (last && names.length > 1) return names.slice(0, -1).join(", ") + " " + last + " " + names[names.length - 1];
    return names.join(", ") || "nobody";
  };

  function check(rules, text, account, media, author, at, reply) {
    return new Check(rules, text, account || rules.default_account, media, author, at, reply).run();
  }

  var api = {
    check: check, fold: fold,
    stem: function (rules, word) { return stem(shared(rules), word); },
    wordKey: function (rules, word) { return wordKey(shared(rules), word); }
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  root.PlaybookChecker = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
