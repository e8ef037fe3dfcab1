"""What needs the steering group's attention (follow_up/attention.py): each rule makes an item
appear and, once the cause is gone, go; drafts stay private; the page is for the steering group,
the admins and the analysts; the compiled report opens with it. Constructed data
(tests/follow_up/builders.py)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from seuraamo.follow_up import exports, selectors, services
from seuraamo.follow_up.attention import Attention, Kind, needs_attention
from seuraamo.follow_up.models import (
    Contribution,
    Decision,
    DecisionStatus,
    GoalReport,
    ManualIndicatorValue,
    MeasureStatus,
    Meeting,
    ReportingRound,
    ReportOrganisation,
)
from seuraamo.periods import Period
from seuraamo.programmes.models import Goal, Indicator, IndicatorTarget, Measure
from tests.follow_up.builders import FollowUp
from tests.situation.builders import build_situation

DAY = datetime.timedelta(days=1)
OFFICIAL = (
    "mk08-tyottomien-osuus"  # goal 4.3; decrease; baseline 12.9 (2021M06); targets 2025, 2027
)
MANUAL = "ohjaamo-asiakkaat"  # goal 4.3; increase; baseline 1 234


def attention(follow_up: FollowUp, **options: object) -> Attention:
    reporting_round = ReportingRound.objects.get(pk=follow_up.reporting_round.pk)
    return needs_attention(reporting_round=reporting_round, today=timezone.localdate(), **options)


def items(follow_up: FollowUp, kind: Kind, **options: object) -> list[str]:
    """The items of the kind, each as "subject | context | explanation"."""
    return [
        f"{item.subject} | {item.context} | {item.explanation}"
        for item in attention(follow_up, **options).items
        if item.kind == kind
    ]


def set_report(follow_up: FollowUp, number: str, **fields: object) -> GoalReport:
    GoalReport.objects.filter(pk=follow_up.report(number).pk).update(**fields)
    return follow_up.report(number)


def submitted(follow_up: FollowUp, number: str, **fields: object) -> GoalReport:
    return set_report(follow_up, number, status="submitted", **fields)


def past_deadline(follow_up: FollowUp, days: int = 5) -> None:
    ReportingRound.objects.filter(pk=follow_up.reporting_round.pk).update(
        deadline=timezone.localdate() - days * DAY
    )


def previous_round(follow_up: FollowUp) -> ReportingRound:
    """Round 2025H2, before the fixture's 2026H1, its deadline passed; every report a draft."""
    return services.open_round(
        actor=follow_up.admin,
        programme=follow_up.data.programme,
        period="2025H2",
        deadline=timezone.localdate() - 200 * DAY,
        goals=list(follow_up.data.goals.values()),
    )


# --- goals ---------------------------------------------------------------------------------------


def test_a_goal_assessed_off_track_appears_and_goes_when_it_is_on_track(
    follow_up: FollowUp,
) -> None:
    submitted(follow_up, "4.2", assessment="off_track")
    assert items(follow_up, Kind.GOAL) == [
        "4.2 · Tavoite Kasvun edistäminen |  | Arvioitu ”ei etene suunnitellusti”."
    ]
    set_report(follow_up, "4.2", assessment="on_track")
    assert items(follow_up, Kind.GOAL) == []


def test_a_goal_not_started_appears_and_goes_when_it_has_started(follow_up: FollowUp) -> None:
    submitted(follow_up, "4.3", assessment="not_started")
    assert len(items(follow_up, Kind.GOAL)) == 1
    set_report(follow_up, "4.3", assessment="partly")
    assert items(follow_up, Kind.GOAL) == []


def test_a_goal_worse_than_in_the_previous_round_appears_and_goes_when_it_is_as_good(
    follow_up: FollowUp,
) -> None:
    earlier = previous_round(follow_up)
    earlier.reports.filter(goal=follow_up.data.goals["4.1"]).update(
        status="accepted", assessment="on_track"
    )
    submitted(follow_up, "4.1", assessment="partly")
    assert items(follow_up, Kind.GOAL) == [
        "4.1 · Tavoite Yhteistyön kehittäminen |  | Arvioitu ”etenee osittain”, heikommin kuin"
        " edellisellä kierroksella (”etenee suunnitellusti”)."
    ]
    set_report(follow_up, "4.1", assessment="on_track")
    assert items(follow_up, Kind.GOAL) == []


def test_a_draft_s_assessment_is_not_read(follow_up: FollowUp) -> None:
    set_report(follow_up, "4.2", assessment="off_track")
    assert items(follow_up, Kind.GOAL) == []
    submitted(follow_up, "4.2")
    assert len(items(follow_up, Kind.GOAL)) == 1
    # The compiled report reads accepted reports only.
    assert items(follow_up, Kind.GOAL, compiled=True) == []


def test_a_public_compiled_report_compares_with_no_unpublished_round(follow_up: FollowUp) -> None:
    earlier = previous_round(follow_up)
    earlier.reports.filter(goal=follow_up.data.goals["4.1"]).update(
        status="accepted", assessment="on_track"
    )
    set_report(follow_up, "4.1", status="accepted", assessment="partly")
    ReportingRound.objects.filter(pk=follow_up.reporting_round.pk).update(status="published")
    assert items(follow_up, Kind.GOAL, compiled=True) == []
    ReportingRound.objects.filter(pk=earlier.pk).update(status="published")
    assert len(items(follow_up, Kind.GOAL, compiled=True)) == 1


# --- measures ------------------------------------------------------------------------------------


def measure_status(follow_up: FollowUp, key: str) -> MeasureStatus:
    return MeasureStatus.objects.get(report=follow_up.report("4.3"), measure__key=key)


@pytest.mark.parametrize(
    ("status", "label"), [("delayed", "Viivästynyt"), ("cancelled", "Peruttu")]
)
def test_a_measure_delayed_or_cancelled_appears_and_goes_when_it_runs(
    follow_up: FollowUp, status: str, label: str
) -> None:
    submitted(follow_up, "4.3")
    MeasureStatus.objects.filter(pk=measure_status(follow_up, "goal-4-3-measure-1").pk).update(
        status=status, text="Rahoituspäätös myöhästyi."
    )
    assert items(follow_up, Kind.MEASURE) == [
        f"Toimenpide 4.3.1 | 4.3 · Tavoite Osaavan työvoiman saatavuus | {label}:"
        " Rahoituspäätös myöhästyi."
    ]
    MeasureStatus.objects.filter(measure__key="goal-4-3-measure-1").update(status="in_progress")
    assert items(follow_up, Kind.MEASURE) == []


# --- indicators ----------------------------------------------------------------------------------


def official_value(follow_up: FollowUp, period: str, value: float) -> None:
    submitted(
        follow_up,
        "4.3",
        official_values=[{"indicator": OFFICIAL, "period": period, "value": value, "recent": []}],
    )


def test_an_indicator_worse_than_its_baseline_appears_with_its_figures_and_goes_when_better(
    follow_up: FollowUp,
) -> None:
    # No target for 2026: the value is compared with the baseline, 12.9 % (desired: decrease).
    official_value(follow_up, "2026M05", 14.2)
    assert items(follow_up, Kind.INDICATOR) == [
        "Työttömien osuus työvoimasta, Kymenlaakso | 4.3 · Tavoite Osaavan työvoiman saatavuus"
        " | 14,2 % (toukokuu 2026): huonompi kuin lähtötaso 12,9 % (kesäkuu 2021)."
    ]
    official_value(follow_up, "2026M05", 11.5)
    assert items(follow_up, Kind.INDICATOR) == []


def test_an_indicator_short_of_its_year_s_target_appears_and_goes_when_it_reaches_it(
    follow_up: FollowUp,
) -> None:
    # The 2025 target is 11.0 %; 12.8 % is short of it and hardly better than the baseline.
    official_value(follow_up, "2025M12", 12.8)
    assert items(follow_up, Kind.INDICATOR) == [
        "Työttömien osuus työvoimasta, Kymenlaakso | 4.3 · Tavoite Osaavan työvoiman saatavuus"
        " | 12,8 % (joulukuu 2025): vuoden 2025 tavoite 11 % jää saavuttamatta, eikä arvo ole"
        " lähtötasoa 12,9 % (kesäkuu 2021) parempi."
    ]
    official_value(follow_up, "2025M12", 10.9)
    assert items(follow_up, Kind.INDICATOR) == []


def test_a_manual_indicator_below_its_baseline_appears_and_goes_when_it_rises(
    follow_up: FollowUp,
) -> None:
    report = submitted(follow_up, "4.3")
    indicator = Indicator.objects.get(key=MANUAL)
    value = ManualIndicatorValue.objects.create(
        report=report, indicator=indicator, value=Decimal(900), date=datetime.date(2026, 5, 31)
    )
    assert items(follow_up, Kind.INDICATOR) == [
        "Ohjaamon asiakkaat | 4.3 · Tavoite Osaavan työvoiman saatavuus | 900 henkilöä"
        " (31.5.2026): huonompi kuin lähtötaso 1\xa0234 henkilöä (kesäkuu 2021)."
    ]
    ManualIndicatorValue.objects.filter(pk=value.pk).update(value=Decimal(1500))
    assert items(follow_up, Kind.INDICATOR) == []


def test_a_closed_round_reads_the_frozen_snapshot(follow_up: FollowUp) -> None:
    official_value(follow_up, "2026M05", 14.2)
    services.close_round(
        actor=follow_up.admin, round_id=follow_up.reporting_round.pk, reason="Testi."
    )
    # A later change to the report's rows does not change the closed round.
    set_report(follow_up, "4.3", official_values=[])
    assert len(items(follow_up, Kind.INDICATOR)) == 1


def kouvola_target(value: str) -> None:
    """The statistics of tests/situation/builders.py (Kouvola's share of unemployed in 2026M06:
    4 765 / 35 274 = 13.5 %, summed from its member KU286), the indicator read as the share the
    selectors compute, and a 2026 target for the Kouvola employment area (TA16) only."""
    build_situation()
    indicator = Indicator.objects.get(key=OFFICIAL)
    Indicator.objects.filter(pk=indicator.pk).update(stat_content_code="share")
    IndicatorTarget.objects.create(
        indicator=indicator, year=2026, area="TA16", value=Decimal(value)
    )


def test_an_employment_area_short_of_its_own_target_appears_by_name(follow_up: FollowUp) -> None:
    kouvola_target("12.0")
    found = [item for item in attention(follow_up).items if item.kind == Kind.INDICATOR]
    assert [f"{item.subject} | {item.context} | {item.explanation}" for item in found] == [
        "Työttömien osuus työvoimasta, Kymenlaakso | 4.3 · Tavoite Osaavan työvoiman saatavuus"
        " | Kouvolan työllisyysalue: 13,5 % (kesäkuu 2026): vuoden 2026 tavoite 12 % jää"
        " saavuttamatta."
    ]
    assert found[0].url == f"/fi/goals/goal-4-3/#indicator-{OFFICIAL}"


def test_an_employment_area_that_reaches_its_own_target_is_no_item(follow_up: FollowUp) -> None:
    kouvola_target("14.0")
    assert items(follow_up, Kind.INDICATOR) == []


# --- missing reports and silent organisations ----------------------------------------------------


def test_a_report_not_submitted_by_the_deadline_is_listed_by_organisation_until_it_is(
    follow_up: FollowUp,
) -> None:
    set_report(follow_up, "4.1", done="SALAINEN LUONNOS", assessment="off_track")
    assert items(follow_up, Kind.MISSING_REPORT) == []  # the deadline is 20 days away
    past_deadline(follow_up, days=5)
    missing = [i for i in items(follow_up, Kind.MISSING_REPORT) if "työllisyysjohtoryhmä" in i]
    assert missing == [
        "Kymenlaakson työllisyysjohtoryhmä |  | Ei lähetetty, 5 päivää määräajan"
        f" {(timezone.localdate() - 5 * DAY):%-d.%-m.%Y} jälkeen: 4.1 · Tavoite Yhteistyön"
        " kehittäminen."
    ]
    submitted(follow_up, "4.1")
    assert not [i for i in items(follow_up, Kind.MISSING_REPORT) if "työllisyysjohtoryhmä" in i]


def test_an_organisation_silent_for_two_rounds_appears_and_goes_when_it_has_reported(
    follow_up: FollowUp,
) -> None:
    earlier = previous_round(follow_up)
    past_deadline(follow_up)
    silent = [i for i in items(follow_up, Kind.SILENT_ORGANISATION) if "johtoryhmä" in i]
    assert silent == [
        "Kymenlaakson työllisyysjohtoryhmä |  | Ei raporttia kierroksella 2. vuosipuolisko 2025"
        " eikä kierroksella 1. vuosipuolisko 2026."
    ]
    earlier.reports.filter(goal=follow_up.data.goals["4.1"]).update(status="accepted")
    assert not [i for i in items(follow_up, Kind.SILENT_ORGANISATION) if "johtoryhmä" in i]


# --- requests and decisions ----------------------------------------------------------------------


def test_a_request_to_the_steering_group_appears_and_goes_when_a_decision_answers_it(
    follow_up: FollowUp,
) -> None:
    set_report(follow_up, "4.1", asks="Pyydämme linjausta rahoituksesta.")
    assert items(follow_up, Kind.REQUEST) == []  # a draft's request is not read
    report = submitted(follow_up, "4.1")
    assert items(follow_up, Kind.REQUEST) == [
        "4.1 · Tavoite Yhteistyön kehittäminen | Kymenlaakson työllisyysjohtoryhmä | Ei vielä"
        " päätöstä: ”Pyydämme linjausta rahoituksesta.”"
    ]
    meeting = Meeting.objects.create(programme=follow_up.data.programme, date=timezone.localdate())
    Decision.objects.create(meeting=meeting, text="Linjataan.", report=report)
    assert items(follow_up, Kind.REQUEST) == []


def test_a_shared_report_s_request_is_read_from_the_parts_signed_off(follow_up: FollowUp) -> None:
    report = submitted(follow_up, "4.2")
    parts = list(Contribution.objects.filter(report=report).order_by("id"))
    Contribution.objects.filter(pk=parts[0].pk).update(asks="Allekirjoitettu pyyntö.")
    Contribution.objects.filter(pk=parts[1].pk).update(asks="Keskeneräinen pyyntö.")
    assert items(follow_up, Kind.REQUEST) == []
    Contribution.objects.filter(pk=parts[0].pk).update(status="signed_off")
    (request,) = [i for i in attention(follow_up).items if i.kind == Kind.REQUEST]
    assert "Allekirjoitettu pyyntö." in request.detail
    assert "Keskeneräinen" not in request.detail


def test_a_decision_past_its_due_date_appears_and_goes_when_it_is_done(
    follow_up: FollowUp,
) -> None:
    meeting = Meeting.objects.create(
        programme=follow_up.data.programme, date=datetime.date(2026, 3, 12)
    )
    decision = Decision.objects.create(
        meeting=meeting,
        text="Kouvolan työllisyysalue selvittää nuorten palvelujen tilanteen.",
        responsible=follow_up.data.organisations["kouvolan-tyollisyysalue"],
        due_date=timezone.localdate() - 3 * DAY,
        status=DecisionStatus.IN_PROGRESS,
    )
    assert items(follow_up, Kind.OVERDUE_DECISION) == [
        "Kouvolan työllisyysalue selvittää nuorten palvelujen tilanteen. | kokous 12.3.2026 |"
        f" Määräaika {(timezone.localdate() - 3 * DAY):%-d.%-m.%Y}, 3 päivää sitten; tila"
        " ”käynnissä”. Vastuussa: Kouvolan työllisyysalue."
    ]
    # Confidential, or of minutes not yet approved: not in the compiled report, which may be public.
    assert items(follow_up, Kind.OVERDUE_DECISION, compiled=True) == []
    Decision.objects.filter(pk=decision.pk).update(status=DecisionStatus.DONE)
    assert items(follow_up, Kind.OVERDUE_DECISION) == []


def test_a_decision_not_yet_due_is_no_item(follow_up: FollowUp) -> None:
    meeting = Meeting.objects.create(programme=follow_up.data.programme, date=timezone.localdate())
    Decision.objects.create(meeting=meeting, text="Tehdään.", due_date=timezone.localdate())
    assert items(follow_up, Kind.OVERDUE_DECISION) == []


# --- bounded queries -----------------------------------------------------------------------------


def add_goals(follow_up: FollowUp, count: int) -> None:
    """More goals in the round, each with a measure delayed and an indicator of the same table."""
    theme = follow_up.data.themes["4.3"]
    organisation = follow_up.data.organisations["kotkan-kaupunki"]
    for index in range(count):
        goal = Goal.objects.create(theme=theme, key=f"extra-{index}", title_fi=f"Lisä {index}")
        measure = Measure.objects.create(goal=goal, key=f"extra-{index}-m", title_fi="T")
        Indicator.objects.create(
            key=f"extra-{index}-i",
            goal=goal,
            name_fi="I",
            unit="percent",
            desired_direction="decrease",
            kind="official",
            stat_table="tyonv/12r5",
            stat_content_code="TYOTOSUUS",
            stat_area="MK08",
        )
        report = GoalReport.objects.create(
            reporting_round=follow_up.reporting_round, goal=goal, status="submitted"
        )
        ReportOrganisation.objects.create(report=report, organisation=organisation)
        MeasureStatus.objects.create(report=report, measure=measure, status="delayed")


def test_the_number_of_queries_does_not_grow_with_the_goals(
    follow_up: FollowUp, django_assert_max_num_queries: object
) -> None:
    previous_round(follow_up)
    official_value(follow_up, "2026M05", 14.2)
    past_deadline(follow_up)
    # 18: with the employment areas' figures (the tables' own rows of the areas, the areas' members
    # and names), a constant however many goals.
    with django_assert_max_num_queries(18) as few:
        attention(follow_up)
    add_goals(follow_up, 6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        found = attention(follow_up)
    assert found.count(Kind.MEASURE) == 6


# --- the page ------------------------------------------------------------------------------------


def page(client: Client, user: object, path: str = "/fi/follow-up/attention/") -> object:
    if user is not None:
        client.force_login(user)
    return client.get(path)


def test_the_page_is_for_the_steering_group_the_admins_and_the_analysts(
    follow_up: FollowUp, client: Client
) -> None:
    submitted(follow_up, "4.2", assessment="off_track")
    anonymous = page(Client(), None)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    assert page(Client(), follow_up.coordinator_a).status_code == 403
    assert page(Client(), follow_up.outsider).status_code == 403
    for user in (follow_up.steering, follow_up.admin, follow_up.analyst):
        response = page(Client(), user)
        assert response.status_code == 200
        text = response.content.decode()
        assert "Tavoitteet, jotka eivät etene" in text
        assert f'href="/fi/follow-up/reports/{follow_up.report("4.2").pk}/"' in text


def test_the_round_s_page_by_period_and_a_missing_round(
    follow_up: FollowUp, client: Client
) -> None:
    client.force_login(follow_up.steering)
    assert client.get("/fi/follow-up/rounds/2026H1/attention/").status_code == 200
    assert client.get("/fi/follow-up/rounds/2019H1/attention/").status_code == 404
    client.force_login(follow_up.coordinator_b)
    assert client.get("/fi/follow-up/rounds/2026H1/attention/").status_code == 403


def test_the_page_opens_with_the_round_under_review_not_one_just_opened(
    follow_up: FollowUp,
) -> None:
    # 2026H1 was just opened (deadline in 20 days, nothing submitted); 2025H2's deadline passed.
    previous_round(follow_up)
    text = page(Client(), follow_up.steering).content.decode()
    assert "2. vuosipuolisko 2025</h1>" in text
    assert "Kymenlaakson työllisyysjohtoryhmä" in text  # its report of 2025H2 is missing
    submitted(follow_up, "4.2")
    assert "1. vuosipuolisko 2026</h1>" in page(Client(), follow_up.steering).content.decode()


def test_a_missing_report_s_draft_text_never_shows_on_the_page(follow_up: FollowUp) -> None:
    set_report(
        follow_up, "4.1", done="SALAINEN LUONNOS", asks="SALAINEN PYYNTÖ", assessment="off_track"
    )
    past_deadline(follow_up)
    text = page(Client(), follow_up.admin).content.decode()
    assert "Kymenlaakson työllisyysjohtoryhmä" in text
    assert "SALAINEN" not in text
    assert "Tavoitteet, jotka eivät etene" not in text


def test_the_steering_group_s_tasks_and_the_round_page_lead_to_it(
    follow_up: FollowUp, client: Client
) -> None:
    submitted(follow_up, "4.2", assessment="off_track")
    client.force_login(follow_up.steering)
    tasks = client.get("/fi/follow-up/tasks/").content.decode()
    assert 'href="/fi/follow-up/attention/"' in tasks
    assert "Tavoitteet, jotka eivät etene suunnitellusti tai ovat heikentyneet: 1" in " ".join(
        tasks.split()
    )
    round_page = client.get("/fi/follow-up/rounds/2026H1/").content.decode()
    assert 'href="/fi/follow-up/rounds/2026H1/attention/"' in round_page
    client.force_login(follow_up.coordinator_a)
    assert "/follow-up/attention/" not in client.get("/fi/follow-up/tasks/").content.decode()


# --- the compiled report -------------------------------------------------------------------------


def test_the_compiled_report_opens_with_attention_then_the_requests(follow_up: FollowUp) -> None:
    set_report(follow_up, "4.1", asks="LUONNOKSEN PYYNTÖ")
    report = submitted(follow_up, "4.2", assessment="off_track")
    services.accept_report(actor=follow_up.admin, report_id=report.pk)
    contribution = Contribution.objects.filter(report=report).first()
    Contribution.objects.filter(pk=contribution.pk).update(
        asks="Pyydämme päätöstä rahoituksesta.", status="signed_off"
    )
    compiled = selectors.compiled_report(follow_up.admin, Period.parse("2026H1"))
    html = exports.render_html(compiled)
    attention_at = html.index('id="needs-attention"')
    requests_at = html.index('id="requests"')
    assert attention_at < requests_at < html.index('id="summary"')
    assert "Arvioitu ”ei etene suunnitellusti”." in html[attention_at:requests_at]
    assert "Pyydämme päätöstä rahoituksesta." in html[requests_at:]
    assert "LUONNOKSEN PYYNTÖ" not in html
    # The file's links lead to the site.
    assert f'href="{settings.SITE_URL}/fi/follow-up/reports/{report.pk}/"' in html
    workbook = load_workbook(io.BytesIO(exports.render_xlsx(compiled)))
    assert workbook.worksheets[0].cell(1, 1).value == "Teema"  # still one row per goal
    rows = list(workbook["Huomiota vaativat"].iter_rows(values_only=True))
    assert any("ei etene suunnitellusti" in str(row[3]) for row in rows[1:])
    requests = list(workbook["Päätöstä odottavat pyynnöt"].iter_rows(values_only=True))
    assert "Pyydämme päätöstä rahoituksesta." in requests[1][2]
