"""The data version's counter: every service that writes what a page shows calls
:func:`bump_data_version` in the same transaction as its write.

Cached pages and fragments are keyed on the data version (``situation.caching.data_version``, one
query that reads this counter with the maxima of the audit trail, the admin log and the
statistics tables), so the first request after the write's commit renders anew and nothing stale
is shown. The writers: ``core.audit.record_change`` (every audited service and admin edit), the
programme import's journal, statistics ingest, revert, table metadata and areas, the catalogue
loads and imports (own data, PTV, HSDS), publication figures, barometer loads, and a restore.

After the commit, each function named in ``settings.AFTER_DATA_VERSION_CHANGE`` is called (the
installation queues a background job that renders the public pages of the new version, so the first
visitor after a sync is answered from the cache; ``installation.tasks``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from seuraamo.core.models import DataVersion

ROW = 1


def bump_data_version() -> None:
    """Move the data version on (call inside the writing transaction)."""
    now = timezone.now()
    if not DataVersion.objects.filter(pk=ROW).update(number=F("number") + 1, changed_at=now):
        version, created = DataVersion.objects.get_or_create(
            pk=ROW, defaults={"number": 1, "changed_at": now}
        )
        if not created:
            DataVersion.objects.filter(pk=ROW).update(number=F("number") + 1, changed_at=now)
    for path in getattr(settings, "AFTER_DATA_VERSION_CHANGE", ()):
        transaction.on_commit(import_string(path), robust=True)  # a failure is logged only
