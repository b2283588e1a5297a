"""Sweeping the schedule: every queued post of a scheduler's export judged at its own time.

A social lead who learns of a tragedy, or switches crisis mode on, needs to know which of
the queued posts to pull. `read_export` reads the queue (CSV or JSON, with the column names
of the common scheduling tools, see COLUMNS) into `Post`s, collecting a located diagnostic
for every malformed row so that the good rows are still judged; `sweep` judges each post
with the engine at its scheduled time (sensitive dates, live events, crisis mode) and says
what to do with it: `pull` (take it out of the queue), `hold` (fix it or get it signed off
before its time) or `keep`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from ..dates import iso_moment, within_years, zone_of
from ..diagnostics import Diagnostic, Report, UserError, suggest
from ..jsondoc import JsonError, parse_json
from .document import VERDICT_WORDS, utc_text
from .engine import check, crisis_covers

# Canonical column -> the header names it goes by in exports and bulk-upload sheets of the
# common scheduling tools (Hootsuite, Buffer, Sprout Social, Later, Meta Business Suite...),
# compared after folding case, '_' and '-' to spaces. `--map COLUMN=HEADER` adds others.
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "post id", "postid", "external id", "uid", "reference"),
    "account": ("account", "account id", "profile", "profile name", "social profile", "social profiles",
                "channel", "channel name", "handle", "page", "social network", "network account", "username"),
    "time": ("time", "when", "scheduled", "scheduled at", "scheduled time", "scheduled for",
             "scheduled date time", "publish at", "publish time", "publishing time", "post time",
             "send time", "send at", "datetime", "date time", "date and time"),
    "date": ("date", "day", "scheduled date", "publish date", "post date", "send date"),
    "text": ("text", "message", "post", "caption", "content", "body", "post text", "copy", "tweet",
             "status", "description"),
    "media": ("media", "image", "images", "image url", "image urls", "media url", "media urls",
              "attachment", "attachments", "video url", "link to media"),
    "alt": ("alt", "alt text", "image alt text", "media alt text"),
    "role": ("author role", "role", "author"),
    "reply": ("reply", "is reply", "in reply to", "reply to", "replying to", "reply to id", "parent id"),
    "timezone": ("timezone", "time zone", "tz"),
    "type": ("type", "post type", "content type", "message type", "kind"),
}
REQUIRED = ("text",)
ACTIONS = ("pull", "hold", "keep")  # most severe first
ACTION_OF = {"escalate": "pull", "revise": "hold", "approval": "hold", "publish": "keep"}
DATE_ORDERS = ("dmy", "mdy")
# Clock formats tried after ISO 8601, with the date part given by `_slashed`.
CLOCKS = ("%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M%p", "%I:%M:%S %p", "%I %p", "%I%p")
_SLASHED = re.compile(r"^(\d{1,4})[/.](\d{1,2})[/.](\d{1,4})(?:[ T,]+(.*))?$")
_ZONE_TAIL = re.compile(r"^(.*?\d)\s+([A-Za-z][A-Za-z_+\-]*(?:/[A-Za-z0-9_+\-]+)*)$")
MEDIA_SPLIT = re.compile(r"\s*[|\n;]\s*")


@dataclass
class Post:
    """One queued post as read from the export; `line` and `column` locate its row."""

    line: int
    column: int
    id: str
    account: str
    moment: dt.datetime  # aware
    text: str
    media: list[dict[str, Any]] = field(default_factory=list)
    role: str | None = None
    kind: str | None = None  # the export's post type (repost, reply...), for what a volume does not count
    reply: bool = False


@dataclass(frozen=True)
class DateOrder:
    """How the export's slashed dates read, and the row that decided it (none: --date-order did)."""

    order: str  # "dmy" or "mdy"
    line: int | None = None
    example: str | None = None

    def note(self) -> str:
        """"dates read as day/month: line 14 has 13/12/2026" (or "as --date-order says")."""
        words = "day/month" if self.order == "dmy" else "month/day"
        if self.line is None:
            return f"dates read as {words}, as --date-order says"
        return f"dates read as {words}: line {self.line} has {self.example}"


@dataclass
class Queue:
    """What the export held: the readable posts, and a located error for every other row."""

    name: str
    posts: list[Post]
    report: Report
    rows: int
    date_order: DateOrder | None = None  # only when the export has slashed dates


# ---------------------------------------------------------------- reading an export

def fold_header(name: str) -> str:
    return " ".join(re.sub(r"[_\-]+", " ", name.replace("\ufeff", "")).lower().split())


def header_map(headers: Iterable[str], mapping: Mapping[str, str]) -> dict[str, str]:
    """Canonical column -> the export's header for it: `mapping` first, then the aliases."""
    folded = {fold_header(h): h for h in headers}
    found: dict[str, str] = {}
    for column, header in mapping.items():
        if fold_header(header) not in folded:
            raise ValueError(f"--map {column}={header}: the export has no column '{header}'")
        found[column] = folded[fold_header(header)]
    taken = set(found.values())
    for column, aliases in COLUMNS.items():
        if column in found:
            continue
        for alias in aliases:
            candidate = folded.get(alias)
            if candidate is not None and candidate not in taken:
                found[column] = candidate
                taken.add(candidate)
                break
    return found


def parse_map(specs: Iterable[str]) -> dict[str, str]:
    """`COLUMN=HEADER` options -> {column: header}; ValueError says what is wrong."""
    mapping = {}
    for spec in specs:
        column, sep, header = spec.partition("=")
        column = column.strip().lower()
        if not sep or not header.strip():
            raise ValueError(f"--map '{spec}': write COLUMN=HEADER, e.g. text=\"Post copy\"")
        if column not in COLUMNS:
            hint = suggest(column, COLUMNS) or f"columns: {', '.join(COLUMNS)}"
            raise ValueError(f"--map '{spec}': unknown column '{column}'; {hint}")
        mapping[column] = header.strip()
    return mapping


@dataclass
class Cell:
    text: str
    line: int
    column: int


Row = dict[str, Cell]  # header -> cell


def csv_rows(text: str) -> tuple[list[Cell], list[tuple[int, int, list[Cell]]]]:
    """The header and the records of a CSV (RFC 4180: quotes, doubled quotes, newlines inside
    quotes), each cell with its line and column; the delimiter is the header's commonest of
    ',', ';' and tab. ValueError (message, line, column) for an unclosed quote."""
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=lambda d: (first.count(d), d == ","))
    records: list[tuple[int, int, list[Cell]]] = []
    cells: list[Cell] = []
    i, line, column, n = 0, 1, 1, len(text)
    record_line = 1
    while True:
        start_line, start_column = line, column
        value: list[str] = []
        if i < n and text[i] == '"':
            i += 1
            column += 1
            while True:
                if i >= n:
                    raise CsvError("a quote opened here is never closed", start_line, start_column)
                c = text[i]
                if c == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        value.append('"')
                        i += 2
                        column += 2
                        continue
                    i += 1
                    column += 1
                    break
                value.append(c)
                i += 1
                line, column = (line + 1, 1) if c == "\n" else (line, column + 1)
            while i < n and text[i] not in (delimiter, "\n", "\r"):
                i += 1
                column += 1
        else:
            while i < n and text[i] not in (delimiter, "\n", "\r"):
                value.append(text[i])
                i += 1
                column += 1
        cells.append(Cell("".join(value), start_line, start_column))
        if i < n and text[i] == delimiter:
            i += 1
            column += 1
            continue
        if i < n and text[i] == "\r":
            i += 1
        if i < n and text[i] == "\n":
            i += 1
        if any(c.text.strip() for c in cells):
            records.append((record_line, 1, cells))
        cells = []
        line, column = line + 1, 1
        record_line = line
        if i >= n:
            break
    if not records:
        raise CsvError("the export is empty: it needs a header row and one row per post", 1, 1)
    header = records[0][2]
    return header, records[1:]


class CsvError(ValueError):
    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.line, self.column = line, column


def json_rows(text: str) -> tuple[list[str], list[tuple[int, int, Row]]]:
    """The posts of a JSON export (a list of objects, or an object whose "posts" is one), each
    located at its opening brace; a key's cell is located at the key."""
    try:
        data = parse_json(text)
    except JsonError as error:
        raise CsvError(f"the export is not valid JSON: {error.message}", error.line, error.column) from None
    decoder = json.JSONDecoder()
    start = text.find("[") if isinstance(data, list) else _posts_array(text, data)
    if not isinstance(data, list):
        data = data.get("posts") if isinstance(data, dict) else None
    if not isinstance(data, list):
        raise CsvError('a JSON export is a list of posts, or an object with a "posts" list', 1, 1)
    rows: list[tuple[int, int, Row]] = []
    headers: list[str] = []
    i = start + 1
    for item in data:
        while text[i] in " \t\r\n,":
            i += 1
        _, end = decoder.raw_decode(text, i)
        line, column = _position(text, i)
        if not isinstance(item, dict):
            raise CsvError("each post in a JSON export is an object", line, column)
        row: Row = {}
        for key, value in item.items():
            if key not in headers:
                headers.append(key)
            at = text.find(json.dumps(key, ensure_ascii=False), i, end)
            key_line, key_column = _position(text, at) if at >= 0 else (line, column)
            row[key] = Cell(_as_text(value), key_line, key_column)
        rows.append((line, column, row))
        i = end
    return headers, rows


def _posts_array(text: str, data: Any) -> int:
    """Where the "posts" list starts in a JSON object export (its '[')."""
    if not isinstance(data, dict) or not isinstance(data.get("posts"), list):
        return 0
    key = re.search(r'"posts"\s*:\s*\[', text)
    return key.end() - 1 if key else 0


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(_as_text(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("url") or value.get("file") or "")
    return str(value)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_export(rules: dict[str, Any], text: str, name: str, mapping: Mapping[str, str] | None = None,
                account: str | None = None, zone: str | None = None, date_order: str | None = None) -> Queue:
    """The posts of an export; a broken file raises UserError, a broken row is reported and skipped.

    `account` is for exports without an account column (one profile's queue); `zone` is the
    time zone of times written without one (default: each account's posting time zone).
    """
    mapping = dict(mapping or {})
    text = text.replace("\r\n", "\n")
    try:
        if text.lstrip().startswith(("[", "{")):
            headers, rows = json_rows(text)
        else:
            header_cells, records = csv_rows(text)
            headers = [c.text.strip() for c in header_cells]
            rows = [(line, column, dict(zip(headers, cells, strict=False)))
                    for line, column, cells in records]
        columns = header_map(headers, mapping)
    except CsvError as error:
        raise UserError.at(name, str(error), _EXPORT_HINT, error.line, error.column) from None
    except ValueError as error:
        raise UserError.at(name, str(error), _EXPORT_HINT) from None
    missing = [c for c in REQUIRED if c not in columns]
    if "time" not in columns and "date" not in columns:
        missing.append("time")
    if "account" not in columns and account is None:
        missing.append("account")
    if missing:
        raise UserError.at(name, f"the export has no {' or '.join(missing)} column "
                                 f"(its columns: {', '.join(headers) or 'none'})",
                           f"name it with --map, e.g. --map {missing[0]}=\"Your header\"; " + _EXPORT_HINT)
    reader = _RowReader(rules, name, columns, account, zone, date_order)
    written = [(line, reader.written_moment(row)) for line, _, row in rows]
    found = date_order_of(written, date_order)
    reader.date_order = found.order if found else None
    reader.undecided_hint = _undecided_hint(written)
    posts = []
    for line, column, row in rows:
        post = reader.post(line, column, row)
        if post is not None:
            posts.append(post)
    return Queue(name, posts, reader.report, len(rows), found)


def _slashed_pairs(written: list[tuple[int, str | None]]) -> list[tuple[int, str, int, int]]:
    """(line, the date as written, first number, second number) of every day-month-year date."""
    found = []
    for line, text in written:
        match = _SLASHED.match(" ".join((text or "").split()))
        if match and len(match.group(1)) < 4:
            date = "/".join(match.groups()[:3])
            found.append((line, date, int(match.group(1)), int(match.group(2))))
    return found


def date_order_of(written: list[tuple[int, str | None]], given: str | None = None) -> DateOrder | None:
    """The order of the export's slashed dates, read from the file as a whole: `given`
    (--date-order), else the order that the first row with a number over 12 proves
    (13/12/2026 is day/month) when no other row proves the other; None when no row has a
    slashed date, no row decides, or rows contradict each other (each row then decides alone)."""
    pairs = _slashed_pairs(written)
    if given is not None:
        return DateOrder(given) if pairs else None
    dmy = [(line, date) for line, date, first, second in pairs if first > 12 and second <= 12]
    mdy = [(line, date) for line, date, first, second in pairs if second > 12 and first <= 12]
    if bool(dmy) == bool(mdy):
        return None
    order, (line, example) = ("dmy", dmy[0]) if dmy else ("mdy", mdy[0])
    return DateOrder(order, line, example)


def _undecided_hint(written: list[tuple[int, str | None]]) -> str:
    """Why a date like 03/04/2026 stays ambiguous in this file: no row decides, or rows disagree."""
    pairs = _slashed_pairs(written)
    dmy = next(((line, date) for line, date, first, second in pairs if first > 12 and second <= 12), None)
    mdy = next(((line, date) for line, date, first, second in pairs if second > 12 and first <= 12), None)
    if dmy and mdy:
        return (f"rows disagree: line {dmy[0]} has {dmy[1]} (day/month), line {mdy[0]} has {mdy[1]} "
                "(month/day); pass --date-order dmy or mdy, or write 'YYYY-MM-DD HH:MM'")
    return ("no row of the export decides the order (none has a day over 12); pass --date-order dmy or mdy, "
            "or write 'YYYY-MM-DD HH:MM'")


_TIME_HINT = "write it as 'YYYY-MM-DD HH:MM' (a zone may follow: +01:00, Z or Europe/London)"


class AmbiguousDate(ValueError):
    """A slashed date whose two numbers could each be the month (03/04/2026)."""


_EXPORT_HINT = ("a sweep reads a CSV with a header row (id, account, time, text, media, author role) "
                "or a JSON list of posts; see 'Sweeping the schedule' in the README")


class _RowReader:
    """Turns one row into a Post, or records why it cannot and returns None."""

    def __init__(self, rules: dict[str, Any], name: str, columns: dict[str, str], account: str | None,
                 zone: str | None, date_order: str | None):
        self.rules, self.name, self.columns = rules, name, columns
        self.account, self.zone, self.date_order = account, zone, date_order
        self.undecided_hint = _TIME_HINT
        self.report = Report()
        self.accounts = _account_names(rules)

    def cell(self, row: Row, column: str) -> Cell | None:
        header = self.columns.get(column)
        return row.get(header) if header is not None else None

    def fail(self, cell: Cell | None, line: int, column: int, message: str, hint: str | None = None) -> None:
        at = (cell.line, cell.column) if cell is not None else (line, column)
        self.report.add(Diagnostic(self.name, at[0], at[1], "error", message, hint))

    def post(self, line: int, column: int, row: Row) -> Post | None:
        account = self._account(row, line, column)
        if account is None:
            return None
        moment = self._moment(row, line, column, account)
        known_role, role = self._role(row, line, column)
        text_cell = self.cell(row, "text")
        text = text_cell.text if text_cell else ""
        media = self._media(row)
        if moment is None or not known_role:
            return None
        ident, kind = self.cell(row, "id"), self.cell(row, "type")
        return Post(line, column, ident.text.strip() if ident and ident.text.strip() else f"line {line}",
                    account, moment, text, media, role, kind.text.strip() or None if kind else None,
                    is_reply(self.cell(row, "reply")))

    def _account(self, row: Row, line: int, column: int) -> str | None:
        cell = self.cell(row, "account")
        written = cell.text.strip() if cell and cell.text.strip() else self.account
        if written is None:
            self.fail(cell, line, column, "the post names no account", "fill the account column or pass --account")
            return None
        found = self.accounts.get(written.lower()) or self.accounts.get(written.lower().lstrip("@"))
        elsewhere = self.rules.get("run_elsewhere", {})
        if found is None and written in elsewhere:
            self.fail(cell, line, column, f"account '{written}' is run by {elsewhere[written]}, not by this team",
                      "take the post out of this export, or ask them to post it")
        elif found is None:
            hint = (suggest(written, self.rules["accounts"])
                    or "an account id, handle or name ('playbook list accounts')")
            self.fail(cell, line, column, f"unknown account '{written}'", hint)
        return found

    def _time_cells(self, row: Row) -> list[Cell]:
        return [c for c in (self.cell(row, "date"), self.cell(row, "time")) if c is not None and c.text.strip()]

    def written_moment(self, row: Row) -> str | None:
        """The row's scheduled time as written: its date and time cells, or the time cell alone
        when it holds the whole moment."""
        parts = self._time_cells(row)
        if not parts:
            return None
        written = " ".join(c.text.strip() for c in parts)
        if len(parts) == 2 and re.search(r"\d:\d\d.*\s.*\d:\d\d", written):
            written = parts[-1].text.strip()  # the time column holds the whole moment
        return written

    def _moment(self, row: Row, line: int, column: int, account: str) -> dt.datetime | None:
        parts, written = self._time_cells(row), self.written_moment(row)
        if not parts or written is None:
            time_cell, date_cell = self.cell(row, "time"), self.cell(row, "date")
            self.fail(time_cell or date_cell, line, column, "the post has no scheduled time", _TIME_HINT)
            return None
        zone_cell = self.cell(row, "timezone")
        zone = (zone_cell.text.strip() if zone_cell and zone_cell.text.strip() else None) \
            or self.zone or self.rules["accounts"][account]["timezone"]
        try:
            return parse_scheduled(written, zone, self.date_order)
        except AmbiguousDate as error:
            self.fail(parts[0], line, column, str(error), self.undecided_hint)
            return None
        except ValueError as error:
            self.fail(parts[0], line, column, str(error), _TIME_HINT)
            return None

    def _role(self, row: Row, line: int, column: int) -> tuple[bool, str | None]:
        cell = self.cell(row, "role")
        if cell is None or not cell.text.strip():
            return True, None
        written = cell.text.strip()
        roles = self.rules["roles"]
        by_name = {r["name"].lower(): i for i, r in roles.items()}
        found = written if written in roles else by_name.get(written.lower())
        if found is None:
            self.fail(cell, line, column, f"unknown role '{written}'",
                      suggest(written, roles) or "a role id or name ('playbook list roles')")
            return False, None
        return True, found

    def _media(self, row: Row) -> list[dict[str, Any]]:
        cell, alt = self.cell(row, "media"), self.cell(row, "alt")
        files = MEDIA_SPLIT.split(cell.text.strip()) if cell and cell.text.strip() else []
        alt_text = alt.text.strip() if alt and alt.text.strip() else None
        return [{"file": f, "alt": alt_text, "source": None} for f in files if f]


NOT_A_REPLY = frozenset({"", "no", "n", "false", "0", "post", "-"})


def is_reply(cell: Cell | None) -> bool:
    """Whether a row is a reply: its reply column holds yes/true/1, or what it answers (a
    post id, a handle, a link), as "in reply to" columns do; empty, no, false, 0 or post: not."""
    return cell is not None and cell.text.strip().lower() not in NOT_A_REPLY


def _account_names(rules: dict[str, Any]) -> dict[str, str]:
    """Lower-cased id, handle (with and without '@') and name -> account id; ids win over handles."""
    names: dict[str, str] = {}
    for ident in reversed(rules["account_order"]):
        account = rules["accounts"][ident]
        for name in (account["name"], account["handle"], account["handle"].lstrip("@")):
            names[name.lower()] = ident
    for ident in rules["accounts"]:
        names[ident.lower()] = ident
    return names


def parse_scheduled(written: str, zone: str, date_order: str | None = None) -> dt.datetime:
    """An aware moment from a scheduler's time: ISO 8601 (with an offset or Z, or a trailing
    IANA zone), or a slashed date whose day and month order is plain or given by
    `date_order`; a time written without a zone is in `zone`. ValueError says what is wrong."""
    text = " ".join(written.split())
    tail = _ZONE_TAIL.match(text)
    if tail and not re.fullmatch(r"(?i)[ap]\.?m\.?", tail.group(2)):
        text, zone = tail.group(1), tail.group(2)
    try:
        tz = zone_of("UTC" if zone.upper() in ("UTC", "GMT", "Z") else zone)
    except ValueError as error:
        raise ValueError(f"{error} (in '{written}')") from None
    moment = within_years(_iso(text) or _slashed(text, written, date_order), written)
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


def _iso(text: str) -> dt.datetime | None:
    """An ISO 8601 date and time as every command reads one (dates.py); a bare date is no
    scheduled time."""
    return iso_moment(text) if re.match(r"^\d{4}-\d{2}-\d{2}[ T]\d", text) else None


def _slashed(text: str, written: str, date_order: str | None) -> dt.datetime:
    match = _SLASHED.match(text)
    if not match:
        raise ValueError(f"'{written}' is not a date and time")
    a, b, c, clock = match.groups()
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    else:
        year = int(c) + (2000 if len(c) == 2 else 0)
        first, second = int(a), int(b)
        order = date_order or ("dmy" if first > 12 else "mdy" if second > 12 or first == second else None)
        if order is None:
            raise AmbiguousDate(f"'{written}' could be day/month or month/day; pass --date-order dmy or mdy")
        day, month = (first, second) if order == "dmy" else (second, first)
    if not clock:
        raise ValueError(f"'{written}' has a date but no time of day")
    for form in CLOCKS:
        try:
            hour = dt.datetime.strptime(clock.upper().replace(".", ""), form)
            return dt.datetime(year, month, day, hour.hour, hour.minute, hour.second)
        except ValueError:
            continue
    raise ValueError(f"'{written}' is not a date and time")


# ---------------------------------------------------------------- judging the queue

def posting_at(rules: dict[str, Any], account: str, moment: dt.datetime) -> dict[str, str]:
    """The engine's `at` for an aware moment: the calendar date in the account's own time zone
    (a date's window is local to the audience) and the UTC minute events are compared in."""
    local = moment.astimezone(ZoneInfo(rules["accounts"][account]["timezone"]))
    return {"date": local.strftime("%Y-%m-%d"), "utc": utc_text(moment, "UTC")}


def sweep(rules: dict[str, Any], posts: Iterable[Post]) -> list[dict[str, Any]]:
    """Every post's action, verdict and deciding reason, most severe first, then by time."""
    judged = [judge_post(rules, post) for post in posts]
    return sorted(judged, key=lambda j: (ACTIONS.index(j["action"]), j["utc"], j["line"]))


def judge_post(rules: dict[str, Any], post: Post) -> dict[str, Any]:
    moment = posting_at(rules, post.account, post.moment)
    result = check(rules, post.text, post.account, post.media, post.role, at=moment, reply=post.reply)
    action = ACTION_OF[result["verdict"]]
    deciding = result["findings"][0] if result["findings"] else None
    reason = deciding["message"] if deciding else VERDICT_WORDS["publish"]
    rule = deciding["rule"] if deciding else None
    crisis = rules["crisis"]
    if crisis_covers(rules, post.account, moment) and crisis["scheduled_posts"] != "continue":
        paused = crisis["scheduled_posts"] == "pause"
        if paused or action == "keep":
            action = "pull" if paused else "hold"
            rule = "crisis.scheduled"
            reason = (f"crisis mode ({crisis['incident'] or 'active'}): scheduled posts are "
                      f"{'paused' if paused else 'reviewed one by one before they go out'}")
    local = post.moment.astimezone(ZoneInfo(rules["accounts"][post.account]["timezone"]))
    return {"line": post.line, "id": post.id, "account": post.account, "time": local.isoformat(timespec="minutes"),
            "utc": utc_text(post.moment, "UTC"), "action": action, "verdict": result["verdict"], "rule": rule,
            "reason": reason, "author_role": post.role, "reply": post.reply, "dates": result["route"]["dates"],
            "events": result["route"]["events"], "findings": result["findings"]}


def volume_flags(rules: dict[str, Any], posts: Iterable[Post]) -> list[dict[str, Any]]:
    """Each day (or week) an account's queue goes over the account's posting cap, or falls under
    its minimum, counted in the account's own time zone without the kinds of post its policy
    does not count. Under the minimum is judged only for the days (weeks) the export covers
    whole, those strictly between its first and last: the edges may be half past, half unplanned."""
    queued = list(posts)
    if not queued:
        return []
    counts: dict[tuple[str, str], int] = {}
    periods: dict[str, list[str]] = {}
    for account in sorted({post.account for post in queued}):
        volume = rules["accounts"][account]["posting"]
        if volume is None:
            continue
        zone = ZoneInfo(rules["accounts"][account]["timezone"])
        days = sorted({post.moment.astimezone(zone).date() for post in queued})
        periods[account] = _covered(days[0], days[-1], volume["per"])
        for post in queued:
            if post.account == account and (post.kind or "").casefold() not in volume["not_counted"]:
                key = (account, _period(post.moment.astimezone(zone).date(), volume["per"]))
                counts[key] = counts.get(key, 0) + 1
    flags: list[dict[str, Any]] = []
    for account, covered in periods.items():
        volume = rules["accounts"][account]["posting"]
        seen = sorted({period for (who, period) in counts if who == account} | set(covered))
        for period in seen:
            count = counts.get((account, period), 0)
            if volume["max"] is not None and count > volume["max"]:
                flags.append(_flag(account, period, period, count, "over", volume))
            elif volume["min"] is not None and count < volume["min"] and period in covered:
                last = flags[-1] if flags else None
                if (count == 0 and last is not None and last["account"] == account and last["count"] == 0
                        and last["problem"] == "under" and _next(last["to"], volume["per"]) == period):
                    flags[-1] = _flag(account, last["period"], period, 0, "under", volume)  # one gap, one line
                else:
                    flags.append(_flag(account, period, period, count, "under", volume))
    return flags


def _next(period: str, per: str) -> str:
    """The period after `period` (a date, or an ISO week 'YYYY-Www')."""
    if per == "day":
        return (dt.date.fromisoformat(period) + dt.timedelta(days=1)).isoformat()
    year, week = period.split("-W")
    return _period(dt.date.fromisocalendar(int(year), int(week), 1) + dt.timedelta(days=7), per)


def _period(day: dt.date, per: str) -> str:
    if per == "day":
        return day.isoformat()
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _covered(first: dt.date, last: dt.date, per: str) -> list[str]:
    """The periods strictly inside [first, last]: the export covers them whole."""
    inside = [first + dt.timedelta(days=n) for n in range(1, (last - first).days)]
    if per == "day":
        return [day.isoformat() for day in inside]
    edges = {_period(first, per), _period(last, per)}
    return sorted({_period(day, per) for day in inside} - edges)


def _flag(account: str, first: str, last: str, count: int, problem: str, volume: dict[str, Any]) -> dict[str, Any]:
    """One day (week) off the volume, or a run of empty ones from `first` to `last`."""
    posts = f"{count} post{'' if count == 1 else 's'}"
    limit = volume["max"] if problem == "over" else volume["min"]
    what = f"over the cap of {limit}" if problem == "over" else f"under the minimum of {limit}"
    unit = "" if volume["per"] == "day" else "week "
    where = f"on {unit}{first}" if first == last else f"each {volume['per']} from {unit}{first} to {last}"
    return {"account": account, "period": first, "to": last, "per": volume["per"], "count": count,
            "limit": limit, "problem": problem,
            "message": f"{posts} {where}, {what} a {volume['per']} (the policy: {volume['text']})"}


def summary(judged: list[dict[str, Any]], errors: int, volume: int = 0) -> dict[str, int]:
    counts = {action: sum(1 for j in judged if j["action"] == action) for action in ACTIONS}
    return {**counts, "posts": len(judged), "unreadable": errors, "volume": volume}


def summary_line(counts: dict[str, int]) -> str:
    """"pull 7, hold 3, keep 202 of 212 posts", and the rows that could not be read."""
    line = f"pull {counts['pull']}, hold {counts['hold']}, keep {counts['keep']} of {counts['posts']} posts"
    if counts.get("volume"):
        line += f"; {counts['volume']} posting volume warning{'s' if counts['volume'] != 1 else ''}"
    if counts["unreadable"]:
        line += f"; {counts['unreadable']} row{'s' if counts['unreadable'] != 1 else ''} not read (see the errors)"
    return line
