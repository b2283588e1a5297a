"""`playbook check` and `playbook list`: thin wrappers around the compiled rules and the engine.

Exit codes of `check`: 0 publish, 1 any other verdict (or a broken policy or draft, shown
as located messages), 2 a usage error (Click's, e.g. an unknown account id). `check
--schedule FILE` is `playbook sweep FILE`: its output and exit codes (sweep.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from ..checker.document import VERDICT_WORDS, level_name
from ..checker.draft import parse_draft, parse_media_option
from ..checker.engine import check as judge
from ..checker.media import attachment, declared
from ..checker.schedule import posting_at
from ..dates import zone_of
from ..diagnostics import Diagnostic, UserError, suggest
from ..mkdocs.project import Project
from .compiled import LISTS, compiled_rules, complete_ids, listed
from .shared import echo, moment_option, project_options, read_input, zone_option
from .sweep import CACHE_OPTION, run_sweep, schedule_options


def _read(source: str) -> tuple[str, str]:
    return read_input(source, "draft", "save it as UTF-8")


# Options that only `--schedule` reads, and those that only a single draft does.
SCHEDULE_ONLY = (("maps", "--map"), ("date_order", "--date-order"), ("fail_on", "--fail-on"))
DRAFT_ONLY = (("media_specs", "--media"), ("media_infos", "--media-info"), ("author_role", "--author-role"),
              ("at_text", "--at"), ("reply", "--reply"),
              ("draft", "DRAFT"))


@click.command(short_help="Judge a draft (or, with --schedule, a queue).")
@project_options(policy=True)
@click.option("--account", default=None, shell_complete=complete_ids("accounts"),
              help="Account id (default: the account with the largest reach; 'playbook list accounts'). "
                   "With --schedule: the account of rows that name none.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="Findings as text lines or one JSON document (csv: --schedule only).")
@click.option("--media", "media_specs", multiple=True, metavar="FILE[;alt=TEXT][;source=message][;captions=yes]",
              help="An attachment; repeat for several. An image's size and a video's size and length are read "
                   "from the file, when it exists, and checked against the account's media specs.")
@click.option("--media-info", "media_infos", multiple=True, metavar="'video 1080x1920 45s captions'",
              help="An attachment not at hand, declared: image or video, WIDTHxHEIGHT, length (45s), "
                   "size (20MB), captions or no-captions; repeat for several.")
@click.option("--author-role", default=None, shell_complete=complete_ids("roles"),
              help="The author's role id, never among the approvers ('playbook list roles').")
@click.option("--reply", is_flag=True, default=False,
              help="The draft answers someone: it needs a role that may reply, not one that may publish.")
@click.option("--at", "at_text", default=None, metavar="'YYYY-MM-DD HH:MM'",
              help="Judge the post as if it went out then (default: now): sensitive dates and live events.")
@click.option("--tz", "zone", default=None, metavar="ZONE",
              help="Time zone of --at (default: the account's posting time zone, else UTC); with "
                   "--schedule, of the times written without one.")
@click.option("--schedule", default=None, metavar="EXPORT",
              type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="Judge every post of a scheduler's export at its own time instead of one draft: "
                   "exactly 'playbook sweep EXPORT' (same options, output and exit code).")
@schedule_options("With --schedule: ")
@CACHE_OPTION
@click.argument("draft", type=click.Path(exists=True, dir_okay=False, allow_dash=True), default="-")
@click.pass_context
def check(ctx: click.Context, project: Project, account: str | None, output_format: str, media_specs: tuple[str, ...],
          media_infos: tuple[str, ...],
          author_role: str | None, reply: bool, at_text: str | None, zone: str | None, schedule: str | None,
          maps: tuple[str, ...], date_order: str | None, fail_on: str, cache: bool, draft: str) -> None:
    """Judge a draft post (FILE, or - for standard input) against the playbook.

    Exit 0 when it may be published, 1 when it must be revised, approved or escalated.
    A draft file may start with front matter naming its images (between '---' lines:
    media: [{file: a.jpg, alt: "...", source: message}]); --media does the same.

    With --schedule EXPORT it judges a scheduler's queue instead, each post at its own time:
    the same as 'playbook sweep EXPORT' (see 'playbook sweep --help'), with its output and
    its exit codes (0 nothing to pull, 1 a post to pull or a row not read).
    """
    if schedule is not None:
        refuse(ctx, DRAFT_ONLY, "{option} is for one draft: --schedule reads each post's own time, "
               "account, role and media from the export")
        run_sweep(ctx, project, output_format, maps, account, zone, date_order, fail_on, cache, schedule)
        return
    refuse(ctx, SCHEDULE_ONLY, "{option} is for --schedule EXPORT only")
    if output_format == "csv":
        raise click.UsageError("--format csv is for --schedule only; a draft's findings are text or json")
    try:
        media = [attachment(parse_media_option(spec), Path.cwd()) for spec in media_specs]
        media += [declared(text, n) for n, text in enumerate(media_infos, start=1)]
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    rules = compiled_rules(project.playbook_dir, cache)
    if rules["default_account"] is None:
        raise click.UsageError("the policy lists no account of its own to check a draft for; add one to "
                               "'accounts:' (accounts.yaml)")
    if account in rules["run_elsewhere"]:
        raise click.UsageError(f"account '{account}' is run by {rules['run_elsewhere'][account]}, not by this team: "
                               "we do not post on it; ask them to post it")
    for value, known, what, option in ((account, rules["accounts"], "account", "--account"),
                                       (author_role, rules["roles"], "role", "--author-role")):
        if value is not None and value not in known:
            hint = suggest(value, known) or f"known: {', '.join(sorted(known))}"
            raise click.UsageError(f"unknown {what} '{value}' in {option}; {hint} "
                                   f"('playbook list {what}s' lists them)")
    moment = when(rules, account or rules["default_account"], at_text, zone)
    text, name = _read(draft)
    parsed = parse_draft(text, name)
    try:
        attached = [attachment(item, Path(name).parent if draft != "-" else Path.cwd()) for item in parsed.media]
    except ValueError as error:
        raise UserError.at(name, str(error), "fix the attachment in the front matter", line=2) from None
    result = judge(rules, parsed.text, account, [*attached, *media], author_role, at=moment, reply=reply)
    for finding in result["findings"]:
        if finding["line"] is not None:
            finding["line"] += parsed.line_offset
    if output_format == "json":
        echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        echo(format_text(result, rules, name, project.site_url))
    ctx.exit(0 if result["verdict"] == "publish" else 1)


def refuse(ctx: click.Context, options: tuple[tuple[str, str], ...], message: str) -> None:
    """A usage error for the first of `options` given on the command line (not left at its
    default): a draft and a schedule are judged by different options, and one silently
    ignored would look like it had been applied."""
    for name, option in options:
        if ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, None):
            raise click.UsageError(message.format(option=option))


def when(rules: dict[str, Any], account: str, at_text: str | None, zone: str | None) -> dict[str, str]:
    """The engine's `at` for a post on `account` at --at (read as every command reads it, in
    `zone`, default the account's posting time zone) or now; a usage error naming --at or
    --tz otherwise. The calendar date is the account's own, whatever zone --at was written in."""
    tz = zone_option(zone) if zone else zone_of(rules["accounts"][account]["timezone"])
    return posting_at(rules, account, moment_option(at_text, tz))


def format_text(result: dict[str, Any], rules: dict[str, Any], name: str, site_url: str | None) -> str:
    """Findings as FILE:LINE:COL lines (editors jump to them), the deciding one first, then
    the verdict and the route. Approval findings are said once, in the route.

    A finding's page is linked from mkdocs.yml's site_url, the one address of the handbook.
    """
    base = (site_url.rstrip("/") + "/") if site_url else ""
    lines = []
    for f in result["findings"]:
        if f["rule"].startswith("approval."):
            continue
        message = f"{f['message']} [{f['rule']}]"
        if f["line"] is None:
            # An attachment's finding is located at the attachment (its file), not the draft.
            where = f["ref"] if f["rule"].startswith("media.") and f["ref"] else name
            line = f"{where}: {f['level']}: {message}\n    see: {base}{f['page']}"
        else:
            line = Diagnostic(name, f["line"], f["column"], f["level"], message, hint=f.get("explain"),
                              see=f"{base}{f['page']}").format()
        lines.append(line)
    account = rules["accounts"][result["account"]]
    route = result["route"]
    verdict = result["verdict"]
    named = verdict
    if verdict == "escalate" and route["severity"]:
        named = f"escalate (severity {rules['severities'][route['severity']]['name']})"
    words = f"{named}: {VERDICT_WORDS[verdict]}"
    lines.append(f"verdict: {words} ({account['name']}, {account['handle']}, tier {route['tier']})")
    if verdict == "publish" and route["reply"]:
        lines.append(f"  reply: only {_names(rules, [r['id'] for r in route['repliers']], 'or')} may reply "
                     f"on {account['name']} (the reply permission); anyone else needs one of them")
    elif verdict == "publish":
        lines.append(f"  publish: only {_names(rules, [r['id'] for r in route['publishers']], 'or')} may publish "
                     f"on {account['name']}; anyone else needs one of them")
    lines.extend(_route_lines(route, rules))
    return "\n".join(lines)


def _names(rules: dict[str, Any], roles: list[str], last: str = "") -> str:
    names = [rules["roles"][r]["name"] for r in roles]
    if last and len(names) > 1:
        return ", ".join(names[:-1]) + f" {last} " + names[-1]
    return ", ".join(names) or "nobody"


def _route_lines(route: dict[str, Any], rules: dict[str, Any]) -> list[str]:
    def names(roles: list[str]) -> str:
        return _names(rules, roles)

    lines = []
    if route["severity"] and rules["severities"][route["severity"]]["rank"] > \
            rules["severities"][rules["severity_order"][0]]["rank"]:
        severity = rules["severities"][route["severity"]]
        level = level_name(severity["label"], severity["number"], len(rules["severity_order"]))
        lines.append(f"  severity: {severity['name']} ({level}). {severity['deadline']} "
                     f"Tell {names(route['notify'])}")
        for n, step in enumerate(route["steps"], 1):
            lines.append(f"  {n}. {step['who']}, {step['deadline']}: {step['action']}")
        if route["ladder"]:
            ladder = rules["ladders"][route["ladder"]]
            lines.append(f"  {ladder['unanswered']}: {ladder['after']}")
        if route["holding_statement"]:
            lines.append(f"  holding statement: {rules['holding_statements'][route['holding_statement']]['text']}")
    for owned in route["owners"]:
        owner = owned["owner"]
        lines.append(f"  owner of {rules['triggers'][owned['trigger']]['name']}: "
                     f"{rules['owner_text'].get(owner) or names([owner])}")
    for approval in route["approvals"]:
        lines.append(f"  approve: {approval['needed']} of {names(approval['roles'])} ({approval['name']}: "
                     f"{approval['description']})")
    if route["verify"]:
        lines.append(f"  verify first: {rules['approvals']['verify']['instruction']}")
    if route["may_post"] is not None:
        lines.append(f"  crisis mode: {rules['crisis']['who_may_post']}")
    return lines


@click.command(name="list", short_help="List the ids that --account and --author-role take.")
@project_options(policy=True)
@click.argument("kind", type=click.Choice(sorted(LISTS)))
@CACHE_OPTION
def list_ids(project: Project, kind: str, cache: bool) -> None:
    """List the ids of one KIND of entry in the playbook, one per line, with what they name.

    The ids are what options such as `check --account` and `check --author-role` take;
    the shell completes them too (see 'Shell completion' in the README).
    """
    entries = listed(compiled_rules(project.playbook_dir, cache), kind)
    width = max((len(i) for i, _ in entries), default=0)
    for ident, details in entries:
        echo(f"{ident:<{width}}  {'  '.join(details)}".rstrip())
