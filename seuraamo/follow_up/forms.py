"""Forms of the follow-up: a report's edit form (built for the report's measures and manual
indicators), the review form and the form that opens a round."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from seuraamo.core.translation import localized
from seuraamo.follow_up.meeting_forms import add_decision_fields, decision_answers
from seuraamo.follow_up.meetings import decisions_to_answer
from seuraamo.follow_up.models import (
    CONTRIBUTION_FIELDS,
    TEXT_FIELDS,
    TEXT_LABELS,
    Assessment,
    Contribution,
    GoalReport,
    MeasureStatusChoice,
    report_text_fields,
    validate_half_year,
)
from seuraamo.follow_up.services import ContributionContent, ManualValueInput, ReportContent
from seuraamo.programmes.models import Goal, IndicatorKind
from seuraamo.programmes.selectors import IndicatorBlock, measure_indicator_blocks


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
        # A report several organisations write: each writes these sections in its own part.
        self.is_shared = report.contributions.exists()
        self.text_fields = list(report_text_fields(shared=self.is_shared))
        _add_text_fields(self, self.text_fields)
        self.measure_rows = _add_measure_fields(self, report.measure_statuses.all())
        # A shared report's organisations answer for their decisions in their own parts.
        organisation_ids = (
            [] if self.is_shared else [r.organisation_id for r in report.organisations.all()]
        )
        self.decision_rows = add_decision_fields(
            self, report, decisions_to_answer(report, organisation_ids)
        )
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

    @property
    def progress_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.text_fields if n != "assessment_text"]

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
            texts={name: data[name] for name in self.text_fields},
            measures=measures,
            manual_values=manual,
            decisions=decision_answers(self, self.decision_rows),
        )


def _add_text_fields(form: forms.Form, names: list[str]) -> None:
    for name in names:
        form.fields[name] = forms.CharField(
            label=TEXT_LABELS[name],
            required=False,
            max_length=10_000,
            widget=forms.Textarea(attrs={"rows": 3 if name == "assessment_text" else 5}),
        )


def _add_measure_fields(
    form: forms.Form, statuses: object
) -> list[tuple[object, str, str, list[IndicatorBlock]]]:
    """A status and a short text for each measure; returns the rows the template lays out, each
    with the indicators the measure is meant to move and their latest values."""
    statuses = list(statuses)  # type: ignore[call-overload]
    indicators = measure_indicator_blocks(status.measure_id for status in statuses)
    rows = []
    for status in statuses:
        prefix = f"measure_{status.measure_id}"
        form.fields[f"{prefix}_status"] = forms.ChoiceField(
            label=_("Status"),
            choices=[("", _("not chosen yet")), *MeasureStatusChoice.choices],
            required=False,
        )
        form.fields[f"{prefix}_text"] = forms.CharField(
            label=_("In brief"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        title = localized(status.measure, "title").text
        measure_indicators = indicators.get(status.measure_id, [])
        rows.append((title, f"{prefix}_status", f"{prefix}_text", measure_indicators))
    return rows


class ContributionForm(forms.Form):
    """One organisation's own part of a shared report."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, contribution: Contribution, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.contribution = contribution
        _add_text_fields(self, list(CONTRIBUTION_FIELDS))
        self.measure_rows = _add_measure_fields(self, contribution.measure_statuses.all())
        self.decision_rows = add_decision_fields(
            self,
            contribution.report,
            decisions_to_answer(contribution.report, [contribution.organisation_id]),
        )

    @property
    def text_bound_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in CONTRIBUTION_FIELDS]

    @classmethod
    def initial_for(cls, contribution: Contribution) -> dict[str, object]:
        initial: dict[str, object] = {"version": contribution.version}
        initial.update({name: getattr(contribution, name) for name in CONTRIBUTION_FIELDS})
        for status in contribution.measure_statuses.all():
            initial[f"measure_{status.measure_id}_status"] = status.status
            initial[f"measure_{status.measure_id}_text"] = status.text
        return initial

    def content(self) -> ContributionContent:
        data = self.cleaned_data
        return ContributionContent(
            texts={name: data[name] for name in CONTRIBUTION_FIELDS},
            measures={
                s.measure_id: (
                    data[f"measure_{s.measure_id}_status"],
                    data[f"measure_{s.measure_id}_text"],
                )
                for s in self.contribution.measure_statuses.all()
            },
            decisions=decision_answers(self, self.decision_rows),
        )


class CloseRoundForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the round close before its deadline?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the round's history."),
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
