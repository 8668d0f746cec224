"""get-software-information and the `<command>` RPC with its configuration-plane commands.

`<command>` text goes to the handler registered for its longest matching prefix
(srxsim.rpc.register_command); pipes `| display set`, `| display xml`,
`| no-more`, `| match RE`, `| except RE`, `| count` are applied here.
"""
from __future__ import annotations

import re

from lxml import etree

from srxsim import config as cfgmod
from srxsim.formats.edit import Edit, WordParser
from srxsim.rpc import JUNOS_VERSION, RpcError, command_handler, new_element, register, register_command
from srxsim.rpcs_config import commit_information, configuration_payload, diff_payload

BUILD = "20241219.060016_builder_junos_244_r1"
KERNEL_BUILD = "20241104.1ed86e6_builder_bsd15_244"
# First packages of tests/fixtures/junos-rpc-samples/get-software-information-vsrx.xml, same order.
PACKAGES = [
    ("junos-hsm", "junos-hsm-x86-32-%s" % BUILD, "JUNOS hsm [%s]" % BUILD),
    ("os-kernel", "os-kernel-xen-x86-64-%s" % KERNEL_BUILD, "JUNOS OS Kernel 64-bit XEN [%s]" % KERNEL_BUILD),
    ("junos-modules", "junos-modules-x86-64-%s" % BUILD, "JUNOS modules [%s]" % BUILD),
    ("netstack", "junos-net-prd-x86-64-%s" % BUILD, "JUNOS network stack and utilities [%s]" % BUILD),
    ("junos-libs", "junos-libs-x86-64-%s" % BUILD, "JUNOS libs [%s]" % BUILD),
    ("junos-daemons-platform", "junos-daemons-srx-x86-64-%s" % BUILD, "JUNOS srx daemons [%s]" % BUILD),
    ("junos-daemons", "junos-daemons-x86-64-%s" % BUILD, "JUNOS daemons [%s]" % BUILD),
    ("junos-km", "junos-km-x86-32-%s" % BUILD, "JUNOS Key Manager [%s]" % BUILD),
    ("junos-runtime-vsrx", "junos-runtime-vsrx-x86-32-%s" % BUILD, "JUNOS vsrx runtime [%s]" % BUILD),
]
_PIPE = re.compile(r"\s*\|\s*")


@register("get-software-information")
def get_software_information(ctx, request):
    info = new_element("software-information")
    for tag, text in (("host-name", ctx.device.hostname), ("product-model", "vSRX"), ("product-name", "vsrx"),
                      ("os-name", "junos-es"), ("junos-version", JUNOS_VERSION)):
        etree.SubElement(info, tag).text = text
    for name, package, comment in PACKAGES:
        entry = etree.SubElement(info, "package-information")
        etree.SubElement(entry, "name").text = name
        etree.SubElement(entry, "package-name").text = package
        etree.SubElement(entry, "comment").text = comment
    return info


def _version_text(ctx) -> str:
    lines = ["Hostname: %s" % ctx.device.hostname, "Model: vsrx", "Junos: %s" % JUNOS_VERSION]
    lines += ["%s" % comment for _, _, comment in PACKAGES]
    return "\n".join(lines) + "\n"


@register_command("show version")
def show_version(ctx, command_text, fmt):
    if fmt == "xml":
        return get_software_information(ctx, None)
    return _version_text(ctx)


@register_command("show system commit")
def show_system_commit(ctx, command_text, fmt):
    info = commit_information(ctx.device)
    if fmt == "xml":
        return info
    lines = []
    for entry in info.iter("commit-history"):
        line = "%s   %s by %s via %s" % (entry.findtext("sequence-number"), entry.findtext("date-time"),
                                         entry.findtext("user"), entry.findtext("client"))
        lines.append(line)
        if entry.findtext("log"):
            lines.append("    %s" % entry.findtext("log"))
    return "\n".join(lines) + "\n"


def _path_filter(words: list[str]) -> tuple[etree._Element, int, str | None]:
    """A subtree filter for `show configuration a b c`, the levels it descends, and the
    name of a list named without key at its end (shown without its `name {` wrapper).

    The words are parsed by the datastore's own CLI parser (so `interfaces ge-0/0/0`
    works as on Junos); words the schema does not know are a syntax error.
    """
    root = Edit(cfgmod.schema().root)
    whole_list = None
    try:
        WordParser(list(words), [], for_delete=True).parse(root)
    except cfgmod.ConfigError as exc:
        # `... security-zone untrust interfaces`: a list named without a key shows all entries
        root = Edit(cfgmod.schema().root)
        try:
            inner = WordParser(list(words[:-1]), [], for_delete=True).parse(root)
        except cfgmod.ConfigError:
            inner = None
        whole_list = inner.schema.cli_child(words[-1]) if inner is not None else None
        if whole_list is None or whole_list.kind != "list":
            raise RpcError.from_junos(exc.errors[0]) from None
    flt = etree.Element("configuration")
    node, edit, levels = flt, root, 0
    while edit.children:
        edit = edit.children[0]
        node = etree.SubElement(node, edit.schema.name)
        if edit.schema.kind == "list":
            for key_name, key_value in zip(edit.schema.keys, edit.key):
                etree.SubElement(node, key_name).text = key_value
        if edit.schema.kind in ("container", "list"):
            levels += 1
    if whole_list is not None:
        etree.SubElement(node, whole_list.name)
        return flt, levels, whole_list.name
    return flt, levels, None


def _strip_levels(text: str, levels: int) -> str:
    """Show the hierarchy relative to the requested path, as Junos does."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return "\n"  # nothing configured there: Junos answers with an empty output
    for _ in range(levels):
        if len(lines) < 2 or not lines[0].endswith("{") or lines[-1].strip() != "}":
            return "\n"  # the path exists in the schema but holds nothing
        lines = [line[4:] if line.startswith("    ") else line for line in lines[1:-1]]
    return "\n".join(lines) + "\n" if lines else ""


@register_command("show configuration")
def show_configuration(ctx, command_text, fmt, display: str | None = None):
    device = ctx.device
    words = command_text.split()[2:]
    if words[:1] == ["|"]:
        words = []
    if display == "compare" or words[:2] == ["|", "compare"]:
        return diff_payload(device.committed, device.candidate_for(ctx.session))
    cfg = device.committed
    levels, whole_list = 0, None
    if words:
        flt, levels, whole_list = _path_filter(words)
        cfg = cfg.subtree(flt)
    if fmt == "xml":
        return configuration_payload(ctx, cfg, "xml", committed=True)[0]
    if display == "set":
        return new_element("configuration-output", cfg.to_set())
    if fmt == "set":
        return new_element("configuration-set", cfg.to_set())
    if fmt == "json":
        return cfg.to_json()
    text = cfg.to_text()
    if levels:
        text = _strip_levels(text, levels)
        if whole_list and text.startswith(whole_list + " {\n"):
            text = _strip_levels(text, 1)
    else:
        text = configuration_payload(ctx, cfg, "text", committed=True)[0].text
    return new_element("configuration-output", text)


@register("command")
def command(ctx, request):
    text = (request.text or "").strip()
    fmt = (request.get("format") or "xml").lower()
    if fmt == "ascii":
        fmt = "text"
    parts = _PIPE.split(text)
    base, pipes = parts[0], [p.split() for p in parts[1:] if p]
    display = None
    filters = []
    for pipe in pipes:
        if pipe[:2] == ["display", "set"]:
            display = "set"
        elif pipe[:2] == ["display", "xml"]:
            fmt = "xml"
        elif pipe[:1] == ["compare"]:
            display = "compare"
        elif pipe[:1] in (["match"], ["except"]) and len(pipe) > 1:
            filters.append((pipe[0], re.compile(" ".join(pipe[1:]))))
        elif pipe[:1] in (["no-more"], ["count"]):
            filters.append((pipe[0], None))
        else:
            raise RpcError("syntax error", bad_element=" ".join(pipe))
    found = command_handler(base)
    if found is None:
        raise RpcError("syntax error, expecting <command>", bad_element=base.split()[-1] if base else "command")
    handler, normalised = found
    if handler is show_configuration:
        result = show_configuration(ctx, normalised, fmt, display=display)
    else:
        result = handler(ctx, normalised, fmt)
    if isinstance(result, str):
        result = new_element("output", result)
    if filters and result.text is not None and len(result) == 0:
        result.text = _apply_filters(result.text, filters)
    return result


def _apply_filters(text: str, filters: list) -> str:
    lines = text.splitlines()
    for kind, pattern in filters:
        if kind == "match":
            lines = [line for line in lines if pattern.search(line)]
        elif kind == "except":
            lines = [line for line in lines if not pattern.search(line)]
        elif kind == "count":
            lines = ["Count: %d lines" % len(lines)]
    return "\n".join(lines) + "\n"
