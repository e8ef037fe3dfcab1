"""Fresh planner statistics after a bulk write of observations.

Right after hundreds of thousands of rows arrive, the database still plans its queries for the
tables it saw before (PostgreSQL's autovacuum analyses only later, and never inside the writing
transaction): the first situation pages then ran three times longer in the database. Analysing
the observations alone was not enough: with stale statistics of the tables the queries join
(variables, values, areas), the tests rendering pages over a snapshot loaded into a used
PostgreSQL test database took 9–13 s each instead of 2–3 s. ``ANALYZE`` of these tables takes
well under a second and works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from django.db import connection

from seuraamo.areas.models import Area, AreaMembership
from seuraamo.official_stats.models import Observation, TableVariable, VariableValue

#: Inserted rows from which a run refreshes the statistics (a monthly sync adds a few thousand).
BULK_ROWS = 10_000


#: The observations and the tables their queries join: variables, their values and the areas.
PLANNED_TABLES = (Observation, VariableValue, TableVariable, Area, AreaMembership)


def refresh_planner_statistics() -> None:
    with connection.cursor() as cursor:
        for model in PLANNED_TABLES:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"ANALYZE {table}")  # noqa: S608 (the model's own table name)
