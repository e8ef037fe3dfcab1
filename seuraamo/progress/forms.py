"""Forms of the follow-up: a report's edit form (built for the report's measures and manual
indicators), the review form and the form that opens a round."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from seuraamo.core.translation import localized
from seuraamo.programmes.models import Goal, IndicatorKind
from seuraamo.progress.models import (
    TEXT_FIELDS,
    Assessment,
    GoalReport,
    MeasureStatusChoice,
    validate_half_year,
)
from seuraamo.progress.services import ManualValueInput, ReportContent

TEXT_LABELS = {
    "assessment_text": _("The assessment in brief"),
    "done": _("What was done"),
    "results": _("Results"),
    "problems": _("Problems and risks"),
    "next_steps": _("Next steps"),
    "asks": _("What is asked of the steering group"),
}


class ReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    assessment = forms.ChoiceField(
        label=_("Overall assessment"),
        choices=[("", _("not chosen yet")), *Assessment.choices],
        required=False,
    )

    def __init__(self, report: GoalReport, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        for name in TEXT_FIELDS:
            self.fields[name] = forms.CharField(
                label=TEXT_LABELS[name],
                required=False,
                max_length=10_000,
                widget=forms.Textarea(attrs={"rows": 3 if name == "assessment_text" else 5}),
            )
        self.measure_rows: list[tuple[object, str, str]] = []
        for status in report.measure_statuses.all():
            prefix = f"measure_{status.measure_id}"
            title = localized(status.measure, "title").text
            self.fields[f"{prefix}_status"] = forms.ChoiceField(
                label=_("Status"),
                choices=[("", _("not chosen yet")), *MeasureStatusChoice.choices],
                required=False,
            )
            self.fields[f"{prefix}_text"] = forms.CharField(
                label=_("In brief"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.measure_rows.append((title, f"{prefix}_status", f"{prefix}_text"))
        self.indicator_rows: list[tuple[object, str, str, str]] = []
        for indicator in report.goal.indicators.all():
            if indicator.kind != IndicatorKind.MANUAL:
                continue
            prefix = f"indicator_{indicator.pk}"
            self.fields[f"{prefix}_value"] = forms.DecimalField(
                label=_("Value"), required=False, max_digits=14, decimal_places=3
            )
            self.fields[f"{prefix}_date"] = forms.DateField(
                label=_("Date of the value"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
            self.fields[f"{prefix}_source"] = forms.CharField(
                label=_("Source"), required=False, max_length=300
            )
            self.indicator_rows.append(
                (
                    localized(indicator, "name").text,
                    *(f"{prefix}_{p}" for p in ("value", "date", "source")),
                )
            )

    @classmethod
    def initial_for(cls, report: GoalReport) -> dict[str, object]:
        initial: dict[str, object] = {"version": report.version, "assessment": report.assessment}
        initial.update({name: getattr(report, name) for name in TEXT_FIELDS})
        for status in report.measure_statuses.all():
            initial[f"measure_{status.measure_id}_status"] = status.status
            initial[f"measure_{status.measure_id}_text"] = status.text
        for value in report.manual_values.all():
            initial[f"indicator_{value.indicator_id}_value"] = value.value
            initial[f"indicator_{value.indicator_id}_date"] = value.date
            initial[f"indicator_{value.indicator_id}_source"] = value.source
        return initial

    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        for _title, value_name, date_name, _source in self.indicator_rows:
            if cleaned.get(value_name) is not None and not cleaned.get(date_name):
                self.add_error(date_name, _("Give the date of the value."))
        return cleaned

    def content(self) -> ReportContent:
        data = self.cleaned_data
        measures = {
            status.measure_id: (
                data[f"measure_{status.measure_id}_status"],
                data[f"measure_{status.measure_id}_text"],
            )
            for status in self.report.measure_statuses.all()
        }
        manual = {}
        for _title, value_name, date_name, source_name in self.indicator_rows:
            indicator_id = int(value_name.split("_")[1])
            manual[indicator_id] = ManualValueInput(
                data[value_name], data[date_name], data[source_name]
            )
        return ReportContent(
            assessment=data["assessment"],
            texts={name: data[name] for name in TEXT_FIELDS},
            measures=measures,
            manual_values=manual,
        )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("return", _("Return with a comment"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the coordinators"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class OpenRoundForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=6,
        validators=[validate_half_year],
        help_text=_("E.g. 2026H1."),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals included"),
        queryset=Goal.objects.select_related("theme").order_by("theme__order", "order", "id"),
        widget=forms.CheckboxSelectMultiple,
    )
