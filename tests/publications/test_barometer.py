"""Työvoimabarometri: the same checked reading from a bundle file and from a sync over real HTTP
against a local fake of its interface; a bad answer is refused in one line naming the file or
URL, the answer's path and the field, and nothing is stored; the situation page says when no
barometer data are loaded and marks figures from a constructed sample.

The sample (samples/tyovoimabarometri_constructed.json) is constructed: invented figures in the
shape of the interface's answers, marked ``"constructed": true`` in the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from seuraamo.publications.models import BarometerAssessment, BarometerLoad
from seuraamo.publications.tyovoimabarometri import HttpSource, read_barometer
from tests.fakebarometer import FakeBarometerServer

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "samples" / "tyovoimabarometri_constructed.json"
NURSES = "0d3c6a52-1111-4a00-9000-000000005321"
JUNE_NURSES = f"/api/Tyollisyys/kohtaanto/Ammatti/{NURSES}/2026-06"


def stored() -> set[tuple]:
    return set(
        BarometerAssessment.objects.values_list(
            "occupation_code", "area_code", "month", "state", "severity", "unemployed", "vacancies"
        )
    )


def test_import_stores_every_occupation_and_region_marked_as_constructed() -> None:
    call_command("import_barometer", SAMPLE, verbosity=0)
    assert BarometerAssessment.objects.count() == 9  # 3 occupations x 3 regions, latest month
    nurses = BarometerAssessment.objects.get(occupation_code="5321", area_code="MK08")
    assert (nurses.month, nurses.state, nurses.severity) == ("2026M06", 3, 4)
    assert (nurses.unemployed, nurses.vacancies, nurses.occupation_name_fi) == (
        120,
        95,
        "Lähihoitajat",
    )
    assert BarometerLoad.objects.get().constructed


def test_two_months_and_a_repeat_replaces_rather_than_doubles() -> None:
    call_command("import_barometer", SAMPLE, "--months", "2", verbosity=0)
    call_command("import_barometer", SAMPLE, "--months", "2", verbosity=0)
    assert BarometerAssessment.objects.count() == 18
    may = BarometerAssessment.objects.get(occupation_code="5321", area_code="MK08", month="2026M05")
    assert may.unemployed == 125


def test_sync_over_http_stores_what_the_import_stores_and_saves_a_bundle(tmp_path) -> None:
    call_command("import_barometer", SAMPLE, verbosity=0)
    from_file = stored()
    BarometerAssessment.objects.all().delete()
    saved = tmp_path / "saved.json"
    with FakeBarometerServer(SAMPLE) as server:
        call_command("sync_barometer", "--base-url", server.base_url, "--save", saved, verbosity=0)
        assert all(status == 200 for _path, status in server.requests)
    assert stored() == from_file
    assert not BarometerLoad.objects.latest("id").constructed
    BarometerAssessment.objects.all().delete()
    call_command("import_barometer", saved, verbosity=0)
    assert stored() == from_file


def test_the_client_retries_an_unavailable_server() -> None:
    with FakeBarometerServer(SAMPLE, unavailable_calls=2) as server:
        source = HttpSource(server.base_url, backoff_base=0.01, timeout=5)
        reading = read_barometer(source)
        assert [status for _path, status in server.requests[:3]] == [503, 503, 200]
    assert source.calls == 2 + 3 + 3  # two refused, the three lists, one per occupation
    assert len(reading.assessments) == 9


def test_a_missing_answer_over_http_names_the_url_and_stores_nothing() -> None:
    with FakeBarometerServer(SAMPLE) as server:
        del server.answers[JUNE_NURSES]
        with pytest.raises(CommandError) as caught:
            call_command("sync_barometer", "--base-url", server.base_url, verbosity=0)
    message = str(caught.value)
    assert "HTTP 404" in message and NURSES in message and message.endswith("nothing was stored")
    assert BarometerAssessment.objects.count() == 0


def _broken(tmp_path: Path, path: str, change) -> Path:
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    change(document["answers"], path)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    return broken


def _set(field, value, index=0):
    def change(answers, path):
        answers[path][index][field] = value

    return change


@pytest.mark.parametrize(
    ("path", "change", "message"),
    [
        (JUNE_NURSES, _set("kohtaantotila", 7), f"{JUNE_NURSES}: [0].kohtaantotila: expected one"),
        (JUNE_NURSES, _set("kohtaantoaste", 9, 2), "[2].kohtaantoaste: expected 1–5, got '9'"),
        (JUNE_NURSES, _set("tyottomat", -3), "[0].tyottomat: expected a count, got '-3'"),
        (JUNE_NURSES, _set("groupingId", "elsewhere"), "'elsewhere' is not a listed region"),
        (JUNE_NURSES, _set("kohtaantoTime", "2026-05"), "'2026-05' is not 2026M06"),
        ("/api/ammatit", _set("koodi", "12"), "/api/ammatit: [0].koodi: expected a 4-digit"),
        ("/api/Paikka/regions", _set("koodi", 8), "[0].koodi: expected a 2-digit region number"),
        (
            "/api/Tyollisyys/kohtaanto/date",
            lambda answers, path: answers[path].update(value="June 2026"),
            "date: value: expected a month like 2026-06, got 'June 2026'",
        ),
        (JUNE_NURSES, lambda answers, path: answers.pop(path), f"there is no answer for {JUNE_NURSES}"),
    ],
)  # fmt: skip
def test_a_bad_bundle_is_refused_naming_file_answer_and_field(
    tmp_path, path, change, message
) -> None:
    call_command("import_barometer", SAMPLE, verbosity=0)
    before = stored()
    with pytest.raises(CommandError) as caught:
        call_command("import_barometer", _broken(tmp_path, path, change), verbosity=0)
    assert str(caught.value).startswith("broken.json:")
    assert message in str(caught.value) and str(caught.value).endswith("nothing was stored")
    assert stored() == before and BarometerLoad.objects.count() == 1


def test_a_file_that_is_not_a_bundle_is_refused(tmp_path) -> None:
    path = tmp_path / "notes.json"
    path.write_text('{"ammatit": []}', encoding="utf-8")
    with pytest.raises(CommandError, match=r"^notes.json: expected an object with 'answers'"):
        call_command("import_barometer", path, verbosity=0)
    path.write_text("<html>", encoding="utf-8")
    with pytest.raises(CommandError, match=r"^notes.json: not a JSON file"):
        call_command("import_barometer", path, verbosity=0)


@pytest.mark.parametrize(
    ("language", "none", "constructed"),
    [
        ("fi", "Työvoimabarometrin tietoja ei ole ladattu", "keksittyä testiaineistoa"),
        ("sv", "Inga barometeruppgifter har lästs in", "konstruerat testmaterial"),
        ("en", "No barometer data loaded", "constructed test sample"),
    ],
)
def test_the_page_says_when_no_barometer_data_are_loaded(
    client, language, none, constructed
) -> None:
    html = client.get(f"/{language}/situation/").content.decode()
    assert 'id="barometer-none"' in html and none in html
    assert 'id="table-barometer"' not in html
    call_command("import_barometer", SAMPLE, verbosity=0)
    html = client.get(f"/{language}/situation/").content.decode()
    assert 'id="barometer-none"' not in html
    assert constructed in html
    table = html.split('id="table-barometer"')[1].split("</table>")[0]
    codes = [part.split('"')[0] for part in table.split('data-code="')[1:]]
    assert codes == ["5321", "7231"]  # the shortage first, then the matching problem
    assert "Työvoimabarometri" in html.split('id="barometer-title"')[1].split("</section>")[0]
