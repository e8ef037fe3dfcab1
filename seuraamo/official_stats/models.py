"""Stored official statistics: tables, their variables and value labels, areas, observations (one cell each)
and the revisions of published values."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from seuraamo.core.fields import PeriodField


class StatTable(models.Model):
    table_id = models.CharField(_("table id"), max_length=50, unique=True, help_text="tyonv/12r5")
    title_fi = models.CharField(_("title (Finnish)"), max_length=400, blank=True)
    title_sv = models.CharField(_("title (Swedish)"), max_length=400, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    updated_at_source = models.DateTimeField(_("updated at source"), null=True, blank=True)
    last_synced_at = models.DateTimeField(_("last synced"), null=True, blank=True)

    class Meta:
        verbose_name = _("statistics table")
        verbose_name_plural = _("statistics tables")
        ordering = ["table_id"]

    def __str__(self) -> str:
        return self.table_id


class VariableRole(models.TextChoices):
    TIME = "time", _("time")
    CONTENT = "content", _("content")
    AREA = "area", _("area")
    OTHER = "other", _("other")


class TableVariable(models.Model):
    table = models.ForeignKey(StatTable, on_delete=models.CASCADE, related_name="variables")
    code = models.CharField(_("code"), max_length=80)
    role = models.CharField(_("role"), max_length=10, choices=VariableRole.choices)
    label_fi = models.CharField(_("label (Finnish)"), max_length=200, blank=True)
    label_sv = models.CharField(_("label (Swedish)"), max_length=200, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("table variable")
        verbose_name_plural = _("table variables")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "role"],
                name="unique_variable_role",
                condition=~models.Q(role="other"),
            ),
            models.UniqueConstraint(fields=["table", "code"], name="unique_variable_code"),
        ]

    def __str__(self) -> str:
        return f"{self.table_id}:{self.code}"


class VariableValue(models.Model):
    variable = models.ForeignKey(TableVariable, on_delete=models.CASCADE, related_name="values")
    code = models.CharField(_("code"), max_length=80)
    label_fi = models.CharField(_("label (Finnish)"), max_length=300, blank=True)
    label_sv = models.CharField(_("label (Swedish)"), max_length=300, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("variable value")
        verbose_name_plural = _("variable values")
        ordering = ["variable", "order"]
        constraints = [
            models.UniqueConstraint(fields=["variable", "code"], name="unique_variable_value")
        ]

    def __str__(self) -> str:
        return self.code


class VisibleObservations(models.Manager["Observation"]):
    """Observations without the rows of a run still in progress (see ``services.ingest``) or
    being reverted (``services.revert``): a sync inserts its new rows in short transactions, and
    readers see them all at once when the run finishes; a revert hides the run's cells at once
    and restores the earlier values batch by batch. One subquery in the same SQL statement, no
    extra query."""

    def get_queryset(self) -> models.QuerySet[Observation]:
        pending = SyncRun.objects.filter(
            models.Q(finished_at__isnull=True) | models.Q(revert_started_at__isnull=False)
        ).values("pk")
        return super().get_queryset().exclude(run__in=pending)


class Observation(models.Model):
    """One cell: a table's value for a content code, an area, an optional extra dimension and a period."""

    # No separate index on table_id: the unique constraint below starts with it and serves every
    # lookup by table, and one index less makes bulk ingest noticeably faster.
    table = models.ForeignKey(
        StatTable, on_delete=models.CASCADE, related_name="observations", db_index=False
    )
    content_code = models.CharField(_("content code"), max_length=50)
    area_code = models.CharField(_("area code"), max_length=20)
    extra_code = models.CharField(
        _("extra dimension code"),
        max_length=50,
        blank=True,
        default="",
        help_text=_("For tables with a further dimension, such as the occupation in 12ti."),
    )
    period = PeriodField(_("period"), help_text="2021M06, 2025, 2024Q2")
    value = models.FloatField(_("value"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        blank=True,
        default="",
        help_text=_("Statistics Finland's cell status, e.g. '...' for suppressed."),
    )
    # The import or sync that last wrote the row (None: before runs were recorded). No index:
    # only `revert_statistics_run` looks rows up by run, and one index less keeps ingest fast.
    run = models.ForeignKey(
        "SyncRun",
        verbose_name=_("written by run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    objects = VisibleObservations()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "content_code", "area_code", "extra_code", "period"],
                name="unique_observation",
            )
        ]
        indexes = [models.Index(fields=["table", "area_code", "period"], name="obs_area_period")]

    def __str__(self) -> str:
        return f"{self.table_id} {self.content_code} {self.area_code} {self.period} = {self.value}"


class ObservationRevision(models.Model):
    """The previous value of an observation that a later sync changed: statistics get revised."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="revisions")
    old_value = models.FloatField(_("old value"), null=True, blank=True)
    old_status = models.CharField(_("old status"), max_length=10, blank=True, default="")
    changed_at = models.DateTimeField(_("changed at"))
    run = models.ForeignKey(
        "SyncRun",
        verbose_name=_("changed by run"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    old_run = models.ForeignKey(
        "SyncRun",
        verbose_name=_("previously written by run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    class Meta:
        verbose_name = _("observation revision")
        verbose_name_plural = _("observation revisions")
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.observation_id}: {self.old_value} until {self.changed_at:%Y-%m-%d}"


class SyncRun(models.Model):
    """One sync or import of a table: what it cost and what it changed."""

    table = models.ForeignKey(StatTable, on_delete=models.CASCADE, related_name="sync_runs")
    source = models.CharField(_("source"), max_length=300)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    calls = models.PositiveIntegerField(_("API calls"), default=0)
    cells = models.PositiveIntegerField(_("cells"), default=0)
    inserted = models.PositiveIntegerField(_("inserted"), default=0)
    changed = models.PositiveIntegerField(_("changed"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    error = models.TextField(_("error"), blank=True)
    reverted_at = models.DateTimeField(_("reverted at"), null=True, blank=True)
    # A revert runs in batches (services/revert.py): from its start the run's cells are hidden
    # (VisibleObservations), and these count how far it has come.
    revert_started_at = models.DateTimeField(_("revert started at"), null=True, blank=True)
    revert_restored = models.PositiveIntegerField(_("values restored"), default=0)
    revert_removed = models.PositiveIntegerField(_("cells removed"), default=0)

    class Meta:
        verbose_name = _("sync run")
        verbose_name_plural = _("sync runs")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.table_id} {self.started_at:%Y-%m-%d %H:%M} ({self.source})"
