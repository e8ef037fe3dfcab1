"""The stored tables as a list: each with its content codes (labels and units in a language), the
span of its periods and the derived statistics its content codes allow."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from seuraamo.core.translation import localized
from seuraamo.official_stats.derived import RATIO_STATISTICS, valid_periods
from seuraamo.official_stats.models import Observation, StatTable, VariableRole, VariableValue
from seuraamo.periods import Period


@dataclass(frozen=True)
class ContentSummary:
    code: str
    label: str
    unit: str


@dataclass(frozen=True)
class TableSummary:
    table_id: str
    title: str
    source: str
    licence: str
    updated_at_source: str | None  # ISO 8601
    last_synced_at: str | None  # ISO 8601
    first_period: Period | None
    last_period: Period | None
    contents: tuple[ContentSummary, ...]
    derived_statistics: tuple[str, ...]


def table_summaries(language: str) -> list[TableSummary]:
    """Every stored table with its content codes (labels in ``language``), period span and the
    derived statistics its stored codes allow, in four queries however many tables there are. A
    table without a visible row (reverted to nothing, or still being written) is not listed."""
    tables = list(
        StatTable.objects.filter(Exists(Observation.objects.filter(table=OuterRef("pk")))).order_by(
            "table_id"
        )
    )
    values: dict[int, list[VariableValue]] = {}
    for value in (
        VariableValue.objects.filter(
            variable__table__in=tables, variable__role=VariableRole.CONTENT
        )
        .select_related("variable")
        .order_by("order", "code")
    ):
        values.setdefault(value.variable.table_id, []).append(value)
    stored: dict[int, set[str]] = {pk: {v.code for v in found} for pk, found in values.items()}
    without_metadata = [table for table in tables if table.pk not in stored]
    for table_pk, code in (
        Observation.objects.filter(table__in=without_metadata)
        .order_by()
        .values_list("table_id", "content_code")
        .distinct()
    ):
        stored.setdefault(table_pk, set()).add(code)
    periods: dict[int, list[str]] = {}
    for table_pk, period in (
        Observation.objects.filter(table__in=tables)
        .order_by()
        .values_list("table_id", "period")
        .distinct()
    ):
        periods.setdefault(table_pk, []).append(period)
    summaries = []
    for table in tables:
        codes = stored.get(table.pk, set())
        span = valid_periods(periods.get(table.pk, []))
        contents = tuple(
            ContentSummary(value.code, localized(value, "label", language).text, value.unit)
            for value in values.get(table.pk, [])
        ) or tuple(ContentSummary(code, code, "") for code in sorted(codes))
        summaries.append(
            TableSummary(
                table_id=table.table_id,
                title=localized(table, "title", language).text,
                source=table.source,
                licence=table.licence,
                updated_at_source=table.updated_at_source.isoformat()
                if table.updated_at_source
                else None,
                last_synced_at=table.last_synced_at.isoformat() if table.last_synced_at else None,
                first_period=span[0] if span else None,
                last_period=span[-1] if span else None,
                contents=contents,
                derived_statistics=tuple(
                    name
                    for name, ratio in RATIO_STATISTICS.items()
                    if ratio.numerator in codes and ratio.denominator in codes
                ),
            )
        )
    return summaries
