"""Reads shared within one build of a page (seuraamo/core/memo.py): a question is answered once
however it is asked, and only inside a build."""

from __future__ import annotations

from seuraamo.core.memo import once_per_build, shared_reads


def counting() -> tuple[list[tuple[str, str | None]], object]:
    asked: list[tuple[str, str | None]] = []

    @once_per_build
    def periods(table: str, content: str | None = None) -> tuple[str, str | None]:
        asked.append((table, content))
        return (table, content)

    return asked, periods


def test_the_same_question_asked_three_ways_is_answered_once_in_a_build() -> None:
    asked, periods = counting()
    with shared_reads():
        answers = {periods("12r5"), periods("12r5", None), periods("12r5", content=None)}  # type: ignore[operator]
        periods("12r5", "SSS")  # type: ignore[operator]
    assert answers == {("12r5", None)}
    assert asked == [("12r5", None), ("12r5", "SSS")]


def test_outside_a_build_every_call_reads_anew() -> None:
    asked, periods = counting()
    periods("12r5")  # type: ignore[operator]
    periods("12r5")  # type: ignore[operator]
    assert len(asked) == 2
