"""Periods are read back as `Period` values (seuraamo.core.fields.PeriodField). The column is
unchanged (the same text, the same length), so only the state changes: on SQLite an AlterField
would copy the whole table."""

import seuraamo.core.fields
import seuraamo.follow_up.models
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0006_round_organisations_and_contributions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="reportinground",
                    name="period",
                    field=seuraamo.core.fields.PeriodField(
                        frequency="H",
                        help_text="E.g. 2026H1.",
                        max_length=6,
                        validators=[seuraamo.follow_up.models.validate_half_year],
                        verbose_name="period",
                    ),
                ),
            ],
        ),
    ]
