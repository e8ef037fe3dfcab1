"""The programme admin's forms: a measure's plan (responsible organisation, work contact, schedule,
the indicators it is meant to move, and its milestones, a formset) and a service system section."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from seuraamo.core.translation import localized
from seuraamo.organisations.models import Organisation
from seuraamo.programmes.models import Indicator, Measure, MeasureMilestone, ProgrammeSection
from seuraamo.programmes.services import (
    MeasurePlan,
    Milestone,
    SectionText,
    measure_indicator_choices,
)

DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return localized(obj, "name").text


class IndicatorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return localized(obj, "name").text


def _field(model: type[Any], name: str) -> Any:
    return model._meta.get_field(name)


class MeasurePlanForm(forms.Form):
    responsible_organisation = NamedChoiceField(
        label=_("Responsible organisation"),
        queryset=Organisation.objects.order_by("name_fi"),
        required=False,
    )
    contact_name = forms.CharField(
        label=_("Contact"),
        max_length=200,
        required=False,
        help_text=_field(Measure, "contact_name").help_text,
    )
    contact_email = forms.EmailField(
        label=_("Work e-mail"),
        required=False,
        help_text=_field(Measure, "contact_email").help_text,
    )
    contact_phone = forms.CharField(
        label=_("Work phone"),
        max_length=40,
        required=False,
        help_text=_field(Measure, "contact_phone").help_text,
    )
    starts_on = forms.DateField(label=_("Start date"), required=False, widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("End date"), required=False, widget=DATE_INPUT)
    schedule_fi = forms.CharField(
        label=_("Schedule in words (Finnish)"),
        max_length=200,
        required=False,
        help_text=_field(Measure, "schedule_fi").help_text,
    )
    schedule_sv = forms.CharField(
        label=_("Schedule in words (Swedish)"), max_length=200, required=False
    )
    schedule_en = forms.CharField(
        label=_("Schedule in words (English)"), max_length=200, required=False
    )
    indicators = IndicatorChoiceField(
        label=_("Indicators it is meant to move"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, measure: Measure, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = measure_indicator_choices(measure)
        field = self.fields["indicators"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Indicator.objects.filter(pk__in=[i.pk for i in choices]).order_by(
            "theme", "order", "id"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date is before the start date."))
        if data.get("contact_name") and not (
            data.get("contact_email") or data.get("contact_phone")
        ):
            self.add_error("contact_email", _("Give a work e-mail or a work phone number."))
        return data

    def plan(self, milestones: list[Milestone]) -> MeasurePlan:
        data = self.cleaned_data
        return MeasurePlan(
            responsible_organisation=data["responsible_organisation"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            schedule_fi=data["schedule_fi"],
            schedule_sv=data["schedule_sv"],
            schedule_en=data["schedule_en"],
            indicators=list(data["indicators"]),
            milestones=milestones,
        )


class MilestoneForm(forms.Form):
    milestone_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    due = forms.DateField(label=_("Due date"), required=False, widget=DATE_INPUT)
    text_fi = forms.CharField(label=_("Milestone (Finnish)"), max_length=300, required=False)
    text_sv = forms.CharField(label=_("Milestone (Swedish)"), max_length=300, required=False)
    text_en = forms.CharField(label=_("Milestone (English)"), max_length=300, required=False)
    done = forms.BooleanField(label=_("Done"), required=False)
    remove = forms.BooleanField(label=_("Remove"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("remove"):
            return data
        if data.get("text_fi") and not data.get("due"):
            self.add_error("due", _("Give the milestone a due date."))
        if data.get("due") and not data.get("text_fi"):
            self.add_error("text_fi", _("Describe the milestone in Finnish."))
        return data

    def milestone(self) -> Milestone | None:
        data = self.cleaned_data
        if data.get("remove") or not data.get("due"):
            return None
        return Milestone(
            due=data["due"],
            text_fi=data["text_fi"],
            text_sv=data["text_sv"],
            text_en=data["text_en"],
            done=data["done"],
            milestone_id=data.get("milestone_id"),
        )


MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=2)


def milestone_initial(measure: Measure) -> list[dict[str, object]]:
    return [
        {
            "milestone_id": row.pk,
            "due": row.due,
            "text_fi": row.text_fi,
            "text_sv": row.text_sv,
            "text_en": row.text_en,
            "done": row.done,
        }
        for row in MeasureMilestone.objects.filter(measure=measure)
    ]


def plan_initial(measure: Measure) -> dict[str, object]:
    return {
        "responsible_organisation": measure.responsible_organisation_id,
        "contact_name": measure.contact_name,
        "contact_email": measure.contact_email,
        "contact_phone": measure.contact_phone,
        "starts_on": measure.starts_on,
        "ends_on": measure.ends_on,
        "schedule_fi": measure.schedule_fi,
        "schedule_sv": measure.schedule_sv,
        "schedule_en": measure.schedule_en,
        "indicators": list(measure.indicators.all()),
    }


BODY_HELP = _(
    'Plain text: a blank line starts a new paragraph, and lines beginning with "- " make a list.'
)


class ProgrammeSectionForm(forms.Form):
    """A service system section's title and text in Finnish (the original), Swedish and English."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    title_fi = forms.CharField(label=_("Title (Finnish)"), max_length=200)
    body_fi = forms.CharField(
        label=_("Text (Finnish, the original)"), widget=forms.Textarea, help_text=BODY_HELP
    )
    title_sv = forms.CharField(label=_("Title (Swedish)"), max_length=200, required=False)
    body_sv = forms.CharField(
        label=_("Text (Swedish translation)"), widget=forms.Textarea, required=False
    )
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    body_en = forms.CharField(
        label=_("Text (English translation)"), widget=forms.Textarea, required=False
    )

    def text(self) -> SectionText:
        data = self.cleaned_data
        return SectionText(**{name: data[name] for name in SECTION_FIELDS})


SECTION_FIELDS = ("title_fi", "body_fi", "title_sv", "body_sv", "title_en", "body_en")


def section_initial(section: ProgrammeSection) -> dict[str, object]:
    return {"version": section.version, **{name: getattr(section, name) for name in SECTION_FIELDS}}
