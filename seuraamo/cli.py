"""The `seuraamo` console command: the project's manage.py."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seuraamo.config.settings")
    # Imported after the settings module is named: Django reads it when these load.
    from django.conf import settings  # noqa: PLC0415
    from django.core.exceptions import ImproperlyConfigured  # noqa: PLC0415
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    try:
        settings.INSTALLED_APPS  # noqa: B018 -- loads the settings: a refusal is one line, not a traceback
    except ImproperlyConfigured as error:
        sys.stderr.write(f"seuraamo: {error}\n")
        raise SystemExit(2) from None
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
