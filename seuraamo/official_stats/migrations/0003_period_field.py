"""Periods are read back as `Period` values (seuraamo.core.fields.PeriodField). The column is
unchanged (the same text, the same length), so only the state changes: on SQLite an AlterField
would copy the whole table."""

import seuraamo.core.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("official_stats", "0002_run_of_observations_and_revisions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="observation",
                    name="period",
                    field=seuraamo.core.fields.PeriodField(
                        help_text="2021M06, 2025, 2024Q2", verbose_name="period"
                    ),
                ),
            ],
        ),
    ]
