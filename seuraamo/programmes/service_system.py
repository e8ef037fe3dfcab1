"""The service system's page sections (chapter 3 of the programme) from their data file,
`programmes/data/service_system.yaml`, into an empty table only: once a section exists the database
is the source of truth and what was edited in the app is kept."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from seuraamo.core.audit import record_change, snapshot
from seuraamo.programmes.models import ProgrammeSection

SERVICE_SYSTEM_FILE = Path(settings.PACKAGE_DIR) / "programmes" / "data" / "service_system.yaml"
LANGUAGES = ("fi", "sv", "en")


class ServiceSystemFileError(Exception):
    """Bad input, as `file:field: message`."""


@dataclass(frozen=True)
class LoadResult:
    created: int
    kept: bool  # the table held sections already: nothing was loaded


def _text(path: Path, where: str, value: object) -> dict[str, str]:
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("fi"), str)
        or not value["fi"].strip()
    ):
        raise ServiceSystemFileError(f"{path.name}:{where}: expected a Finnish text (fi)")
    return {language: str(value.get(language) or "").strip() for language in LANGUAGES}


def read_sections(path: Path = SERVICE_SYSTEM_FILE) -> list[ProgrammeSection]:
    """The file's sections as unsaved rows, checked by the model's rules."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise ServiceSystemFileError(f"{path.name}:sections: expected a list of sections")
    source = str(data.get("source") or "")
    rows = []
    for index, item in enumerate(data["sections"]):
        where = f"sections[{index}]"
        if not isinstance(item, dict):
            raise ServiceSystemFileError(f"{path.name}:{where}: expected a mapping")
        title = _text(path, f"{where}.title", item.get("title"))
        body = _text(path, f"{where}.body", item.get("body"))
        row = ProgrammeSection(
            key=str(item.get("key") or ""),
            order=index + 1,
            source=source,
            **{f"title_{language}": title[language] for language in LANGUAGES},
            **{f"body_{language}": body[language] for language in LANGUAGES},
        )
        try:
            row.full_clean(validate_unique=False)
        except ValidationError as error:
            field, messages = next(iter(error.message_dict.items()))
            raise ServiceSystemFileError(f"{path.name}:{where}.{field}: {messages[0]}") from error
        rows.append(row)
    keys = [row.key for row in rows]
    if len(set(keys)) != len(keys):
        raise ServiceSystemFileError(f"{path.name}:sections: a key appears twice")
    return rows


@transaction.atomic
def load_service_system(path: Path = SERVICE_SYSTEM_FILE) -> LoadResult:
    """Create the file's sections when there are none; otherwise change nothing."""
    if ProgrammeSection.objects.exists():
        return LoadResult(created=0, kept=True)
    rows = read_sections(path)
    for row in rows:
        row.save()
        record_change(actor=None, instance=row, before=None, after=snapshot(row))
    return LoadResult(created=len(rows), kept=False)
