"""Benchmark: the compiled half-year report of a round with every goal of the real programme.

    .venv/bin/python bench/bench_report.py [--runs 5]

Not timed: migrating a fresh SQLite file, importing the programme (seuraamo/programmes/data/
kymenlaakso.yaml) and the offline statistics snapshot, opening a round with every goal and filling
each report with constructed benchmark text (about 2 000 characters, not real reports), closing it.
Also not timed: two constructed projects linked to measures and a meeting with approved minutes and
three decisions, so the meeting pack has every section and every XLSX sheet has rows.
Timed: `render_pdf` (WeasyPrint, tagged PDF/UA-1: the meeting pack), `render_xlsx` and `render_html`
of the closed round, in Finnish. Prints a markdown table of the medians (and min/max), the machine's
load average, and whether the meeting-pack PDF met its target: under 5 s on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
WORKDIR = Path(tempfile.mkdtemp(prefix="seuraamo-bench-"))
os.environ["DEBUG"] = "1"
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seuraamo.config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import translation  # noqa: E402

from seuraamo.accounts.models import User  # noqa: E402
from seuraamo.follow_up import exports, project_services, services  # noqa: E402
from seuraamo.follow_up.meeting_models import Decision, DecisionStatus, Meeting  # noqa: E402
from seuraamo.follow_up.models import (  # noqa: E402
    ContributionStatus,
    ReportingRound,
    ReportStatus,
)
from seuraamo.follow_up.project_services import ProjectContent  # noqa: E402
from seuraamo.follow_up.selectors import compile_round  # noqa: E402
from seuraamo.follow_up.services import ReportContent  # noqa: E402
from seuraamo.organisations.models import Organisation  # noqa: E402
from seuraamo.programmes.models import Goal, Measure, Programme  # noqa: E402

#: The meeting-pack PDF's target (docs/benchmarks.md).
PDF_TARGET_SECONDS = 5.0
PROGRAMME_FILE = PROJECT / "seuraamo" / "programmes" / "data" / "kymenlaakso.yaml"
#: Constructed text of a typical length, so the PDF has realistic pages; not a real report.
PARAGRAPH = (
    "Benchmark text, not a real report. Yhteistyötä jatkettiin kuntien, työllisyysalueiden ja "
    "oppilaitosten kesken; järjestettiin rekrytointitapahtumia ja koulutuksia. "
) * 3


def prepare() -> int:
    call_command("migrate", verbosity=0)
    call_command("import_programme", str(PROGRAMME_FILE), verbosity=0)
    call_command("load_statistics_snapshot", verbosity=0)
    admin = User.objects.create_superuser("bench", "bench@example.test", "bench-password-1")
    programme = Programme.objects.get()
    goals = list(Goal.objects.all())
    reporting_round = services.open_round(
        actor=admin,
        programme=programme,
        period="2026H1",
        deadline=datetime.date(2026, 8, 31),
        goals=goals,
    )
    for report in reporting_round.reports.all():
        texts = {name: PARAGRAPH for name in ("assessment_text", "done", "results", "problems")}
        content = ReportContent(
            assessment="partly",
            texts=texts,
            measures={
                s.measure_id: ("in_progress", "Käynnissä.") for s in report.measure_statuses.all()
            },
        )
        fill(report, content)
    add_projects_and_decisions(admin, programme)
    services.close_round(actor=admin, round_id=reporting_round.pk)
    return len(goals)


def add_projects_and_decisions(admin: User, programme: Programme) -> None:
    """Two constructed projects on measures of different goals and a meeting with three decisions
    (benchmark text, not real projects or decisions)."""
    organisations = list(Organisation.objects.order_by("name_fi")[:3])
    measures = list(Measure.objects.order_by("goal__order", "order"))
    for index, linked in enumerate((measures[::5], measures[1::7])):
        project_services.save_project(
            actor=admin,
            content=ProjectContent(
                name=f"Benchmark project {index + 1}",
                owner=organisations[index],
                partners=organisations[index + 1 :],
                measures=linked,
                funding_source="Benchmark",
                target_groups="Benchmark",
                results=PARAGRAPH,
            ),
        )
    meeting = Meeting.objects.create(
        programme=programme,
        date=datetime.date(2026, 3, 12),
        minutes_approved_at=datetime.datetime.now(datetime.UTC),
    )
    for order, status in enumerate(DecisionStatus.values[:3]):
        Decision.objects.create(meeting=meeting, text=PARAGRAPH, order=order, status=status)


def fill(report: object, content: ReportContent) -> None:
    """Fill a report directly and mark it accepted (the compiled report holds accepted reports
    only): the benchmark has no coordinator accounts to write through. A shared goal's parts get
    the same text, signed off."""
    for name, text in content.texts.items():
        setattr(report, name, text)
    report.assessment = content.assessment
    report.status = ReportStatus.ACCEPTED
    report.save()
    for status in report.measure_statuses.all():
        status.status, status.text = content.measures[status.measure_id]
        status.save()
    for part in report.contributions.all():
        for name in ("done", "results", "problems"):
            setattr(part, name, PARAGRAPH)
        part.status = ContributionStatus.SIGNED_OFF
        part.save()


def timed(function: Callable[[], bytes], runs: int) -> tuple[list[float], int]:
    times, size = [], 0
    for _run in range(runs):
        start = time.perf_counter()
        size = len(function())
        times.append(time.perf_counter() - start)
    return times, size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    goals = prepare()
    with translation.override("fi"):
        compiled = compile_round(ReportingRound.objects.get())
        rows = []
        for name, function in [
            (
                "PDF (WeasyPrint)",
                lambda: exports.render_pdf(compile_round(compiled.reporting_round)),
            ),
            (
                "XLSX (openpyxl)",
                lambda: exports.render_xlsx(compile_round(compiled.reporting_round)),
            ),
            ("HTML", lambda: exports.render_html(compile_round(compiled.reporting_round)).encode()),
        ]:
            times, size = timed(function, runs)
            rows.append((name, times, size))
    print(f"Round 2026H1, {goals} goals, {runs} runs each (reading the closed round included).\n")
    print("| format | median | min | max | size |")
    print("|---|---|---|---|---|")
    for name, times, size in rows:
        print(
            f"| {name} | {statistics.median(times):.2f} s | {min(times):.2f} s | "
            f"{max(times):.2f} s | {size / 1024:.0f} KiB |"
        )
    pdf = statistics.median(rows[0][1])
    verdict = "met" if pdf < PDF_TARGET_SECONDS else "NOT met"
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"\nMeeting-pack PDF: median {pdf:.2f} s, target < {PDF_TARGET_SECONDS:.0f} s: {verdict}. "
        f"Load average (1, 5, 15 min) at the end: {load} on {os.cpu_count()} cores."
    )


if __name__ == "__main__":
    main()
