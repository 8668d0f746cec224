"""Junos configuration schema compiled from the vendored Junos YANG.

`schema()` returns one process-wide Schema. Parsing the 3 MB of YANG takes over
a second, so the parsed statements are pickled once under ~/.cache (keyed by the
YANG files' sizes and mtimes); the schema nodes themselves are compiled lazily,
on first access, because a device only ever touches a small part of the tree.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from srxsim import yang
from srxsim.formats import cli_features

DATA_DIR = Path(__file__).parent / "data"
YANG_DIRS = (DATA_DIR / "yang", DATA_DIR / "yang-extra")
ROOT_MODULE = "junos-es-conf-root"
_CACHE_VERSION = "1"

_INT_BOUNDS = {
    "int8": (-(2**7), 2**7 - 1), "int16": (-(2**15), 2**15 - 1),
    "int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1),
    "uint8": (0, 2**8 - 1), "uint16": (0, 2**16 - 1),
    "uint32": (0, 2**32 - 1), "uint64": (0, 2**64 - 1),
}
_DATA_KEYWORDS = ("container", "list", "leaf", "leaf-list")
# Leaves Junos shows with `## SECRET-DATA`; the first two kinds are stored as $9$.
_SECRET_TYPEDEF = "unreadable"
_PSK_CONTAINERS = ("pre-shared-key",)
_HASHED_SECRET_LEAVES = ("encrypted-password",)


# Junos shows top-level hierarchies in DDL order, not module order; this is the
# order of tests/fixtures/junos-rpc-samples/get-configuration-vsrx-route-based-vpn.xml.
_TOP_ORDER = ("rcsid", "version", "groups", "apply-groups", "apply-macro", "system", "security",
              "interfaces", "routing-instances", "routing-options")


def _junos_top_order(found: dict) -> dict:
    ranked = sorted(found, key=lambda n: _TOP_ORDER.index(n) if n in _TOP_ORDER else len(_TOP_ORDER))
    return {name: found[name] for name in ranked}


def _bounds_of(expr: str, lo_default: float, hi_default: float) -> tuple[tuple[float, float], ...]:
    parts = []
    for part in expr.split("|"):
        bounds = [b.strip() for b in part.split("..")]
        lo = lo_default if bounds[0] == "min" else float(bounds[0])
        hi_text = bounds[-1]
        hi = hi_default if hi_text == "max" else float(hi_text)
        parts.append((lo, hi))
    return tuple(parts)


@dataclass(frozen=True)
class TypeSpec:
    """A resolved YANG type; `check` returns None or a Junos-style complaint."""

    base: str
    enums: tuple[str, ...] = ()
    ranges: tuple[tuple[float, float], ...] = ()
    lengths: tuple[tuple[float, float], ...] = ()
    patterns: tuple[str, ...] = ()
    members: tuple["TypeSpec", ...] = ()
    unreadable: bool = False

    def check(self, value: str) -> str | None:
        if self.base == "empty":
            return None if value == "" else "value not allowed for an empty statement"
        if self.base == "union":
            problems = [m.check(value) for m in self.members]
            if any(p is None for p in problems):
                return None
            # Junos unions add a string member for `$variables`; its complaint says least.
            typed = [p for m, p in zip(self.members, problems) if not (m.base == "string" and m.patterns)]
            return (typed or problems)[0]
        if self.base == "enumeration":
            return None if value in self.enums else f"invalid value: {value}"
        if self.base in _INT_BOUNDS:
            if not re.fullmatch(r"[+-]?\d+", value):
                return f"number expected: {value}"
            number = int(value)
            lo, hi = _INT_BOUNDS[self.base]
            ranges = self.ranges or ((lo, hi),)
            if not any(a <= number <= b for a, b in ranges):
                shown = ", ".join(f"{int(a)}..{int(b)}" for a, b in ranges)
                return f"Value {value} is not within range ({shown})"
            return None
        if self.base == "decimal64":
            if not re.fullmatch(r"[+-]?\d+(\.\d+)?", value):
                return f"number expected: {value}"
            return None
        if self.lengths and not any(a <= len(value) <= b for a, b in self.lengths):
            shown = ", ".join(f"{int(a)}..{int(b)}" for a, b in self.lengths)
            return f"Length {len(value)} is not within range ({shown})"
        for pattern in self.patterns:
            if not re.fullmatch(pattern, value):
                return f"value does not match pattern: {value}"
        return None


class SchemaNode:
    """One data node (container, list, leaf, leaf-list) of the configuration schema."""

    def __init__(self, schema: "Schema", kind: str, name: str, module: str, stmts: tuple,
                 parent: "SchemaNode | None", choices: tuple[tuple[str, str], ...] = (), source: str = ""):
        self.schema = schema
        self.source = source            # cli_features.statement_key of the defining statement
        self.kind = kind
        self.name = name
        self.module = module
        self._stmts = stmts
        self.parent = parent
        self.choices = choices          # ((choice name, case name), ...) from outermost
        self.index = 0                  # position among the parent's children (YANG order)

    def __repr__(self) -> str:
        return f"<SchemaNode {self.kind} {self.path_str()}>"

    def _sub(self, keyword: str) -> str | None:
        for sub in self._stmts:
            if sub[0] == keyword:
                return sub[1]
        return None

    @cached_property
    def keys(self) -> tuple[str, ...]:
        key = self._sub("key") if self.kind == "list" else None
        return tuple(key.split()) if key else ()

    @cached_property
    def user_ordered(self) -> bool:
        return self._sub("ordered-by") == "user"

    @cached_property
    def presence(self) -> bool:
        return self.kind == "container" and self._sub("presence") is not None

    @cached_property
    def mandatory(self) -> bool:
        return self._sub("mandatory") == "true"

    @cached_property
    def type(self) -> TypeSpec | None:
        if self.kind not in ("leaf", "leaf-list"):
            return None
        for sub in self._stmts:
            if sub[0] == "type":
                return self.schema.resolve_type(sub, self.module)
        raise ValueError(f"leaf {self.name} has no type")

    @cached_property
    def secret(self) -> bool:
        """Shown with `## SECRET-DATA` (and never echoed in errors)."""
        return self.encrypted or self.name in _HASHED_SECRET_LEAVES

    @cached_property
    def encrypted(self) -> bool:
        """Stored as `$9$` (plaintext is obfuscated on load)."""
        if self.kind != "leaf":
            return False
        in_psk = self.parent is not None and self.parent.name in _PSK_CONTAINERS
        return in_psk or bool(self.type and self.type.unreadable)

    @cached_property
    def cli_features(self) -> frozenset[str]:
        """Junos DDL display flags (nokeyword, homogeneous, oneliner, oneliner-plus)."""
        found = set(cli_features.table().get(self.source, ()))
        for keyword, arg, _ in self._stmts:
            if keyword == cli_features.FEATURE_KEYWORD:
                found.add(arg)                      # srxsim's own modules say it inline
            elif keyword == "uses":                 # flags of a used grouping apply to the user
                owner, local = self.schema.qualify(arg, self.module)
                found.update(cli_features.table().get(cli_features.statement_key(owner, f"grouping {local}"), ()))
        return frozenset(found)

    @cached_property
    def cli_name(self) -> str:
        """The CLI keyword (set and text formats); `name` is the XML element name."""
        return cli_features.CLI_NAMES.get(self.name, self.name)

    @cached_property
    def nokeyword(self) -> bool:
        """A leaf whose value follows its parent's words directly (list keys always do)."""
        if self.kind != "leaf" or "nokeyword" not in self.cli_features:
            return False
        return not (self.parent is not None and self.parent.kind == "list" and self.name in self.parent.keys)

    @cached_property
    def children(self) -> dict[str, "SchemaNode"]:
        found: dict[str, SchemaNode] = {}
        self._collect(self._stmts, self.module, (), found, self.source)
        for module, stmts, base in self.schema.augments.get(tuple(self.path()), ()):
            self._collect(stmts, module, (), found, base)
        if self.parent is None:
            found = _junos_top_order(found)
        for index, node in enumerate(found.values()):
            node.index = index
        return found

    @cached_property
    def nokeyword_child(self) -> "SchemaNode | None":
        return next((c for c in self.children.values() if c.nokeyword), None)

    @cached_property
    def cli_children(self) -> dict[str, "SchemaNode"]:
        return {node.cli_name: node for node in self.children.values()}

    def _collect(self, stmts: tuple, module: str, choices: tuple, found: dict, base: str) -> None:
        for keyword, arg, subs in stmts:
            if keyword in _DATA_KEYWORDS:
                if arg not in found:
                    found[arg] = SchemaNode(self.schema, keyword, arg, module, subs, self, choices,
                                            f"{base}/{arg}")
            elif keyword == "uses":
                group_module, group = self.schema.grouping(arg, module)
                local = self.schema.qualify(arg, module)[1]
                self._collect(group, group_module, choices, found,
                              cli_features.statement_key(group_module, f"grouping {local}"))
            elif keyword == "choice":
                for case_kw, case_arg, case_subs in subs:
                    if case_kw == "case":
                        self._collect(case_subs, module, choices + ((arg, case_arg),), found, base)
                    elif case_kw in _DATA_KEYWORDS:     # shorthand case: the node is its own case
                        self._collect(((case_kw, case_arg, case_subs),), module,
                                      choices + ((arg, case_arg),), found, base)

    def child(self, name: str) -> "SchemaNode | None":
        """The child with this XML (YANG) name."""
        return self.children.get(name)

    def cli_child(self, word: str) -> "SchemaNode | None":
        """The child with this CLI keyword (set and text formats)."""
        return self.cli_children.get(word)

    def path(self) -> list[str]:
        names = []
        node = self
        while node.parent is not None:
            names.append(node.name)
            node = node.parent
        return names[::-1]

    def path_str(self) -> str:
        return "/" + "/".join(self.path())

    def find(self, *names: str) -> "SchemaNode":
        node = self
        for name in names:
            nxt = node.child(name)
            if nxt is None:
                raise KeyError(f"no schema node {name!r} under {node.path_str()}")
            node = nxt
        return node


class Schema:
    """The compiled configuration schema (root = <configuration>)."""

    def __init__(self, modules: dict[str, yang.Statement]):
        self.modules = modules
        self._prefixes: dict[str, dict[str, str]] = {}
        self._groupings: dict[str, dict[str, tuple]] = {}
        self._typedefs: dict[str, dict[str, tuple]] = {}
        self._type_cache: dict[tuple, TypeSpec] = {}
        self.augments: dict[tuple[str, ...], list[tuple[str, tuple, str]]] = {}
        for name, (_, _, subs) in modules.items():
            prefixes = {}
            groupings, typedefs = {}, {}
            for keyword, arg, body in subs:
                if keyword == "prefix":
                    prefixes[arg] = name
                elif keyword == "import":
                    prefix = next(a for k, a, _ in body if k == "prefix")
                    prefixes[prefix] = arg
                elif keyword == "grouping":
                    groupings[arg] = body
                elif keyword == "typedef":
                    typedefs[arg] = body
            self._prefixes[name] = prefixes
            self._groupings[name] = groupings
            self._typedefs[name] = typedefs
        root_stmt = next(s for s in modules[ROOT_MODULE][2] if s[0] == "container")
        self.root = SchemaNode(self, "container", "configuration", ROOT_MODULE, root_stmt[2], None,
                               source=cli_features.statement_key(ROOT_MODULE, "container configuration"))
        for name, (_, _, subs) in modules.items():
            for keyword, arg, body in subs:
                if keyword == "augment":
                    self._augment(name, arg, body)

    def qualify(self, qname: str, module: str) -> tuple[str, str]:
        if ":" in qname:
            prefix, local = qname.split(":", 1)
            return self._prefixes[module][prefix], local
        return module, qname

    def _augment(self, module: str, target: str, body: tuple) -> None:
        steps = [self.qualify(step, module)[1] for step in target.strip("/").split("/")]
        if steps[0] == "configuration":
            base = cli_features.statement_key(module, f"augment {target}")
            self.augments.setdefault(tuple(steps[1:]), []).append((module, body, base))

    def grouping(self, qname: str, module: str) -> tuple[str, tuple]:
        owner, local = self.qualify(qname, module)
        return owner, self._groupings[owner][local]

    def resolve_type(self, type_stmt: tuple, module: str) -> TypeSpec:
        key = (id(type_stmt), module)
        spec = self._type_cache.get(key)
        if spec is None:
            spec = self._build_type(type_stmt, module)
            self._type_cache[key] = spec
        return spec

    def _build_type(self, type_stmt: tuple, module: str) -> TypeSpec:
        _, name, subs = type_stmt
        owner, local = self.qualify(name, module)
        if local in self._typedefs.get(owner, {}):
            inner = next(s for s in self._typedefs[owner][local] if s[0] == "type")
            base = self.resolve_type(inner, owner)
            return TypeSpec(**{**base.__dict__, "unreadable": base.unreadable or local == _SECRET_TYPEDEF})
        enums, ranges, lengths, patterns, members = [], (), (), [], []
        lo, hi = _INT_BOUNDS.get(local, (float("-inf"), float("inf")))
        for sub in subs:
            keyword, arg = sub[0], sub[1]
            if keyword == "enum":
                enums.append(arg)
            elif keyword == "range":
                ranges = _bounds_of(arg, lo, hi)
            elif keyword == "length":
                lengths = _bounds_of(arg, 0, float("inf"))
            elif keyword == "pattern":
                patterns.append(arg)
            elif keyword == "type":
                members.append(self.resolve_type(sub, module))
        return TypeSpec(local, tuple(enums), ranges, lengths, tuple(patterns), tuple(members))


def _yang_files() -> list[Path]:
    return sorted(p for d in YANG_DIRS if d.is_dir() for p in d.rglob("*.yang"))


def _cache_path(files: list[Path]) -> Path:
    digest = hashlib.sha256(_CACHE_VERSION.encode())
    digest.update(Path(yang.__file__).read_bytes())     # a parser change invalidates the cache
    for path in files:
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "srxsim" / f"yang-{digest.hexdigest()[:16]}.pickle"


def _load_modules() -> dict[str, yang.Statement]:
    files = _yang_files()
    cache = _cache_path(files)
    try:
        with cache.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    modules = yang.parse_files(files)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(modules, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(cache)      # atomic: parallel test workers never read half a file
    except OSError:
        pass                    # a read-only home only costs the parse time
    return modules


_SCHEMA: Schema | None = None
_LOCK = threading.Lock()


def schema() -> Schema:
    """The process-wide schema (parsed once, shared by every device)."""
    global _SCHEMA
    with _LOCK:
        if _SCHEMA is None:
            _SCHEMA = Schema(_load_modules())
        return _SCHEMA
