"""A small YANG (RFC 7950) statement parser: text -> nested statements.

Only the statement grammar is handled here (tokens, strings, `+` concatenation,
comments); meaning (groupings, augments, types) is given by srxsim.schema.
A statement is a tuple ``(keyword, argument, substatements)``; tuples keep the
parsed modules small to pickle and quick to load.
"""

from __future__ import annotations

import re
from pathlib import Path

Statement = tuple[str, str | None, tuple]

_TOKEN = re.compile(
    r"""\s+|//[^\n]*|/\*.*?\*/           # space and comments (skipped)
    |(?P<dq>"(?:[^"\\]|\\.)*")          # double-quoted string
    |(?P<sq>'[^']*')                    # single-quoted string
    |(?P<punct>[{};+])
    |(?P<word>[^\s{};"']+)""",
    re.VERBOSE | re.DOTALL,
)
_DQ_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


class YangSyntaxError(ValueError):
    """The YANG text does not follow the statement grammar."""


def _unquote_double(token: str) -> str:
    body = token[1:-1]
    if "\\" not in body:
        return body
    return re.sub(r"\\(.)", lambda m: _DQ_ESCAPES.get(m.group(1), "\\" + m.group(1)), body)


def _tokens(text: str):
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind is None:
            continue
        token = match.group(kind)
        if kind == "dq":
            yield "str", _unquote_double(token)
        elif kind == "sq":
            yield "str", token[1:-1]
        elif kind == "punct":
            yield token, token
        else:
            yield "str", token


def parse_module(text: str) -> Statement:
    """Parse one YANG module or submodule and return its top statement."""
    tokens = list(_tokens(text))
    stack: list[list] = [[]]          # substatement lists being built
    heads: list[tuple[str, str | None]] = []
    i, count = 0, len(tokens)
    while i < count:
        kind, value = tokens[i]
        if kind == "}":
            if not heads:
                raise YangSyntaxError("unbalanced '}'")
            keyword, arg = heads.pop()
            children = tuple(stack.pop())
            stack[-1].append((keyword, arg, children))
            i += 1
            continue
        if kind != "str":
            raise YangSyntaxError(f"unexpected {value!r}")
        keyword, arg = value, None
        i += 1
        if i < count and tokens[i][0] == "str":
            arg = tokens[i][1]
            i += 1
            while i + 1 < count and tokens[i][0] == "+" and tokens[i + 1][0] == "str":
                arg += tokens[i + 1][1]
                i += 2
        if i >= count:
            raise YangSyntaxError(f"statement {keyword!r} not terminated")
        if tokens[i][0] == ";":
            stack[-1].append((keyword, arg, ()))
        elif tokens[i][0] == "{":
            heads.append((keyword, arg))
            stack.append([])
        else:
            raise YangSyntaxError(f"expected ';' or '{{' after {keyword!r}, got {tokens[i][1]!r}")
        i += 1
    if heads or len(stack[0]) != 1:
        raise YangSyntaxError("module text must hold exactly one balanced top statement")
    return stack[0][0]


def _drop_descriptions(stmt: Statement) -> Statement:
    """Descriptions are half of the Junos YANG text and unused at run time."""
    keyword, arg, subs = stmt
    kept = tuple(_drop_descriptions(s) for s in subs if s[0] not in ("description", "reference"))
    return (keyword, arg, kept)


def parse_files(paths: list[Path]) -> dict[str, Statement]:
    """Parse YANG files into {module name: module statement} (descriptions dropped)."""
    modules = {}
    for path in paths:
        module = _drop_descriptions(parse_module(path.read_text(encoding="utf-8")))
        modules[module[1]] = module
    return modules
