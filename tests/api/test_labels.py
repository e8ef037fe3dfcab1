"""The labels of JSON rows: a derived statistic built on a content code keeps the code's whole label,
and with several tables a code is labelled by the table that stores it."""

from __future__ import annotations

import pytest
from django.test import Client

from seuraamo.official_stats.models import Observation, StatTable, TableVariable, VariableValue
from tests.api.builders import build_small_12r5


@pytest.fixture
def tables(db: None) -> None:
    r5 = build_small_12r5()
    content = TableVariable.objects.get(table=r5, role="content")
    VariableValue.objects.create(
        variable=content,
        code="TYOTTOMATMIEHET",
        label_fi="Työttömät työnhakijat, miehet (lkm.)",
        label_sv="Arbetslösa arbetssökande, män (antal)",
        label_en="Unemployed jobseekers, men (number)",
        unit="persons",
    )
    for period, value in (("2020M06", 6100), ("2021M06", 5200)):
        Observation.objects.create(
            table=r5,
            content_code="TYOTTOMATMIEHET",
            area_code="MK08",
            period=period,
            value=value,
        )
    population = StatTable.objects.create(table_id="vaerak/11ra", title_fi="Väestö")
    variable = TableVariable.objects.create(table=population, code="Tiedot", role="content")
    VariableValue.objects.create(
        variable=variable, code="vaesto", label_fi="Väestö 31.12.", label_en="Population 31 Dec"
    )
    Observation.objects.create(
        table=population, content_code="vaesto", area_code="MK08", period="2021", value=161000
    )


def content_labels(client: Client, **query: str) -> dict[str, str]:
    response = client.get("/api/observations", query)
    assert response.status_code == 200, response.content[:300]
    return {row["content"]: row["labels"]["content"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fi", "Työttömät työnhakijat, miehet (lkm.), muutos vuodentakaisesta"),
        ("sv", "Arbetslösa arbetssökande, män (antal), förändring från ett år tidigare"),
        ("en", "Unemployed jobseekers, men (number), change from a year earlier"),
    ],
)
def test_a_change_keeps_the_whole_label_of_its_content_code(
    client: Client, tables: None, lang: str, expected: str
) -> None:
    # The label has commas of its own; only the part before the first was kept before.
    labels = content_labels(
        client,
        table="tyonv/12r5",
        content="TYOTTOMATMIEHET_yoy",
        area="MK08",
        period="2021M06",
        lang=lang,
    )
    assert labels == {"TYOTTOMATMIEHET_yoy": expected}


def test_each_table_labels_its_own_codes(client: Client, tables: None) -> None:
    # Only the first table's labels were read before: TYOVOIMATK was labelled "TYOVOIMATK".
    labels = content_labels(
        client, table="vaerak/11ra,tyonv/12r5", area="MK08", content="vaesto,TYOVOIMATK"
    )
    assert labels == {"vaesto": "Väestö 31.12.", "TYOVOIMATK": "Työvoima"}
