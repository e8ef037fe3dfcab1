"""Public and internal text apart (issue 19, part 1): the reviewers' notes leave the public fields.

- `Service.verify_notes` ("still to check", shown on the public page) becomes `internal_note`,
  which only the service's editors and the admins see; its lines are prefixed "To verify:".
- `Channel.note` (shown beside an unverified channel: "address not in the draft", "historical -
  VERIFY current location", "Imported from PTV.") becomes the channel's `internal_note`.
- The one reviewer's note the seed put in a public eligibility text (TYP's "... - verify
  thresholds", in English on every language's page) moves to the service's internal note; an
  eligibility text an editor wrote is kept.

The data version moves on, so no cached page shows a note after the migration."""

from django.db import migrations, models
from django.utils import timezone

#: The draft's rule_hint that load_catalogue copied into TYP's public eligibility text.
SEEDED_HINTS = {
    "assessment when >=300 days labour-market subsidy, or age>=25 & 12 months continuous "
    "unemployment, or age<25 & 6 months (TYP law as amended 935/2022); base law from 2025: "
    "381/2023 - verify thresholds",
}
TO_VERIFY = "To verify: "
ELIGIBILITY_IN_THE_DRAFT = "Eligibility in the draft: "


def move_notes(apps, schema_editor):
    Service = apps.get_model("catalogue", "Service")
    for service in Service.objects.all():
        lines = [line.strip() for line in service.internal_note.splitlines() if line.strip()]
        note = [TO_VERIFY + "; ".join(lines)] if lines else []
        if service.eligibility_note.strip() in SEEDED_HINTS:
            note.append(ELIGIBILITY_IN_THE_DRAFT + service.eligibility_note.strip())
            service.eligibility_note = ""
        service.internal_note = "\n".join(note)
        service.save(update_fields=["internal_note", "eligibility_note"])
    DataVersion = apps.get_model("core", "DataVersion")
    now = timezone.now()
    if not DataVersion.objects.filter(pk=1).update(number=models.F("number") + 1, changed_at=now):
        DataVersion.objects.create(pk=1, number=1, changed_at=now)


def put_back(apps, schema_editor):
    Service = apps.get_model("catalogue", "Service")
    for service in Service.objects.all():
        kept = []
        for line in service.internal_note.splitlines():
            if line.startswith(TO_VERIFY):
                kept += line[len(TO_VERIFY) :].split("; ")
            elif line.startswith(ELIGIBILITY_IN_THE_DRAFT) and not service.eligibility_note:
                service.eligibility_note = line[len(ELIGIBILITY_IN_THE_DRAFT) :]
            else:
                kept.append(line)
        service.internal_note = "\n".join(kept)
        service.save(update_fields=["internal_note", "eligibility_note"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0005_guide_demand"),
        ("core", "0002_data_version"),
    ]

    operations = [
        migrations.RenameField("service", "verify_notes", "internal_note"),
        migrations.AlterField(
            model_name="service",
            name="internal_note",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Only the service's editors and the admins see this: what is still to check, "
                    "reviewers' remarks. Never shown on public pages or exported."
                ),
                verbose_name="internal note",
            ),
        ),
        migrations.RenameField("channel", "note", "internal_note"),
        migrations.AlterField(
            model_name="channel",
            name="internal_note",
            field=models.CharField(
                blank=True,
                help_text="Only the service's editors and the admins see this.",
                max_length=300,
                verbose_name="internal note",
            ),
        ),
        migrations.RunPython(move_notes, put_back),
    ]
