"""Benchmark: our json-stat2 parser vs pyjstat on 12r5-shaped PxWeb answers.

Run (pyjstat and pandas are not project dependencies; use a separate venv)::

    python3 -m venv /tmp/benchvenv && /tmp/benchvenv/bin/pip install pyjstat pandas
    /tmp/benchvenv/bin/python bench/bench_jsonstat.py [--rounds 11]

It generates json-stat2 bodies shaped like StatFin's 12r5 answers (index objects, labels, units
on the content dimension, ``status`` object with ``"..."`` for suppressed cells, ``extension.px``)
and times, as the median of N interleaved runs of one call each:

* ours, parse: ``parse_jsonstat(text)`` (json.loads + validation + Cube);
* ours, parse + columns: the same plus ``cube.to_columns()`` (long columnar form: one code list
  per dimension, values, statuses; the closest analogue of a DataFrame);
* ours, parse + iterate: the same plus ``list(cube.iter_cells())`` (a Cell tuple per cell);
* pyjstat: ``pyjstat.Dataset.read(text).write("dataframe")``.

Then, against the floor (issue 22 §5): the real 12r5 history of the offline snapshot (265 788
cells, json-stat 2.0 as Statistics Finland wrote it), ``json.loads`` of its text against
``parse_jsonstat`` of the same text (and with ``to_columns()``, the form the ingest reads), GC
on as in a running process. Target: parse within 2x of ``json.loads``.

Results are printed as markdown tables; record them in bench/README-jsonstat.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from seuraamo.official_stats.pxweb import parse_jsonstat  # noqa: E402

CONTENTS = [
    "HAKIJALOPUSSA", "TYOTTOMATLOPUSSA", "TYOVOIMATK", "TYOTOSUUS", "TYOTTOMATMIEHET",
    "TYOTTOMATNAISET", "TYOTTOMAT20", "TYOTTOMAT25", "TYOTTOMAT50", "TYOTTOMATSAIR",
    "TYOTTOMATULK", "PITKAAIKAISTYOTTOMAT", "KASSASSA", "LOMAUTETTU", "LYHTYOVKO",
    "TYOLLISTETTYLOP", "TYOHARJOITTELULOP", "KOKEILULOP", "TVKOULUTUSLOP", "VALMENNUSLOP",
    "MTPPALVELUTLOP", "AVPAIKATLOPUSSA", "UUDETAVP",
]  # fmt: skip


def months(count: int, start_year: int = 2009) -> list[str]:
    return [f"{start_year + n // 12}M{n % 12 + 1:02d}" for n in range(count)]


def areas(count: int) -> list[str]:
    head = ["MK08", "KU075", "KU285", "KU286", "KU489", "KU624", "KU935", "SK081", "SK082", "SSS"]
    return (head + [f"KU{n:03d}" for n in range(1, 1000) if f"KU{n:03d}" not in head])[:count]


def body(area_count: int, month_count: int) -> str:
    """A json-stat2 answer like PxWeb v1 writes it for 12r5."""
    area_codes, month_codes = areas(area_count), months(month_count)
    dimension = {
        "Alue": _dimension("Alue", area_codes, {c: f"Alue {c}" for c in area_codes}),
        "timeperiod_m": _dimension("Kuukausi", month_codes, {m: m for m in month_codes}),
        "contentscode": _dimension("Tiedot", CONTENTS, {c: f"{c} (lkm.)" for c in CONTENTS}),
    }
    dimension["contentscode"]["category"]["unit"] = {
        c: {"base": "%" if c == "TYOTOSUUS" else "lkm", "decimals": 1 if c == "TYOTOSUUS" else 0}
        for c in CONTENTS
    }
    cells = area_count * month_count * len(CONTENTS)
    values: list[float | int | None] = []
    status = {}
    for n in range(cells):
        if n % 97 == 13:
            values.append(None)
            status[str(n)] = "..."
        elif n % len(CONTENTS) == 3:
            values.append(round(5 + (n % 150) / 10, 1))
        else:
            values.append((n * 7919) % 60000)
    document = {
        "version": "2.0",
        "class": "dataset",
        "label": "Työttömät työnhakijat ... muuttujina Alue, Kuukausi ja Tiedot",
        "source": "KEHA-keskus, Työnvälitystilasto",
        "updated": "2026-07-21T05:00:00Z",
        "id": ["Alue", "timeperiod_m", "contentscode"],
        "size": [area_count, month_count, len(CONTENTS)],
        "dimension": dimension,
        "extension": {"px": {"tableid": "12r5", "decimals": 0}},
        "role": {"time": ["timeperiod_m"], "metric": ["contentscode"], "geo": ["Alue"]},
        "value": values,
        "status": status,
    }
    return json.dumps(document, ensure_ascii=False)


def _dimension(label: str, codes: list[str], labels: dict[str, str]) -> dict:
    return {
        "label": label,
        "category": {"index": {c: n for n, c in enumerate(codes)}, "label": labels},
        "extension": {"show": "value"},
    }


def interleaved_medians(
    functions: dict[str, object], rounds: int, *, gc_on: bool = False
) -> dict[str, float]:
    """Median seconds of each function, measured round-robin so that load changes on a shared
    machine hit all of them alike (one call per measurement, GC off as in timeit unless
    ``gc_on``)."""
    samples: dict[str, list[float]] = {name: [] for name in functions}
    setup = "import gc; gc.enable()" if gc_on else "pass"
    for _ in range(rounds):
        for name, function in functions.items():
            samples[name] += timeit.repeat(function, setup, number=1, repeat=1)
    return {name: statistics.median(times) for name, times in samples.items()}


SNAPSHOT = (
    Path(__file__).resolve().parents[1]
    / "seuraamo/official_stats/snapshot/12r5_history_2006M01-2023M10.json-stat2.json.gz"
)


def against_the_floor(rounds: int) -> None:
    """The real snapshot document: json.loads vs our parse (issue 22 §5, target within 2x)."""
    import gzip

    text = gzip.decompress(SNAPSHOT.read_bytes()).decode()
    cells = len(parse_jsonstat(text).values)
    times = interleaved_medians(
        {
            "json.loads": lambda: json.loads(text),
            "parse": lambda: parse_jsonstat(text),
            "parse+columns": lambda: parse_jsonstat(text).to_columns(),
        },
        rounds,
        gc_on=True,
    )
    floor = times["json.loads"]
    print(
        f"\nReal document: 12r5 history of the offline snapshot, {cells:,} cells, "
        f"{len(text.encode()):,} bytes ({rounds} interleaved rounds, GC on)\n"
    )
    print("| step | ms | M cells/s | × json.loads | target ≤ 2× |")
    print("|---|---:|---:|---:|---|")
    for name, seconds in times.items():
        ratio = seconds / floor
        target = "—" if name == "json.loads" else ("yes" if ratio <= 2 else "**no**")
        if name == "parse+columns":
            target = "— (for information)"
        print(
            f"| {name} | {seconds * 1000:.1f} | {cells / seconds / 1e6:.1f} | {ratio:.2f} "
            f"| {target} |"
        )


def ours_parse(text: str):
    return parse_jsonstat(text)


def ours_parse_columns(text: str) -> int:
    return len(parse_jsonstat(text).to_columns()["value"])


def ours_parse_iterate(text: str) -> int:
    return len(list(parse_jsonstat(text).iter_cells()))


def pyjstat_dataframe(text: str):
    from pyjstat import pyjstat

    return pyjstat.Dataset.read(text).write("dataframe")


def check_same_values(text: str) -> str:
    """Compare pyjstat's value column with ours (NaN = None)."""
    frame = pyjstat_dataframe(text)
    theirs = [None if isinstance(v, float) and math.isnan(v) else v for v in frame["value"]]
    ours = parse_jsonstat(text).values
    return "same values" if theirs == ours else "VALUES DIFFER"


def machine() -> str:
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in lscpu.splitlines()
                if line.startswith("Model name")
            ),
            "?",
        )
    except OSError:
        model = "?"
    versions = []
    for name in ("pyjstat", "pandas", "numpy"):
        try:
            from importlib.metadata import version

            versions.append(f"{name} {version(name)}")
        except Exception:  # noqa: BLE001 - report what is there
            versions.append(f"{name} missing")
    return f"nproc {os.cpu_count()}, CPU {model}, Python {platform.python_version()}, " + ", ".join(
        versions
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11, help="measurements per function")
    args = parser.parse_args()
    cases = [
        ("12r5 Kymenlaakso+ history: 10 areas x 210 months x 23", 10, 210),
        ("12r5 all areas, one year: 421 areas x 12 months x 23", 421, 12),
    ]
    print(machine())
    print()
    print(
        "| case | cells | bytes | ours parse ms | ours parse+columns ms | ours parse+iterate ms "
        "| pyjstat ms | pyjstat / parse | pyjstat / parse+columns | pyjstat / parse+iterate "
        "| check |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for name, area_count, month_count in cases:
        text = body(area_count, month_count)
        cells = area_count * month_count * len(CONTENTS)
        functions = {
            "parse": lambda t=text: ours_parse(t),
            "columns": lambda t=text: ours_parse_columns(t),
            "iterate": lambda t=text: ours_parse_iterate(t),
        }
        try:
            check = check_same_values(text)
            functions["pyjstat"] = lambda t=text: pyjstat_dataframe(t)
        except ImportError as error:
            check = f"pyjstat unavailable: {error}"
        times = interleaved_medians(functions, args.rounds)
        ours = [times["parse"], times["columns"], times["iterate"]]
        theirs = times.get("pyjstat")
        columns = ["-"] * 4
        if theirs is not None:
            columns = [f"{theirs * 1000:.0f}"] + [f"{theirs / t:.1f}x" for t in ours]
        print(
            f"| {name} | {cells:,} | {len(text.encode()):,} | "
            + " | ".join(f"{t * 1000:.1f}" for t in ours)
            + f" | {' | '.join(columns)} | {check} |"
        )
    against_the_floor(args.rounds)
    print()
    print(f"load average after the run: {os.getloadavg()[0]:.2f} (1 min)")


if __name__ == "__main__":
    main()
