"""Where the signing key comes from when SECRET_KEY is not set (see docs/configuration.md)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_KEY = "insecure-development-key-only-used-with-debug-on"  # noqa: S105
KEY_FILE_NAME = "secret_key"
MISSING_KEY = (
    "SECRET_KEY must be set when DEBUG is off and DATA_DIR or DATABASE_URL is set "
    "(see docs/configuration.md)."
)


def unset_secret_key(*, debug: bool, local_checkout: bool, data_dir: Path) -> str:
    """The key to use when SECRET_KEY is unset, or a refusal naming what to set.

    The local checkout (no DATA_DIR and no DATABASE_URL: `make run`) keeps a key of its own in the
    data folder; debug runs elsewhere use a fixed development key; a production configuration must
    set SECRET_KEY.
    """
    if debug:
        return DEVELOPMENT_KEY
    if local_checkout:
        return read_or_create_key_file(data_dir / KEY_FILE_NAME)
    raise ImproperlyConfigured(MISSING_KEY)


def read_or_create_key_file(path: Path) -> str:
    """Read the key in `path`, writing a new random one (owner-only, mode 0600) the first time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
        if len(key) < 50:
            raise ImproperlyConfigured(
                f"{path} holds no usable key (under 50 characters); delete it to make a new one."
            ) from None
        return key
    key = secrets.token_urlsafe(64)
    with os.fdopen(descriptor, "w", encoding="ascii") as key_file:
        key_file.write(key + "\n")
    return key
