"""Find brief and actor files and read their YAML front matter, keeping every position.

Everything under `briefs/` is treated as hostile: sizes, encodings, YAML features and
symlinks are checked here, and every problem comes back as data.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from briefsite import characters
from briefsite.errors import Problem, error, warning

MAX_FILE_BYTES = 1_000_000
"""Larger files are refused unread: a brief is a page of text, not a data dump."""

MAX_YAML_DEPTH = 16
MAX_YAML_EVENTS = 10_000
"""A long brief has a few hundred YAML events; more is an attack, refused early."""
MAX_NUMBER_DIGITS = 50
"""Longer numbers are refused before Python is asked to convert them (it limits digits)."""

_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_MERGE_TAG = "tag:yaml.org,2002:merge"

ACTORS_FOLDER = "actors"

YamlPath = tuple[str | int, ...]


class Kind(StrEnum):
    BRIEF = "brief"
    ACTOR = "actor"


@dataclass(frozen=True)
class ContentFile:
    path: Path
    display: str
    """The path shown to contributors: relative to the site root, with forward slashes."""
    kind: Kind


@dataclass(frozen=True)
class Document:
    """A file's front matter as plain data, with the position of every key and value."""

    file: ContentFile
    data: dict[str, Any]
    body: str
    body_line: int
    key_positions: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    value_positions: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    """Warnings found while reading, e.g. invisible characters taken out of the text."""
    front_matter: str = ""
    """The YAML text, as written between the `---` lines."""
    value_spans: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    """Where each scalar is written in `front_matter`: start and end index."""

    def body_position(self, offset: int) -> tuple[int, int]:
        """File line and column of a character of the body."""
        line = self.body_line + self.body.count("\n", 0, offset)
        return line, offset - self.body.rfind("\n", 0, offset)

    def position(self, path: YamlPath, *, key: bool = False) -> tuple[int, int]:
        """Best position for `path`: the key or value itself, else its nearest parent."""
        table = self.key_positions if key else self.value_positions
        while path:
            if path in table:
                return table[path]
            path = path[:-1]
            table = self.value_positions
        return (1, 1)

    def position_in_value(self, path: YamlPath, needle: str, nth: int) -> tuple[int, int]:
        """File line and column of the `nth` (from 0) `needle` as written in the scalar at
        `path`, for text found in its value.

        A value is not always its text: YAML folds lines and indentation and reads escapes.
        Counting occurrences of `needle` instead of characters survives both whenever the
        needle itself is written plainly (`[[` always is, but as a `\x5b` escape). When the
        written scalar has fewer occurrences, the scalar's own position is the answer.
        """
        span = self.value_spans.get(path)
        if span is None:
            return self.position(path)
        start, end = span
        at = start - len(needle)
        for _ in range(nth + 1):
            at = self.front_matter.find(needle, at + len(needle), end)
            if at < 0:
                return self.position(path)
        # The YAML text starts on line 2 of the file, after the opening '---'.
        line = self.front_matter.count("\n", 0, at) + 2
        return line, at - self.front_matter.rfind("\n", 0, at)


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: faster


class _Loader(_SafeLoader):  # type: ignore[misc,valid-type]
    """Safe YAML without implicit timestamps: dates stay text, so validation can explain them."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FrontMatterError(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def find_content_files(root: Path, briefs_dir: Path) -> tuple[list[ContentFile], list[Problem]]:
    """Every `.md` file under `briefs_dir`, sorted; nothing that lies outside `root` is read."""
    files: list[ContentFile] = []
    problems: list[Problem] = []
    if not briefs_dir.is_dir():
        return files, [error(_display(briefs_dir, root), 1, 1, "briefs folder not found")]
    real_root = root.resolve()
    if not _inside(briefs_dir, real_root):
        message = "the briefs folder leads outside the repository (a symlink?); refused"
        return files, [error(_display(briefs_dir, root), 1, 1, message)]
    for path in _walk(briefs_dir):
        display = _display(path, root)
        refused = _refusal(path, real_root)
        if refused is not None:
            problems.append(error(display, 1, 1, refused))
            continue
        if path.is_dir():
            problems.append(
                warning(display, 1, 1, "symlinked folder is not read; move its files here")
            )
            continue
        if not path.name.endswith(".md"):
            continue
        if path.name == ".md":
            problems.append(
                error(display, 1, 1, "file name '.md' has no id: name it after the brief")
            )
            continue
        relative = path.relative_to(briefs_dir)
        kind = Kind.ACTOR if relative.parts[0] == ACTORS_FOLDER else Kind.BRIEF
        files.append(ContentFile(path, display, kind))
    return files, problems


def _inside(path: Path, real_root: Path) -> bool:
    target = _target(path)
    return target is not None and target.is_relative_to(real_root)


def _refusal(path: Path, real_root: Path) -> str | None:
    """Why `path`, a link that cannot be followed into the repository, is refused."""
    if not path.is_symlink():
        return None
    target = _target(path)
    if target is None:
        return "symlink loop or dangling symlink; refused"
    return (
        None
        if target.is_relative_to(real_root)
        else "symlink points outside the repository; refused"
    )


def _target(path: Path) -> Path | None:
    """Where `path` leads, or None for a loop or a dangling link."""
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError for a loop
        return None


def _walk(folder: Path) -> Iterator[Path]:
    # os.walk does not follow directory symlinks; they are yielded so they can be checked.
    for current, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        base = Path(current)
        for name in dirnames:
            if (base / name).is_symlink():
                yield base / name
        for name in sorted(filenames):
            yield base / name


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_document(file: ContentFile) -> Document | Problem:
    """Read one file; the result is its front matter or the one problem that stops reading it.

    Whatever goes wrong while reading a file is that file's problem, never a traceback.
    """
    try:
        text = _read_text(file.path)
        yaml_text, body, body_line = _split_front_matter(text)
        data, keys, values, spans = _parse_yaml(yaml_text)
    except _FrontMatterError as problem:
        return error(file.display, problem.line, problem.column, problem.message)
    except OSError as exc:
        return error(file.display, 1, 1, f"cannot read file: {exc.strerror or exc}")
    except Exception as exc:  # a safety net: the specific cases above give better positions
        return error(file.display, 1, 1, f"cannot read file ({type(exc).__name__}: {exc})")
    document = Document(
        file, data, body, body_line, keys, values, front_matter=yaml_text, value_spans=spans
    )
    return _without_invisible(document)


def dotted(path: YamlPath) -> str:
    """A YAML path as contributors write it: `source.url`, `actors[2].role`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _without_invisible(document: Document) -> Document:
    """The document with `characters.clean` applied to every string and the body."""
    problems: list[Problem] = []
    display = document.file.display

    def walk(value: Any, path: YamlPath) -> Any:
        if isinstance(value, str):
            cleaned, removed = characters.clean(value)
            if removed is not None:
                line, column = document.position(path)
                problems.append(
                    warning(display, line, column, f"'{dotted(path)}': {removed.reason}")
                )
            return cleaned
        if isinstance(value, dict):
            return {key: walk(item, (*path, key)) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item, (*path, index)) for index, item in enumerate(value)]
        return value

    data = walk(document.data, ())
    body, removed = characters.clean(document.body)
    if removed is not None:
        line, column = document.body_position(removed.offset)
        problems.append(warning(display, line, column, f"body: {removed.reason}"))
    return replace(document, data=data, body=body, problems=tuple(problems))


def _read_text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _FrontMatterError(
            1, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes"
        )
    raw = path.read_bytes()
    if b"\x00" in raw:
        line, column = _byte_position(raw, raw.index(b"\x00"))
        raise _FrontMatterError(line, column, "binary file (NUL byte): briefs are UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start)
        raise _FrontMatterError(
            line, column, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _split_front_matter(text: str) -> tuple[str, str, int]:
    """Return (YAML text, body, body's first line). The YAML starts on line 2 of the file."""
    if not text.strip():
        raise _FrontMatterError(
            1, 1, "empty file: a brief starts with front matter between '---' lines"
        )
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise _FrontMatterError(1, 1, "no front matter: the first line must be '---'")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            body = "\n".join(lines[index + 1 :])
            return "\n".join(lines[1:index]), body, index + 2
    raise _FrontMatterError(1, 1, "front matter is not closed: add a line '---' after it")


_Positions = dict[YamlPath, tuple[int, int]]


def _parse_yaml(text: str) -> tuple[dict[str, Any], _Positions, _Positions, _Positions]:
    """The data, then the positions of keys and values, then the span of each scalar."""
    at = _Lines(text)
    _check_events(text, at)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        keys: _Positions = {}
        values: _Positions = {}
        spans: _Positions = {}
        if not isinstance(node, yaml.MappingNode):
            line, column = at(node.start_mark) if node else (2, 1)
            raise _FrontMatterError(
                line, column, "front matter must be a mapping of keys such as 'title:' and 'date:'"
            )
        _record_positions(node, (), keys, (values, spans), at)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise _yaml_problem(exc, text, at) from None
    finally:
        loader.dispose()
    return data, keys, values, spans


def _check_events(text: str, at: _Lines) -> None:
    """Refuse aliases and deep nesting from the event stream, before anything is built.

    Scanning events is iterative and linear, so an alias bomb or a thousand nested
    brackets are refused without being expanded or recursed into.
    """
    loader = _Loader(text)
    depth = 0
    try:
        for count, event in enumerate(iter(loader.get_event, None)):
            if isinstance(event, yaml.AliasEvent):
                line, column = at(event.start_mark)
                raise _FrontMatterError(
                    line, column, "YAML aliases ('*name') are not allowed in front matter"
                )
            tag = getattr(event, "tag", None)
            if tag is not None and not _implicit(event):
                line, column = at(event.start_mark)
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                raise _FrontMatterError(
                    line,
                    column,
                    f"YAML tags ('{shown}') are not allowed in front matter: write the value "
                    "as plain text",
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    line, column = at(event.start_mark)
                    raise _FrontMatterError(line, column, "front matter is nested too deeply")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if count > MAX_YAML_EVENTS:
                raise _FrontMatterError(2, 1, "front matter has too many values")
            if isinstance(event, yaml.StreamEndEvent):
                break
    except yaml.YAMLError as exc:
        raise _yaml_problem(exc, text, at) from None
    finally:
        loader.dispose()


def _implicit(event: Any) -> bool:
    # A scalar's tag is explicit unless the parser says it was implied by the plain or
    # quoted style; a collection's tag is explicit whenever one is given.
    implicit = getattr(event, "implicit", False)
    return bool(implicit[0] or implicit[1]) if isinstance(implicit, tuple) else bool(implicit)


def _record_positions(
    node: yaml.Node,
    path: YamlPath,
    keys: _Positions,
    tables: tuple[_Positions, _Positions],
    at: _Lines,
) -> None:
    """Fill `keys` and `tables` (value positions, scalar spans) for `node` and below."""
    values, spans = tables
    values[path] = at(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _check_key(key_node, at)
            child = (*path, key_node.value)
            if child in keys:
                line, column = at(key_node.start_mark)
                raise _FrontMatterError(line, column, f"duplicate key '{key_node.value}'")
            keys[child] = at(key_node.start_mark)
            _record_positions(value_node, child, keys, tables, at)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_positions(item, (*path, index), keys, tables, at)
    elif node.tag == _INT_TAG and len(node.value) > MAX_NUMBER_DIGITS:
        line, column = at(node.start_mark)
        raise _FrontMatterError(
            line, column, f"number longer than {MAX_NUMBER_DIGITS} digits: put quotes around it"
        )
    else:
        spans[path] = (node.start_mark.index, node.end_mark.index)


def _check_key(node: yaml.Node, at: _Lines) -> None:
    """Keys are plain words: no merge keys (`<<`), no numbers, yes/no or nested keys."""
    line, column = at(node.start_mark)
    if node.tag == _MERGE_TAG:
        raise _FrontMatterError(
            line, column, "YAML merge keys ('<<') are not allowed: write each key out"
        )
    if not isinstance(node, yaml.ScalarNode):
        raise _FrontMatterError(line, column, "keys must be plain words")
    if node.tag != _STR_TAG:
        raise _FrontMatterError(
            line,
            column,
            f"key '{node.value}' is read by YAML as a number or yes/no: keys are plain words",
        )


class _Lines:
    """File line and column of a YAML mark, counted from its character index.

    YAML also breaks lines at U+0085, U+2028 and U+2029, where editors do not; its own
    line numbers would then point past the line the contributor sees.
    """

    def __init__(self, text: str) -> None:
        self.starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def __call__(self, mark: Any) -> tuple[int, int]:
        line = bisect_right(self.starts, mark.index) - 1
        # The YAML text starts on line 2 of the file, after the opening '---'.
        return line + 2, mark.index - self.starts[line] + 1

    def line_before(self, mark: Any, text: str) -> str:
        line = bisect_right(self.starts, mark.index) - 1
        return text[self.starts[line] : mark.index + 1]


def _yaml_problem(exc: yaml.YAMLError, text: str, at: _Lines) -> _FrontMatterError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = at(mark) if mark else (2, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark and "\t" in at.line_before(mark, text):
        problem = "tab character: indent YAML with spaces, not tabs"
    elif "nesting depth" in problem:
        return _FrontMatterError(line, column, "front matter is nested too deeply")
    return _FrontMatterError(line, column, f"invalid YAML: {problem}")
