"""Read the data tables of a page (standard library only): caption, header and rows as text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_SPACES = re.compile(r"[ \t\r\n]+")


@dataclass
class HtmlTable:
    id: str
    caption: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[HtmlTable] = []
        self.current: HtmlTable | None = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.in_caption = False
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "table" and "data-table" in (values.get("class") or ""):
            self.current = HtmlTable(values.get("id") or "")
            self.tables.append(self.current)
        elif self.current is None:
            return
        elif tag == "caption":
            self.in_caption = True
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if self.current is None:
            return
        if tag == "caption":
            self.in_caption = False
        elif tag == "thead":
            self.in_head = False
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            # Collapse ASCII whitespace only: the no-break spaces inside numbers stay.
            self.row.append(_SPACES.sub(" ", "".join(self.cell)).strip(" "))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.in_head:
                self.current.header = self.row
            else:
                self.current.rows.append(self.row)
            self.row = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is None:
            return
        if self.in_caption:
            self.current.caption += data
        elif self.cell is not None:
            self.cell.append(data)


def data_tables(html: str) -> dict[str, HtmlTable]:
    parser = _Parser()
    parser.feed(html)
    return {table.id: table for table in parser.tables}


def parse_number(text: str, language: str) -> float | None:
    """ "10 153" / "14,4 %" / "10,153" / "14.4%" -> float; "…" -> None."""
    text = text.replace("\u2212", "-").replace("%", "").strip()
    if text in ("", "…", "(…)", "..", "×"):  # the marks of missing values (statuses.py)
        return None
    if language == "en":
        text = text.replace(",", "")
    else:
        text = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return float(text)
