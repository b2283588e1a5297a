"""The coverage heat-map: for each role, how many people are on shift in each hour of the week.

People work in their own time zones; every shift is converted to one reference zone (the
policy owner's, or UTC when nobody in the roster holds that role) on one real week, so
daylight-saving changes are applied as they were that week. A person counts for an hour only
when on shift for all of it (checked every 15 minutes), so a half-covered hour shows as a gap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from markupsafe import Markup

from ...model import Person, Weekday
from ...queries import paths
from ...queries.shifts import pattern, reference_week, reference_zone, spells
from ...queries.training import may_act_alone
from ..context import Context, Page
from . import render_page

DAYS = list(Weekday)
HOURS = range(24)
SAMPLES = (0, 15, 30, 45)
STYLE = f"{paths.ASSETS}/coverage.css"
MAX_HEATMAPS_PER_PAGE = 30  # beyond this, one page per team keeps each page small


@dataclass(frozen=True)
class Grid:
    """counts[day][hour]: people on shift for the whole hour, days Monday first."""

    counts: tuple[tuple[int, ...], ...]

    def gaps(self) -> list[tuple[int, int]]:
        """Uncovered stretches as [start, end) hours from Monday 00:00; the week wraps round, so a
        weekend gap from Friday evening to Monday morning is one stretch, not two."""
        flat = [n for row in self.counts for n in row]
        runs: list[list[int]] = []
        for hour, n in enumerate(flat):
            if n == 0:
                if runs and runs[-1][1] == hour:
                    runs[-1][1] = hour + 1
                else:
                    runs.append([hour, hour + 1])
        week = len(flat)
        if len(runs) > 1 and runs[0][0] == 0 and runs[-1][1] == week:
            first = runs.pop(0)
            runs[-1][1] = week + first[1]
        return sorted((a, b) for a, b in runs)

    def gap_words(self) -> list[str]:
        """The gaps as a reader says them, with daily repeats folded: "Mon–Thu 22:00 → 14:00 next day"."""
        groups: list[list[tuple[int, int]]] = []
        for start, end in self.gaps():
            last = groups[-1][-1] if groups else None
            if last and start - last[0] == 24 and end - start == last[1] - last[0]:
                groups[-1].append((start, end))
            else:
                groups.append([(start, end)])
        return [_say(group) for group in groups]


def _day(hour: int) -> str:
    return DAYS[(hour // 24) % 7].value.capitalize()


def _say(group: list[tuple[int, int]]) -> str:
    start, end = group[0]
    days = _day(start) if len(group) == 1 else f"{_day(start)}–{_day(group[-1][0])}"
    if end - start >= 24 * 7:
        return "all week"
    clock = f"{start % 24:02d}:00"
    if end // 24 == start // 24 or end == (start // 24 + 1) * 24:
        return f"{days} {clock}–{(end - start // 24 * 24):02d}:00"
    if len(group) > 1 and end - start < 24:
        return f"{days} {clock} → {end % 24:02d}:00 next day"
    return f"{days} {clock} → {_day(end)} {end % 24:02d}:00"


def pages(ctx: Context) -> Iterable[Page]:
    playbook = ctx.playbook
    if not playbook.roster:
        return
    zone = reference_zone(playbook)
    week = reference_week(playbook)
    grids, anyone = role_grids(playbook.roster, zone, week, playbook.stage_order)
    groups = [(team, [(role, grids[role.id]) for role in roles if role.id in grids])
              for team, roles in ctx.index.roles_by_team()]
    unstaffed = [role for role in playbook.roles if role.id not in grids and not role.external]  # partners: off roster
    values = {"zone": zone, "week": week, "heatmap": heatmap}
    source = ctx.source_of("roster", 0)
    split = len(grids) > MAX_HEATMAPS_PER_PAGE
    sections = [(team, paths.coverage_team(team), shown, sum(1 for _, grid in shown if grid.gaps()))
                for team, shown in groups if shown] if split else []
    yield render_page(ctx, "coverage.md.j2", paths.COVERAGE, "Coverage", source, anyone=anyone, unstaffed=unstaffed,
                      sections=sections, grids=[] if split else [pair for _, shown in groups for pair in shown],
                      **values)
    for team, path, shown, _ in sections:
        title = ctx.index.teams[team].name if team else "No team"
        yield render_page(ctx, "coverage_team.md.j2", path, title, source, team_name=title, grids=shown, **values)
    yield Page(STYLE, "Coverage style", ctx.static("assets/coverage.css"))


def heatmap(grid: Grid) -> Markup:
    """The grid as an HTML table: days down, hours across, ✗ (and a colour) where nobody is on shift.

    Built here rather than in a template because a big roster has a thousand of them; it holds
    only numbers and fixed words, so it needs no escaping.
    """
    head = "".join(f"<th>{hour:02d}</th>" for hour in HOURS)
    rows = []
    for day, counts in zip(DAYS, grid.counts, strict=False):
        cells = "".join('<td class="pb-gap">✗</td>' if n == 0 else f'<td class="pb-n{min(n, 3)}">{n}</td>'
                        for n in counts)
        rows.append(f"<tr><th>{day.value.capitalize()}</th>{cells}</tr>")
    body = "\n".join(rows)
    # Focusable and named: on a phone the grid scrolls sideways and keyboards must reach it.
    # A group, not a region: a page may hold several grids, and landmarks must be unique.
    return Markup(f'<div class="pb-coverage-wrap" tabindex="0" role="group" aria-label="Coverage by day and hour">'
                  f'<table class="pb-coverage">\n<thead><tr><th>Day</th>{head}</tr>'
                  f"</thead>\n<tbody>\n{body}\n</tbody>\n</table></div>")


def person_grid(person: Person, zone: str, week: dt.date) -> list[list[bool]]:
    """[day][hour] in the reference zone: on shift for the whole hour (every 15 minutes of it)."""
    tz = ZoneInfo(zone)
    since = dt.datetime(week.year, week.month, week.day, tzinfo=tz)
    worked = spells(person, since, since + dt.timedelta(days=8))
    grid = []
    for offset in range(7):
        day = week + dt.timedelta(days=offset)
        grid.append([all(any(s.start <= moment < s.end for s in worked)
                         for minute in SAMPLES
                         for moment in [dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)])
                     for hour in HOURS])
    return grid


def role_grids(roster: list[Person], zone: str, week: dt.date, stages: list[str]) -> tuple[dict[str, Grid], Grid]:
    """Every staffed role's grid, and anyone's, in one pass over the roster.

    A role's grid counts only the people who may act alone in it (solo, or not tracked):
    a trainee on shift does not cover a role. "Anyone" counts everybody on shift.
    People on the same shifts in the same zone share one computed week: a big roster has
    far fewer shift patterns than people.
    """
    patterns: dict[tuple, list[list[bool]]] = {}
    totals: dict[str | None, list[list[int]]] = {}
    for person in roster:
        key = pattern(person)
        if key not in patterns:
            patterns[key] = person_grid(person, zone, week)
        covered = patterns[key]
        for role_id in [None, *(r for r in dict.fromkeys(person.roles) if may_act_alone(person, r, stages))]:
            counts = totals.setdefault(role_id, [[0] * 24 for _ in DAYS])
            for day in range(7):
                row = counts[day]
                for hour in HOURS:
                    row[hour] += covered[day][hour]
    frozen = {role_id: Grid(tuple(tuple(row) for row in counts)) for role_id, counts in totals.items()}
    return {k: v for k, v in frozen.items() if k is not None}, frozen[None]
