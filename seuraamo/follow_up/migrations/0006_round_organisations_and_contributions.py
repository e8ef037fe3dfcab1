"""Each report keeps the organisations that coordinate its goal in its round, resolved through
succession to those valid at the period's end; a goal with several organisations gets one
contribution per organisation. Existing rounds are fixed here: their reports (and the frozen
snapshots of closed rounds) name the organisations of the round's own time, and the sections a
shared report's organisations now write in their own parts move to the lead organisation's part,
so that no text is lost."""

import calendar
import datetime

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from seuraamo.organisations.selectors import OrganisationGraph, organisations_on

CONTRIBUTION_FIELDS = ("done", "results", "problems", "asks")


def _period_end(period: str) -> datetime.date:
    year, half = int(period[:4]), int(period[5])
    month = 6 * half
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _names(organisation: object) -> dict[str, str]:
    return {code: getattr(organisation, f"name_{code}") or "" for code in ("fi", "sv", "en")}


def resolve_round_organisations(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    Succession = apps.get_model("organisations", "Succession")
    GoalCoordinator = apps.get_model("programmes", "GoalCoordinator")
    GoalReport = apps.get_model("progress", "GoalReport")
    ReportOrganisation = apps.get_model("progress", "ReportOrganisation")
    Contribution = apps.get_model("progress", "Contribution")
    graph = OrganisationGraph.build(
        Organisation.objects.all(), Succession.objects.order_by("date", "id")
    )
    for report in GoalReport.objects.select_related("reporting_round").order_by("id"):
        named = [
            graph.by_id[c.organisation_id]
            for c in GoalCoordinator.objects.filter(
                goal_id=report.goal_id, role="coordinator"
            ).order_by("order", "id")
        ]
        organisations = organisations_on(named, _period_end(report.reporting_round.period), graph)
        for order, organisation in enumerate(organisations):
            ReportOrganisation.objects.create(report=report, organisation=organisation, order=order)
        if len(organisations) > 1:
            signed = report.status in ("submitted", "accepted")
            for index, organisation in enumerate(organisations):
                texts = {n: getattr(report, n) for n in CONTRIBUTION_FIELDS} if index == 0 else {}
                Contribution.objects.create(
                    report=report,
                    organisation=organisation,
                    status="signed_off" if signed else "draft",
                    updated_at=report.updated_at if texts else None,
                    updated_by_id=report.updated_by_id if texts else None,
                    signed_off_at=report.submitted_at if signed else None,
                    **texts,
                )
            for name in CONTRIBUTION_FIELDS:
                setattr(report, name, "")
        if report.snapshot is not None:
            report.snapshot["coordinators"] = [
                {"key": o.key, "name": _names(o)} for o in organisations
            ]
        report.save()


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        ("programmes", "0005_yearly_targets"),
        ("progress", "0005_frozen_labour_market"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="goalreport",
            name="submitted_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="submitted by",
            ),
        ),
        migrations.AddField(
            model_name="reportinground",
            name="closing_reason",
            field=models.TextField(
                blank=True,
                help_text="Asked when the round is closed before its deadline; kept in its history.",
                verbose_name="reason for closing before the deadline",
            ),
        ),
        migrations.CreateModel(
            name="Contribution",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "draft"), ("signed_off", "signed off")],
                        default="draft",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                ("done", models.TextField(blank=True, verbose_name="what was done")),
                ("results", models.TextField(blank=True, verbose_name="results")),
                ("problems", models.TextField(blank=True, verbose_name="problems and risks")),
                (
                    "asks",
                    models.TextField(
                        blank=True, verbose_name="what is asked of the steering group"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, verbose_name="version")),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="updated at"),
                ),
                (
                    "signed_off_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="signed off at"),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contributions",
                        to="progress.goalreport",
                        verbose_name="report",
                    ),
                ),
                (
                    "signed_off_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="signed off by",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="updated by",
                    ),
                ),
            ],
            options={
                "verbose_name": "contribution",
                "verbose_name_plural": "contributions",
                "ordering": ["report", "id"],
            },
        ),
        migrations.CreateModel(
            name="ContributionMeasureStatus",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("planned", "planned"),
                            ("in_progress", "in progress"),
                            ("delayed", "delayed"),
                            ("done", "done"),
                            ("cancelled", "cancelled"),
                        ],
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                ("text", models.TextField(blank=True, verbose_name="in brief")),
                (
                    "contribution",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="measure_statuses",
                        to="progress.contribution",
                        verbose_name="contribution",
                    ),
                ),
                (
                    "measure",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="programmes.measure",
                        verbose_name="measure",
                    ),
                ),
            ],
            options={
                "verbose_name": "measure status of a contribution",
                "verbose_name_plural": "measure statuses of contributions",
                "ordering": ["contribution", "measure"],
            },
        ),
        migrations.CreateModel(
            name="ReportOrganisation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="organisations",
                        to="progress.goalreport",
                        verbose_name="report",
                    ),
                ),
            ],
            options={
                "verbose_name": "coordinating organisation of a report",
                "verbose_name_plural": "coordinating organisations of reports",
                "ordering": ["report", "order", "id"],
            },
        ),
        migrations.AddConstraint(
            model_name="contribution",
            constraint=models.UniqueConstraint(
                fields=("report", "organisation"), name="unique_report_contribution"
            ),
        ),
        migrations.AddConstraint(
            model_name="contributionmeasurestatus",
            constraint=models.UniqueConstraint(
                fields=("contribution", "measure"), name="unique_contribution_measure"
            ),
        ),
        migrations.AddConstraint(
            model_name="reportorganisation",
            constraint=models.UniqueConstraint(
                fields=("report", "organisation"), name="unique_report_organisation"
            ),
        ),
        migrations.RunPython(resolve_round_organisations, migrations.RunPython.noop),
    ]
