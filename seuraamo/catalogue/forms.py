"""The editor's form for a service and its channels. The lists stored as JSON (target groups,
company stages, municipalities, languages) get checkboxes or a plain text field instead of JSON."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from seuraamo.catalogue import hours
from seuraamo.catalogue.guide import municipality_choices
from seuraamo.catalogue.models import Channel, CompanyStage, Service, TargetGroup
from seuraamo.catalogue.rules import EDITABLE_FIELDS

CHANNEL_FIELDS = [
    "kind",
    "name_fi",
    "name_sv",
    "name_en",
    "url",
    "phone",
    "email",
    "street_address",
    "postal_code",
    "post_office",
    "municipality",
    "latitude",
    "longitude",
    "closed_dates",
    "hours_note_fi",
    "hours_note_sv",
    "hours_note_en",
    "accessibility",
    "verified",
    "internal_note",
]
#: The channel form's opening hours, one field a weekday, with the weekday's name as label.
DAY_LABELS = {
    "MO": _("Monday"),
    "TU": _("Tuesday"),
    "WE": _("Wednesday"),
    "TH": _("Thursday"),
    "FR": _("Friday"),
    "SA": _("Saturday"),
    "SU": _("Sunday"),
}
HOURS_FIELDS = [f"hours_{day}" for day in hours.WEEKDAYS]


def _form_field(db_field: models.Field, **kwargs: object) -> forms.Field | None:
    """Model fields' own form fields; an address typed without a scheme means https."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class LanguageListField(forms.CharField):
    """Two-letter language codes typed as "fi, sv, en", stored as a list."""

    def prepare_value(self, value: object) -> object:
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return value

    def to_python(self, value: object) -> list[str]:  # type: ignore[override]
        text = super().to_python(value)
        codes = [part.strip().lower() for part in text.replace(";", ",").split(",")]
        return [code for code in codes if code]


class DateListField(forms.CharField):
    """Dates typed as "24.12.2026, 31.12.2026", stored as a list of ISO dates."""

    def prepare_value(self, value: object) -> object:
        if isinstance(value, list):
            return hours.format_dates(str(item) for item in value)
        return value

    def has_changed(self, initial: object, data: object) -> bool:
        stored = sorted(str(item) for item in initial) if isinstance(initial, list) else []
        return stored != hours.parse_dates(super().to_python(data))

    def to_python(self, value: object) -> list[str]:  # type: ignore[override]
        dates = hours.parse_dates(super().to_python(value))
        if dates is None:
            raise forms.ValidationError(_("Give dates such as 24.12.2026, separated by commas."))
        return dates


class ServiceForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    target_groups = forms.MultipleChoiceField(
        label=_("target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    company_stages = forms.MultipleChoiceField(
        label=_("company life-cycle stages"),
        choices=CompanyStage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipalities = forms.MultipleChoiceField(
        label=_("municipalities served"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None for a nationwide service."),
    )
    languages = LanguageListField(
        label=_("languages"),
        required=False,
        max_length=60,
        help_text=_("Two-letter codes separated by commas, e.g. fi, sv, en."),
    )
    confirm_verified = forms.BooleanField(
        label=_("I have checked these details with the provider today"),
        required=False,
        help_text=_("Marks the service verified and sets the last-verified date to today."),
    )

    class Meta:
        model = Service
        fields = EDITABLE_FIELDS
        formfield_callback = _form_field
        widgets = {
            "description_fi": forms.Textarea(attrs={"rows": 5}),
            "description_sv": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "eligibility_note": forms.Textarea(attrs={"rows": 2}),
            "cost": forms.Textarea(attrs={"rows": 2}),
            "internal_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        known = municipality_choices()
        codes = {code for code, _name in known}
        # A code stored by an import but missing from the areas list stays choosable (and kept).
        extra = [(code, code) for code in self.instance.municipalities if code not in codes]
        self.fields["municipalities"].choices = [*known, *extra]
        through = self.fields["reached_through"]
        assert isinstance(through, forms.ModelMultipleChoiceField)
        through.queryset = Service.objects.exclude(pk=self.instance.pk).order_by("name_fi")
        through.widget = forms.CheckboxSelectMultiple(choices=through.choices)
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def changes(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


class ChannelForm(forms.ModelForm):
    """A channel with its week's opening hours as one text field a weekday ("8.00–16.00")."""

    closed_dates = DateListField(
        label=_("closed on"),
        required=False,
        max_length=400,
        help_text=_("Exceptions to the week: dates such as 24.12.2026, separated by commas."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for day, field_name in zip(hours.WEEKDAYS, HOURS_FIELDS, strict=True):
            self.fields[field_name] = forms.CharField(
                label=DAY_LABELS[day],
                required=False,
                max_length=40,
                help_text=_("e.g. 8.00–16.00; empty when closed") if day == "MO" else "",
            )
            period = self.instance.weekly_hours.get(day)
            if period:
                self.initial[field_name] = hours.format_period(period, "fi")

    def hour_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in HOURS_FIELDS]

    def other_fields(self) -> list[forms.BoundField]:
        return [field for field in self.visible_fields() if field.name not in HOURS_FIELDS]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        weekly: hours.WeeklyHours = {}
        for day, field_name in zip(hours.WEEKDAYS, HOURS_FIELDS, strict=True):
            text = str(cleaned.get(field_name) or "").strip()
            if not text:
                continue
            period = hours.parse_range(text)
            if period is None:
                self.add_error(
                    field_name,
                    _("Give an opening and a later closing time, e.g. 8.00–16.00."),
                )
            else:
                weekly[day] = period
        self.instance.weekly_hours = weekly
        return cleaned


ChannelFormSet = forms.inlineformset_factory(
    Service,
    Channel,
    form=ChannelForm,
    fields=CHANNEL_FIELDS,
    extra=1,
    can_delete=True,
    formfield_callback=_form_field,
    widgets={"accessibility": forms.TextInput()},
)
