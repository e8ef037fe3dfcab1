"""Loaded before Django's settings: tests run with the development defaults (no SECRET_KEY needed)."""

import os

os.environ.setdefault("DEBUG", "1")
