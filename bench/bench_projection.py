"""Backtest: the six-month projection (seuraamo/official_stats/projection.py) against the naive
"same month last year", on real data, 2010–2023.

Run: ``.venv/bin/python bench/bench_projection.py`` (also by ``make bench``).

Data: the offline snapshot's 12r5 history (unemployed jobseekers, TYOTTOMATLOPUSSA, 2006M01–
2023M10, Statistics Finland, CC BY 4.0) for the whole country, the 19 regions and the six
Kymenlaakso municipalities. Every month from 2010M01 to 2023M10 minus the horizon is an origin
(the projection uses only the 24 months up to it); the error at horizon h is |forecast − actual|
/ actual for the month h after the origin. Printed as a markdown table: the mean absolute
percentage error (MAPE) of both methods per horizon and how often the projection was closer.
"""

from __future__ import annotations

import gzip
import statistics
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from seuraamo.official_stats.projection import HISTORY, HORIZON, naive, project  # noqa: E402
from seuraamo.official_stats.pxweb import Role, parse_jsonstat  # noqa: E402
from seuraamo.periods import Period  # noqa: E402

SNAPSHOT = ROOT / "seuraamo/official_stats/snapshot/12r5_history_2006M01-2023M10.json-stat2.json.gz"
REGIONS = [
    f"MK{n:02d}" for n in (1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21)
]
AREAS = ["SSS", *REGIONS, "KU075", "KU285", "KU286", "KU489", "KU624", "KU935"]
FIRST, LAST = "2010M01", "2023M10"


def load() -> dict[str, dict[str, float]]:
    cube = parse_jsonstat(gzip.decompress(SNAPSHOT.read_bytes()))
    ids = [dimension.id for dimension in cube.dimensions]
    position = {
        role: ids.index(cube.dimension_for(role).id)
        for role in (Role.AREA, Role.TIME, Role.CONTENT)
    }
    series: dict[str, dict[str, float]] = defaultdict(dict)
    for cell in cube.iter_cells(skip_missing=True):
        area = cell.coords[position[Role.AREA]]
        if cell.coords[position[Role.CONTENT]] == "TYOTTOMATLOPUSSA" and area in AREAS:
            series[area][cell.coords[position[Role.TIME]]] = float(cell.value)
    return series


def backtest(series: dict[str, dict[str, float]]) -> dict[str, list[tuple[float, float]]]:
    """Per horizon, (projection error, naive error) pairs as absolute fractions."""
    errors: dict[int, list[tuple[float, float]]] = defaultdict(list)
    first, last = Period.parse(FIRST), Period.parse(LAST)
    for values in series.values():
        months = sorted(values, key=lambda code: Period.parse(code).ordinal)
        for origin_index in range(HISTORY, len(months)):
            origin = Period.parse(months[origin_index - 1])
            history = [values[code] for code in months[origin_index - HISTORY : origin_index]]
            forecast, benchmark = project(history), naive(history)
            for step in range(HORIZON):
                target = origin.shift(step + 1)
                if not first.ordinal <= target.ordinal <= last.ordinal:
                    continue
                actual = values.get(target.code)
                if not actual:
                    continue
                errors[step + 1].append(
                    (abs(forecast[step] - actual) / actual, abs(benchmark[step] - actual) / actual)
                )
    return errors


def main() -> None:
    series = load()
    errors = backtest(series)
    print(
        f"Backtest {FIRST}–{LAST}, unemployed jobseekers, {len(series)} areas "
        f"(whole country, 19 regions, 6 Kymenlaakso municipalities)\n"
    )
    print(
        "| horizon (months) | forecasts | MAPE projection | MAPE same month last year | projection closer |"
    )
    print("|---|---|---|---|---|")
    overall = []
    for step in sorted(errors):
        pairs = errors[step]
        overall.extend(pairs)
        ours = statistics.mean(p for p, _ in pairs)
        theirs = statistics.mean(n for _, n in pairs)
        closer = sum(1 for p, n in pairs if p < n) / len(pairs)
        print(
            f"| {step} | {len(pairs)} | {100 * ours:.1f} % | {100 * theirs:.1f} % | {100 * closer:.0f} % |"
        )
    ours = statistics.mean(p for p, _ in overall)
    theirs = statistics.mean(n for _, n in overall)
    print(
        f"| 1–{HORIZON} | {len(overall)} | **{100 * ours:.1f} %** | **{100 * theirs:.1f} %** | "
        f"{100 * sum(1 for p, n in overall if p < n) / len(overall):.0f} % |"
    )


if __name__ == "__main__":
    main()
