"""Spreadsheet formula injection is neutralised in every CSV and XLSX download (issue 11 §6): an
area name edited to a formula, or a code stored before the import checks, is written as text."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from seuraamo.areas.models import Area
from seuraamo.core.spreadsheets import csv_text
from seuraamo.official_stats.models import Observation

FORMULA = '=HYPERLINK("http://example.invalid","click")'


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (FORMULA, "'" + FORMULA),
        ("+1+2", "'+1+2"),
        ("-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"),  # full-width equals sign
        ("\uff20A1", "'\uff20A1"),
        ("-12.5", "-12.5"),  # a number stays a number
        ("-12,5", "-12,5"),  # also with a decimal comma (the Finnish Excel download)
        ("-", "-"),  # the missing-value symbol
        ("Kotka", "Kotka"),
        (12.5, 12.5),
    ],
)
def test_csv_text(text, written) -> None:
    assert csv_text(text) == written


@pytest.mark.django_db
def test_downloads_write_a_formula_name_as_text(client, situation) -> None:
    Area.objects.filter(code="KU285").update(name_fi=FORMULA, name_sv=FORMULA, name_en=FORMULA)
    response = client.get("/fi/situation/data/municipalities.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    labels = [row[0] for row in rows]
    assert "'" + FORMULA in labels and FORMULA not in labels

    response = client.get("/fi/situation/data/municipalities.xlsx")
    sheet = load_workbook(io.BytesIO(response.content))["Data"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    formula_cell = next(cell for cell in cells if cell.value == FORMULA)
    assert formula_cell.data_type == "s" and formula_cell.quotePrefix  # text, not a formula


@pytest.mark.django_db
def test_the_api_csv_writes_a_stored_formula_code_as_text(client, situation) -> None:
    Observation.objects.filter(area_code="MK08", period="2026M06").update(status="@SUM(A1)")
    response = client.get("/api/observations?table=tyonv/12r5&area=MK08&period=2026M06&format=csv")
    assert response.status_code == 200
    statuses = {row["status"] for row in csv.DictReader(io.StringIO(response.content.decode()))}
    assert statuses == {"'@SUM(A1)"}
