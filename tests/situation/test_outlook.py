"""The monthly review quotes Kymenlaakso among the regions, the projection, the early warning and
the barometers where the store has them, and says plainly where it does not. Data: the builders'
invented statistics, the constructed barometer sample, constructed register figures."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from seuraamo.official_stats.models import Observation, StatTable
from tests.situation.test_warnings import seasonal

SAMPLE = (
    Path(__file__).parents[1] / "publications" / "samples" / "tyovoimabarometri_constructed.json"
)


def review_text(client, path: str) -> str:
    page = client.get(path).content.decode()
    found = re.search(r'<div class="review">(.*?)</div>', page, re.S).group(1)
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", found)))


@pytest.mark.parametrize(
    ("language", "phrases"),
    [
        ("fi", ["Maakuntien vertailussa (19 maakuntaa) Kymenlaakso on työttömien osuudella sijalla",
                "Ennustetta ei tehdä, kun lähtökuukausi on kesäkuu 2026",
                "Ennakkovaroitus: Trendiväliä ei voi muodostaa",
                "Työvoimabarometrin tietoja ei ole ladattu"]),
        ("sv", ["Bland de 19 landskapen har Kymmenedalen plats", "Ingen prognos görs från juni 2026",
                "Förvarning: Inget trendintervall kan bildas",
                "Inga barometeruppgifter har lästs in"]),
        ("en", ["Among the 19 regions, Kymenlaakso ranks", "No projection is made from June 2026",
                "Early warning: No trend band can be formed",
                "No barometer data are loaded, so Työvoimabarometri is not quoted here."]),
    ],
)  # fmt: skip
def test_the_review_says_what_it_cannot_quote(client, situation, language, phrases) -> None:
    text = review_text(client, f"/{language}/situation/review/")
    for phrase in phrases:
        assert phrase in text, (phrase, text)


def test_the_review_quotes_the_barometer_and_the_register(client, situation, tmp_path) -> None:
    call_command("import_barometer", SAMPLE, verbosity=0)
    template = tmp_path / "figures.csv"
    template.write_text(
        "publication,area,indicator,period,value\n"
        "pk-yritysbarometri,MK08,staff-balance,2025H2,2\n"
        "pk-yritysbarometri,MK08,staff-balance,2026H1,4\n"
        "pk-yritysbarometri,MK08,turnover-balance,2026H1,12.5\n",
        encoding="utf-8",
    )  # constructed figures
    call_command("import_publication_figures", template, verbosity=0)
    text = review_text(client, "/en/situation/review/")
    assert (
        "Työvoimabarometri, June 2026, Kymenlaakso: occupations with a labour shortage 1, "
        "with a matching problem 1." in text
    )
    assert "constructed test sample" in text
    assert "SME barometer (H1 2026): staff-balance 4, turnover-balance 12.5." in text
    assert "2025H2" not in text


def test_an_earlier_month_quotes_the_peers_only(client, situation) -> None:
    text = review_text(client, "/en/situation/review/?period=2025M12")
    assert "Among the 19 regions" in text
    assert "quoted in the latest month's review" in text
    assert "barometer" not in text.replace("the barometers are quoted", "")


def test_the_review_quotes_the_projection_when_two_unbroken_years_lead_to_the_month(
    client, situation
) -> None:
    table = StatTable.objects.get(table_id="tyonv/12r5")
    rows = Observation.objects.filter(table=table, area_code="MK08")
    rows.filter(content_code="TYOTTOMATLOPUSSA").delete()
    Observation.objects.bulk_create(
        Observation(
            table=table,
            content_code="TYOTTOMATLOPUSSA",
            area_code="MK08",
            period=point.period,
            value=point.value,
        )
        for point in seasonal(48, level=10000)
    )
    text = review_text(client, "/en/situation/review/")
    found = re.search(
        r"Projection, not a statistic: ([\d,]+) unemployed jobseekers in December 2026; 80% of "
        r"such projections' past errors would put it between ([\d,]+) and ([\d,]+)\.",
        text,
    )
    assert found, text
    value, low, high = (int(part.replace(",", "")) for part in found.groups())
    assert low <= value <= high
