"""Load a YAML file into a pydantic model, reporting any problem with its file, line and column.

Every data file footprint reads (the profile, rule files, guidance catalogues, the site
catalogue) goes through `load_model`, so a mistake in any of them reads the same way:
`profiles.yaml:7:5: accounts[2].platform: unknown platform 'mastadon' (known: …)`.
"""

from __future__ import annotations

import difflib
import re
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from footprint.errors import InputError

M = TypeVar("M", bound=BaseModel)


class _Located:
    """Finds the YAML node for a validation error's path, to name its line and column."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.root = root

    def mark(self, path: tuple[int | str, ...], at_key: bool = False) -> tuple[int, int]:
        """(line, column) of the node at `path`, or of its key when `at_key`; the nearest parent if absent."""
        node = self.root
        best = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)
        for depth, key in enumerate(path, start=1):
            if isinstance(node, yaml.MappingNode):
                found = None
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                        found = (k, v)
                        break
                if found is None:
                    return best
                node = found[0] if at_key and depth == len(path) else found[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
            else:
                return best
            best = (node.start_mark.line + 1, node.start_mark.column + 1)
        return best


def _dotted(path: tuple[int | str, ...]) -> str:
    out = ""
    for key in path:
        if not isinstance(key, int) and not (str(key).isprintable() and str(key).strip() == str(key) and str(key)):
            key = repr(
                str(key)
            )  # NOTE: a key with a line break, tab or control character would split the one-line error
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


#: Bounds on what one data file may be: a profile is a few kilobytes, the largest bundled catalogue tens.
MAX_BYTES = 1024**2
MAX_DEPTH = 64
MAX_NODES = 200_000

# NOTE: libyaml's loader (when installed) parses a megabyte in well under a second; the pure-Python one
# takes several. Errors are described by the pure-Python loader, whose messages the tests and users know.
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Control characters YAML does not accept (tab, newline and carriage return are fine).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def read_yaml(path: Path, max_bytes: int = MAX_BYTES) -> tuple[Any, _Located]:
    """Parse a YAML file safely, keeping its node tree for locating later errors.

    Only a regular file is read (never a device or a pipe, which could be endless or block),
    at most `max_bytes` of it; nesting, alias expansion and self-reference are bounded before
    anything is built, so a "billion laughs" file fails in milliseconds with one located line.
    """
    text = _read_text(path, max_bytes)
    _refuse_control(path, text)
    try:
        _bounded(path, text)
        node = yaml.compose(text, Loader=_FAST)
        _refuse_expansion(path, node)
        _refuse_duplicate_keys(path, node)
        data = yaml.load(text, Loader=_FAST)
    except yaml.YAMLError as exc:
        _describe_yaml_error(path, text, exc)
        raise InputError(f"{path}: not valid YAML") from None
    except RecursionError:
        raise InputError(f"{path}:1:1: nested too deeply to be a footprint file") from None
    return data, _Located(node)


def _read_text(path: Path, max_bytes: int) -> str:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: not a regular file (a device, pipe or socket is never read)")
    if info.st_size > max_bytes:
        raise InputError(f"{path}: {info.st_size:,} bytes, more than the {max_bytes:,} a footprint file may be")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise InputError(f"{path}: more than the {max_bytes:,} bytes a footprint file may be")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise InputError(f'{path}:1:1: UTF-16 text (Notepad\'s "Unicode"); save it as UTF-8')
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_col(raw[: exc.start].decode("utf-8", "replace"), None)
        raise InputError(f"{path}:{line}:{column}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: ASCII text with a NUL beside every character."""
    sample = raw[:512]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return False
    return sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4


def _line_col(text: str, index: int | None) -> tuple[int, int]:
    """1-based line and column of `index` in `text` (its end when None)."""
    upto = text if index is None else text[:index]
    line = upto.count("\n") + 1
    return line, len(upto) - (upto.rfind("\n") + 1) + 1


def _refuse_control(path: Path, text: str) -> None:
    found = _CONTROL.search(text)
    if found:
        line, column = _line_col(text, found.start())
        what = "a NUL byte" if found.group() == "\x00" else f"the control character U+{ord(found.group()):04X}"
        raise InputError(f"{path}:{line}:{column}: {what} is not allowed in a YAML file; remove it")


def _bounded(path: Path, text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, from the event stream (which never recurses)."""
    depth = 0
    for event in yaml.parse(text, Loader=_FAST):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                line, column = (mark.line, mark.column) if mark is not None else (0, 0)
                raise InputError(f"{path}:{line + 1}:{column + 1}: nested more than {MAX_DEPTH} levels deep; refused")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _refuse_expansion(path: Path, root: yaml.Node | None) -> None:
    """Refuse aliases that refer to themselves or expand past MAX_NODES values or MAX_DEPTH levels."""
    if root is None:
        return
    size: dict[int, tuple[int, int]] = {}  # id(node) -> (expanded values, expanded depth)
    busy: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            busy.discard(key)
            total = 1 + sum(size[id(c)][0] for c in children)
            deep = 1 + max((size[id(c)][1] for c in children), default=0)
            size[key] = (min(total, MAX_NODES + 1), deep)
            mark = node.start_mark
            if total > MAX_NODES:
                raise InputError(
                    f"{path}:{mark.line + 1}:{mark.column + 1}: its aliases expand to more than {MAX_NODES:,} values "
                    '(a "billion laughs" file?); refused'
                )
            if deep > MAX_DEPTH:
                raise InputError(
                    f"{path}:{mark.line + 1}:{mark.column + 1}: its aliases nest more than {MAX_DEPTH} levels deep; refused"
                )
            continue
        if key in size:
            continue
        if key in busy:
            mark = node.start_mark
            raise InputError(
                f"{path}:{mark.line + 1}:{mark.column + 1}: an alias refers to the value that holds it; refused"
            )
        busy.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in busy:
                mark = child.start_mark
                raise InputError(
                    f"{path}:{mark.line + 1}:{mark.column + 1}: an alias refers to the value that holds it; refused"
                )
            if id(child) not in size:
                stack.append((child, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _describe_yaml_error(path: Path, text: str, first: yaml.YAMLError) -> None:
    """Raise the located one-line InputError for text that libyaml refused, worded by PyYAML.

    Past libyaml's own nesting limit, or for a large file, libyaml's words are used: re-reading with
    the pure-Python parser would take seconds.
    """
    mark = getattr(first, "problem_mark", None)
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else f"{path}:1:1"
    if "nesting depth" in str(first):
        raise InputError(f"{where}: nested more than {MAX_DEPTH} levels deep; refused")
    if len(text) > 64 * 1024 or _FAST is yaml.SafeLoader:
        problem = " ".join(str(getattr(first, "problem", None) or first).split())
        raise InputError(f"{where}: not valid YAML: {problem}")
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        raise InputError(f"{where}: nested too deeply to be a footprint file") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = " ".join(_yaml_problem(exc).split())
        raise InputError(f"{where}: not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        position = getattr(exc, "position", None)
        line, column = _line_col(text, position) if isinstance(position, int) else (1, 1)
        raise InputError(f"{path}:{line}:{column}: not valid YAML: {' '.join(str(exc).split())}") from None


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    """The parser's complaint in plain words where it has a common cause."""
    problem = str(exc.problem or exc.context or "")
    if "'\\t'" in problem or "\t" in problem:
        return "tab characters cannot indent YAML; use spaces"
    return problem


def _refuse_duplicate_keys(path: Path, node: yaml.Node | None) -> None:
    """A key written twice in one mapping is an error: YAML would silently keep only the last one."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, yaml.Node] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        first = seen[key.value].start_mark.line + 1
                        mark = key.start_mark
                        raise InputError(
                            f"{path}:{mark.line + 1}:{mark.column + 1}: the key {key.value!r} appears twice "
                            f"in the same mapping (first on line {first}); only one is kept, so merge them"
                        )
                    seen[key.value] = key
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def located_error(
    path: Path, located: _Located, loc: tuple[int | str, ...], message: str, *, at_key: bool = False
) -> InputError:
    """An InputError pointing at the node for `loc` (or at its key)."""
    line, column = located.mark(loc, at_key)
    field = _dotted(loc)
    return InputError(f"{path}:{line}:{column}: {field + ': ' if field else ''}{message}")


def load_model(path: Path, model: type[M], context: dict[str, Any] | None = None) -> tuple[M, _Located]:
    """Parse `path` and validate it as `model`; the first error becomes one located InputError."""
    data, located = read_yaml(path)
    if data is None:
        raise InputError(f"{path}:1:1: the file is empty")
    if not isinstance(data, dict):
        raise InputError(f"{path}:1:1: expected a mapping of keys to values at the top level")
    try:
        return model.model_validate(data, context=context), located
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        message = _message(error, _field_names(model))
        raise located_error(path, located, loc, message, at_key=error["type"] == "extra_forbidden") from None


MAX_ERRORS = 10


def _describe(value: Any) -> str:
    """A value as a person would name it: 'a list', 'the text "x"', 'nothing'."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    return repr(value)[:40]


_PLAIN = {
    "model_type": "expected a mapping of keys to values (lines like `name: …` indented under it)",
    "dict_type": "expected a mapping of keys to values (lines like `key: value`)",
    "model_attributes_type": "expected a mapping of keys to values (lines like `key: value`)",
    "list_type": "expected a list (`[a, b]`, or lines starting with `- `)",
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
}


def _message(error: Mapping[str, Any], known_keys: Iterable[str] = ()) -> str:
    """A validation error in plain words, with the rule broken; never the validation library's own jargon."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "required but missing"
    if kind == "extra_forbidden":
        key = str(error["loc"][-1]) if error["loc"] else ""
        close = difflib.get_close_matches(key, list(known_keys), n=1, cutoff=0.6)
        return "unknown key" + (f"; did you mean {close[0]!r}?" if close else " (check its spelling)")
    if kind in _PLAIN:
        return f"{_PLAIN[kind]}, not {_describe(error.get('input'))}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, not {_describe(error.get('input'))}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, not {_describe(error.get('input'))}"
    if kind == "string_too_short":
        return "must not be empty"
    message = str(error["msg"]).removeprefix("Value error, ")
    return message.replace("Input should be", "should be")


class ProblemList:
    """Every problem found in one file, each located; raised together as one InputError."""

    def __init__(self, path: Path, located: _Located) -> None:
        self.path = path
        self.located = located
        self.items: list[tuple[int, int, str]] = []

    def add(self, loc: tuple[int | str, ...], message: str, *, at_key: bool = False) -> None:
        line, column = self.located.mark(loc, at_key)
        field = _dotted(loc)
        text = f"{self.path}:{line}:{column}: {field + ': ' if field else ''}{message}"
        if all(text != kept for _, _, kept in self.items):
            self.items.append((line, column, text))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        ordered = [text for _, _, text in sorted(self.items, key=lambda item: (item[0], item[1]))]
        shown = ordered[:MAX_ERRORS]
        if len(ordered) > MAX_ERRORS:
            shown.append(f"{self.path}: … and {len(ordered) - MAX_ERRORS} more problems; fix these first")
        raise InputError("\n".join(shown))


def _field_names(model: type[BaseModel]) -> set[str]:
    """Every key the model and the models inside it accept, for 'did you mean' suggestions."""
    names: set[str] = set()
    stack: list[type[BaseModel]] = [model]
    seen: set[type[BaseModel]] = set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for name, info in current.model_fields.items():
            names.add(name)
            for arg in (info.annotation, *getattr(info.annotation, "__args__", ())):
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    stack.append(arg)
    return names


def validation_problems(
    model: type[M], data: Any, problems: ProblemList, context: dict[str, Any] | None = None
) -> M | None:
    """Validate `data` as `model`; every error is added to `problems` and None returned."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        keys = _field_names(model)
        for error in exc.errors():
            problems.add(tuple(error["loc"]), _message(error, keys), at_key=error["type"] == "extra_forbidden")
        return None
