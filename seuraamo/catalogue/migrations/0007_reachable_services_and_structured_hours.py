"""Opening hours as data and every published service reachable (issue 19, parts 1 and 2).

- `Channel.opening_hours` (free text: "Mon, Tue, Thu 8.00–15.30; …", "ke 8.00–16.00, pe 8.00–14.00")
  becomes `weekly_hours` (weekday → opening and closing time) where the text parses. Where it does
  not, the text moves to the channel's internal note ("Opening hours to check: …") for an editor,
  and the channel is marked not verified.
- New: e-mail channels, closed dates and a note on the hours in fi/sv/en, the services a service is
  reached through (with why, in fi/sv/en), and the organisation that verified a service.
- The seed's ways to reach (curation.json's `ways_to_reach`, the draft's own source addresses) are
  given to the seeded services that still have no way to reach them; a published service that still
  has none becomes a draft with an internal note, as the catalogue now refuses to publish one.

The data version moves on, so no cached page shows the old hours."""

import json

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

import seuraamo.catalogue.models
from seuraamo.catalogue.hours import parse_hours_text

DATA_DIR = settings.PACKAGE_DIR / "catalogue" / "data"
HOURS_TO_CHECK = "Opening hours to check: "
UNPUBLISHED = "Unpublished by migration 0007: no way to reach the service (add a channel or the service it is reached through, then publish)."
KINDS = {"web_page": "web", "e_service": "e_service", "phone": "phone", "email": "email"}


def _convert_hours(Channel):
    for channel in Channel.objects.exclude(opening_hours=""):
        parsed = parse_hours_text(channel.opening_hours)
        if parsed is not None:
            channel.weekly_hours = parsed
        else:
            note = HOURS_TO_CHECK + channel.opening_hours
            channel.internal_note = "\n".join(filter(None, [channel.internal_note, note]))[:300]
            channel.verified = False
        channel.save(update_fields=["weekly_hours", "internal_note", "verified"])


def _reaches(service):
    channels = service.channels.all()
    return service.reached_through.filter(status="published").exists() or any(
        c.phone or c.email or c.url or c.street_address for c in channels
    )


def _seed_ways_to_reach(Service, Channel):
    try:
        curation = json.loads((DATA_DIR / "curation.json").read_text(encoding="utf-8"))
        draft = json.loads((DATA_DIR / "kymenlaakso_services_draft.json").read_text("utf-8"))
    except (OSError, ValueError):
        return
    sources = draft.get("sources") or {}
    for key, way in (curation.get("ways_to_reach") or {}).items():
        service = Service.objects.filter(key=key, status="published").first()
        if service is None or _reaches(service):
            continue
        for record in way.get("channels", []):
            Channel.objects.create(
                service=service,
                kind=KINDS[record["type"]],
                name_fi=(record.get("name") or {}).get("fi", ""),
                name_sv=(record.get("name") or {}).get("sv", ""),
                name_en=(record.get("name") or {}).get("en", ""),
                url=record.get("url") or sources.get(record.get("source", ""), ""),
                internal_note=record.get("note", ""),
            )
        through = Service.objects.filter(key__in=way.get("reached_through", []))
        service.reached_through.add(*through)
        reason = way.get("reason") or {}
        service.reached_through_reason_fi = reason.get("fi", "")
        service.reached_through_reason_sv = reason.get("sv", "")
        service.reached_through_reason_en = reason.get("en", "")
        service.save(update_fields=[f"reached_through_reason_{code}" for code in ("fi", "sv", "en")])


def structure_hours(apps, schema_editor):
    _convert_hours(apps.get_model("catalogue", "Channel"))


def reach_services(apps, schema_editor):
    Service = apps.get_model("catalogue", "Service")
    _seed_ways_to_reach(Service, apps.get_model("catalogue", "Channel"))
    for service in Service.objects.filter(status="published"):
        if not _reaches(service):
            service.status = "draft"
            service.internal_note = "\n".join(filter(None, [service.internal_note, UNPUBLISHED]))
            service.save(update_fields=["status", "internal_note"])
    DataVersion = apps.get_model("core", "DataVersion")
    now = timezone.now()
    if not DataVersion.objects.filter(pk=1).update(number=models.F("number") + 1, changed_at=now):
        DataVersion.objects.create(pk=1, number=1, changed_at=now)


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0006_internal_notes'),
        ('organisations', '0001_initial'),
        ('core', '0002_data_version'),
    ]

    operations = [
        migrations.AddField(
            model_name='channel',
            name='closed_dates',
            field=models.JSONField(blank=True, default=list, validators=[seuraamo.catalogue.models.validate_closed_dates], verbose_name='closed on'),
        ),
        migrations.AddField(
            model_name='channel',
            name='email',
            field=models.EmailField(blank=True, max_length=200, verbose_name='e-mail address'),
        ),
        migrations.AddField(
            model_name='channel',
            name='hours_note_en',
            field=models.CharField(blank=True, max_length=200, verbose_name='note on the hours (English)'),
        ),
        migrations.AddField(
            model_name='channel',
            name='hours_note_fi',
            field=models.CharField(blank=True, max_length=200, verbose_name='note on the hours (Finnish)'),
        ),
        migrations.AddField(
            model_name='channel',
            name='hours_note_sv',
            field=models.CharField(blank=True, max_length=200, verbose_name='note on the hours (Swedish)'),
        ),
        migrations.AddField(
            model_name='channel',
            name='weekly_hours',
            field=models.JSONField(blank=True, default=dict, help_text='Weekday code (MO … SU) → opening and closing time.', validators=[seuraamo.catalogue.models.validate_weekly_hours], verbose_name='opening hours'),
        ),
        migrations.AddField(
            model_name='service',
            name='reached_through',
            field=models.ManyToManyField(blank=True, help_text="The services through which a client comes to this one, e.g. the employment area's assessment; for a service one cannot contact directly.", related_name='reaches', to='catalogue.service', verbose_name='reached through'),
        ),
        migrations.AddField(
            model_name='service',
            name='reached_through_reason_en',
            field=models.CharField(blank=True, max_length=300, verbose_name='why reached through it (English)'),
        ),
        migrations.AddField(
            model_name='service',
            name='reached_through_reason_fi',
            field=models.CharField(blank=True, max_length=300, verbose_name='why reached through it (Finnish)'),
        ),
        migrations.AddField(
            model_name='service',
            name='reached_through_reason_sv',
            field=models.CharField(blank=True, max_length=300, verbose_name='why reached through it (Swedish)'),
        ),
        migrations.AddField(
            model_name='service',
            name='verified_by',
            field=models.ForeignKey(blank=True, help_text='The organisation that checked the details; public pages name it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='verified_services', to='organisations.organisation', verbose_name='verified by'),
        ),
        migrations.AlterField(
            model_name='channel',
            name='kind',
            field=models.CharField(choices=[('location', 'service location'), ('phone', 'phone'), ('email', 'e-mail'), ('web', 'web page'), ('e_service', 'e-service')], max_length=10, verbose_name='kind'),
        ),
        migrations.RunPython(structure_hours, migrations.RunPython.noop),
        migrations.RunPython(reach_services, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='channel',
            name='opening_hours',
        ),
    ]
