"""A report's official indicator values are those of the periods that ended by the round's end;
the compiled report draws their trend with the next target and states the first and last value.
Constructed statistics (not real figures)."""

from __future__ import annotations

import datetime

from django.test import Client
from django.utils import timezone

from seuraamo.follow_up import services
from seuraamo.follow_up.services import ReportContent
from seuraamo.official_stats.models import Observation, StatTable
from tests.pages.builders import PageData
from tests.personas import coordinator, programme_admin


def test_official_values_as_of_the_period_end_and_their_trend(data: PageData) -> None:
    table = StatTable.objects.create(table_id="tyonv/12r5", title_fi="Constructed test table")
    months = [f"2025M{m:02d}" for m in range(1, 13)] + [f"2026M{m:02d}" for m in range(1, 10)]
    Observation.objects.bulk_create(
        Observation(
            table=table,
            content_code="TYOTOSUUS",
            area_code="MK08",
            period=period,
            value=10.0 + index / 10,
        )
        for index, period in enumerate(months)
    )
    admin = programme_admin()
    round_ = services.open_round(
        actor=admin,
        programme=data.programme,
        period="2026H1",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        goals=[data.goals["4.3"]],
    )
    report = round_.reports.get()
    values = report.official_values
    accept(
        report,
        admin,
        coordinator(data.organisations["kaakkois-suomen-elinvoimakeskus"]),
    )
    assert [(v["indicator"], v["period"], v["value"]) for v in values] == [
        ("mk08-tyottomien-osuus", "2026M06", 11.7)
    ]
    assert [p for p, _v in values[0]["recent"]] == months[5:18]  # 2025M06–2026M06
    client = Client()
    client.force_login(admin)
    page = client.get("/fi/follow-up/rounds/2026H1/report.html").content.decode()
    assert '<svg class="sparkline"' in page and 'class="sparkline__target"' in page
    assert "kesäkuu 2025 10,5 → kesäkuu 2026 11,7" in page  # periods by name, not code
    # The labour-market summary: the share is derived from counts this table does not hold.
    summary = page.split('id="labour-market-heading"')[1].split("</section>")[0]
    assert "Työttömät työnhakijat" in summary and "kesäkuu 2026" in summary
    assert "ei tallennettu" in summary


def accept(report: object, admin: object, coordinator: object) -> None:
    """The compiled report holds accepted reports only: the coordinator submits, the admin accepts."""
    services.save_report(
        actor=coordinator,
        report_id=report.pk,
        expected_version=report.version,
        content=ReportContent(assessment="partly"),
    )
    services.submit_report(actor=coordinator, report_id=report.pk)
    services.accept_report(actor=admin, report_id=report.pk)


def unemployed_row(page: str) -> str:
    summary = page.split('id="labour-market-heading"')[1].split("</section>")[0]
    return summary.split("Työttömät työnhakijat")[1].split("</tr>")[0]


def test_a_closed_rounds_labour_market_summary_is_frozen(data: PageData) -> None:
    from seuraamo.official_stats.services import ingest_cube, load_areas
    from tests.official_stats.conftest import make_cube

    load_areas()

    def sync(unemployed_in_june: int) -> None:
        # A sync through the ingest service, as the real one stores it (constructed values).
        cells = {
            ("MK08", "2025M06", "TYOTTOMATLOPUSSA"): 9000,
            ("MK08", "2026M06", "TYOTTOMATLOPUSSA"): unemployed_in_june,
        }
        ingest_cube(table_id="tyonv/12r5", cube=make_cube(cells), source="test")

    sync(9500)
    admin = programme_admin()
    round_ = services.open_round(
        actor=admin,
        programme=data.programme,
        period="2026H1",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        goals=[data.goals["4.3"]],
    )
    client = Client()
    client.force_login(admin)
    url = "/fi/follow-up/rounds/2026H1/report.html"
    assert "9\xa0500" in unemployed_row(client.get(url).content.decode())  # open: read live
    services.close_round(
        actor=admin, round_id=round_.pk, reason="Testi: suljetaan ennen määräaikaa."
    )

    sync(9900)  # a later sync revises June 2026

    page = client.get(url).content.decode()
    assert "9\xa0500" in unemployed_row(page) and "9\xa0900" not in unemployed_row(page)
    assert "kierroksen sulkemishetkellä" in page
    services.reopen_round(
        actor=admin, round_id=round_.pk
    )  # reopened, the round reads the statistics again
    assert "9\xa0900" in unemployed_row(client.get(url).content.decode())
