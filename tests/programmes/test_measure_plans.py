"""Issue 18 §5–6: a measure's plan (responsible organisation, work contact, schedule, milestones,
indicators it moves) written by the programme admin and shown on the goal page and in the report
form; each indicator of the region shown for Kymenlaakso and the two employment areas."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone, translation

from seuraamo.core.models import AuditEvent
from seuraamo.core.templatetags.pages import number
from seuraamo.programmes import services
from seuraamo.programmes.models import Indicator, IndicatorTarget, Measure, MeasureMilestone
from seuraamo.programmes.selectors import measure_indicator_blocks
from seuraamo.programmes.services import MeasurePlan, Milestone
from tests import personas
from tests.pages.builders import PageData, build_programme
from tests.programmes.test_import_programme import REAL_FILE, run_import
from tests.situation.builders import build_situation, expected_unemployed

pytestmark = pytest.mark.django_db


@pytest.fixture
def data() -> PageData:
    return build_programme(timezone.localdate())


def _measure(data: PageData) -> Measure:
    return Measure.objects.filter(goal=data.goals["4.3"]).order_by("order", "id").first()


def _unemployed(data: PageData) -> Indicator:
    return Indicator.objects.create(
        key="unemployed-mk08",
        goal=data.goals["4.3"],
        name_fi="Työttömät työnhakijat",
        name_sv="Arbetslösa arbetssökande",
        name_en="Unemployed jobseekers",
        unit="persons",
        desired_direction="decrease",
        kind="official",
        stat_table="tyonv/12r5",
        stat_content_code="TYOTTOMATLOPUSSA",
        stat_area="MK08",
    )


def _plan(data: PageData, indicator: Indicator) -> MeasurePlan:
    return MeasurePlan(
        responsible_organisation=next(iter(data.organisations.values())),
        contact_name="Työllisyyspalvelujen koordinaattori",
        contact_email="tyollisyys@example.test",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        schedule_fi="koko ohjelmakausi",
        indicators=[indicator],
        milestones=[Milestone(due=datetime.date(2025, 9, 30), text_fi="Pilotti alkaa", done=True)],
    )


def test_the_programme_admin_saves_a_plan_and_each_change_is_audited(data: PageData) -> None:
    measure, indicator = _measure(data), _unemployed(data)
    admin = personas.programme_admin()

    services.save_measure_plan(actor=admin, measure_id=measure.pk, plan=_plan(data, indicator))

    measure.refresh_from_db()
    assert measure.contact_email == "tyollisyys@example.test"
    assert list(measure.indicators.all()) == [indicator]
    assert [m.text_fi for m in measure.milestones.all()] == ["Pilotti alkaa"]
    types = set(AuditEvent.objects.values_list("object_type", flat=True))
    assert {"programmes.measure", "programmes.measuremilestone"} <= types

    # Saving without the milestone removes it (and audits the removal).
    plan = _plan(data, indicator)
    plan.milestones = []
    services.save_measure_plan(actor=admin, measure_id=measure.pk, plan=plan)
    assert not MeasureMilestone.objects.filter(measure=measure).exists()
    assert AuditEvent.objects.filter(
        object_type="programmes.measuremilestone", action="delete"
    ).exists()


def test_only_the_programme_admin_writes_a_plan(data: PageData) -> None:
    measure, indicator = _measure(data), _unemployed(data)
    organisation = next(iter(data.organisations.values()))
    for user in (personas.coordinator(organisation), personas.steering_group_member()):
        with pytest.raises(PermissionDenied):
            services.save_measure_plan(
                actor=user, measure_id=measure.pk, plan=_plan(data, indicator)
            )
    assert not MeasureMilestone.objects.exists()


def test_the_edit_page_is_the_programme_admins_only(data: PageData) -> None:
    measure = _measure(data)
    url = f"/fi/measures/{measure.key}/edit/"
    assert Client().get(url).status_code == 302  # to sign in
    coordinator = Client()
    coordinator.force_login(personas.coordinator(next(iter(data.organisations.values()))))
    assert coordinator.get(url).status_code == 403
    assert coordinator.post(url, {"contact_name": "x"}).status_code == 403
    admin = Client()
    admin.force_login(personas.programme_admin())
    assert admin.get(url).status_code == 200


def test_the_goal_page_shows_the_plan_saved_in_the_app(data: PageData) -> None:
    measure, indicator = _measure(data), _unemployed(data)
    admin = Client()
    admin.force_login(personas.programme_admin())
    payload = {
        "responsible_organisation": str(next(iter(data.organisations.values())).pk),
        "contact_name": "Työllisyyspalvelujen koordinaattori",
        "contact_email": "tyollisyys@example.test",
        "starts_on": "2025-01-01",
        "ends_on": "2026-12-31",
        "schedule_fi": "koko ohjelmakausi",
        "indicators": [str(indicator.pk)],
        "milestones-TOTAL_FORMS": "2",
        "milestones-INITIAL_FORMS": "0",
        "milestones-0-due": "2025-09-30",
        "milestones-0-text_fi": "Pilotti alkaa",
        "milestones-0-done": "on",
    }
    response = admin.post(f"/fi/measures/{measure.key}/edit/", payload)
    assert response.status_code == 302, response.content.decode()[:2000]

    html = Client().get(f"/fi/goals/{data.goals['4.3'].key}/").content.decode()
    section = html[html.index(f'id="measure-{measure.key}"') :]
    section = section[: section.index("</ol>")]
    assert next(iter(data.organisations.values())).name_fi in section
    assert "Työllisyyspalvelujen koordinaattori" in section
    assert "mailto:tyollisyys@example.test" in section
    assert "1.1.2025–31.12.2026" in section
    assert "30.9.2025: Pilotti alkaa – <strong>tehty</strong>" in section
    assert f'#indicator-{indicator.key}">Työttömät työnhakijat</a>' in section


def test_a_contact_needs_a_work_address(data: PageData) -> None:
    admin = Client()
    admin.force_login(personas.programme_admin())
    payload = {
        "contact_name": "Koordinaattori",
        "milestones-TOTAL_FORMS": "0",
        "milestones-INITIAL_FORMS": "0",
    }
    response = admin.post(f"/fi/measures/{_measure(data).key}/edit/", payload)
    assert response.status_code == 400
    assert _measure(data).contact_name == ""


def test_an_indicator_shows_the_region_and_both_employment_areas(data: PageData) -> None:
    build_situation()
    indicator = _unemployed(data)
    year = timezone.localdate().year
    IndicatorTarget.objects.create(indicator=indicator, year=year, value=Decimal("9000"))
    IndicatorTarget.objects.create(indicator=indicator, year=year, area="TA16", value=4100)

    with translation.override("fi"):
        html = Client().get(f"/fi/goals/{data.goals['4.3'].key}/").content.decode()
    start = html.index(f'id="indicator-{indicator.key}"')
    section = html[start : html.index("</section>", start)]
    table = section[section.index("<table") : section.index("</table>")]
    with translation.override("fi"):
        for area, name in [
            ("MK08", "Kymenlaakso"),
            ("TA04", "Etelä-Kymenlaakson työllisyysalue"),
            ("TA16", "Kouvolan työllisyysalue"),
        ]:
            row = table[table.index(f">{name}</th>") :]
            row = row[: row.index("</tr>")]
            assert number(expected_unemployed(area)) in row, (area, row)
            assert "(kesäkuu 2026)" in row
    assert "9 000" in table.replace("\xa0", " ") and "4 100" in table.replace("\xa0", " ")
    assert "Lähde" in section


def test_the_report_form_shows_a_measures_indicators_with_their_latest_value(
    data: PageData,
) -> None:
    build_situation()
    measure, indicator = _measure(data), _unemployed(data)
    measure.indicators.add(indicator)

    blocks = measure_indicator_blocks([measure.pk])

    assert [b.indicator for b in blocks[measure.pk]] == [indicator]
    assert blocks[measure.pk][0].status.latest_value == expected_unemployed("MK08")


def test_the_programme_file_still_imports_and_keeps_the_plans() -> None:
    run_import(REAL_FILE)
    measure = Measure.objects.order_by("id").last()
    measure.contact_name = "Koordinaattori"
    measure.save()
    indicator = Indicator.objects.filter(stat_area="MK08").first()
    IndicatorTarget.objects.create(indicator=indicator, year=2027, area="TA04", value=5)

    run_import(REAL_FILE)

    measure.refresh_from_db()
    assert measure.contact_name == "Koordinaattori"
    assert IndicatorTarget.objects.get(indicator=indicator, area="TA04").value == 5
