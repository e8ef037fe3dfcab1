"""The statistics store's background jobs, run by the worker (`seuraamo db_worker`, which
`make run` starts beside the web server) through the Tasks API: the django-tasks backport with its
database backend, which becomes Django 6's own `django.tasks` on upgrade. A job's arguments and
result are JSON; its state is read for the data-status page by `selectors.jobs`."""

from __future__ import annotations

from django_tasks import task

from seuraamo.accounts.models import User
from seuraamo.official_stats.services.locking import sync_lock
from seuraamo.official_stats.services.revert import finish_revert, start_or_continue_revert
from seuraamo.official_stats.services.sync import SyncError, make_client, sync_statistics


def _user(user_id: int | None) -> User | None:
    return User.objects.filter(pk=user_id).first() if user_id is not None else None


@task()
def revert_job(*, run_id: int, actor_id: int | None) -> dict[str, int]:
    """Restore and remove a run's rows in batches (the revert was started in the request)."""
    result = finish_revert(actor=_user(actor_id), run_id=run_id)
    return {"run": run_id, "restored": result.restored, "removed": result.removed}


@task()
def sync_job(*, actor_id: int | None) -> dict[str, list[str]]:
    """Sync every tracked table from the configured PxWeb API, as `sync_statistics` does.
    Raises SyncError naming the tables that failed (their previous data are kept)."""
    with sync_lock(wait_seconds=60):
        results, errors = sync_statistics(
            client=make_client(None), v2_client=lambda: make_client(None, api_version="2")
        )
    if errors:
        raise SyncError("; ".join(errors))
    return {"tables": [result.table_id for result in results]}


def start_revert_in_background(*, actor: User | None, run_id: int) -> None:
    """Mark the run as being reverted now (its cells are hidden at once) and leave the batches
    to the worker; a revert already started (one the worker did not finish) is queued again and
    continues where it stopped. Raises RevertError when the run cannot be reverted."""
    start_or_continue_revert(actor=actor, run_id=run_id)
    revert_job.enqueue(run_id=run_id, actor_id=actor.pk if actor is not None else None)


def start_sync_in_background(*, actor: User) -> None:
    """Queue a sync of every tracked table (the data-status page's "Fetch now")."""
    sync_job.enqueue(actor_id=actor.pk)
