"""Parse Junos CLI input: curly-brace text (`load ... terminal`) and set commands.

Text statements may carry the `replace:`, `delete:`, `inactive:` and `active:`
tags. Set input takes `set`, `delete`, `deactivate`, `activate`, `insert ...
before|after ...` and the `edit`/`top`/`up` navigation commands.
"""

from __future__ import annotations

import re

from srxsim.formats.edit import Edit, WordParser, grouped, syntax_error
from srxsim.formats.tree import ConfigError, JunosError, edit_path
from srxsim.schema import SchemaNode

_TOKEN = re.compile(r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n]*|/\*.*?\*/)
    | (?P<quoted>"(?:[^"\\]|\\.)*")
    | (?P<punct>[{};\[\]])
    | (?P<word>[^\s{};\[\]"]+)
""", re.VERBOSE | re.DOTALL)
_TAGS = {"replace:": ("op", "replace-tag"), "delete:": ("op", "delete"),
         "inactive:": ("inactive", True), "active:": ("inactive", False)}


def _unquote(token: str) -> str:
    return re.sub(r"\\(.)", r"\1", token[1:-1])


def tokenize(text: str) -> list[tuple[str, str]]:
    """(kind, value) tokens; kind is 'word' (quoted words unquoted) or the punctuation."""
    tokens = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:           # an unterminated quote
            raise ConfigError(JunosError(bad_element=text[position:position + 20].split()[0],
                                         message="syntax error"))
        position = match.end()
        kind = match.lastgroup
        if kind in ("space", "comment"):
            continue
        if kind == "quoted":
            tokens.append(("word", _unquote(match.group())))
        elif kind == "punct":
            tokens.append((match.group(), match.group()))
        else:
            tokens.append(("word", match.group()))
    return tokens


def _group_brackets(tokens: list[tuple[str, str]]) -> list:
    """Words of one statement, with `[ a b ]` folded into a Python list."""
    words: list = []
    group: list[str] | None = None
    for kind, value in tokens:
        if kind == "[":
            group = []
        elif kind == "]":
            if group is None:
                raise syntax_error([], "]")
            words.append(group)
            group = None
        elif group is not None:
            group.append(value)
        else:
            words.append(value)
    if group is not None:
        raise syntax_error([], "[", "missing ']'")
    return words


# -- curly-brace text ----------------------------------------------------------------
def text_to_edit(root_schema: SchemaNode, text: str) -> Edit:
    root = Edit(root_schema)
    # (context edit, [edit ...] words, list name when inside a grouped list's `name { }` block)
    stack: list[tuple[Edit, list[str], str | None]] = [(root, [], None)]
    pending: list[tuple[str, str]] = []
    for kind, value in tokenize(text):
        if kind in ("word", "[", "]"):
            pending.append((kind, value))
            continue
        if kind == "}":
            if pending or len(stack) == 1:
                raise syntax_error(stack[-1][1], "}")
            stack.pop()
            continue
        context, path, group_name = stack[-1]
        if not pending:
            raise syntax_error(path, kind)
        words = _group_brackets(pending)
        pending = []
        tags = []
        while words and isinstance(words[0], str) and words[0] in _TAGS:
            tags.append(_TAGS[words.pop(0)])
        if kind == "{" and not tags and len(words) == 1 and _grouped_child(context.schema, words[0]):
            stack.append((context, path + words, words[0]))
            continue
        if group_name is not None:
            words.insert(0, group_name)
        deleting = ("op", "delete") in tags
        parser = WordParser(words, path, for_delete=deleting)
        inner = parser.parse(context)
        for attribute, setting in tags:
            setattr(parser.last, attribute, setting)
        if kind == "{":
            if inner is context or deleting:
                raise syntax_error(path, words[-1] if words else "{")
            stack.append((inner, parser.path, None))
    if pending or len(stack) != 1:
        raise ConfigError(JunosError(path=edit_path(stack[-1][1]), bad_element="}" if pending else "",
                                     message="syntax error: missing '}' or ';'"))
    return root


def _grouped_child(schema: SchemaNode, word: str) -> bool:
    child = schema.cli_child(word)
    return child is not None and grouped(child)


# -- set commands --------------------------------------------------------------------
def set_to_edits(root_schema: SchemaNode, text: str) -> list[Edit]:
    """One Edit per command, to be applied in order."""
    edits = []
    level: list = []                # words of the current `edit` level
    for number, line in enumerate(text.splitlines(), 1):
        tokens = tokenize(line)
        if not tokens:
            continue
        words = _group_brackets(tokens)
        command, args = words[0], words[1:]
        if command == "edit":
            _parse_path(root_schema, level + args, for_delete=False)     # must name a node
            level = level + args
        elif command == "top":
            level = []
        elif command == "up":
            count = int(args[0]) if args and str(args[0]).isdigit() else 1
            level = _up(root_schema, level, count)
        elif command in ("set", "delete", "deactivate", "activate"):
            edits.append(_command(root_schema, command, level + args))
        elif command == "insert":
            edits.append(_insert(root_schema, level + args))
        else:
            raise ConfigError(JunosError(bad_element=str(command), message="syntax error",
                                         path=edit_path(level)))
    return edits


def _parse_path(root_schema: SchemaNode, words: list, for_delete: bool) -> tuple[Edit, WordParser]:
    root = Edit(root_schema)
    parser = WordParser(words, [], for_delete=for_delete)
    parser.parse(root)
    return root, parser


def _up(root_schema: SchemaNode, level: list, count: int) -> list:
    """The edit level `count` nodes up (a list entry with its key is one node)."""
    _, parser = _parse_path(root_schema, level, for_delete=False)
    ends = [0] + parser.node_ends
    return level[:ends[max(len(ends) - 1 - count, 0)]]


def _command(root_schema: SchemaNode, command: str, words: list) -> Edit:
    if not words:
        raise syntax_error([], command, "missing argument")
    root, parser = _parse_path(root_schema, words, for_delete=command != "set")
    target = parser.last
    if command == "delete":
        target.op = "delete"
    elif command == "deactivate":
        target.inactive = True
    elif command == "activate":
        target.inactive = False
    return root


def _insert(root_schema: SchemaNode, words: list) -> Edit:
    where = next((i for i, w in enumerate(words) if w in ("before", "after")), None)
    if where is None or where == len(words) - 1:
        raise syntax_error([], "insert", "syntax error, expecting 'before' or 'after'")
    root, parser = _parse_path(root_schema, words[:where], for_delete=False)
    target = parser.last
    if target.schema.kind not in ("list", "leaf-list") or not target.schema.user_ordered:
        raise syntax_error(parser.path, target.schema.cli_name, "insert is allowed only for ordered lists")
    scratch = Edit(target.schema.parent)
    ref_parser = WordParser(words[where + 1:], parser.path)
    ref_parser.parse(scratch)
    reference = ref_parser.last
    if reference is None or reference.schema is not target.schema:
        raise syntax_error(parser.path, str(words[where + 1]))
    target.insert = words[where]
    target.insert_ref = reference.key if target.schema.kind == "list" else reference.value
    return root
