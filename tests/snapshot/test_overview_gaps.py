"""The programme overview's trend lines over the real statistics snapshot, whose monthly tables
hold 2022-11…2023-10 and then 2026-06 (docs/data-sources.md): the line stops at 2023-10, the
latest month stands alone as a dot at its own place in time, and the missing months are named
beside it (issue 20 §3)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

PROGRAMME = Path(settings.PACKAGE_DIR) / "programmes" / "data" / "kymenlaakso.yaml"


@pytest.mark.django_db
def test_the_overview_draws_the_three_missing_years_as_a_gap(statistics_snapshot, client) -> None:
    call_command("import_programme", str(PROGRAMME), verbosity=0, stdout=io.StringIO())
    html = client.get("/fi/follow-up/overview/").content.decode()
    cells = re.findall(r"<td><svg class=\"sparkline\".*?</td>", html, re.S)
    assert cells, "no trend line on the overview"
    for cell in cells:
        assert cell.count("<circle") == 1, cell  # 2026-06 alone, not joined to 2023-10
        polyline = re.search(r'<polyline points="([^"]+)"', cell).group(1).split()
        dot = float(re.search(r'<circle cx="([^"]+)"', cell).group(1))
        assert float(polyline[-1].split(",")[0]) < dot / 3  # 32 months apart, drawn apart
        assert "ei lukuja marraskuu 2023–toukokuu 2026" in cell
