"""The compiled report as the steering group's meeting pack (issue 18 §7): its order, the
labour-market summary per employment area, rows kept whole across pages, the tagged PDF (PDF/UA)
and the XLSX's sheet per kind. Constructed statistics and texts, not real figures or reports."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone, translation
from openpyxl import load_workbook

from seuraamo.follow_up import exports, project_services, services
from seuraamo.follow_up.labour_market import stored_summary
from seuraamo.follow_up.meeting_models import Decision, DecisionStatus, Meeting
from seuraamo.follow_up.project_services import ProjectContent
from seuraamo.follow_up.selectors import compile_round
from seuraamo.programmes.models import Measure
from tests.follow_up.builders import FollowUp
from tests.follow_up.test_documents import accept

pytestmark = pytest.mark.django_db


def sync_unemployed(cells: dict[tuple[str, str], int]) -> None:
    from seuraamo.official_stats.services import ingest_cube, load_areas
    from tests.official_stats.conftest import make_cube

    load_areas()
    ingest_cube(
        table_id="tyonv/12r5",
        cube=make_cube({(a, p, "TYOTTOMATLOPUSSA"): v for (a, p), v in cells.items()}),
        source="test",
    )


@pytest.fixture
def pack(follow_up: FollowUp) -> FollowUp:
    """Goals 4.1 and 4.3 accepted, a project linked to a measure of each, a meeting with approved
    minutes and a public and a confidential decision."""
    accept(follow_up.report("4.1"), follow_up.admin, follow_up.coordinator_b)
    accept(follow_up.report("4.3"), follow_up.admin, follow_up.coordinator_a)
    project_services.save_project(
        actor=follow_up.coordinator_b,
        content=ProjectContent(
            name="Testihanke kahdelle tavoitteelle",
            owner=follow_up.coordinator_b.organisation,
            measures=list(
                Measure.objects.filter(
                    goal__in=[follow_up.data.goals["4.1"], follow_up.data.goals["4.3"]], order=1
                )
            ),
        ),
    )
    meeting = Meeting.objects.create(
        programme=follow_up.data.programme,
        date=datetime.date(2026, 3, 12),
        minutes_approved_at=timezone.now(),
    )
    Decision.objects.create(
        meeting=meeting, text="Julkinen testipäätös.", order=1, status=DecisionStatus.DONE
    )
    Decision.objects.create(meeting=meeting, text="Luottamuksellinen.", order=2, confidential=True)
    return follow_up


def test_the_pack_opens_with_attention_then_requests_labour_market_and_each_goal(
    pack: FollowUp,
) -> None:
    client = Client()
    client.force_login(pack.admin)
    page = client.get("/fi/follow-up/rounds/2026H1/report.html").content.decode()
    order = [
        page.index('id="needs-attention"'),
        page.index('id="requests"'),
        page.index('id="labour-market"'),
        page.index('id="summary"'),
        page.index('id="theme-4.1"'),
        page.index('id="theme-4.3"'),
    ]
    assert order == sorted(order)
    # The stylesheet keeps every table row and list item on one page.
    css = exports.PRINT_CSS.read_text()
    assert "tr, li, .request" in css and "break-inside: avoid" in css


def test_the_labour_market_summary_shows_kymenlaakso_and_both_employment_areas(
    pack: FollowUp,
) -> None:
    cells = {("MK08", "2025M06"): 9000, ("MK08", "2026M06"): 9500}
    cells |= {("TA04", "2026M06"): 4000, ("TA16", "2026M06"): 3900}
    sync_unemployed(cells)
    client = Client()
    client.force_login(pack.admin)
    url = "/fi/follow-up/rounds/2026H1/report.html"
    section = client.get(url).content.decode().split('id="labour-market"')[1].split("</section>")[0]
    tables = section.split("<caption>")[1:]
    assert [t.split(":")[0] for t in tables] == [
        "Kymenlaakso",
        "Etelä-Kymenlaakson työllisyysalue",
        "Kouvolan työllisyysalue",
    ]
    unemployed = [t.split("Työttömät työnhakijat")[1].split("</tr>")[0] for t in tables]
    assert (
        "9\xa0500" in unemployed[0] and "4\xa0000" in unemployed[1] and "3\xa0900" in unemployed[2]
    )
    assert "kesäkuu 2026" in unemployed[0]  # the month by name
    services.close_round(actor=pack.admin, round_id=pack.reporting_round.pk, reason="Testi.")
    pack.reporting_round.refresh_from_db()
    assert [a["code"] for a in pack.reporting_round.labour_market["areas"]] == [
        "MK08",
        "TA04",
        "TA16",
    ]
    sync_unemployed({("TA16", "2026M06"): 4400})  # a later revision leaves the closed round
    frozen = client.get(url).content.decode().split('id="labour-market"')[1].split("</section>")[0]
    assert "3\xa0900" in frozen and "4\xa0400" not in frozen


def test_a_summary_stored_before_the_employment_areas_reads_as_kymenlaakso() -> None:
    figure = {
        "key": "unemployed",
        "statistic": "TYOTTOMATLOPUSSA",
        "unit": "persons",
        "period": "2025M12",
        "value": 9000.0,
        "year_earlier_period": "2024M12",
        "year_earlier_value": None,
        "change": None,
        "change_pct": None,
        "status": "",
        "compared": None,
    }
    areas = stored_summary([{"key": "unemployed", "figure": figure}])
    assert [(a.code, [r.figure.value for r in a.rows]) for a in areas] == [("MK08", [9000.0])]


def test_the_pdf_is_tagged_for_screen_readers(pack: FollowUp, tmp_path: Path) -> None:
    pdfinfo = shutil.which("pdfinfo")
    assert pdfinfo, "poppler-utils is missing: run scripts/ensure-system-packages.sh"
    with translation.override("fi"):
        pdf = exports.render_pdf(compile_round(pack.reporting_round))
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    info = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    assert "Puolivuotisraportti" in info or "Title:" in info


def test_the_workbook_has_a_sheet_per_kind_with_one_row_per_item(pack: FollowUp) -> None:
    with translation.override("fi"):
        workbook = load_workbook(
            io.BytesIO(exports.render_xlsx(compile_round(pack.reporting_round)))
        )
    assert workbook.sheetnames[:5] == [
        "Tavoitteet",
        "Toimenpiteet",
        "Mittarit",
        "Päätökset",
        "Hankkeet",
    ]
    rows = {
        name: list(workbook[name].iter_rows(min_row=2, values_only=True))
        for name in workbook.sheetnames[:5]
    }
    accepted_measures = Measure.objects.filter(
        goal__in=[pack.data.goals["4.1"], pack.data.goals["4.3"]]
    ).count()
    assert len(rows["Toimenpiteet"]) == accepted_measures
    assert {row[0].split(" ")[0] for row in rows["Toimenpiteet"]} == {"4.1", "4.3"}
    assert "Työttömien osuus työvoimasta, Kymenlaakso" in [row[1] for row in rows["Mittarit"]]
    assert {row[0].split(" ")[0] for row in rows["Mittarit"]} <= {"4.1", "4.3"}
    assert [row[1] for row in rows["Päätökset"]] == [
        "Julkinen testipäätös."
    ]  # not the confidential
    assert rows["Päätökset"][0][4] == "tehty"
    # The project linked to two goals is one row naming both.
    assert [row[0] for row in rows["Hankkeet"]] == ["Testihanke kahdelle tavoitteelle"]
    assert rows["Hankkeet"][0][3].count("\n") == 1
