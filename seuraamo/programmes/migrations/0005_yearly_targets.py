"""Targets are set per indicator and year: the date of each target becomes its year. Where one
indicator had several targets in one year, the one with the latest date is kept (it is the value at
the year's end)."""

import django.core.validators
from django.db import migrations, models


def dates_to_years(apps, schema_editor):
    target_model = apps.get_model("programmes", "IndicatorTarget")
    seen: set[tuple[int, int]] = set()
    for target in target_model.objects.order_by("indicator_id", "-date"):
        key = (target.indicator_id, target.date.year)
        if key in seen:
            target.delete()
            continue
        seen.add(key)
        target.year = target.date.year
        target.save(update_fields=["year"])


def years_to_dates(apps, schema_editor):
    import datetime

    target_model = apps.get_model("programmes", "IndicatorTarget")
    for target in target_model.objects.all():
        target.date = datetime.date(target.year, 12, 31)
        target.save(update_fields=["date"])


class Migration(migrations.Migration):
    dependencies = [("programmes", "0004_programme_start_date")]

    operations = [
        migrations.RemoveConstraint(model_name="indicatortarget", name="unique_indicator_target"),
        migrations.AddField(
            model_name="indicatortarget",
            name="year",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="year"),
        ),
        migrations.AlterField(
            model_name="indicatortarget",
            name="date",
            field=models.DateField(null=True, verbose_name="date"),
        ),
        migrations.RunPython(dates_to_years, years_to_dates),
        migrations.RemoveField(model_name="indicatortarget", name="date"),
        migrations.AlterField(
            model_name="indicatortarget",
            name="year",
            field=models.PositiveSmallIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(1900),
                    django.core.validators.MaxValueValidator(2100),
                ],
                verbose_name="year",
            ),
        ),
        migrations.AlterModelOptions(
            name="indicatortarget",
            options={
                "ordering": ["indicator", "year"],
                "verbose_name": "indicator target",
                "verbose_name_plural": "indicator targets",
            },
        ),
        migrations.AddConstraint(
            model_name="indicatortarget",
            constraint=models.UniqueConstraint(
                fields=("indicator", "year"), name="unique_indicator_target"
            ),
        ),
    ]
