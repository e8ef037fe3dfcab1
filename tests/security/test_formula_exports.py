"""Every spreadsheet and CSV the app writes keeps formula payloads inert (issue 23, point 2).

A formula payload goes into every user-editable text field that reaches a download: a
coordinator's report texts and an organisation's part, the programme's theme, goal and measure
titles and organisation names (edited in the admin), a person's name, the statistics' area names,
table titles and labels, and stored codes and statuses (any printable code is stored). Then each
download is opened as a spreadsheet would: the published round's anonymous ``report.xlsx``, every
situation chart as CSV, Finnish-Excel CSV and XLSX, and the API's CSV. No XLSX cell is a formula
(openpyxl's ``data_type`` and the sheet XML's ``<f>`` elements), a text cell that starts like a
formula is quote-prefixed, and no CSV field starts like a formula; numbers stay numbers.

The checks here are written independently of ``core.spreadsheets``, so a change there that lets a
payload through fails them.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from seuraamo.accounts.models import User
from seuraamo.areas.models import Area
from seuraamo.follow_up import services
from seuraamo.follow_up.models import CONTRIBUTION_FIELDS, TEXT_FIELDS
from seuraamo.follow_up.services import ContributionContent, ReportContent
from seuraamo.official_stats.models import Observation, StatTable, VariableValue
from seuraamo.organisations.models import Organisation
from seuraamo.programmes.models import Goal, Measure, Theme
from seuraamo.situation.pages import CHART_TABLES
from tests.follow_up.builders import build_follow_up
from tests.pages.builders import build_programme
from tests.personas import coordinator
from tests.situation.builders import build_situation

pytestmark = pytest.mark.django_db

#: What a spreadsheet may run: text starting with these (ASCII and full-width).
STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?")
PAYLOADS = (
    '=HYPERLINK("http://example.invalid","y")',
    "+1+2",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "＋SUM(1)",
    "－1+1",
    "＠SUM(A1)",
)


def payload(index: int) -> str:
    return PAYLOADS[index % len(PAYLOADS)]


def runnable(text: str) -> bool:
    """Whether a spreadsheet would take this text as a formula (numbers and "-" it would not)."""
    return text.startswith(STARTS) and text != "-" and not NUMBER.fullmatch(text)


def assert_inert_xlsx(content: bytes) -> list[str]:
    """Every cell of every sheet is inert; the text cells that start like a formula."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    workbook = load_workbook(io.BytesIO(content))
    formula_like = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and runnable(cell.value):
                    assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
                    formula_like.append(cell.value)
    return formula_like


def assert_inert_csv(text: str, delimiter: str = ",") -> list[str]:
    """No field starts like a formula; the fields that were formulas, apostrophe removed."""
    neutralised = []
    for row in csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=delimiter):
        for field in row:
            assert not runnable(field), field
            if field.startswith("'") and runnable(field[1:]):
                neutralised.append(field[1:])
    return neutralised


def test_the_published_rounds_report_xlsx_keeps_every_payload_inert() -> None:
    today = timezone.localdate()
    data = build_programme(today)
    follow_up = build_follow_up(data, today + datetime.timedelta(days=20))
    # What programme admins edit in the admin, frozen into the round's snapshots at closing.
    for index, theme in enumerate(Theme.objects.all()):
        Theme.objects.filter(pk=theme.pk).update(title_fi=payload(index))
    for index, goal in enumerate(Goal.objects.all()):
        Goal.objects.filter(pk=goal.pk).update(title_fi=payload(index + 1))
    for index, measure in enumerate(Measure.objects.all()):
        Measure.objects.filter(pk=measure.pk).update(title_fi=payload(index + 2))
    organisations = data.organisations
    partners = {
        key: coordinator(organisations[key], key)
        for key in ("etela-kymenlaakson-tyollisyysalue", "kouvolan-tyollisyysalue")
    }
    for index, organisation in enumerate(Organisation.objects.all()):
        Organisation.objects.filter(pk=organisation.pk).update(name_fi=payload(index + 3))
    User.objects.filter(pk__in=[p.pk for p in partners.values()]).update(
        first_name=payload(4), last_name="x"
    )

    # Goal 4.3: every text of the report.
    report = follow_up.report("4.3")
    texts = {name: payload(index) for index, name in enumerate(TEXT_FIELDS)}
    services.save_report(
        actor=follow_up.coordinator_a,
        report_id=report.pk,
        expected_version=1,
        content=ReportContent(assessment="partly", texts=texts),
    )
    services.submit_report(actor=follow_up.coordinator_a, report_id=report.pk)
    services.accept_report(actor=follow_up.admin, report_id=report.pk)
    # Goal 4.2: every organisation's own part.
    shared = follow_up.report("4.2")
    writers = {**partners, "kaakkois-suomen-ely-keskus": follow_up.coordinator_a}
    part_texts = {name: payload(index + 6) for index, name in enumerate(CONTRIBUTION_FIELDS)}
    for key, writer in writers.items():
        part = shared.contributions.get(organisation__key=key)
        services.save_contribution(
            actor=writer,
            contribution_id=part.pk,
            expected_version=part.version,
            content=ContributionContent(texts=part_texts),
        )
        services.sign_off_contribution(actor=writer, contribution_id=part.pk)
    services.save_report(
        actor=follow_up.coordinator_a,
        report_id=shared.pk,
        expected_version=1,
        content=ReportContent(assessment="on_track", texts=texts),
    )
    services.submit_report(actor=follow_up.coordinator_a, report_id=shared.pk)
    services.accept_report(actor=follow_up.admin, report_id=shared.pk)
    round_id = follow_up.reporting_round.pk
    services.close_round(actor=follow_up.admin, round_id=round_id, reason="Testi.")
    services.publish_round(actor=follow_up.admin, round_id=round_id)

    for language in ("fi", "en"):
        response = Client().get(f"/{language}/follow-up/rounds/2026H1/report.xlsx")
        assert response.status_code == 200
        formula_like = assert_inert_xlsx(response.content)
        # Each payload reached the file, as the text it was typed as.
        written = {text.strip() for text in formula_like}
        assert {p.strip() for p in PAYLOADS} <= written, {p.strip() for p in PAYLOADS} - written


def test_every_situation_download_and_the_api_csv_keep_every_payload_inert(client) -> None:
    build_situation()
    for index, area in enumerate(Area.objects.all()):
        Area.objects.filter(pk=area.pk).update(
            name_fi=payload(index), name_sv=payload(index + 1), name_en=payload(index + 2)
        )
    for index, value in enumerate(VariableValue.objects.all()):
        VariableValue.objects.filter(pk=value.pk).update(
            label_fi=payload(index), label_sv=payload(index), label_en=payload(index)
        )
    StatTable.objects.update(title_fi=payload(0), title_sv=payload(1), title_en=payload(2))
    downloads = 0
    seen: set[str] = set()
    for chart in CHART_TABLES:
        for language in ("fi", "en"):
            base = f"/{language}/situation/data/{chart}"
            response = client.get(f"{base}.xlsx")
            if response.status_code == 404:  # no data for this chart in the builders' tables
                continue
            assert response.status_code == 200, base
            seen |= set(assert_inert_xlsx(response.content))
            seen |= set(assert_inert_csv(client.get(f"{base}.csv").content.decode()))
            seen |= set(
                assert_inert_csv(client.get(f"{base}.fi.csv").content.decode(), delimiter=";")
            )
            downloads += 3
    assert downloads >= 12  # at least the time series and the municipalities in two languages
    assert '=HYPERLINK("http://example.invalid","y")' in seen and "＝1+1" in seen

    # Codes are any printable text: stored codes and statuses that look like formulas.
    table = StatTable.objects.get(table_id="tyonv/12r5")
    Observation.objects.create(
        table=table,
        content_code='=HYPERLINK("http://example.invalid","y")',
        area_code="@SUM(A1)",
        extra_code="＋1",
        period="2026M06",
        value=-12.5,
        status="",
    )
    Observation.objects.create(
        table=table,
        content_code="-1+1",
        area_code="@SUM(A1)",
        extra_code="\uff1d1",
        period="2026M06",
        value=None,
        status="+x",
    )
    response = client.get(f"/api/observations?table=tyonv/12r5&area={quote('@SUM(A1)')}&format=csv")
    assert response.status_code == 200
    text = response.content.decode()
    found = assert_inert_csv(text)
    assert set(found) == {
        '=HYPERLINK("http://example.invalid","y")',
        "@SUM(A1)",
        "＋1",
        "-1+1",
        "\uff1d1",
        "+x",
    }
    values = [row["value"] for row in csv.DictReader(io.StringIO(text))]
    assert sorted(values) == ["", "-12.5"]  # a number stays a number, without an apostrophe
