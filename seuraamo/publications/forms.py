"""The analysts' forms: a publication's figure, a Työvoimabarometri assessment, a withdrawal. The
forms read the values; the checks of what they may be are the services' (`recording.py`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from seuraamo.areas.selectors import areas_by_code
from seuraamo.core.translation import localized
from seuraamo.publications.models import BarometerState, Publication
from seuraamo.publications.recording import (
    BAROMETER_REGIONS,
    FIGURE_AREAS,
    AssessmentEntry,
    FigureEntry,
)


def area_choices(codes: tuple[str, ...]) -> list[tuple[str, str]]:
    """The areas by name in the page's language (the code where the area is not stored)."""
    named = areas_by_code(codes)
    return [
        (code, localized(named[code], "name").text if code in named else code) for code in codes
    ]


class PublicationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return localized(obj, "name").text


class DateInput(forms.DateInput):
    input_type = "date"


RELEASE_FIELDS = ("source_url", "released_on")


class FigureForm(forms.Form):
    publication = PublicationChoiceField(
        label=_("Publication"), queryset=Publication.objects.order_by("name_fi")
    )
    indicator_name = forms.CharField(
        label=_("Indicator"),
        max_length=200,
        help_text=_("What the figure measures, as the publication names it."),
    )
    area_code = forms.ChoiceField(label=_("Area"))
    period = forms.CharField(
        label=_("Period"),
        max_length=10,
        help_text=_("The period the figure is for: 2026M06 (month), 2026Q2, 2026H1 or 2026."),
    )
    value = forms.FloatField(label=_("Value"), localize=True)
    unit = forms.CharField(
        label=_("Unit"),
        max_length=40,
        required=False,
        help_text=_("For example %, saldoluku, henkilöä. A percentage lies between -100 and 100."),
    )
    source_url = forms.URLField(
        label=_("Source address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The web address of the release the figure is from."),
    )
    released_on = forms.DateField(label=_("Release date"), widget=DateInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area_code"].choices = area_choices(FIGURE_AREAS)  # type: ignore[attr-defined]

    def entry(self) -> FigureEntry:
        data = self.cleaned_data
        return FigureEntry(
            publication=data["publication"],
            area_code=data["area_code"],
            indicator_name=data["indicator_name"],
            period=data["period"],
            value=data["value"],
            unit=data["unit"],
            source_url=data["source_url"],
            released_on=data["released_on"],
        )


class AssessmentForm(forms.Form):
    occupation_code = forms.CharField(
        label=_("Occupation code"),
        max_length=4,
        help_text=_("Four digits of Statistics Finland's classification of occupations."),
    )
    occupation_name = forms.CharField(
        label=_("Occupation"), max_length=200, help_text=_("In Finnish, as the barometer names it.")
    )
    area_code = forms.ChoiceField(label=_("Region"))
    month = forms.CharField(
        label=_("Month"), max_length=7, help_text=_("The month assessed, like 2026M06.")
    )
    state = forms.TypedChoiceField(
        label=_("Assessment"), coerce=int, choices=BarometerState.choices
    )
    severity = forms.IntegerField(
        label=_("Severity (1–5)"),
        required=False,
        help_text=_("1 balance … 5 alarming; empty when the barometer gives none."),
    )
    source_url = forms.URLField(
        label=_("Source address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The web address of the barometer release the assessment is from."),
    )
    released_on = forms.DateField(label=_("Release date"), widget=DateInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area_code"].choices = area_choices(BAROMETER_REGIONS)  # type: ignore[attr-defined]

    def entry(self) -> AssessmentEntry:
        data = self.cleaned_data
        return AssessmentEntry(
            occupation_code=data["occupation_code"].strip(),
            occupation_name=data["occupation_name"],
            area_code=data["area_code"],
            month=data["month"],
            state=data["state"],
            severity=data["severity"],
            source_url=data["source_url"],
            released_on=data["released_on"],
        )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=300,
        help_text=_("Shown in the entry's history."),
    )
