"""Loaded before Django's settings: tests run with the development defaults (no SECRET_KEY needed)."""

import os

os.environ.setdefault("DEBUG", "1")


def pytest_configure(config: object) -> None:
    """Each test process keeps its own cache in memory: the installation's cache is files in
    DATA_DIR, which parallel test processes would share (and clear under each other)."""
    from django.conf import settings

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
