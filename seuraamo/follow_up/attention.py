"""What needs the steering group's attention in a round ("Huomiota vaativat"): one selector,
`needs_attention`, and the rules it applies, each a small function over rows read up front.

The rules (docs/architecture.md, "Needs attention"):

* goal — a report assessed off track or not started, or worse than the goal's report of the
  previous round (`ASSESSMENT_RANK`);
* measure — a measure the report says is delayed or cancelled;
* indicator — an indicator whose value in the report is red by the overview's traffic-light rule
  (official_stats/selectors/indicators.py): it misses the target for its year and is no better
  than the baseline, or, without a target for that year, it is worse than the baseline; and, for
  an indicator shown per employment area (programmes/indicator_areas.py), each employment area
  whose latest value of a period ended by the round's end is red by the same rule against the
  area's own target and baseline (current public statistics, also for a closed round);
* missing report — the deadline has passed (or the round is closed) and an organisation's
  report is not submitted; listed by organisation, with nothing of the report's text;
* silent organisation — an organisation submitted none of its reports in this round nor in the
  previous one (this round's deadline passed);
* request — a submitted or accepted report asks something of the steering group and no decision
  answers it (`Decision.report`);
* overdue decision — an open or in-progress decision past its due date.

Draft privacy: the first three rules and the requests read only reports before the steering
group (submitted or accepted; the compiled report: accepted), which everyone who may open the page
reads (`rules.can_read_report`), and of a shared report only the parts signed off. A missing
report is named by its organisations and goal only.

Queries: a fixed number however many goals (the reports with their rows, the statistics tables of
the indicators' baselines and employment areas once each, the decisions)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import dateformat
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from seuraamo.accounts.roles import AnyUser, roles_of
from seuraamo.areas.region import REGION
from seuraamo.core.formatting import format_number
from seuraamo.core.translation import active_content_language
from seuraamo.follow_up import rules
from seuraamo.follow_up.attention_facts import (
    ReportFacts,
    area_value_by,
    facts_of,
    previous_round_of,
    reports_of,
    round_of,
    round_under_review,
    statistics_of,
    status_only,
    texts_of,
)
from seuraamo.follow_up.display import assessment_label, doc_plain, measure_status_label
from seuraamo.follow_up.documents import period_end
from seuraamo.follow_up.meeting_models import OPEN_DECISION_STATUSES, Decision, DecisionStatus
from seuraamo.follow_up.models import (
    Assessment,
    GoalReport,
    MeasureStatusChoice,
    ReportingRound,
    ReportStatus,
    RoundStatus,
)
from seuraamo.official_stats.selectors.indicators import RED, target_light, traffic_light
from seuraamo.periods import Period
from seuraamo.programmes.indicator_areas import AreaFigure
from seuraamo.programmes.models import IndicatorKind, IndicatorUnit


class Kind(StrEnum):
    """The kinds of item, in the order the page and the compiled report list them."""

    GOAL = "goal"
    MEASURE = "measure"
    INDICATOR = "indicator"
    MISSING_REPORT = "missing_report"
    SILENT_ORGANISATION = "silent_organisation"
    REQUEST = "request"
    OVERDUE_DECISION = "overdue_decision"


HEADINGS = {
    Kind.GOAL: gettext_lazy("Goals off track or worse than in the previous round"),
    Kind.MEASURE: gettext_lazy("Measures delayed or cancelled"),
    Kind.INDICATOR: gettext_lazy("Indicators moving away from their target or baseline"),
    Kind.MISSING_REPORT: gettext_lazy("Reports missing or late"),
    Kind.SILENT_ORGANISATION: gettext_lazy("Organisations that have not reported for two rounds"),
    Kind.REQUEST: gettext_lazy("Requests to the steering group awaiting a decision"),
    Kind.OVERDUE_DECISION: gettext_lazy("Decisions past their due date"),
}

#: The assessments from best to worst: a report ranked lower than the goal's previous one is worse.
#: "Not started" and "off track" are both items whatever came before.
ASSESSMENT_RANK: dict[str, int] = {
    Assessment.COMPLETED: 4,
    Assessment.ON_TRACK: 3,
    Assessment.PARTLY: 2,
    Assessment.NOT_STARTED: 1,
    Assessment.OFF_TRACK: 0,
}
ALARMING_ASSESSMENTS = (Assessment.OFF_TRACK, Assessment.NOT_STARTED)
ALARMING_MEASURE_STATUSES = (MeasureStatusChoice.DELAYED, MeasureStatusChoice.CANCELLED)
NOT_SUBMITTED = (ReportStatus.DRAFT, ReportStatus.RETURNED)


@dataclass(frozen=True)
class Item:
    """One thing to look at: what it is about (`subject`, with `context` such as the goal), one
    line saying why, and the page it comes from. `detail` holds a request's full text."""

    kind: Kind
    subject: str
    explanation: str
    url: str
    context: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Group:
    kind: Kind
    heading: str
    items: list[Item]


@dataclass(frozen=True)
class Attention:
    reporting_round: ReportingRound
    previous_round: ReportingRound | None
    today: datetime.date
    items: list[Item] = field(default_factory=list)

    @property
    def groups(self) -> list[Group]:
        """The kinds that have items, in `Kind` order."""
        by_kind: dict[Kind, list[Item]] = defaultdict(list)
        for item in self.items:
            by_kind[item.kind].append(item)
        return [Group(kind, str(HEADINGS[kind]), by_kind[kind]) for kind in Kind if by_kind[kind]]

    @property
    def requests(self) -> list[Item]:
        return [item for item in self.items if item.kind == Kind.REQUEST]

    def count(self, kind: Kind) -> int:
        return sum(1 for item in self.items if item.kind == kind)


# --- formatting -----------------------------------------------------------------------------------


def _date(day: datetime.date) -> str:
    return dateformat.format(day, "j.n.Y")


def _round_label(reporting_round: ReportingRound) -> str:
    return reporting_round.label(active_content_language())


def _period_label(code: object) -> str:
    if isinstance(code, Period):
        return code.label(active_content_language())
    return Period.parse(str(code)).label(active_content_language()) if code else ""


def _amount(value: float, unit: str) -> str:
    number = format_number(value, 0 if value == int(value) else 1)
    label = str(IndicatorUnit(unit).label) if unit in IndicatorUnit.values else ""
    return f"{number} {label}".strip()


def _report_url(report: GoalReport) -> str:
    return reverse("follow_up:report", args=[report.pk])


def _organisations_url(reporting_round: ReportingRound, key: str) -> str:
    return f"{reverse('follow_up:round', args=[reporting_round.period])}?organisation={key}"


# --- the rules ------------------------------------------------------------------------------------


def goal_items(facts: ReportFacts, previous: ReportFacts | None) -> list[Item]:
    now = facts.assessment
    if now not in ASSESSMENT_RANK:
        return []
    before = previous.assessment if previous else ""
    worse = before in ASSESSMENT_RANK and ASSESSMENT_RANK[now] < ASSESSMENT_RANK[before]
    if now not in ALARMING_ASSESSMENTS and not worse:
        return []
    values = {"assessment": assessment_label(now), "previous": assessment_label(before)}
    if worse:
        explanation = _(
            "Assessed “%(assessment)s”, worse than in the previous round (“%(previous)s”)."
        )
    elif before:
        explanation = _("Assessed “%(assessment)s” (previous round: “%(previous)s”).")
    else:
        explanation = _("Assessed “%(assessment)s”.")
    return [Item(Kind.GOAL, facts.goal_label, explanation % values, _report_url(facts.report))]


def measure_items(facts: ReportFacts) -> list[Item]:
    items = []
    for measure in facts.measures:
        if measure.get("status") not in ALARMING_MEASURE_STATUSES:
            continue
        status = capfirst(measure_status_label(measure["status"]))
        text = Truncator(" ".join(str(measure.get("text") or "").split())).words(25)
        items.append(
            Item(
                Kind.MEASURE,
                doc_plain(measure["title"]),
                f"{status}: {text}" if text else f"{status}.",
                _report_url(facts.report),
                context=facts.goal_label,
            )
        )
    return items


def _year_and_when(indicator: dict[str, Any]) -> tuple[int, str] | None:
    if indicator.get("kind") == IndicatorKind.MANUAL:
        if not indicator.get("date"):
            return None
        day = datetime.date.fromisoformat(indicator["date"])
        return day.year, _date(day)
    if not indicator.get("period"):
        return None
    period = Period.parse(indicator["period"])
    return period.year, _period_label(period)


def _target_for(indicator: dict[str, Any], year: int) -> float | None:
    for target in indicator.get("targets", []):
        target_year = int(target["year"]) if "year" in target else int(str(target["date"])[:4])
        if target_year == year:
            return float(target["value"])
    return None


def _red_explanation(
    value: float,
    when: str,
    year: int,
    target: float | None,
    baseline: float | None,
    baseline_period: object,
    direction: str,
    unit: str,
) -> str | None:
    """Why the value is red by the overview's traffic-light rule, None when it is not red."""
    if target is not None:
        light, _reason = target_light(value, target, baseline, direction)
    else:
        light, _reason = traffic_light(value, baseline, direction)
    if light != RED:
        return None
    values = {
        "value": _amount(value, unit),
        "when": when,
        "year": year,
        "target": _amount(target, unit) if target is not None else "",
        "baseline": _amount(baseline, unit) if baseline is not None else "",
        "baseline_period": _period_label(baseline_period),
    }
    if target is not None and baseline is not None:
        text = _(
            "%(value)s (%(when)s): short of the target for %(year)s, %(target)s, and no better than the baseline %(baseline)s (%(baseline_period)s)."
        )
    elif target is not None:
        text = _("%(value)s (%(when)s): short of the target for %(year)s, %(target)s.")
    elif direction == "maintain":
        text = _(
            "%(value)s (%(when)s): drifted from the baseline %(baseline)s (%(baseline_period)s), which is to be maintained."
        )
    else:
        text = _(
            "%(value)s (%(when)s): worse than the baseline %(baseline)s (%(baseline_period)s)."
        )
    return text % values


def indicator_items(facts: ReportFacts) -> list[Item]:
    items = []
    for indicator in facts.indicators:
        value = indicator.get("value")
        year_and_when = _year_and_when(indicator)
        if value is None or year_and_when is None:
            continue
        year, when = year_and_when
        text = _red_explanation(
            value,
            when,
            year,
            _target_for(indicator, year),
            indicator.get("baseline"),
            indicator.get("baseline_period"),
            indicator.get("direction", ""),
            indicator.get("unit", ""),
        )
        if text is None:
            continue
        items.append(
            Item(
                Kind.INDICATOR,
                doc_plain(indicator["name"]),
                text,
                _report_url(facts.report),
                context=facts.goal_label,
            )
        )
    return items


def area_indicator_items(
    facts: ReportFacts, areas: dict[int, list[AreaFigure]], end: datetime.date
) -> list[Item]:
    """The goal's indicators red in an employment area (TA04, TA16), by the same rule: the area's
    value against the area's target for the value's year, else the area's baseline. Public
    statistics, so read whatever the report's state."""
    items = []
    for indicator in facts.report.goal.indicators.all():
        for figure in areas.get(indicator.pk, []):
            if figure.area_code == REGION or figure.status is None:
                continue
            point = area_value_by(figure, end)
            if point is None or point.value is None:
                continue
            period = Period.parse(point.period)
            target = next(
                (
                    float(t.value)
                    for t in indicator.targets.all()
                    if t.area == figure.area_code and t.year == period.year
                ),
                None,
            )
            text = _red_explanation(
                point.value,
                _period_label(period),
                period.year,
                target,
                figure.status.baseline_value,
                figure.status.baseline_period,
                indicator.desired_direction,
                indicator.unit,
            )
            if text is None:
                continue
            items.append(
                Item(
                    Kind.INDICATOR,
                    doc_plain(texts_of(indicator, "name")),
                    _("%(area)s: %(explanation)s")
                    % {"area": str(figure.name), "explanation": text},
                    reverse("programmes:goal", args=[facts.report.goal.key])
                    + f"#indicator-{indicator.key}",
                    context=facts.goal_label,
                )
            )
    return items


def _deadline_passed(reporting_round: ReportingRound, today: datetime.date) -> bool:
    return reporting_round.status != RoundStatus.OPEN or today > reporting_round.deadline


def missing_items(
    reporting_round: ReportingRound, facts: list[ReportFacts], today: datetime.date
) -> list[Item]:
    """By organisation: the goals whose report it has not submitted though the deadline passed."""
    if not _deadline_passed(reporting_round, today):
        return []
    missing: dict[str, tuple[dict[str, str], list[str]]] = {}
    for row in facts:
        if row.report.status not in NOT_SUBMITTED:
            continue
        for coordinator in row.coordinators:
            missing.setdefault(coordinator["key"], (coordinator["name"], []))[1].append(
                row.goal_label
            )
    items = []
    for key, (name, goals) in sorted(missing.items(), key=lambda pair: doc_plain(pair[1][0])):
        values = {"goals": "; ".join(goals), "deadline": _date(reporting_round.deadline)}
        if reporting_round.status == RoundStatus.OPEN:
            days = (today - reporting_round.deadline).days
            text = ngettext(
                "Not submitted, %(days)s day past the deadline %(deadline)s: %(goals)s.",
                "Not submitted, %(days)s days past the deadline %(deadline)s: %(goals)s.",
                days,
            ) % {**values, "days": days}
        else:
            text = _("No report submitted before the round closed: %(goals)s.") % values
        items.append(
            Item(
                Kind.MISSING_REPORT,
                doc_plain(name),
                text,
                _organisations_url(reporting_round, key),
            )
        )
    return items


def _silent_in(facts: list[ReportFacts]) -> dict[str, dict[str, str]]:
    """The organisations (by key) none of whose reports in the round is submitted."""
    reported: set[str] = set()
    named: dict[str, dict[str, str]] = {}
    for row in facts:
        for coordinator in row.coordinators:
            named[coordinator["key"]] = coordinator["name"]
            if row.report.status not in NOT_SUBMITTED:
                reported.add(coordinator["key"])
    return {key: name for key, name in named.items() if key not in reported}


def silent_items(
    reporting_round: ReportingRound,
    previous_round: ReportingRound | None,
    facts: list[ReportFacts],
    previous_facts: list[ReportFacts],
    today: datetime.date,
) -> list[Item]:
    if previous_round is None or not _deadline_passed(reporting_round, today):
        return []
    silent_before = _silent_in(previous_facts)
    silent_now = _silent_in(facts)
    text = _("No report submitted in %(previous)s nor in %(current)s.") % {
        "previous": _round_label(previous_round),
        "current": _round_label(reporting_round),
    }
    return [
        Item(
            Kind.SILENT_ORGANISATION,
            doc_plain(name),
            text,
            _organisations_url(reporting_round, key),
        )
        for key, name in sorted(silent_now.items(), key=lambda pair: doc_plain(pair[1]))
        if key in silent_before
    ]


def request_items(facts: ReportFacts, answered: set[int]) -> list[Item]:
    if not facts.asks or facts.report.pk in answered:
        return []
    detail = "\n\n".join(
        f"{doc_plain(name)}: {text.strip()}" if name else text.strip() for name, text in facts.asks
    )
    line = Truncator(" ".join(detail.split())).words(20)
    return [
        Item(
            Kind.REQUEST,
            facts.goal_label,
            _("No decision yet: “%(request)s”") % {"request": line},
            _report_url(facts.report),
            context=", ".join(doc_plain(c["name"]) for c in facts.coordinators),
            detail=detail,
        )
    ]


def overdue_items(decisions: Iterable[Decision], today: datetime.date) -> list[Item]:
    items = []
    for decision in decisions:
        if decision.due_date is None:  # not read: the query asks for a due date
            continue
        days = (today - decision.due_date).days
        text = ngettext(
            "Due %(date)s, %(days)s day ago; status “%(status)s”.",
            "Due %(date)s, %(days)s days ago; status “%(status)s”.",
            days,
        ) % {
            "date": _date(decision.due_date),
            "days": days,
            "status": DecisionStatus(decision.status).label,
        }
        if decision.responsible is not None:
            text += " " + _("Responsible: %(organisation)s.") % {
                "organisation": doc_plain(texts_of(decision.responsible, "name"))
            }
        items.append(
            Item(
                Kind.OVERDUE_DECISION,
                Truncator(" ".join(decision.text.split())).words(15),
                text,
                reverse("follow_up:meeting", args=[decision.meeting_id]),
                context=_("meeting of %(date)s") % {"date": _date(decision.meeting.date)},
            )
        )
    return items


# --- the selector ---------------------------------------------------------------------------------


def _programme_order(facts: ReportFacts) -> tuple[object, ...]:
    return (facts.theme["order"], facts.theme["number"], facts.goal["order"])


def needs_attention(
    *, reporting_round: ReportingRound, today: datetime.date, compiled: bool = False
) -> Attention:
    """The round's items in `Kind` order, each kind's in programme order. `compiled`: for the
    compiled report, which holds accepted reports only and is public once the round is: reads
    accepted reports only and leaves out decisions that are confidential or of unapproved
    minutes."""
    read = (ReportStatus.ACCEPTED,) if compiled else rules.BEFORE_THE_STEERING_GROUP
    previous_round = previous_round_of(reporting_round)
    if compiled and not _as_public_as(previous_round, reporting_round):
        previous_round = None  # a public compiled report says nothing of an unpublished round
    rounds = [reporting_round] + ([previous_round] if previous_round else [])
    reports = list(reports_of(rounds))
    statistics = statistics_of(
        [r for r in reports if r.status in read],
        [r for r in reports if r.reporting_round_id == reporting_round.pk],
    )
    facts = [
        facts_of(r, statistics.baselines) if r.status in read else status_only(r) for r in reports
    ]
    facts.sort(key=_programme_order)
    current = [f for f in facts if f.report.reporting_round_id == reporting_round.pk]
    earlier = [f for f in facts if f.report.reporting_round_id != reporting_round.pk]
    readable = [f for f in current if f.report.status in read]
    previous_by_goal = {f.report.goal_id: f for f in earlier if f.report.status in read}
    answered = set(
        Decision.objects.filter(report__reporting_round=reporting_round).values_list(
            "report_id", flat=True
        )
    )
    items: list[Item] = []
    for row in readable:
        items += goal_items(row, previous_by_goal.get(row.report.goal_id))
    for row in readable:
        items += measure_items(row)
    end = period_end(reporting_round.period_value)
    for row in current:
        if row.report.status in read:
            items += indicator_items(row)
        items += area_indicator_items(row, statistics.areas, end)
    items += missing_items(reporting_round, current, today)
    items += silent_items(reporting_round, previous_round, current, earlier, today)
    for row in readable:
        items += request_items(row, answered)
    items += overdue_items(_overdue_decisions(reporting_round, today, compiled), today)
    return Attention(reporting_round, previous_round, today, items)


def _as_public_as(earlier: ReportingRound | None, reporting_round: ReportingRound) -> bool:
    """Whether the earlier round may be read beside the round: not when the round is published
    (its compiled report public) and the earlier one is not."""
    if earlier is None:
        return False
    return (
        reporting_round.status != RoundStatus.PUBLISHED or earlier.status == RoundStatus.PUBLISHED
    )


def _overdue_decisions(
    reporting_round: ReportingRound, today: datetime.date, compiled: bool
) -> list[Decision]:
    decisions = Decision.objects.filter(
        meeting__programme_id=reporting_round.programme_id,
        due_date__lt=today,
        status__in=OPEN_DECISION_STATUSES,
    ).select_related("meeting", "responsible")
    if compiled:
        decisions = decisions.filter(confidential=False, meeting__minutes_approved_at__isnull=False)
    return list(decisions.order_by("due_date", "meeting__date", "order", "id"))


def attention_page(user: AnyUser, period: Period | None, today: datetime.date) -> Attention | None:
    """The page's items for the round of the period (without one, `round_under_review`); None when
    there is no such round, PermissionDenied unless the user may read them."""
    if not rules.can_read_attention(roles_of(user)):
        raise PermissionDenied
    reporting_round = round_under_review(today) if period is None else round_of(period)
    if reporting_round is None:
        return None
    return needs_attention(reporting_round=reporting_round, today=today)
