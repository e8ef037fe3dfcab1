"""Fresh planner statistics after a bulk write of observations.

Right after hundreds of thousands of rows arrive, the database still plans its queries for the
table it saw before (PostgreSQL's autovacuum analyses only later, and never inside the writing
transaction): the first situation pages then ran three times longer in the database. ``ANALYZE``
of the one table takes well under a second and works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from django.db import connection

from seuraamo.official_stats.models import Observation

#: Inserted rows from which a run refreshes the statistics (a monthly sync adds a few thousand).
BULK_ROWS = 10_000


def refresh_planner_statistics() -> None:
    table = connection.ops.quote_name(Observation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}")  # noqa: S608 (the model's own table name)
