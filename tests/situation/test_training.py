"""Occupations for training planning (theme 4.3): the occupations of tyonv/12ti with the most open
vacancies per unemployed jobseeker among those with local jobseekers, their names from the
barometer when one is loaded (else the major group), its assessment beside them, a table and the
downloads. The 12ti figures are the builders' invented ones; the barometer bundle is the
constructed test sample."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.situation.tablehtml import data_tables

SAMPLE = (
    Path(__file__).parents[1] / "publications" / "samples" / "tyovoimabarometri_constructed.json"
)


def training_rows(html: str) -> list[list[str]]:
    return data_tables(html)["table-training"].rows


@pytest.mark.parametrize(
    ("language", "group", "ratio"),
    [
        ("fi", "(Palvelu- ja myyntityöntekijät)", "0,43"),
        ("en", "(Service and sales workers)", "0.43"),
    ],
)
def test_the_list_ranks_vacancies_per_unemployed_among_occupations_with_jobseekers(
    client, situation, language, group, ratio
) -> None:
    html = client.get(f"/{language}/situation/").content.decode()
    rows = training_rows(html)
    assert [row[0].split()[0] for row in rows] == ["5322", "9112", "5131", "7212"]
    assert rows[0] == [f"5322 {group}", "500", "214", ratio]
    assert 'id="training-no-barometer"' in html


def test_the_barometer_names_the_occupation_and_gives_its_assessment(
    client, situation, tmp_path
) -> None:
    bundle = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for occupation in bundle["answers"]["/api/ammatit"]:
        if occupation["koodi"] == "5321":
            occupation["koodi"] = "5322"  # so that the constructed sample covers a listed one
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    call_command("import_barometer", path, verbosity=0)
    html = client.get("/fi/situation/").content.decode()
    rows = training_rows(html)
    assert rows[0][0] == "Lähihoitajat – barometri: työvoimapula"
    assert rows[1][0].startswith("9112 (")  # not assessed in the sample: the group instead
    assert 'id="training-no-barometer"' not in html


def test_the_download_holds_the_rows_of_the_table(client, situation) -> None:
    response = client.get("/en/situation/data/training.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    assert "Vacancies per unemployed" in header
    codes = [row[0].split()[0] for row in rows[1:] if row and row[0][:1].isdigit()]
    assert codes == ["5322", "9112", "5131", "7212"]
