"""The checker's patterns and constants exist once (generator/checker/shared.py) and mean the
same in both engines: engine.js reads them from the rules document, defines no copy of its
own, and every pattern finds the same matches in node as in Python.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pytest
import regex

from generator.checker import shared
from generator.checker.document import FORMAT
from generator.checker.engine import javascript
from generator.checker.text import stem, word_key
from test_check import CASES, CHECKER, rules_for
from test_check_properties import ENGINE, NODE, run_js

KEYWORDS_BEFORE_EXPRESSION = {"return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw",
                              "instanceof"}
ESCAPE = re.compile(r"\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(.))", re.DOTALL)
SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "b": "\b", "0": "\0"}
NUMBER = re.compile(r"0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?")
NAME = re.compile(r"[\w$]+")


def _unescape(body: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2) or m.group(3)
        return chr(int(code, 16)) if code else SIMPLE_ESCAPES.get(m.group(4), m.group(4))
    return ESCAPE.sub(one, body)


def js_tokens(source: str) -> Iterator[tuple[str, str]]:
    """(kind, text) for engine.js: kinds "string" (its value), "regex", "number", "name", "punct".

    Enough of JavaScript's lexical grammar for this file: comments are skipped, and a "/"
    starts a regular expression literal wherever an expression may start.
    """
    i, previous = 0, None
    while i < len(source):
        c, token = source[i], None
        if c.isspace():
            i += 1
        elif source.startswith("//", i):
            end = source.find("\n", i)
            i = len(source) if end < 0 else end
        elif source.startswith("/*", i):
            i = source.index("*/", i) + 2
        elif c in "'\"`":
            j = i + 1
            while source[j] != c:
                j += 2 if source[j] == "\\" else 1
            token, i = ("string", _unescape(source[i + 1:j])), j + 1
        elif c == "/" and (previous is None or (previous[0] == "punct" and previous[1] not in ")]")
                           or previous[1] in KEYWORDS_BEFORE_EXPRESSION):
            j, in_class = i + 1, False
            while in_class or source[j] != "/":
                if source[j] == "\\":
                    j += 1
                elif source[j] in "[]":
                    in_class = source[j] == "["
                j += 1
            j += 1
            while j < len(source) and source[j].isalpha():
                j += 1
            token, i = ("regex", source[i:j]), j
        elif c.isdigit():
            m = NUMBER.match(source, i)
            token, i = ("number", m.group(0)), m.end()
        elif c.isalpha() or c in "_$":
            m = NAME.match(source, i)
            token, i = ("name", m.group(0)), m.end()
        else:
            token, i = ("punct", c), i + 1
        if token:
            previous = token
            yield token


TOKENS = list(js_tokens(javascript()))
# shared.py's own names (SPACE_CHARS, CAPS_MIN...) and its pattern and constant keys, upper-cased.
SHARED_NAMES = {name for name in vars(shared) if name.isupper()} | {
    name.upper() for name in [*shared.PATTERNS, *shared.CONSTANTS]}


def test_the_tokenizer_reads_the_engine_as_javascript():
    names = {text for kind, text in TOKENS if kind == "name"}
    assert {"Check", "prototype", "RegExp"} <= names
    strings = [text for kind, text in TOKENS if kind == "string"]
    assert "voice.profanity" in strings and "\u0000" in strings
    sample = list(js_tokens('x = a / b; y = /[/]\\//gu.test(z); return /a/; // c /d/\n"\\u00e9\\x41\\n"'))
    assert [t for t in sample if t[0] == "regex"] == [("regex", "/[/]\\//gu"), ("regex", "/a/")]
    assert sample[-1] == ("string", "\u00e9A\n")


def test_the_javascript_engine_writes_no_regular_expression_of_its_own():
    assert [text for kind, text in TOKENS if kind == "regex"] == []
    for at, (kind, text) in enumerate(TOKENS):
        if (kind, text) == ("name", "RegExp"):
            assert TOKENS[at - 1] == ("name", "new") and TOKENS[at + 1] == ("punct", "(")
            assert TOKENS[at + 2][0] == "name", "new RegExp takes a pattern from the rules document, never a literal"


def test_the_javascript_engine_declares_no_shared_constant():
    assert sorted(SHARED_NAMES & {text for kind, text in TOKENS if kind == "name"}) == []
    strings = [text for kind, text in TOKENS if kind == "string"]
    for text in strings:
        assert "\\p{" not in text and "\u2028" not in text and "\\u2028" not in text, text
        assert text not in {p.source for p in shared.PATTERNS.values()} | {shared.DISGUISE, shared.SPACE_CHARS}
    numbers = {int(text, 0) for kind, text in TOKENS if kind == "number"}
    assert numbers.isdisjoint(bound for low, high, _ in shared.SCRIPTS for bound in (low, high))
    for name, value in shared.CONSTANTS.items():
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            assert not _in_sequence(value), f"engine.js lists the {name} constant"
        if isinstance(value, dict):
            for key, item in value.items():
                assert not _pair_written(key, item), f"engine.js writes {key!r}: {item!r} of the {name} constant"


def _in_sequence(items: Any) -> bool:
    """Two neighbouring items of a shared list written as neighbouring literals ("ings", "ing")."""
    pairs = set(pairwise(items))
    values = [(kind, text) for kind, text in TOKENS if (kind, text) != ("punct", ",")]
    return any((a[1], b[1]) in pairs for a, b in pairwise(values) if a[0] == b[0] == "string")


def _pair_written(key: str, value: Any) -> bool:
    """`key: value` (or "key": value) in an object literal, for a string value."""
    return isinstance(value, str) and any(
        a[1] == key and a[0] in ("name", "string") and b == ("punct", ":") and c == ("string", value)
        for a, b, c in zip(TOKENS, TOKENS[1:], TOKENS[2:], strict=False))


def test_every_pattern_is_written_for_both_engines():
    for name, pattern in shared.PATTERNS.items():
        assert "u" in pattern.flags and set(pattern.flags) <= set("giu"), name
        for python_only in ("\\w", "\\W", "\\s", "\\S", "\\d", "\\D", "\\b", "\\A", "\\Z", "(?P"):
            assert python_only not in pattern.source.replace("\\\\", ""), (name, python_only)


def test_shared_word_characters_are_what_pythons_re_calls_word_characters():
    """[\\p{L}\\p{N}_] (both engines) against re's \\w, over every character Python's Unicode
    database assigns: the two engines moved to one class without a change on the command line."""
    assigned = "".join(chr(c) for c in range(sys.maxunicode + 1)
                       if unicodedata.category(chr(c)) not in ("Cn", "Cs"))
    assert regex.sub(shared.WORD_CHAR, "", assigned) == re.sub(r"\w", "", assigned)


SAMPLES = [case["text"] for case in CASES] + [
    "Ｆｕｌｌ ｗｉｄｔｈ ①② ﬁne ß İstanbul ǅ ʰ 〆 Ⅻ ² ٣ ߀ ๓ 𝟘 𐍈 🙂☕ e\u0301 _x_ a-\n b law-\t\nsuit",
    "\ufeff\u2028 lead\u3000 www.Example.COM/x?y#z). HTTPS://a.b:80/c, (http://x.y/z!?'\" <https://q.r>",
    "#tag #ta_g &#38; x#y @sam a@b.c .@d s h i t f.u.c.k $ h i t f-u-c-k sh1t!!! $hit f***ing |+@$ 1234 ALL-CAPS",
    "{count} and {match} and {nöt} {}",
    "☕",  # the whole gap between the parts of a glued word (f☕ck)
    "d1e",  # a whole word of letters and digits
    "\u202etihs\u202c f#ck cra☕zy cra-zy cr.azy don't AT&T #CrazyDeals #crazy_deals #St0rmBram t0 d1e \u2067x\u2069",
    "  Wow!!",
    "'s roaster",  # a possessive, as a name's next characters are tried
    "\u2019s",
    "see northwindroasters.com/allergens, hier: ex\u00e4mple.de/\u00fc. 24/7 and/or 1.5/2 e.g. a.b.c",
]
MATCHER = """
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const cp = (text, unit) => Array.from(text.slice(0, unit)).length;
const out = {};
for (const [name, p] of Object.entries(input.patterns)) {
  const re = new RegExp(p.source, p.flags);
  out[name] = input.texts.map(text => {
    const found = [];
    re.lastIndex = 0;
    let m;
    while ((m = re.exec(text)) !== null) {
      found.push([cp(text, m.index), cp(text, m.index + m[0].length), ...m.slice(1).map(g => g ?? null)]);
      if (!re.global) break;
    }
    return found;
  });
}
process.stdout.write(JSON.stringify(out));
"""


def test_every_pattern_finds_the_same_matches_in_node_and_in_python():
    document = shared.document()
    done = subprocess.run([NODE, "-e", MATCHER], input=json.dumps({**document, "texts": SAMPLES}),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    in_node = json.loads(done.stdout)
    for name, pattern in shared.PATTERNS.items():
        compiled = shared.compiled(name)
        for text, expected in zip(SAMPLES, in_node[name], strict=True):
            found = compiled.finditer(text) if "g" in pattern.flags else filter(None, [compiled.search(text)])
            assert [[m.start(), m.end(), *m.groups()] for m in found] == expected, (name, text)
        assert any(in_node[name]), f"no sample exercises the {name} pattern"


def test_the_rules_document_carries_every_pattern_and_constant():
    rules = rules_for(CHECKER)
    assert rules["format"] == FORMAT == 12
    assert rules["patterns"] == {n: {"source": p.source, "flags": p.flags} for n, p in shared.PATTERNS.items()}
    assert rules["constants"] == {**json.loads(json.dumps(shared.CONSTANTS)), "bidi": shared.bidi_classes()}


def test_the_javascript_engine_reads_every_pattern_and_constant_from_the_rules_document():
    """Taking any one of them out of the document changes what engine.js answers (or breaks it):
    it has no fallback copy of its own."""
    rules = rules_for(CHECKER)
    cases = [{"text": c["text"], "account": c["account"], "media": c.get("media", []), "author": c.get("author_role")}
             for c in CASES if c.get("playbook", "checker") == "checker"]
    cases += [{"text": "Hello", "account": "leeds", "media": [{"file": "a.jpg", "alt": " \u3000 "}], "author": None},
              {"text": "What a sh1t!!", "account": "leeds", "media": [], "author": None},
              {"text": "New roast", "account": "insta", "author": None,  # 1200x628 is 1.91:1 within the tolerance
               "media": [{"file": "a.jpg", "alt": "A cup", "kind": "image", "width": 1200, "height": 628}]},
              {"text": ("Caf\u00e9 sh\u0456t, f\u200buck, f\u0301uck, ch\u0435ap SUE us, suuue, AIDS and aids "
                        "\U0001F1EC\U0001F1E7!"),
               "account": "leeds", "media": [], "author": None},
              {"text": "\u202etihs\u202c, f#ck, ch.eap, l1mited t1me, #CheapDeals, #Ch3apGuys, b\u2067 \u2069a",
               "account": "leeds", "media": [], "author": None},
              {"text": "Sue has gone. Sue roasted it.", "account": "leeds", "media": [], "author": None}]
    normal = run_js(rules, cases)
    assert all("crash" not in result for result in normal)
    unread = []
    for section in ("patterns", "constants"):
        for name in rules[section]:
            without = copy.deepcopy(rules)
            del without[section][name]
            if run_js(without, cases) == normal:
                unread.append(f"{section}.{name}")
    assert unread == [], "engine.js answers the same without these: it does not read them from the document"


@pytest.mark.parametrize("word", ["lawsuits", "news", "recalled", "𝒷𝓊𝓈𝑒𝓈"])
def test_the_javascript_stemmer_is_pythons(word):
    script = ("const e = require(process.argv[1]); const r = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify([e.stem(r, r.word), e.wordKey(r, r.word)]));")
    done = subprocess.run([NODE, "-e", script, str(ENGINE)], input=json.dumps({**shared.document(), "word": word}),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [stem(word), word_key(word)]
