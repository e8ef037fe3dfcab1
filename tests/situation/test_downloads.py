"""Every download holds exactly the table shown on the page: same header, rows and values."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from tests.situation.tablehtml import HtmlTable, data_tables, parse_number

CHARTS = [
    ("timeseries", "?area=TA04&statistic=share"),
    ("timeseries", "?area=KU489&statistic=AVPAIKATLOPUSSA"),
    ("municipalities", ""),
    ("map", ""),
    ("occupations", ""),
]


def page_table(client, language: str, chart: str, query: str) -> HtmlTable:
    html = client.get(f"/{language}/situation/{query}").content.decode()
    return data_tables(html)[f"table-{chart}"]


def value_rows(table: HtmlTable) -> list[list[str]]:
    """The table's rows without the labelled breaks (a gap row has its label only)."""
    return [row for row in table.rows if len(row) > 1]


def shown_values(table: HtmlTable, language: str) -> list[list[float | None]]:
    return [[parse_number(cell, language) for cell in row[1:]] for row in value_rows(table)]


def value_columns(header: list[str], table: HtmlTable) -> list[int]:
    """Positions of the page table's value columns in a downloaded header, which adds the ISO
    date beside a month and a status column per value column."""
    return [header.index(label) for label in table.header[1:]]


def download(client, language: str, chart: str, fmt: str, query: str):
    response = client.get(f"/{language}/situation/data/{chart}.{fmt}{query}")
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(("chart", "query"), CHARTS)
@pytest.mark.parametrize("language", ["fi", "en"])
def test_csv_equals_the_table(client, situation, chart, query, language) -> None:
    table = page_table(client, language, chart, query)
    response = download(client, language, chart, "csv", query)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == table.header[0]
    columns = value_columns(rows[0], table)
    assert [row[0] for row in rows[1:]] == [row[0] for row in value_rows(table)]
    values = [[float(row[i]) if row[i] else None for i in columns] for row in rows[1:]]
    assert values == shown_values(table, language)


@pytest.mark.parametrize(("chart", "query"), CHARTS)
def test_xlsx_equals_the_table(client, situation, chart, query) -> None:
    table = page_table(client, "sv", chart, query)
    response = download(client, "sv", chart, "xlsx", query)
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Data"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == table.header[0]
    columns = value_columns(rows[0], table)
    assert [row[0] for row in rows[1:]] == [row[0] for row in value_rows(table)]
    assert [[row[i] for i in columns] for row in rows[1:]] == shown_values(table, "sv")
    info = [row for row in workbook["Info"].iter_rows(values_only=True)]
    assert info[0][0] == table.caption.strip()
    assert any("KEHA" in (value or "") for row in info for value in row)


@pytest.mark.parametrize(("chart", "query"), CHARTS)
def test_jsonstat2_equals_the_table(client, situation, chart, query) -> None:
    table = page_table(client, "en", chart, query)
    dataset = json.loads(download(client, "en", chart, "json", query).content)
    assert dataset["version"] == "2.0" and dataset["class"] == "dataset"
    assert len(dataset["id"]) == len(dataset["size"])
    assert set(dataset["dimension"]) == set(dataset["id"])
    rows_dim, columns_dim = dataset["id"][-2], dataset["id"][-1]
    row_labels = dataset["dimension"][rows_dim]["category"]["label"]
    row_index = dataset["dimension"][rows_dim]["category"]["index"]
    column_labels = dataset["dimension"][columns_dim]["category"]["label"]
    column_index = dataset["dimension"][columns_dim]["category"]["index"]
    assert [row_labels[code] for code in row_index] == [row[0] for row in value_rows(table)]
    assert [column_labels[code] for code in column_index] == table.header[1:]
    width = len(column_index)
    values = [dataset["value"][i : i + width] for i in range(0, len(dataset["value"]), width)]
    assert values == shown_values(table, "en")
    for index, symbol in dataset.get("status", {}).items():
        assert dataset["value"][int(index)] is None and symbol
    assert dataset["label"] == table.caption.strip()
    assert "KEHA" in dataset["source"]


def test_suppressed_cell_keeps_its_status(client, situation) -> None:
    dataset = json.loads(download(client, "en", "municipalities", "json", "").content)
    assert "..." in dataset["status"].values()
    rows = list(
        csv.reader(
            io.StringIO(
                download(client, "en", "municipalities", "csv", "").content.decode("utf-8-sig")
            )
        )
    )
    miehikkala = next(row for row in rows if row[0] == "Miehikkälä")
    assert miehikkala[rows[0].index("Open vacancies")] == ""
    assert miehikkala[rows[0].index("Open vacancies: status")] == "suppressed"


def test_a_total_with_a_suppressed_member_is_marked_apart(client, situation) -> None:
    """Miehikkälä's vacancies are suppressed, so South Kymenlaakso's cannot be summed: the page,
    the CSV and the JSON-stat file say so differently from a suppressed cell."""
    html = client.get("/en/situation/").content.decode()
    assert "Not published (confidential: too few persons)" in html
    assert "The total cannot be formed: a member municipality" in html
    rows = list(
        csv.reader(
            io.StringIO(
                download(client, "en", "municipalities", "csv", "").content.decode("utf-8-sig")
            )
        )
    )
    area = next(row for row in rows if row[0] == "South Kymenlaakso employment area")
    assert area[rows[0].index("Open vacancies")] == ""
    assert area[rows[0].index("Open vacancies: status")] == "total-not-formed"
    dataset = json.loads(download(client, "en", "municipalities", "json", "").content)
    assert {"...", "(...)"} <= set(dataset["status"].values())
    assert "(...)" in dataset["extension"]["status"]


def test_svg_download(client, situation) -> None:
    response = download(client, "fi", "map", "svg", "")
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")
    assert b"Kotka" in response.content


@pytest.mark.parametrize("path", ["nope.csv", "map.pdf", "municipalities.svg"])
def test_unknown_chart_or_format_is_404(client, situation, path) -> None:
    assert client.get(f"/fi/situation/data/{path}").status_code == 404


def test_download_links_on_the_page_carry_the_selection(client, situation) -> None:
    html = client.get("/fi/situation/?area=KU285&statistic=share").content.decode()
    assert "/fi/situation/data/timeseries.csv?area=KU285&amp;statistic=share" in html
    assert "/fi/situation/data/timeseries.xlsx?area=KU285&amp;statistic=share" in html
    assert "/fi/situation/data/timeseries.json?area=KU285&amp;statistic=share" in html


@pytest.mark.parametrize(
    "period", ["x", "2026M13", "2026M06%0A", "2026M06\n", "2026M06\r\nX-Evil: 1", "1999M01", "2026"]
)
@pytest.mark.parametrize("chart", ["municipalities", "map", "occupations", "timeseries"])
def test_unknown_period_is_404(client, situation, chart, period) -> None:
    response = client.get(f"/fi/situation/data/{chart}.csv", {"period": period})
    assert response.status_code == 404


def test_stored_month_downloads(client, situation) -> None:
    response = download(client, "fi", "municipalities", "csv", "?period=2025M06")
    assert len(response.content.decode("utf-8-sig").splitlines()) > 1
    assert client.get("/fi/situation/data/occupations.csv?period=2025M06").status_code == 404
    assert download(client, "fi", "occupations", "csv", "?period=2026M06").status_code == 200


def test_encoded_newline_in_period_is_404(client, situation) -> None:
    assert client.get("/fi/situation/data/municipalities.csv?period=2026M06%0A").status_code == 404


def test_csv_for_finnish_excel_uses_semicolons_and_decimal_commas(client, situation) -> None:
    html = client.get("/fi/situation/?area=KU285&statistic=share").content.decode()
    assert "CSV suomenkieliseen Exceliin (puolipisteet, desimaalipilkku)" in html
    assert "CSV (pilkut, desimaalipiste)" in html
    response = download(client, "fi", "timeseries", "fi.csv", "?area=KU285&statistic=share")
    assert response["Content-Disposition"].endswith('.excel-fi.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Kuukausi", "Päivämäärä (ISO 8601)", "Kotka"]
    june = next(row for row in rows if row[1] == "2026-06-01")
    assert "," in june[2] and "." not in june[2]  # 16,4 — a number to Finnish Excel
    plain = download(client, "fi", "timeseries", "csv", "?area=KU285&statistic=share")
    first = plain.content.decode("utf-8-sig").splitlines()[0]
    assert first.startswith("Kuukausi,Päivämäärä (ISO 8601),Kotka")


def test_chart_images_carry_title_and_source(client, situation) -> None:
    html = client.get("/en/situation/").content.decode()
    assert "Chart as SVG" in html and "Chart as PNG" in html
    svg = download(client, "en", "timeseries", "svg", "").content.decode()
    assert "Unemployed jobseekers, Kymenlaakso" in svg and "KEHA" in svg
    png = download(client, "en", "timeseries", "png", "")
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG\r\n\x1a\n")
