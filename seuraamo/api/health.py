"""`/healthz` for load balancers and monitoring: is the database reachable, and how old is the
last successful statistics sync that still stands (a reverted one does not count). JSON, never
cached; 503 when the database does not answer."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from seuraamo.official_stats.selectors import last_successful_sync


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        run = last_successful_sync()
    except DatabaseError as error:
        return JsonResponse(
            {"status": "error", "database": "unavailable", "error": type(error).__name__},
            status=503,
        )
    last_sync = None
    if run is not None:
        last_sync = {
            "table": run.table_id,
            "source": run.source,
            "finished_at": run.finished_at.isoformat(),
            "age_seconds": int((timezone.now() - run.finished_at).total_seconds()),
        }
    return JsonResponse({"status": "ok", "database": "ok", "last_successful_sync": last_sync})
