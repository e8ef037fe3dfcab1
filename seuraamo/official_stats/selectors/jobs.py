"""The statistics store's background jobs as the data-status page shows them: what was asked, its
state, when, how far a revert has come, and why a job failed (from the Tasks API's database
backend, `django_tasks_db`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from seuraamo.official_stats.models import SyncRun

REVERT_JOB = "seuraamo.official_stats.tasks.revert_job"
SYNC_JOB = "seuraamo.official_stats.tasks.sync_job"
SHOWN_JOBS = 10


@dataclass(frozen=True)
class Job:
    label: str
    status: str  # TaskResultStatus: READY, RUNNING, FAILED, SUCCESSFUL
    enqueued_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    progress: str
    error: str

    @property
    def waiting_or_running(self) -> bool:
        return self.status in (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def recent_jobs(limit: int = SHOWN_JOBS) -> list[Job]:
    """The latest statistics jobs, newest first, in two queries."""
    rows = list(
        DBTaskResult.objects.filter(task_path__in=[REVERT_JOB, SYNC_JOB]).order_by("-enqueued_at")[
            :limit
        ]
    )
    run_ids = [_run_id(row) for row in rows if row.task_path == REVERT_JOB]
    runs = SyncRun.objects.in_bulk([run_id for run_id in run_ids if run_id is not None])
    return [_job(row, runs) for row in rows]


def sync_waiting_or_running() -> bool:
    """Whether a sync job is queued or running (the page then offers no second one)."""
    return DBTaskResult.objects.filter(
        task_path=SYNC_JOB, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).exists()


def _run_id(row: DBTaskResult[Any, Any]) -> int | None:
    value = (row.args_kwargs or {}).get("kwargs", {}).get("run_id")
    return value if isinstance(value, int) else None


def _job(row: DBTaskResult[Any, Any], runs: dict[int, SyncRun]) -> Job:
    if row.task_path == REVERT_JOB:
        run_id = _run_id(row)
        label = _("Revert of run %(run)s") % {"run": run_id}
        run = runs.get(run_id) if run_id is not None else None
        progress = _revert_progress(run) if run is not None else ""
    else:
        label = _("Sync of every tracked table from Statistics Finland")
        progress = ""
    return Job(
        label=label,
        status=str(row.status),
        enqueued_at=row.enqueued_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        progress=progress,
        error=_last_line(row.traceback) if row.status == TaskResultStatus.FAILED else "",
    )


def _revert_progress(run: SyncRun) -> str:
    return _(
        "%(restored)s of %(changed)s values restored, %(removed)s of %(inserted)s cells removed"
    ) % {
        "restored": run.revert_restored,
        "changed": run.changed,
        "removed": run.revert_removed,
        "inserted": run.inserted,
    }


def _last_line(traceback: str) -> str:
    """The error's message: the traceback's last line without the exception's class path."""
    lines = [line for line in (traceback or "").strip().splitlines() if line.strip()]
    if not lines:
        return ""
    kind, separator, message = lines[-1].partition(": ")
    return (message if separator and "." in kind and " " not in kind else lines[-1])[:400]
