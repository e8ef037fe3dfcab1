"""The regional development outlooks' publisher was registered half in English ("Elinvoimakeskukset
(earlier the ELY centres)"), and the situation page showed it so on every language. Publishers are
named as they name themselves, in Finnish like the others; an analyst's own edit is left alone."""

from django.db import migrations

BEFORE = "Elinvoimakeskukset (earlier the ELY centres)"
AFTER = "Elinvoimakeskukset (ent. ELY-keskukset)"


def name_in_finnish(apps, schema_editor):
    Publication = apps.get_model("publications", "Publication")
    Publication.objects.filter(key="alueelliset-kehitysnakymat", publisher=BEFORE).update(
        publisher=AFTER
    )


def name_as_before(apps, schema_editor):
    Publication = apps.get_model("publications", "Publication")
    Publication.objects.filter(key="alueelliset-kehitysnakymat", publisher=AFTER).update(
        publisher=BEFORE
    )


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0003_period_field"),
    ]

    operations = [migrations.RunPython(name_in_finnish, name_as_before)]
