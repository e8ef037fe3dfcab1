"""The programme overview: each goal's latest assessment the user may read (published rounds for
the public), indicators with value, target, status and a sparkline with the target drawn in."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.test import Client

from seuraamo.follow_up import services
from seuraamo.follow_up.services import ManualValueInput, ReportContent
from seuraamo.follow_up.sparklines import sparkline
from seuraamo.periods import Period
from tests.follow_up.builders import FollowUp


def test_sparkline_draws_the_series_and_the_target() -> None:
    months = ["2026M01", "2026M02", "2026M03", "2026M04"]
    svg = str(sparkline(list(zip(months, [10.0, 11.0, 12.0, 11.0], strict=True)), target=9.0))
    assert svg.startswith('<svg class="sparkline"') and 'aria-hidden="true"' in svg
    assert svg.count("<polyline") == 1 and svg.count(",") == 4  # one line through four points
    assert 'class="sparkline__target"' in svg and 'stroke-dasharray="3 2"' in svg
    assert "style=" not in svg  # the Content-Security-Policy forbids style attributes
    assert str(sparkline([("2026M01", 10.0)])) == ""


def test_sparkline_never_joins_figures_across_a_gap() -> None:
    # Twelve months of 2022-11…2023-10, then nothing until 2026-06 (the snapshot's shape).
    earlier = [(Period.parse("2022M11").shift(n), 100.0 + n) for n in range(12)]
    svg = str(sparkline([*earlier, ("2026M06", 140.0)]))
    assert svg.count("<polyline") == 1 and svg.count("<circle") == 1  # the last one stands alone
    line = svg.split('<polyline points="')[1].split('"')[0].split()
    dot = float(svg.split('<circle cx="')[1].split('"')[0])
    # Placed in time: eleven monthly steps take a quarter of the width, the 32 missing months the rest.
    assert float(line[-1].split(",")[0]) < 35 and dot == 117
    # A month without a value breaks the line too.
    svg = str(sparkline([("2026M01", 1.0), ("2026M02", 2.0), ("2026M03", None), ("2026M04", 3.0)]))
    assert svg.count("<polyline") == 1 and svg.count("<circle") == 1


def test_overview_shows_only_what_the_user_may_read(follow_up: FollowUp) -> None:
    goal = follow_up.data.goals["4.3"]
    manual = goal.indicators.get(kind="manual")
    report = follow_up.report("4.3")
    services.save_report(
        actor=follow_up.coordinator_a,
        report_id=report.pk,
        expected_version=1,
        content=ReportContent(
            assessment="off_track",
            manual_values={
                manual.pk: ManualValueInput(Decimal("1500"), datetime.date(2026, 6, 30), "Ohjaamo")
            },
        ),
    )
    analyst = Client()
    analyst.force_login(follow_up.analyst)
    # A draft is nobody's but its organisation's: not in the overview, not even for the analyst.
    assert "ei etene suunnitellusti" not in analyst.get("/fi/follow-up/overview/").content.decode()
    services.submit_report(actor=follow_up.coordinator_a, report_id=report.pk)
    services.accept_report(actor=follow_up.admin, report_id=report.pk)
    public = Client().get("/fi/follow-up/overview/").content.decode()
    assert "ei etene suunnitellusti" not in public  # accepted, but the round is not published
    assert "ei vielä raporttia" in public
    internal = analyst.get("/fi/follow-up/overview/").content.decode()
    assert "ei etene suunnitellusti" in internal
    assert "1\xa0500" in internal and "2026-06-30" in internal
    # The official indicator's next target (2027) is listed even without stored statistics.
    assert '10,5 <span class="meta">(2027)</span>' in public
    services.close_round(
        actor=follow_up.admin,
        round_id=follow_up.reporting_round.pk,
        reason="Testi: suljetaan ennen määräaikaa.",
    )
    services.publish_round(actor=follow_up.admin, round_id=follow_up.reporting_round.pk)
    assert "off track" in Client().get("/en/follow-up/overview/").content.decode()


def test_overview_says_baseline_missing_without_a_value_at_the_programme_start(
    follow_up: FollowUp,
) -> None:
    from tests.pages.test_indicator_status import store_share, without_recorded_baseline

    without_recorded_baseline(follow_up.data)
    store_share({"2025M06": 13.1, "2026M06": 14.4})
    swedish = Client().get("/sv/follow-up/overview/").content.decode()
    assert "utgångsvärde saknas" in swedish
    store_share({"2021M06": 12.0})
    swedish = Client().get("/sv/follow-up/overview/").content.decode()
    assert "utgångsvärde saknas" not in swedish
    assert "Sämre än utgångsläget" in swedish  # 14.4 % against 12.0 % in June 2021
