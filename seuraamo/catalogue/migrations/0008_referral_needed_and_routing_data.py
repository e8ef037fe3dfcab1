"""The right provider for the municipality (issue 19, part 3).

- New: `Service.referral_needed`, for a service one cannot ask for directly (TYP, reached through
  the employment area's assessment; the work-ability team, through TYP). Set for the seeded services
  the curation names (`ways_to_reach` … `referral_needed`).
- MOONA serves Kotka as well as Kouvola, with the City of Kotka among its producers: the programme's
  chapter 3 calls it "Kouvolan ja Kotkan yhteinen hanke" (curation.json `amendments`).
- The employment areas' employer services are a company's first entry point for every need, not only
  recruiting (the seed's rule is changed only while it still has the seed's values).

The data version moves on, so no cached page shows the old data."""

from django.db import migrations, models
from django.utils import timezone

REFERRED = ("monialainen-tyoelamapalvelu", "tyokyvyn-tuen-tiimi")


def route_by_data(apps, schema_editor):
    Service = apps.get_model("catalogue", "Service")
    GuideRule = apps.get_model("catalogue", "GuideRule")
    Organisation = apps.get_model("organisations", "Organisation")
    for service in Service.objects.filter(key__in=REFERRED):
        if service.reached_through.exists():
            service.referral_needed = True
            service.save(update_fields=["referral_needed"])
    moona = Service.objects.filter(key="moona-kouvola").first()
    if moona is not None and not moona.nationwide and "KU285" not in moona.municipalities:
        moona.municipalities = sorted([*moona.municipalities, "KU285"])
        moona.save(update_fields=["municipalities"])
        kotka = Organisation.objects.filter(key="kotkan-kaupunki").first()
        if kotka is not None:
            moona.producers.add(kotka)
    rule = GuideRule.objects.filter(service__key="tyonantajapalvelut").first()
    if rule is not None and rule.priority == 10 and rule.needs == ["recruiting"]:
        rule.priority, rule.needs = 5, []
        rule.save(update_fields=["priority", "needs"])
    DataVersion = apps.get_model("core", "DataVersion")
    now = timezone.now()
    if not DataVersion.objects.filter(pk=1).update(number=models.F("number") + 1, changed_at=now):
        DataVersion.objects.create(pk=1, number=1, changed_at=now)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0007_reachable_services_and_structured_hours"),
        ("organisations", "0001_initial"),
        ("core", "0002_data_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="referral_needed",
            field=models.BooleanField(
                default=False,
                help_text="One cannot ask for this service directly: another service refers clients to it (name it under “Reached through”).",
                verbose_name="referral needed",
            ),
        ),
        migrations.RunPython(route_by_data, migrations.RunPython.noop),
    ]
