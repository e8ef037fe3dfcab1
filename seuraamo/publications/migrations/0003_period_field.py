"""Periods are read back as `Period` values (seuraamo.core.fields.PeriodField). The column is
unchanged (the same text, the same length), so only the state changes: on SQLite an AlterField
would copy the whole table."""

import seuraamo.core.fields
import seuraamo.publications.models
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0002_barometer"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="barometerassessment",
                    name="month",
                    field=seuraamo.core.fields.PeriodField(
                        frequency="M",
                        max_length=7,
                        validators=[seuraamo.publications.models.validate_period],
                        verbose_name="month",
                    ),
                ),
                migrations.AlterField(
                    model_name="publicationfigure",
                    name="period",
                    field=seuraamo.core.fields.PeriodField(
                        validators=[seuraamo.publications.models.validate_period],
                        verbose_name="period",
                    ),
                ),
            ],
        ),
    ]
