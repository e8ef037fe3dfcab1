"""The guide against the persona table (`guide_personas.csv`): each row is one person or employer in
one municipality on one day, the service the guide must suggest first, the organisation that gives
it there, what else must be suggested or named near by, where to ask, and why — the passage of the
programme text (chapter 3) or of the organisation data the expectation rests on. Runs the guide's
own functions on the real seed: no browser, no page."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest

from seuraamo.catalogue.guide import Answers, answer, guide_rules
from seuraamo.catalogue.models import Audience, GuideRule

TABLE = Path(__file__).with_name("guide_personas.csv")


def personas() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8") as table:
        return list(csv.DictReader(table))


def answers_of(row: dict[str, str]) -> Answers:
    if row["audience"] == Audience.COMPANY:
        return Answers(Audience.COMPANY, row["municipality"], need=row["need"])
    registered = row["jobseeker"] == "yes"
    return Answers(
        Audience.PERSON,
        row["municipality"],
        age=int(row["age"]),
        registered=registered,
        unemployment_months=int(row["unemployment"] or 0) if registered else 0,
        moved=row["moved"] or "no",
        work_ability_limited=row["work_ability"] == "yes",
        need=row["need"],
    )


def what_the_guide_says(row: dict[str, str], rules: list[GuideRule]) -> dict[str, object]:
    found = answer(answers_of(row), rules, datetime.date.fromisoformat(row["date"]))
    first = found.recommendations[0] if found.recommendations else None
    return {
        "first": first.rule.service.key if first else "",
        "provider": first.provider.key if first and first.provider else "",
        "also": {item.rule.service.key for item in found.recommendations},
        "nearby": {item.rule.service.key for item in found.nearby},
        "ask": [organisation.key for organisation in found.ask],
    }


def test_the_table_is_large_and_each_row_has_its_reason() -> None:
    rows = personas()
    assert len(rows) >= 40
    assert all(row["reason"].strip() for row in rows)
    assert {row["municipality"] for row in rows} == {
        "KU075",
        "KU285",
        "KU286",
        "KU489",
        "KU624",
        "KU935",
    }


@pytest.mark.django_db
def test_the_guide_answers_every_persona_as_the_table_expects(catalogue: None) -> None:
    rules = guide_rules()
    wrong = []
    for row in personas():
        said = what_the_guide_says(row, rules)
        expected_also = set(row["also"].split())
        expected_nearby = set(row["nearby"].split())
        problems = []
        if said["first"] != row["first"]:
            problems.append(f"first {said['first']!r}, expected {row['first']!r}")
        if said["provider"] != row["provider"]:
            problems.append(f"provider {said['provider']!r}, expected {row['provider']!r}")
        if missing := expected_also - said["also"]:  # type: ignore[operator]
            problems.append(f"missing {sorted(missing)}")
        if missing := expected_nearby - said["nearby"]:  # type: ignore[operator]
            problems.append(f"not named near by: {sorted(missing)}")
        if said["ask"] != [row["ask"]]:
            problems.append(f"ask {said['ask']}, expected {row['ask']!r}")
        if problems:
            wrong.append(f"{row['persona']}: {'; '.join(problems)}")
    assert wrong == [], "\n".join(wrong)
