"""The form a coordinator (or the programme admin) registers and edits a project with."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from seuraamo.accounts.roles import AnyUser
from seuraamo.follow_up.meeting_forms import (
    LocalizedChoiceField,
    LocalizedMultipleChoiceField,
    _choices,
)
from seuraamo.follow_up.project_models import Project, ProjectStatus
from seuraamo.follow_up.project_services import ProjectContent
from seuraamo.follow_up.projects import catalogue_service_names, owner_choices
from seuraamo.organisations.models import Organisation
from seuraamo.programmes.models import Measure, Programme

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    owner = LocalizedChoiceField(
        "name",
        label=_("Owner organisation"),
        queryset=Organisation.objects.none(),
        help_text=_("The organisation that runs the project; its coordinators edit it."),
    )
    partners = LocalizedMultipleChoiceField(
        "name",
        label=_("Partners"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    measures = LocalizedMultipleChoiceField(
        "title",
        label=_("Measures it implements"),
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.ChoiceField(label=_("Status"), choices=ProjectStatus.choices)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DATE_WIDGET)
    end_date = forms.DateField(label=_("End date"), required=False, widget=DATE_WIDGET)
    funding_source = forms.CharField(
        label=_("Funding source"),
        max_length=200,
        required=False,
        help_text=_("E.g. ESF+, JTF, municipal."),
    )
    funding_amount = forms.DecimalField(
        label=_("Funding amount (euros)"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    target_groups = forms.CharField(
        label=_("Target groups"),
        max_length=300,
        required=False,
        help_text=_("E.g. immigrants, young people under 30."),
    )
    results = forms.CharField(
        label=_("Results"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("Contact e-mail"),
        required=False,
        help_text=_(
            "A work address (e.g. the project's or the organisation's), never a private one."
        ),
    )
    service_key = forms.ChoiceField(
        label=_("Service in the catalogue"),
        required=False,
        help_text=_("The catalogue service the project offers, if any."),
    )
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    def __init__(self, user: AnyUser, programme: Programme, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "owner").queryset = owner_choices(user)
        _choices(self, "partners").queryset = Organisation.objects.order_by("name_fi")
        _choices(self, "measures").queryset = (
            Measure.objects.filter(goal__theme__programme=programme, archived_on__isnull=True)
            .select_related("goal__theme")
            .order_by("goal__theme__order", "goal__order", "order")
        )
        services = catalogue_service_names()
        service_field = self.fields["service_key"]
        assert isinstance(service_field, forms.ChoiceField)
        service_field.choices = [("", _("none")), *services.items()]

    @staticmethod
    def initial_for(project: Project) -> dict[str, object]:
        return {
            "name": project.name,
            "owner": project.owner_id,
            "partners": list(project.partners.all()),
            "measures": list(project.measures.all()),
            "status": project.status,
            "start_date": project.start_date,
            "end_date": project.end_date,
            "funding_source": project.funding_source,
            "funding_amount": project.funding_amount,
            "target_groups": project.target_groups,
            "results": project.results,
            "contact_name": project.contact_name,
            "contact_email": project.contact_email,
            "service_key": project.service_key,
            "url": project.url,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return cleaned

    def content(self, *, is_example: bool = False) -> ProjectContent:
        data = self.cleaned_data
        return ProjectContent(
            name=data["name"],
            owner=data["owner"],
            partners=list(data["partners"]),
            measures=list(data["measures"]),
            status=data["status"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            funding_source=data["funding_source"],
            funding_amount=data["funding_amount"],
            target_groups=data["target_groups"],
            results=data["results"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            service_key=data["service_key"],
            url=data["url"],
            is_example=is_example,
        )
