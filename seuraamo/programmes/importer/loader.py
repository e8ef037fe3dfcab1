"""Reading a programme file into plain Python data plus a map from each field path to its line.

PyYAML's constructed data forgets where values came from, so the node tree is walked here by hand:
that walk records every path's line, and catches duplicate keys, which the stock SafeLoader
silently resolves by keeping the last value. The cheap checks (size, NUL bytes, UTF-8) run
before any parsing so that a wrong file never reaches the YAML parser.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import NoReturn

import yaml
from yaml.composer import ComposerError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from seuraamo.programmes.importer.errors import (
    FILE_EMPTY,
    FILE_HAS_NUL_BYTE,
    FILE_NOT_UTF8,
    FILE_TOO_LARGE,
    FILE_UNREADABLE,
    YAML_ALIAS,
    YAML_COMPLEX_KEY,
    YAML_DUPLICATE_FIELD,
    YAML_SYNTAX,
    Path,
    Problem,
    ProgrammeFileError,
)

MAX_FILE_BYTES = 2 * 1024 * 1024
YAML_TOO_DEEP = "the document is nested too deeply"


@dataclass
class Document:
    """The parsed file: `data` has dates as ISO strings, so that JSON Schema can check them."""

    data: object
    lines: dict[Path, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: Path) -> int:
        """The line of `path`, or of its nearest ancestor when the path itself is missing."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return 1

    def problem(self, path: Path, message: str) -> Problem:
        return Problem(line=self.line_of(path), path=path, message=message)


def read_document(*, path: FilePath, file: str) -> Document:
    """Raise ProgrammeFileError for a file that cannot be a programme file at all; otherwise
    return the document with any duplicate-key problems attached for the validator to report."""
    text = _read_text(path=path, file=file)
    return _parse(text=text, file=file)


def _fail(
    file: str, message: str, *, line: int | None = None, column: int | None = None
) -> NoReturn:
    raise ProgrammeFileError(file, [Problem(line=line, path=None, message=message, column=column)])


def _read_text(*, path: FilePath, file: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            _fail(file, FILE_TOO_LARGE.format(size=size, limit=MAX_FILE_BYTES))
        with path.open("rb") as handle:
            # Read one byte past the limit: the file may have grown since stat().
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        _fail(file, FILE_UNREADABLE.format(reason=error.strerror or error))
    if len(raw) > MAX_FILE_BYTES:
        _fail(file, FILE_TOO_LARGE.format(size=len(raw), limit=MAX_FILE_BYTES))
    nul = raw.find(b"\0")
    if nul >= 0:
        _fail(file, FILE_HAS_NUL_BYTE.format(offset=nul))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        _fail(file, FILE_NOT_UTF8.format(byte=raw[error.start], offset=error.start))
    text = text.removeprefix("\ufeff")
    if not text.strip():
        _fail(file, FILE_EMPTY)
    return text


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases: they would make one YAML node appear at several paths
    (and a few hundred bytes of nested aliases can expand to gigabytes)."""

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            raise ComposerError(None, None, YAML_ALIAS, self.peek_event().start_mark)
        return super().compose_node(parent, index)  # type: ignore[arg-type]


def _parse(*, text: str, file: str) -> Document:
    loader: _Loader | None = None
    try:
        # The reader checks for unprintable characters as soon as it is created.
        loader = _Loader(text)
        root = loader.get_single_node()
        if root is None:
            _fail(file, FILE_EMPTY)
        document = Document(data=None)
        document.data = _Builder(loader, document).build(root, ())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "unreadable YAML"
        _fail(
            file,
            YAML_SYNTAX.format(problem=problem),
            line=mark.line + 1 if mark else 1,
            column=mark.column + 1 if mark else 1,
        )
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        _fail(
            file,
            YAML_SYNTAX.format(problem=f"{error.reason} (character #x{error.character:04x})"),
            line=line,
            column=column,
        )
    except RecursionError:
        _fail(file, YAML_SYNTAX.format(problem=YAML_TOO_DEEP), line=1, column=1)
    finally:
        if loader is not None:
            loader.dispose()
    return document


class _Builder:
    def __init__(self, loader: _Loader, document: Document) -> None:
        self.loader = loader
        self.document = document

    def build(self, node: Node, path: Path) -> object:
        if path == ():
            self.document.lines[()] = node.start_mark.line + 1
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.document.lines[(*path, index)] = item.start_mark.line + 1
                items.append(self.build(item, (*path, index)))
            return items
        return self._scalar(node)

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, object]:
        result: dict[str, object] = {}
        first_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                self.document.problems.append(Problem(line, path, YAML_COMPLEX_KEY))
                continue
            # The raw text, not the constructed value: `1:` and `no:` are field names here,
            # not an integer and a boolean.
            key = key_node.value
            child = (*path, key)
            if key in first_lines:
                message = YAML_DUPLICATE_FIELD.format(name=key, first_line=first_lines[key])
                self.document.problems.append(Problem(line, child, message))
                continue
            first_lines[key] = line
            self.document.lines[child] = line
            result[key] = self.build(value_node, child)
        return result

    def _scalar(self, node: Node) -> object:
        try:
            value = self.loader.construct_object(node)
        except ValueError:
            # A date-looking scalar that is no date (2025-13-01): keep the text, the schema
            # check then names the field.
            return node.value
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value.isoformat()
        return value
