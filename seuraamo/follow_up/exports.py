"""The compiled report of a round as HTML, PDF (WeasyPrint: cover, contents, page numbers; tagged,
PDF/UA-1, so a screen reader reads it) and XLSX (a sheet per kind: goals, measures, indicators,
decisions, projects, one row per item; then what needs attention). The interface language is the
active one; content is as written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from seuraamo.core.spreadsheets import xlsx_bytes
from seuraamo.core.translation import active_content_language, localized
from seuraamo.follow_up.display import doc_plain, iso_datetime, project_status_label
from seuraamo.follow_up.models import (
    CONTRIBUTION_FIELDS,
    TEXT_FIELDS,
    TEXT_LABELS,
    Assessment,
    MeasureStatusChoice,
    ReportStatus,
)
from seuraamo.follow_up.selectors import CompiledReport, ThemeSection
from seuraamo.periods import Period, PeriodError

FORMATS = ("html", "pdf", "xlsx")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PRINT_CSS = Path(__file__).parent / "static" / "follow_up" / "css" / "compiled-report.css"


def file_name(report: CompiledReport, fmt: str) -> str:
    return f"seuraamo-{report.reporting_round.period}-{active_content_language()}.{fmt}"


def render_html(report: CompiledReport, *, standalone: bool = True) -> str:
    """The report as one HTML document (standalone: its own head and print styles, for the PDF
    and the HTML download); the page view renders the same body inside the site's layout."""
    return render_to_string(
        "follow_up/compiled_document.html",
        {
            "compiled": report,
            "standalone": standalone,
            "css": PRINT_CSS.read_text(),
            # A file's links lead to the site (the page's stay relative).
            "site_url": settings.SITE_URL if standalone else "",
        },
    )


def render_pdf(report: CompiledReport) -> bytes:
    # Imported when a PDF is asked for: loading Pango and HarfBuzz takes a moment.
    from weasyprint import HTML  # noqa: PLC0415

    # PDF/UA-1: tagged (headings, tables, lists, reading order) with the document's language and
    # title, so a screen reader can read the meeting pack.
    return HTML(string=render_html(report), base_url=str(PRINT_CSS.parent)).write_pdf(
        pdf_variant="pdf/ua-1"
    )


def _assessment(code: str) -> str:
    return str(Assessment(code).label) if code in Assessment.values else ""


def _status(code: str) -> str:
    return str(ReportStatus(code).label) if code in ReportStatus.values else ""


def render_xlsx(report: CompiledReport) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Goals")
    headers = [
        _("Theme"),
        _("Goal"),
        _("Coordinating organisations"),
        _("Report status"),
        _("Overall assessment"),
        _("The assessment in brief"),
        _("What was done"),
        _("Results"),
        _("Problems and risks"),
        _("Next steps"),
        _("What is asked of the steering group"),
        _("Measures (status)"),
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for section in report.sections:
        _append_goal_rows(sheet, section)
    for column, width in zip(
        "ABCDEFGHIJKL", (30, 40, 30, 14, 18, 40, 40, 40, 40, 40, 40, 50), strict=True
    ):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C2"
    _append_kinds(workbook, report)
    _append_attention(workbook, report)
    _append_contributions(workbook, report)
    about = workbook.create_sheet(_("About"))
    about.append([_("Half-year follow-up report"), report.reporting_round.period])
    about.append(
        [
            _(
                "One row per goal on the first sheet (goals without an accepted report say so), "
                "then one row per measure, indicator, decision and project."
            )
        ]
    )
    if report.has_examples:
        about.append(
            [_("Example content: these reports were written to show the app, not by coordinators.")]
        )
    return xlsx_bytes(workbook)


def _sheet(workbook: Workbook, title: str, headers: list[str], widths: tuple[int, ...]) -> Any:
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHIJ", widths, strict=False):
        sheet.column_dimensions[column].width = width
    return sheet


def _wrap(sheet: Any) -> None:
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _goal(document: dict[str, Any]) -> str:
    return f"{document['theme']['number']} {doc_plain(document['goal']['title'])}"


def _number(value: object) -> float | str:
    return float(value) if isinstance(value, int | float) else ""


def _append_kinds(workbook: Workbook, report: CompiledReport) -> None:
    """A sheet per kind after the goals: measures, indicators, decisions, projects, one row each."""
    measures = _sheet(
        workbook,
        _("Measures"),
        [_("Goal"), _("Measure"), _("Status"), _("In brief")],
        (40, 50, 18, 60),
    )
    indicators = _sheet(
        workbook,
        _("Indicators"),
        [_("Goal"), _("Indicator"), _("Value"), _("Period"), _("Baseline"), _("Baseline period")],
        (40, 50, 12, 16, 12, 16),
    )
    projects: dict[object, list[object]] = {}
    for document in report.documents:
        for measure in document["measures"]:
            measures.append(
                [
                    _goal(document),
                    doc_plain(measure["title"]),
                    _measure_status(measure["status"]),
                    measure["text"],
                ]
            )
        for indicator in document["indicators"]:
            period = indicator.get("period") or indicator.get("date") or ""
            indicators.append(
                [
                    _goal(document),
                    doc_plain(indicator["name"]),
                    _number(indicator.get("value")),
                    period_name(str(period)),
                    _number(indicator.get("baseline")),
                    period_name(str(indicator.get("baseline_period") or "")),
                ]
            )
        for project in document.get("projects", []):
            key = project.get("pk") or project["name"]
            row = projects.setdefault(key, [project, []])
            row[1].append(_goal(document))
    decisions = _sheet(
        workbook,
        _("Decisions"),
        [_("Meeting"), _("Decision"), _("Responsible organisation"), _("Due date"), _("Status")],
        (14, 70, 30, 14, 16),
    )
    for decision in report.decisions:
        decisions.append(
            [
                decision.meeting.date.isoformat(),
                decision.text,
                localized(decision.responsible, "name").text if decision.responsible else "",
                decision.due_date.isoformat() if decision.due_date else "",
                str(decision.get_status_display()),
            ]
        )
    sheet = _sheet(
        workbook,
        _("Projects"),
        [
            _("Project"),
            _("Status"),
            _("Organisations"),
            _("Goals"),
            _("Funding"),
            _("Period"),
            _("Target groups"),
            _("Results"),
        ],
        (40, 14, 40, 40, 24, 24, 30, 60),
    )
    for project, goals in projects.values():
        assert isinstance(project, dict)
        organisations = [project["owner"]] if project.get("owner") else []
        organisations += project["partners"]
        amount = project.get("funding_amount")
        sheet.append(
            [
                project["name"],
                project_status_label(project.get("status", "")),
                ", ".join(doc_plain(o) for o in organisations),
                "\n".join(str(goal) for goal in goals),
                ", ".join(
                    part
                    for part in (project["funding_source"], f"{amount:.0f} €" if amount else "")
                    if part
                ),
                f"{project['start'] or ''}–{project['end'] or ''}",
                project.get("target_groups", ""),
                project.get("results", ""),
            ]
        )
    for added in (measures, indicators, decisions, sheet):
        _wrap(added)


def _coordinators(coordinators: list[dict[str, object]]) -> str:
    return ", ".join(doc_plain(c["name"]) for c in coordinators)


def _append_goal_rows(sheet: object, section: ThemeSection) -> None:
    theme = f"{section.number} {doc_plain(section.title)}"
    for missing in section.missing:
        sheet.append(
            [
                theme,
                doc_plain(missing.goal["title"]),
                _coordinators(missing.coordinators),
                _("no report"),
            ]
        )
    for document in section.documents:
        texts = document["texts"]
        sheet.append(
            [
                f"{document['theme']['number']} {doc_plain(document['theme']['title'])}",
                doc_plain(document["goal"]["title"]),
                _coordinators(document["coordinators"]),
                _status(document["status"]),
                _assessment(document["assessment"]),
                *(texts.get(name, "") for name in TEXT_FIELDS),
                "\n".join(
                    f"{doc_plain(m['title'])}: {_measure_status(m['status'])}"
                    for m in document["measures"]
                ),
            ]
        )


def _append_attention(workbook: Workbook, report: CompiledReport) -> None:
    """What needs attention, one row per item, and the requests awaiting a decision in full: the
    sheets after the goals (the first sheet stays one row per goal)."""
    if report.attention is None:
        return
    sheet = workbook.create_sheet(_("Needs attention"))
    sheet.append([_("Kind"), _("Concerns"), _("Context"), _("Why"), _("Link")])
    for group in report.attention.groups:
        for item in group.items:
            sheet.append(
                [group.heading, item.subject, item.context, item.explanation, _link(item.url)]
            )
    requests = workbook.create_sheet(_("Requests awaiting a decision"))
    requests.append([_("Goal"), _("Coordinating organisations"), _("Request"), _("Link")])
    for item in report.attention.requests:
        requests.append([item.subject, item.context, item.detail, _link(item.url)])
    for added, widths in ((sheet, (40, 40, 40, 70, 50)), (requests, (40, 40, 80, 50))):
        for cell in added[1]:
            cell.font = Font(bold=True)
        for column, width in zip("ABCDE", widths, strict=False):
            added.column_dimensions[column].width = width
        for row in added.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _link(url: str) -> str:
    return f"{settings.SITE_URL}{url}"


def _append_contributions(workbook: Workbook, report: CompiledReport) -> None:
    """One row per organisation's own part of a shared report, with who signed it off and when."""
    parts = [(d, part) for d in report.documents for part in d.get("contributions", [])]
    if not parts:
        return
    sheet = workbook.create_sheet(_("Organisations' parts"))
    sheet.append(
        [
            _("Goal"),
            _("Organisation"),
            *(str(TEXT_LABELS[name]) for name in CONTRIBUTION_FIELDS),
            _("Measures (status)"),
            _("Signed off by"),
            _("Signed off"),
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for document, part in parts:
        sheet.append(
            [
                doc_plain(document["goal"]["title"]),
                doc_plain(part["organisation"]["name"]),
                *(part["texts"].get(name, "") for name in CONTRIBUTION_FIELDS),
                "\n".join(
                    f"{doc_plain(m['title'])}: {_measure_status(m['status'])}"
                    for m in part["measures"]
                ),
                part.get("signed_off_by", ""),
                iso_datetime(part.get("signed_off_at")),
            ]
        )


def _measure_status(code: str) -> str:
    return str(MeasureStatusChoice(code).label) if code in MeasureStatusChoice.values else "–"


def period_name(code: str) -> str:
    """A period by its name in the active language ("kesäkuu 2026"); a date or nothing as it is."""
    try:
        return Period.parse(code).label(active_content_language())
    except PeriodError:
        return code


def render(report: CompiledReport, fmt: str) -> bytes:
    if fmt == "pdf":
        return render_pdf(report)
    if fmt == "xlsx":
        return render_xlsx(report)
    return render_html(report).encode()
