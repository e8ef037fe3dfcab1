"""The editor's form for a service and its channels. The lists stored as JSON (target groups,
company stages, municipalities, languages) get checkboxes or a plain text field instead of JSON."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

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
    "street_address",
    "postal_code",
    "post_office",
    "municipality",
    "latitude",
    "longitude",
    "opening_hours",
    "accessibility",
    "verified",
    "internal_note",
]


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
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def changes(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


ChannelFormSet = forms.inlineformset_factory(
    Service,
    Channel,
    fields=CHANNEL_FIELDS,
    extra=1,
    can_delete=True,
    formfield_callback=_form_field,
    widgets={
        "opening_hours": forms.TextInput(),
        "accessibility": forms.TextInput(),
    },
)
