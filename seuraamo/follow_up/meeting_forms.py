"""Forms of meetings and decisions, and the fields a report form adds for the decisions its
organisation answers ("what was done", "done")."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from seuraamo.core.translation import localized
from seuraamo.follow_up.meeting_models import Decision, DecisionFollowUp, DecisionStatus
from seuraamo.follow_up.meeting_services import DecisionContent, FollowUpAnswer, MeetingDetails
from seuraamo.follow_up.models import GoalReport, ReportingRound, ReportStatus
from seuraamo.follow_up.templatetags.follow_up import period_label
from seuraamo.organisations.models import Organisation
from seuraamo.programmes.models import Goal, Measure, Programme, SteeringGroupMembership


def _choices(form: forms.Form, name: str) -> forms.ModelChoiceField[Any]:
    return cast("forms.ModelChoiceField[Any]", form.fields[name])


class LocalizedChoiceField(forms.ModelChoiceField):
    def __init__(self, field: str, *args: Any, **kwargs: Any) -> None:
        self.text_field = field
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: object) -> str:
        return localized(obj, self.text_field).text


class LocalizedMultipleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, field: str, *args: Any, **kwargs: Any) -> None:
        self.text_field = field
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: object) -> str:
        return localized(obj, self.text_field).text


class RoundChoiceField(forms.ModelChoiceField[ReportingRound]):
    def label_from_instance(self, obj: ReportingRound) -> str:
        return str(period_label(obj.period))


class SeatField(forms.ModelMultipleChoiceField[SteeringGroupMembership]):
    def label_from_instance(self, obj: SteeringGroupMembership) -> str:
        return f"{localized(obj.organisation, 'name').text} ({obj.get_role_display()})"


class MeetingForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    reporting_round = RoundChoiceField(
        label=_("Reporting round reviewed"),
        queryset=ReportingRound.objects.none(),
        required=False,
        empty_label=_("none"),
        help_text=_("The agenda is built from the round's reports and their requests."),
    )
    attendees = SeatField(
        label=_("Steering-group seats present"),
        queryset=SteeringGroupMembership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Public once approved; confidential decisions are left out."),
    )

    def __init__(self, programme: Programme, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "reporting_round").queryset = ReportingRound.objects.filter(
            programme=programme
        ).order_by("-period")
        _choices(self, "attendees").queryset = SteeringGroupMembership.objects.filter(
            programme=programme
        ).select_related("organisation")

    def details(self) -> MeetingDetails:
        data = self.cleaned_data
        return MeetingDetails(
            date=data["date"],
            place=data["place"],
            reporting_round=data["reporting_round"],
            attendees=list(data["attendees"]),
            minutes=data["minutes"],
        )


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("Decision"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 4})
    )
    responsible = LocalizedChoiceField(
        "name",
        label=_("Responsible organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("none"),
    )
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=DecisionStatus.choices)
    report = forms.ModelChoiceField(
        label=_("Request it answers"),
        queryset=GoalReport.objects.none(),
        required=False,
        empty_label=_("none"),
    )
    goals = LocalizedMultipleChoiceField(
        "title",
        label=_("Goals it concerns"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    measures = LocalizedMultipleChoiceField(
        "title",
        label=_("Measures it concerns"),
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    confidential = forms.BooleanField(
        label=_("Confidential: left out of the public minutes and the decision log"),
        required=False,
    )

    def __init__(self, programme: Programme, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "responsible").queryset = Organisation.objects.order_by("name_fi")
        report_field = _choices(self, "report")
        report_field.queryset = (
            GoalReport.objects.filter(reporting_round__programme=programme)
            .filter(~Q(asks="") | Q(contributions__asks__gt=""))
            .filter(status__in=(ReportStatus.SUBMITTED, ReportStatus.ACCEPTED))
            .select_related("goal", "reporting_round")
            .distinct()
            .order_by("-reporting_round__period", "goal__theme__order", "goal__order")
        )
        report_field.label_from_instance = _report_label  # type: ignore[method-assign,assignment]
        goals = Goal.objects.filter(theme__programme=programme).select_related("theme")
        _choices(self, "goals").queryset = goals.order_by("theme__order", "order", "id")
        _choices(self, "measures").queryset = Measure.objects.filter(goal__in=goals).order_by(
            "goal__theme__order", "goal__order", "order", "id"
        )

    @classmethod
    def initial_for(cls, decision: Decision) -> dict[str, object]:
        return {
            "text": decision.text,
            "responsible": decision.responsible_id,
            "due_date": decision.due_date,
            "status": decision.status,
            "report": decision.report_id,
            "goals": list(decision.goals.all()),
            "measures": list(decision.measures.all()),
            "confidential": decision.confidential,
        }

    def content(self) -> DecisionContent:
        data = self.cleaned_data
        return DecisionContent(
            text=data["text"],
            goals=list(data["goals"]),
            measures=list(data["measures"]),
            report=data["report"],
            responsible=data["responsible"],
            due_date=data["due_date"],
            status=data["status"],
            confidential=data["confidential"],
        )


def _report_label(report: GoalReport) -> str:
    return f"{period_label(report.reporting_round.period)}: {localized(report.goal, 'title').text}"


class DecisionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=DecisionStatus.choices)


def add_decision_fields(
    form: forms.Form, report: GoalReport, decisions: list[Decision]
) -> list[tuple[Decision, str, str]]:
    """For each decision: "what was done about it" and "done"; returns the rows to lay out."""
    stored = {row.decision_id: row for row in DecisionFollowUp.objects.filter(report=report)}
    rows = []
    for decision in decisions:
        prefix = f"decision_{decision.pk}"
        form.fields[f"{prefix}_text"] = forms.CharField(
            label=_("What was done about it"),
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        form.fields[f"{prefix}_done"] = forms.BooleanField(
            label=_("Done: the decision is carried out"), required=False
        )
        if decision.pk in stored:
            form.initial.setdefault(f"{prefix}_text", stored[decision.pk].text)
            form.initial.setdefault(f"{prefix}_done", stored[decision.pk].marked_done)
        rows.append((decision, f"{prefix}_text", f"{prefix}_done"))
    return rows


def decision_answers(
    form: forms.Form, rows: list[tuple[Decision, str, str]]
) -> dict[int, FollowUpAnswer]:
    data = form.cleaned_data
    return {
        decision.pk: FollowUpAnswer(text=data[text_name], done=data[done_name])
        for decision, text_name, done_name in rows
    }
