"""RPC registry, dispatch and Junos-shaped replies.

Other parts of the lab plug in here:

    @register("get-ike-security-associations-information")
    def handler(ctx, request): ...      # -> Element | list[Element] | str | None (None means <ok/>)

    @register_command("show security ike")
    def show_ike(ctx, command_text, fmt): ...   # fmt "text" | "xml"; -> Element | str

``ctx`` carries ``device``, ``session`` and ``lab``. Raise :class:`RpcError`
for a Junos ``rpc-error``. Replies copy the layout of the genuine vSRX
captures in tests/fixtures/junos-rpc-samples/.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable, Iterable

from lxml import etree

NC_NS = "urn:ietf:params:xml:ns:netconf:base:1.0"
JUNOS_VERSION = "24.4R1.9"
JUNOS_NS = "http://xml.juniper.net/junos/%s/junos" % JUNOS_VERSION

Handler = Callable[[Any, etree._Element], Any]
CommandHandler = Callable[[Any, str, str], Any]

_HANDLERS: dict[str, Handler] = {}
_COMMANDS: dict[str, CommandHandler] = {}


def register(rpc_name: str) -> Callable[[Handler], Handler]:
    """Register the handler of one RPC, by its element name (namespace ignored, as Junos does)."""
    def decorate(handler: Handler) -> Handler:
        if rpc_name in _HANDLERS and _HANDLERS[rpc_name] is not handler:
            raise ValueError("RPC %r is registered twice" % rpc_name)
        _HANDLERS[rpc_name] = handler
        return handler
    return decorate


def register_command(prefix: str) -> Callable[[CommandHandler], CommandHandler]:
    """Register a handler for ``<command>`` texts starting with prefix (longest prefix wins)."""
    key = " ".join(prefix.split())

    def decorate(handler: CommandHandler) -> CommandHandler:
        if key in _COMMANDS and _COMMANDS[key] is not handler:
            raise ValueError("command %r is registered twice" % key)
        _COMMANDS[key] = handler
        return handler
    return decorate


def handler_for(rpc_name: str) -> Handler | None:
    return _HANDLERS.get(rpc_name)


def command_handler(command_text: str) -> tuple[CommandHandler, str] | None:
    """The handler whose prefix matches most words of command_text, and the normalised text."""
    words = command_text.split()
    for length in range(len(words), 0, -1):
        found = _COMMANDS.get(" ".join(words[:length]))
        if found is not None:
            return found, " ".join(words)
    return None


@dataclasses.dataclass
class RpcError(Exception):
    """One Junos rpc-error; fields follow the NETCONF/Junos element names."""

    message: str
    error_type: str = "protocol"
    error_tag: str = "operation-failed"
    severity: str = "error"
    path: str | None = None
    bad_element: str | None = None
    session_id: int | None = None
    more: list["RpcError"] = dataclasses.field(default_factory=list)

    def __str__(self) -> str:
        return self.message

    @classmethod
    def from_junos(cls, error: Any) -> "RpcError":
        """Adopt a srxsim.config JunosError (or anything with the same attributes)."""
        return cls(
            message=getattr(error, "message", str(error)),
            error_type=getattr(error, "error_type", None) or "protocol",
            error_tag=getattr(error, "error_tag", None) or "operation-failed",
            severity=getattr(error, "severity", None) or "error",
            path=getattr(error, "path", None),
            bad_element=getattr(error, "bad_element", None) or getattr(error, "element", None),
        )

    def all(self) -> list["RpcError"]:
        return [self, *self.more]


def errors_from(errors: Iterable[Any]) -> list[RpcError]:
    return [e if isinstance(e, RpcError) else RpcError.from_junos(e) for e in errors]


def render_error(error: RpcError) -> etree._Element:
    """``<rpc-error>`` in the NETCONF namespace (ncclient looks for it there)."""
    node = etree.Element(etree.QName(NC_NS, "rpc-error"))

    def leaf(name: str, text: str) -> etree._Element:
        child = etree.SubElement(node, etree.QName(NC_NS, name))
        child.text = text
        return child

    leaf("error-type", error.error_type)
    leaf("error-tag", error.error_tag)
    leaf("error-severity", error.severity)
    if error.path:
        leaf("error-path", error.path)
    leaf("error-message", error.message)
    if error.bad_element or error.session_id is not None:
        info = etree.SubElement(node, etree.QName(NC_NS, "error-info"))
        if error.bad_element:
            etree.SubElement(info, etree.QName(NC_NS, "bad-element")).text = error.bad_element
        if error.session_id is not None:
            etree.SubElement(info, etree.QName(NC_NS, "session-id")).text = str(error.session_id)
    return node


def ok_element() -> etree._Element:
    return etree.Element(etree.QName(NC_NS, "ok"))


def new_element(tag: str, text: str | None = None, **attrib: str) -> etree._Element:
    """A reply element in no namespace, as Junos writes its payload."""
    node = etree.Element(tag, {k.replace("_", "-"): v for k, v in attrib.items()})
    if text is not None:
        node.text = text
    return node


def junos_attr(name: str) -> str:
    """Qualified name of a ``junos:`` attribute such as junos:style."""
    return "{%s}%s" % (JUNOS_NS, name)


def build_reply(payload: Iterable[etree._Element | str], message_id: str | None,
                prefixed: bool = True) -> bytes:
    """Serialise an rpc-reply like Junos: ``nc:`` prefixed when the request was.

    String payload items are character data (e.g. JSON configuration). With an
    unprefixed request, payload elements end up in the NETCONF namespace, exactly
    as an unprefixed Junos reply puts them there by inheritance.
    """
    nsmap = {"nc" if prefixed else None: NC_NS, "junos": JUNOS_NS}
    root = etree.Element(etree.QName(NC_NS, "rpc-reply"), nsmap=nsmap)
    if message_id is not None:
        root.set("message-id", message_id)
    root.text = "\n"
    last: etree._Element | None = None
    for item in payload:
        if isinstance(item, str):
            if last is None:
                root.text += item
            else:
                last.tail = (last.tail or "") + item
            continue
        if not prefixed:
            _adopt_namespace(item)
        _junos_layout(item)
        root.append(item)
        item.tail = "\n"
        last = item
    return etree.tostring(root, encoding="UTF-8")


def _junos_layout(element: etree._Element) -> None:
    """One element per line, no indentation: how Junos lays out its XML replies.

    A <configuration> is the exception: Junos indents it by four spaces.
    """
    if not isinstance(element.tag, str):
        return
    if localname(element) == "configuration":
        tail = element.tail
        etree.indent(element, space="    ")
        element.tail = tail
        return
    if len(element) and not (element.text or "").strip():
        element.text = "\n"
        for child in element:
            if not (child.tail or "").strip():
                child.tail = "\n"
    for child in element:
        _junos_layout(child)


def _adopt_namespace(node: etree._Element) -> None:
    for element in node.iter():
        if isinstance(element.tag, str) and not element.tag.startswith("{"):
            element.tag = "{%s}%s" % (NC_NS, element.tag)


def localname(node: etree._Element) -> str:
    return etree.QName(node).localname
