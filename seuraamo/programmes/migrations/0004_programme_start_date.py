"""The programme's start date, which decides each indicator's baseline period. For the Kymenlaakso
programme (key kymenlaakso-2021, started June 2021) it is set, and the baselines recorded at another
date (the first value held standing in as its own baseline) are cleared: the pages then read the
2021M06 value from the stored series or say "baseline missing"."""

import datetime

from django.db import migrations, models

KYMENLAAKSO = "kymenlaakso-2021"
START = datetime.date(2021, 6, 1)


def set_kymenlaakso_start(apps, schema_editor):
    programme_model = apps.get_model("programmes", "Programme")
    indicator_model = apps.get_model("programmes", "Indicator")
    programme = programme_model.objects.filter(key=KYMENLAAKSO, start_date__isnull=True).first()
    if programme is None:
        return
    programme.start_date = START
    programme.save(update_fields=["start_date"])
    of_programme = models.Q(goal__theme__programme=programme) | models.Q(theme__programme=programme)
    indicator_model.objects.filter(of_programme, baseline_date__isnull=False).exclude(
        baseline_date__year=START.year, baseline_date__month=START.month
    ).update(baseline_value=None, baseline_date=None)


class Migration(migrations.Migration):

    dependencies = [
        ('programmes', '0003_archived_rows'),
    ]

    operations = [
        migrations.AddField(
            model_name='programme',
            name='start_date',
            field=models.DateField(blank=True, help_text="The day the programme started. Each indicator's baseline is its value in the period holding this day (1.6.2021 → June 2021).", null=True, verbose_name='start date'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='baseline_date',
            field=models.DateField(blank=True, help_text="A day in the programme's start month.", null=True, verbose_name='baseline date'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='baseline_value',
            field=models.DecimalField(blank=True, decimal_places=3, help_text="Leave empty to read the baseline from the statistics at the programme's start. Fill in only a value at the programme's start taken from another source (say which in the source text).", max_digits=14, null=True, verbose_name='baseline value'),
        ),
        migrations.RunPython(set_kymenlaakso_start, migrations.RunPython.noop),
    ]
