"""How the follow-up's codes and stored texts read on a page or in a file: the labels of
assessments and statuses, a document's text in the active language and its stored moments. Plain
functions, used by the template filters (`templatetags/follow_up.py`), selectors and exports."""

from __future__ import annotations

import datetime

from django.utils import dateformat, timezone

from seuraamo.core.translation import FALLBACK_LANGUAGE, active_content_language
from seuraamo.follow_up.models import (
    Assessment,
    MeasureStatusChoice,
    ProjectStatus,
    ReportStatus,
    RoundStatus,
)


def doc_plain(texts: dict[str, str] | None) -> str:
    texts = texts or {}
    return texts.get(active_content_language()) or texts.get(FALLBACK_LANGUAGE, "")


def assessment_label(code: str) -> str:
    return str(Assessment(code).label) if code in Assessment.values else ""


def measure_status_label(code: str) -> str:
    return str(MeasureStatusChoice(code).label) if code in MeasureStatusChoice.values else ""


def report_status_label(code: str) -> str:
    return str(ReportStatus(code).label) if code in ReportStatus.values else ""


def round_status_label(code: str) -> str:
    return str(RoundStatus(code).label) if code in RoundStatus.values else ""


def project_status_label(code: str) -> str:
    return str(ProjectStatus(code).label) if code in ProjectStatus.values else ""


def iso_datetime(value: str | None) -> str:
    """A moment stored in a document as ISO 8601, in the local time zone as "7.12.2026 14.05"."""
    if not value:
        return ""
    moment = datetime.datetime.fromisoformat(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return dateformat.format(moment, "j.n.Y H.i")
