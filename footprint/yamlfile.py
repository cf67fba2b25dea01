"""Load a YAML file into a pydantic model, reporting any problem with its file, line and column.

Every data file footprint reads (the profile, rule files, guidance catalogues, the site
catalogue) goes through `load_model`, so a mistake in any of them reads the same way:
`profiles.yaml:7:5: accounts[2].platform: unknown platform 'mastadon' (known: …)`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from footprint.errors import InputError

M = TypeVar("M", bound=BaseModel)
# NOTE: libyaml's loader (when installed) parses the built-in catalogues in tens of milliseconds, the
# pure-Python one in about a second; errors are still described by the pure-Python loader.
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def read_yaml(path: Path) -> tuple[Any, _Located]:
    """Parse a YAML file safely, keeping its node tree for locating later errors."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        try:
            node = yaml.compose(text, Loader=_FAST)
            data = yaml.load(text, Loader=_FAST)  # noqa: S506 - a safe loader (libyaml's or PyYAML's)
        except yaml.YAMLError:
            yaml.compose(text, Loader=yaml.SafeLoader)  # the pure-Python loader's message, which users know
            raise
        _refuse_duplicate_keys(path, node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise InputError(f"{where}: not valid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML: {exc}") from None
    return data, _Located(node)


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
        raise located_error(path, located, loc, _message(error), at_key=error["type"] == "extra_forbidden") from None


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required but missing"
    if kind == "extra_forbidden":
        return "unknown key (check its spelling)"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")
