"""A minimal YANG reader for tests: enough to check the schema against the vendored Junos YANG.

It parses statements, expands `uses` groupings and `augment /jc:configuration`, and flattens
`choice`/`case` (they have no XML element). It does not validate YANG; pyang did that upstream.
"""
import functools
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
YANG_DIR = REPO / "lab" / "srxsim" / "data" / "yang" / "junos-es" / "conf"
MODULES = ("security", "interfaces", "routing-options")

_TOKEN = re.compile(r'''\s+|//[^\n]*|/\*.*?\*/|"((?:[^"\\]|\\.)*)"|'([^']*)'|([{};])|([^\s{};"']+)''', re.S)


class Node:
    __slots__ = ("keyword", "arg", "children")

    def __init__(self, keyword, arg):
        self.keyword, self.arg, self.children = keyword, arg, []

    def find(self, keyword, arg=None):
        return [c for c in self.children if c.keyword == keyword and (arg is None or c.arg == arg)]

    def first(self, keyword):
        found = self.find(keyword)
        return found[0] if found else None


def _tokens(text):
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise ValueError(f"YANG tokenizer stuck at {text[pos:pos + 40]!r}")
        pos = match.end()
        dq, sq, punct, word = match.groups()
        if dq is not None:
            yield ("str", dq)
        elif sq is not None:
            yield ("str", sq)
        elif punct:
            yield ("punct", punct)
        elif word:
            yield ("str", word)


def parse(text):
    root = Node("root", None)
    stack, words = [root], []
    for kind, value in _tokens(text):
        if kind == "punct":
            # "a" + "b" string concatenation
            parts = [w for w in words if w != "+"]
            node = Node(parts[0], " ".join(parts[1:]) if len(parts) > 1 else None) if parts else None
            words = []
            if value == "{":
                stack[-1].children.append(node)
                stack.append(node)
            elif value == ";":
                stack[-1].children.append(node)
            else:
                stack.pop()
        else:
            words.append(value)
    return root


@functools.lru_cache(maxsize=None)
def _module(name):
    path = next(YANG_DIR.glob(f"junos-es-conf-{name}@*.yang"))
    module = parse(path.read_text()).children[0]
    return module, {g.arg: g for g in module.find("grouping")}


def _expand(node, groupings):
    """Children of node with uses/choice/case flattened."""
    out = []
    for child in node.children:
        if child.keyword == "uses":
            out.extend(_expand(groupings[child.arg.split(":")[-1]], groupings))
        elif child.keyword in ("choice", "case"):
            out.extend(_expand(child, groupings))
        else:
            out.append(child)
    return out


def lookup(path):
    """The YANG node at an XML path like 'security/ike/proposal/dh-group', with its groupings."""
    parts = path.strip("/").split("/")
    for name in MODULES:
        module, groupings = _module(name)
        level = []
        for augment in module.find("augment", "/jc:configuration"):
            level.extend(_expand(augment, groupings))
        node = None
        for part in parts:
            node = next((c for c in level if c.arg == part and c.keyword in (
                "container", "list", "leaf", "leaf-list")), None)
            if node is None:
                break
            level = _expand(node, groupings)
        if node is not None:
            return node, groupings
    raise KeyError(path)


def type_of(node, groupings):
    """('enumeration', [values]) | ('range', (lo, hi)) | (typename, None) for a leaf."""
    ytype = node.first("type")
    if ytype is None:
        return ("empty-container", None)
    types = ytype.find("type") if ytype.arg == "union" else [ytype]
    for t in types:
        if t.arg == "enumeration":
            return ("enumeration", [e.arg for e in t.find("enum")])
        rng = t.first("range")
        if rng is not None and t.arg.startswith(("uint", "int")):
            lo, hi = (int(x) for x in rng.arg.replace(" ", "").split(".."))
            return ("range", (lo, hi))
    return (ytype.arg, None)
