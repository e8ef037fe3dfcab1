"""The local checkout's secret key: generated once into the data folder, owner-only, then reused."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from seuraamo.config.secret_key import DEVELOPMENT_KEY, read_or_create_key_file, unset_secret_key


def test_the_key_is_generated_once_with_mode_0600(tmp_path: Path) -> None:
    key_file = tmp_path / "var" / "secret_key"
    first = read_or_create_key_file(key_file)
    assert len(first) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert read_or_create_key_file(key_file) == first


def test_a_damaged_key_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    key_file = tmp_path / "secret_key"
    key_file.write_text("short\n")
    with pytest.raises(ImproperlyConfigured, match=f"{key_file} holds no usable key"):
        read_or_create_key_file(key_file)


def test_which_key_without_secret_key(tmp_path: Path) -> None:
    assert unset_secret_key(debug=True, local_checkout=False, data_dir=tmp_path) == DEVELOPMENT_KEY
    local = unset_secret_key(debug=False, local_checkout=True, data_dir=tmp_path)
    assert (tmp_path / "secret_key").read_text().strip() == local
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        unset_secret_key(debug=False, local_checkout=False, data_dir=tmp_path / "production")
    assert not (tmp_path / "production").exists()
