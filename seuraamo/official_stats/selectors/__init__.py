"""Reads for pages and reports: series, headline figures, comparisons, occupations, indicators.

Everything the situation-picture pages need from stored statistics goes through these functions;
they return plain dataclasses and :class:`~seuraamo.official_stats.derived.Point` lists.
"""

from __future__ import annotations

from seuraamo.official_stats.derived import Point
from seuraamo.official_stats.selectors.areas import AREA_LEVELS, AreaSummary, area_summaries
from seuraamo.official_stats.selectors.figures import (
    COMPARISON_AREAS,
    COMPARISON_STATISTICS,
    HEADLINE_STATISTICS,
    AreaFigures,
    Comparison,
    Earlier,
    Figure,
    Headline,
    OccupationBreakdown,
    OccupationGroup,
    headline_figures,
    municipality_comparison,
    occupation_groups,
)
from seuraamo.official_stats.selectors.indicators import (
    IndicatorStatus,
    indicator_status,
    indicator_statuses,
    traffic_light,
)
from seuraamo.official_stats.selectors.info import (
    FinishedRun,
    TableInfo,
    attribution,
    expected_latest_month,
    last_successful_sync,
    recent_runs,
    snapshot_info,
)
from seuraamo.official_stats.selectors.labels import (
    DatasetLabels,
    RowLabels,
    Unit,
    dataset_labels,
    row_labels,
)
from seuraamo.official_stats.selectors.lfs import (
    NationalLfs,
    RegionalRate,
    national_lfs,
    regional_employment_rate,
)
from seuraamo.official_stats.selectors.observations import (
    ObservationPage,
    ObservationRow,
    bounded_reads,
    further_dimension_tables,
    is_derived_statistic,
    is_statement_timeout,
    known_area_codes,
    observation_page,
    period_frequencies,
    ratio_statistic_names,
    stored_cells_at_most,
    stored_content_codes,
    stored_table_ids,
)
from seuraamo.official_stats.selectors.peers import RankedFigure, Ranking, region_ranking
from seuraamo.official_stats.selectors.series import (
    has_rows,
    is_stored_month,
    latest_period,
    missing_runs,
    months_with_values,
    period_span,
    series,
)
from seuraamo.official_stats.selectors.tables import ContentSummary, TableSummary, table_summaries
from seuraamo.official_stats.selectors.trend import TrendProjection, trend_projection
from seuraamo.official_stats.selectors.warnings import TrendCheck, trend_checks

__all__ = [
    "bounded_reads",
    "is_statement_timeout",
    "stored_cells_at_most",
    "AREA_LEVELS",
    "COMPARISON_AREAS",
    "COMPARISON_STATISTICS",
    "HEADLINE_STATISTICS",
    "AreaFigures",
    "AreaSummary",
    "Comparison",
    "ContentSummary",
    "DatasetLabels",
    "Earlier",
    "Figure",
    "FinishedRun",
    "Headline",
    "IndicatorStatus",
    "NationalLfs",
    "ObservationPage",
    "ObservationRow",
    "OccupationBreakdown",
    "OccupationGroup",
    "Point",
    "RankedFigure",
    "Ranking",
    "RegionalRate",
    "RowLabels",
    "TableInfo",
    "TableSummary",
    "TrendCheck",
    "TrendProjection",
    "Unit",
    "area_summaries",
    "attribution",
    "dataset_labels",
    "expected_latest_month",
    "further_dimension_tables",
    "has_rows",
    "headline_figures",
    "indicator_status",
    "indicator_statuses",
    "is_derived_statistic",
    "is_stored_month",
    "known_area_codes",
    "last_successful_sync",
    "latest_period",
    "missing_runs",
    "months_with_values",
    "municipality_comparison",
    "national_lfs",
    "observation_page",
    "occupation_groups",
    "period_frequencies",
    "period_span",
    "ratio_statistic_names",
    "recent_runs",
    "region_ranking",
    "regional_employment_rate",
    "row_labels",
    "series",
    "snapshot_info",
    "stored_content_codes",
    "stored_table_ids",
    "table_summaries",
    "traffic_light",
    "trend_checks",
    "trend_projection",
]
