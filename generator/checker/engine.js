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
      found = { re: re, k: rules.constants };
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
  function wordKey(sh, word) { return stem(sh, fold(word.replace(sh.re.line_hyphen, ""))); }
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
    return Array.from(fold(text)).map(function (c) { var v = own(sh.k.leet, c); return v === undefined ? c : v; }).join("");
  }

  function Check(rules, text, account, media, author) {
    this.rules = rules; this.text = text; this.accountId = account; this.sh = shared(rules);
    this.account = own(rules.accounts, account);
    if (!this.account) throw new Error("unknown account " + account);
    this.media = media || []; this.author = author || null;
    this.crisis = this.account.crisis ? rules.crisis : null;
    this.findings = {};
    this.lineStarts = [0];
    for (var i = 0; i < text.length; i++) if (text[i] === "\n") this.lineStarts.push(i + 1);
    this.links = this.findLinks();
    this.triggers = []; this.incident = false; this.disclosures = {};
    this.hashtags = this.outsideLinks(this.sh.re.hashtag);
    this.mentions = this.outsideLinks(this.sh.re.mention);
  }

  Check.prototype.run = function () {
    this.terms(); this.hashtagTerms(); this.profanityRuns(); this.profanitySpaced(); this.disclosureTags();
    this.limits(); this.style(); this.mediaRules();
    var route = this.route();
    var findings = Object.keys(this.findings).map(function (k) { return this.findings[k]; }, this);
    findings.sort(function (a, b) {
      return a.line - b.line || a.column - b.column || cmp(a.rule, b.rule) || cmp(a.ref || "", b.ref || "");
    });
    var level = 0, levels = this.sh.k.levels;
    findings.forEach(function (f) { level = Math.max(level, levels.indexOf(f.level)); });
    return { verdict: this.sh.k.verdicts[levels[level]], account: this.accountId, findings: findings, route: route };
  };
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
    var at = this.position(start);
    var key = rule + "\u0000" + (ref === null ? "\u0001" : ref) + "\u0000" + at[0] + ":" + at[1];
    if (own(this.findings, key)) return;
    var match = this.text.slice(start, end);
    var message = formatMessage(this.sh, this.rules.messages[template], Object.assign({ match: match }, values || {}));
    this.findings[key] = { rule: rule, ref: ref, level: level, message: message,
      line: at[0], column: at[1], length: cpLength(match), match: match, page: page };
  };
  Check.prototype.position = function (offset) {
    var lo = 0, hi = this.lineStarts.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (this.lineStarts[mid] <= offset) lo = mid; else hi = mid - 1; }
    return [lo + 1, cpLength(this.text.slice(this.lineStarts[lo], offset)) + 1];
  };
  Check.prototype.page = function (family) { return this.rules.pages[family]; };
  Check.prototype.findLinks = function () {
    var tailOf = this.sh.re.link_tail;
    return matches(this.sh.re.link, this.text).map(function (m) {
      var tail = tailOf.exec(m[0]);
      return [m.index, m.index + m[0].length - (tail ? tail[0].length : 0)];
    });
  };
  Check.prototype.inLink = function (offset) {
    return this.links.some(function (l) { return l[0] <= offset && offset < l[1]; });
  };
  Check.prototype.outsideLinks = function (pattern) {
    var self = this;
    return matches(pattern, this.text).filter(function (m) { return !self.inLink(m.index); })
      .map(function (m) { return [m.index, m.index + m[0].length, m[1]]; });
  };
  Check.prototype.words = function () {
    var self = this;
    return matches(this.sh.re.word, this.text).filter(function (m) {
      return !self.inLink(m.index) && !(m.index && self.text[m.index - 1] === "@");
    }).map(function (m) { return [m.index, m.index + m[0].length, m[0]]; });
  };

  Check.prototype.terms = function () {
    var sh = this.sh, words = this.words(), keys = words.map(function (w) { return wordKey(sh, w[2]); });
    var lengths = this.rules.phrase_lengths, longest = lengths.length ? lengths[lengths.length - 1] : 0;
    for (var i = 0; i < words.length; i++) {
      var key = "";
      for (var n = 1; n <= longest && i + n <= words.length; n++) {
        key = n === 1 ? keys[i] : key + " " + keys[i + n - 1];
        if (lengths.indexOf(n) < 0) continue;
        var entries = own(this.rules.terms, key) || [];
        for (var e = 0; e < entries.length; e++) this.onTerm(entries[e], words[i][0], words[i + n - 1][1]);
      }
    }
    this.wordList = words;
  };

  Check.prototype.onTerm = function (entry, start, end) {
    var kind = entry.kind, ref = entry.ref;
    if (kind === "banned") {
      this.add("voice.banned", ref, "revise", start, end, entry.use_instead ? "voice.banned" : "voice.banned-bare",
        this.page("vocabulary"), { reason: entry.reason, use_instead: entry.use_instead || "" });
    } else if (kind === "caution") {
      this.add("voice.caution", ref, "info", start, end, entry.use_instead ? "voice.caution-alt" : "voice.caution",
        this.page("vocabulary"), { reason: entry.reason, use_instead: entry.use_instead || "" });
    } else if (kind === "profanity") {
      this.add("voice.profanity", ref, "revise", start, end, "voice.profanity", this.page("vocabulary"));
    } else if (kind === "preferred") {
      this.add("voice.preferred", ref, "revise", start, end, "voice.preferred", this.page("vocabulary"),
        { reason: entry.reason, use_instead: entry.use_instead });
    } else if (kind === "personal") {
      if (!this.account.personal_content_allowed) {
        this.add("voice.personal", ref, "revise", start, end, "voice.personal", this.page("voice"),
          { account: this.account.name });
      }
    } else if (kind === "trigger") {
      this.onTrigger(ref, start, end);
    } else if (kind === "incident") {
      if (this.crisis) {
        this.incident = true;
        this.add("crisis.incident", ref, "escalate", start, end, "crisis.incident", this.page("crisis"),
          { incident: this.crisis.incident || "" });
      }
    } else if (kind === "promotion") {
      if (this.crisis && this.crisis.block_promotions) {
        this.add("crisis.promotion", ref, "revise", start, end, "crisis.promotion", this.page("crisis"));
      }
    } else if (kind === "disclosure") {
      if (!own(this.disclosures, ref)) this.disclosures[ref] = [start, end];
    }
  };

  Check.prototype.onTrigger = function (id, start, end) {
    var rules = this.rules, trigger = rules.triggers[id], severity = rules.severities[trigger.severity];
    var lowest = rules.severities[rules.severity_order[0]].level;
    this.triggers.push([id, start]);
    this.add("sensitivity.trigger", id, severity.level > lowest ? "escalate" : "info", start, end,
      "sensitivity.trigger", this.page("severity_prefix") + trigger.severity + "/",
      { trigger: trigger.name, severity: severity.name });
  };

  Check.prototype.hashtagTerms = function () {
    var approved = this.rules.approved_hashtags;
    for (var i = 0; i < this.hashtags.length; i++) {
      var h = this.hashtags[i], body = fold(h[2]);
      var entries = own(this.rules.hashtag_terms, body) || [];
      for (var e = 0; e < entries.length; e++) this.onTerm(entries[e], h[0], h[1]);
      if (approved.indexOf("#" + body) < 0) {
        this.add("hashtag.unapproved", "#" + body, "revise", h[0], h[1], "hashtag.unapproved", this.page("hashtag"));
      }
    }
  };

  Check.prototype.profanityRuns = function () {
    var sh = this.sh, found = matches(sh.re.run, this.text);
    for (var i = 0; i < found.length; i++) {
      var m = found[i], run = m[0].replace(sh.re.run_tail, "");
      if (!run || run[0] === "@" || !Array.from(run).some(function (c) { return sh.k.disguise.indexOf(c) >= 0; }) ||
          !sh.re.letter.test(run)) continue;
      if (this.inLink(m.index)) continue;
      var plain = leet(sh, run);
      var base = plain.indexOf("*") >= 0 ? this.starred(plain) : this.profane(plain);
      if (base !== null) {
        this.add("voice.profanity", base, "revise", m.index, m.index + run.length, "voice.profanity", this.page("vocabulary"));
      }
    }
  };

  Check.prototype.profanitySpaced = function () {
    var sh = this.sh, found = matches(sh.re.spaced, this.text);
    for (var i = 0; i < found.length; i++) {
      var m = found[i];
      var letters = leet(sh, matches(sh.re.spaced_item, m[0]).map(function (x) { return x[0]; }).join(""));
      var base = this.profane(letters);
      if (base !== null) {
        this.add("voice.profanity", base, "revise", m.index, m.index + m[0].length, "voice.profanity", this.page("vocabulary"));
      }
    }
  };

  Check.prototype.profane = function (word) {
    var entries = own(this.rules.terms, wordKey(this.sh, word)) || [];
    for (var i = 0; i < entries.length; i++) if (entries[i].kind === "profanity") return entries[i].ref;
    return null;
  };

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

  Check.prototype.disclosureTags = function () {
    var tags = this.hashtags.map(function (h) { return "#" + fold(h[2]); });
    var ids = Object.keys(this.disclosures).sort(cmp);
    for (var i = 0; i < ids.length; i++) {
      var tag = this.rules.disclosures[ids[i]].tag, at = this.disclosures[ids[i]];
      if (tags.indexOf(fold(tag)) < 0) {
        this.add("voice.disclosure", ids[i], "revise", at[0], at[1], "voice.disclosure", this.page("voice"), { tag: tag });
      }
    }
  };

  Check.prototype.limits = function () {
    var limits = this.account.limits, name = this.account.platform_name, self = this;
    var page = this.page("platform_prefix") + this.account.platform + "/";
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
    var style = this.rules.style, page = this.page("style"), text = this.text, self = this;
    var marks = [], emoji = [];
    for (var i = 0; i < text.length; i++) if (text[i] === "!") marks.push([i, i + 1]);
    var offset = 0;
    for (var c of text) {
      if (this.isEmoji(c.codePointAt(0))) emoji.push([offset, offset + c.length]);
      offset += c.length;
    }
    var capsMin = this.sh.k.caps_min;
    var caps = this.wordList.filter(function (w) {
      return cpLength(w[2]) >= capsMin && w[2] === w[2].toUpperCase() && w[2] !== w[2].toLowerCase();
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
    if (signOff && this.sh.re.reply.test(text) && !new RegExp(signOff.pattern).test(text)) {
      this.add("style.sign-off", null, "revise", 0, 0, "style.sign-off", page, { sign_off: signOff.text, example: signOff.example });
    }
  };

  Check.prototype.isEmoji = function (code) {
    var ranges = this.sh.k.emoji_ranges;
    for (var i = 0; i < ranges.length; i++) if (ranges[i][0] <= code && code <= ranges[i][1]) return true;
    return false;
  };

  Check.prototype.mediaRules = function () {
    var rules = this.rules.media, page = this.page("media"), self = this, re = this.sh.re;
    this.media.forEach(function (item) {
      var name = String(item.file || "(unnamed)");
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
      var host = fold(self.text.slice(l[0], l[1])).replace(re.link_scheme, "").split(re.host_end)[0];
      if (!domains.some(function (d) { return host === d || host.endsWith("." + d); })) {
        self.add("media.link-domain", host, "revise", l[0], l[1], "media.link-domain", page);
      }
    });
  };

  Check.prototype.route = function () {
    var rules = this.rules, chosen = this.worstTrigger();
    var severityId = chosen ? rules.triggers[chosen].severity : null;
    if (this.incident) severityId = rules.severity_order[rules.severity_order.length - 1];
    var severity = severityId ? rules.severities[severityId] : null;
    var ladder = severity ? rules.ladders[severity.ladder] : null;
    var route = {
      tier: this.account.tier, severity: severityId,
      respond_within_minutes: severity ? severity.respond_within_minutes : null,
      ladder: severity ? severity.ladder : null, steps: ladder ? ladder.steps : [],
      after_last_step: ladder ? ladder.after_last_step : null,
      notify: severity ? severity.notify : [],
      holding_statement: chosen ? rules.triggers[chosen].holding_statement : null,
      approvals: [], verify: null, may_post: this.crisis ? this.crisis.may_post : null
    };
    this.approvals(route, severity ? severity.level : 0);
    return route;
  };

  Check.prototype.worstTrigger = function () {
    var best = null, rules = this.rules;
    this.triggers.forEach(function (t) {
      var level = rules.severities[rules.triggers[t[0]].severity].level;
      if (best === null || level > best[1]) best = [t[0], level];
    });
    return best ? best[0] : null;
  };

  Check.prototype.approvals = function (route, level) {
    var approvals = this.rules.approvals, tier = this.account.tier, rules = this.rules, self = this;
    var matched = this.triggers.map(function (t) { return rules.triggers[t[0]]; });
    var categories = matched.map(function (t) { return t.category; });
    var two = approvals.two_person;
    if (two && two.tiers.indexOf(tier) >= 0) {
      this.need(route, "approval.two-person", "two-person-rule", two.description, two.approvers, 1, two.name);
    }
    approvals.rules.forEach(function (rule) {
      if (rule.tiers.length && rule.tiers.indexOf(tier) < 0) return;
      if (rule.categories.length && !rule.categories.some(function (c) { return categories.indexOf(c) >= 0; })) return;
      if (rule.min_severity && level < rules.severities[rule.min_severity].level) return;
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
        { incident: this.crisis.incident || "", roles: this.names(this.crisis.may_post) });
    }
  };

  Check.prototype.need = function (route, rule, ref, description, roles, needed, name) {
    var approvers = this.withoutAuthor(roles);
    route.approvals.push({ rule: ref, name: name, description: description, roles: approvers, needed: needed });
    this.add(rule, ref, "approval", 0, 0, "approval.needed", this.page("approval"),
      { description: description, needed: needed, roles: this.names(approvers), name: name });
  };

  Check.prototype.withoutAuthor = function (roles) {
    var kept = [], author = this.author;
    roles.forEach(function (r) { if (r !== author && kept.indexOf(r) < 0) kept.push(r); });
    var role = author === null ? undefined : own(this.rules.roles, author);
    if (!kept.length && role && role.fallback && role.fallback !== author) kept.push(role.fallback);
    return kept;
  };

  Check.prototype.names = function (roles) {
    var known = this.rules.roles;
    return roles.map(function (r) { var role = own(known, r); return role ? role.name : r; }).join(", ") || "nobody";
  };

  function check(rules, text, account, media, author) {
    return new Check(rules, text, account || rules.default_account, media, author).run();
  }

  var api = {
    check: check, fold: fold,
    stem: function (rules, word) { return stem(shared(rules), word); },
    wordKey: function (rules, word) { return wordKey(shared(rules), word); }
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  root.PlaybookChecker = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
