"""Configuration RPCs: Junos (get/load/commit-configuration, ...) and NETCONF standard ops.

Reply shapes follow tests/fixtures/junos-rpc-samples/ (commit-results with
routing-engine, load-configuration-results, configuration-information with
configuration-output for compare) and the Junos XML API reference.
"""
from __future__ import annotations

from lxml import etree

from srxsim import config as cfgmod
from srxsim.history import format_time
from srxsim.rpc import (NC_NS, RpcError, junos_attr, localname, new_element, ok_element, register,
                        render_error)

FORMATS = ("xml", "text", "set", "json")
LOAD_ACTIONS = ("merge", "replace", "override", "update", "set")


def option(request: etree._Element, name: str) -> str | None:
    """An RPC option given as attribute or as child element (Junos accepts both)."""
    if request.get(name) is not None:
        return request.get(name)
    for child in request:
        if isinstance(child.tag, str) and localname(child) == name:
            return (child.text or "").strip() or ""
    return None


def child(request: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in request if isinstance(c.tag, str) and localname(c) == name), None)


def _strip_namespaces(element: etree._Element) -> etree._Element:
    """Junos ignores namespaces on configuration; edit-config puts `operation` in the NETCONF one."""
    copy = etree.fromstring(etree.tostring(element))
    for node in copy.iter():
        if not isinstance(node.tag, str):
            continue
        node.tag = localname(node)
        for name in [n for n in node.attrib if n.startswith("{%s}" % NC_NS)]:
            node.set(etree.QName(name).localname, node.attrib.pop(name))
    etree.cleanup_namespaces(copy)
    return copy


def _int_option(value: str | None, name: str, low: int, high: int, default: int | None = None) -> int | None:
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise RpcError("invalid value for %s: '%s' is not a number" % (name, value),
                       error_type="application", error_tag="invalid-value", bad_element=name) from None
    if not low <= number <= high:
        raise RpcError("invalid value for %s: %d is out of range (%d..%d)" % (name, number, low, high),
                       error_type="application", error_tag="invalid-value", bad_element=name)
    return number


# ----- rendering ---------------------------------------------------------------------------------
def configuration_payload(ctx, cfg: "cfgmod.Configuration", fmt: str, committed: bool,
                          full: bool = True) -> list:
    """Configuration in one format, with the junos: commit/changed attributes of Junos."""
    record = ctx.device.history.get(0)
    if fmt == "xml":
        element = cfg.to_xml()
        if ctx.device.rfc_compliant():
            element = yang_namespaced(element)
        if committed:
            element.set(junos_attr("commit-seconds"), str(int(record.time)))
            element.set(junos_attr("commit-localtime"), format_time(record.time))
            element.set(junos_attr("commit-user"), record.user)
        else:
            element.set(junos_attr("changed-seconds"), str(int(ctx.device.changed_at)))
            element.set(junos_attr("changed-localtime"), format_time(ctx.device.changed_at))
        return [element]
    if fmt == "text":
        text = cfg.to_text()
        if committed and full:
            text = "## Last commit: %s by %s\n%s" % (format_time(record.time), record.user, text)
        elif full:
            text = "## Last changed: %s\n%s" % (format_time(ctx.device.changed_at), text)
        return [new_element("configuration-text", text)]
    if fmt == "set":
        return [new_element("configuration-set", cfg.to_set())]
    return ["\n" + cfg.to_json() + "\n"]


def yang_namespaced(configuration: etree._Element) -> etree._Element:
    """With `netconf rfc-compliant`, Junos qualifies configuration by YANG module
    (tests/fixtures/junos-rpc-samples/get-configuration-vsrx-route-based-vpn.xml)."""
    root_schema = cfgmod.schema().root
    result = etree.Element(etree.QName(_yang_namespace(root_schema.module), "configuration"),
                           nsmap={None: _yang_namespace(root_schema.module)})
    for child in configuration:
        child_schema = root_schema.child(child.tag) if isinstance(child.tag, str) else None
        namespace = _yang_namespace(child_schema.module if child_schema else root_schema.module)
        copy = etree.fromstring(etree.tostring(child))
        for node in copy.iter():
            if isinstance(node.tag, str):
                node.tag = etree.QName(namespace, node.tag).text
        if namespace == _yang_namespace(root_schema.module):
            result.append(copy)
        else:  # declare the module namespace as default on the top-level element, as Junos does
            holder = etree.SubElement(result, copy.tag, nsmap={None: namespace})
            holder.text, holder[:] = copy.text, list(copy)
    return result


def _yang_namespace(module: str) -> str:
    return "http://yang.juniper.net/junos-es/conf/" + module.rsplit("-conf-", 1)[-1]


def diff_payload(old: "cfgmod.Configuration", new: "cfgmod.Configuration") -> etree._Element:
    info = new_element("configuration-information")
    output = etree.SubElement(info, "configuration-output")
    output.text = "\n" + cfgmod.compare(old, new)
    return info


def _format(request: etree._Element) -> str:
    fmt = (option(request, "format") or "xml").lower()
    if fmt == "ascii":
        fmt = "text"
    if fmt not in FORMATS:
        raise RpcError("invalid value for format: '%s' (xml, text, set or json)" % fmt,
                       error_type="application", error_tag="invalid-value", bad_element="format")
    return fmt


# ----- reading -----------------------------------------------------------------------------------
@register("get-configuration")
def get_configuration(ctx, request):
    fmt = _format(request)
    session = ctx.session
    if option(request, "compare") == "rollback":
        index = _int_option(option(request, "rollback"), "rollback", 0, 49, default=0)
        return diff_payload(ctx.device.rollback_config(index), ctx.device.candidate_for(session))
    database = (option(request, "database") or "candidate").lower()
    if database not in ("candidate", "committed"):
        raise RpcError("invalid value for database: '%s' (candidate or committed)" % database,
                       error_type="application", error_tag="invalid-value", bad_element="database")
    committed = database == "committed"
    cfg = ctx.device.committed if committed else ctx.device.candidate_for(session)
    selection = child(request, "configuration")
    if selection is not None and len(selection):
        cfg = cfg.subtree(_strip_namespaces(selection))
    return configuration_payload(ctx, cfg, fmt, committed, full=selection is None or not len(selection))


def _datastore(request: etree._Element, which: str) -> str:
    holder = child(request, which)
    store = next((localname(c) for c in holder if isinstance(c.tag, str)), None) if holder is not None else None
    if store not in ("candidate", "running"):
        raise RpcError("%s must name the candidate or running datastore" % which, error_type="protocol",
                       error_tag="invalid-value" if store else "missing-element", bad_element=store or which)
    return store


def _filtered(ctx, request, source: str) -> etree._Element:
    cfg = ctx.device.committed if source == "running" else ctx.device.candidate_for(ctx.session)
    flt = child(request, "filter")
    if flt is not None:
        if (flt.get("type") or "subtree") != "subtree":
            raise RpcError("only subtree filters are supported", error_type="protocol",
                           error_tag="operation-not-supported", bad_element="filter")
        selection = child(flt, "configuration")
        if selection is None:
            return new_element("data")
        if len(selection):
            cfg = cfg.subtree(_strip_namespaces(selection))
    data = new_element("data")
    data.extend(configuration_payload(ctx, cfg, "xml", source == "running"))
    return data


@register("get-config")
def get_config(ctx, request):
    return _filtered(ctx, request, _datastore(request, "source"))


@register("get")
def get(ctx, request):
    return _filtered(ctx, request, "running")


# ----- locks and private databases ---------------------------------------------------------------
@register("lock-configuration")
def lock_configuration(ctx, request):
    ctx.device.lock(ctx.session)


@register("unlock-configuration")
def unlock_configuration(ctx, request):
    ctx.device.unlock(ctx.session)


@register("lock")
def lock(ctx, request):
    _datastore(request, "target")
    ctx.device.lock(ctx.session)


@register("unlock")
def unlock(ctx, request):
    _datastore(request, "target")
    ctx.device.unlock(ctx.session)


@register("open-configuration")
def open_configuration(ctx, request):
    if child(request, "private") is not None:
        ctx.device.open_private(ctx.session)
    elif child(request, "exclusive") is not None:
        ctx.device.lock(ctx.session)
    else:
        raise RpcError("open-configuration supports <private/> or <exclusive/>", error_type="protocol",
                       error_tag="operation-not-supported", bad_element="open-configuration")


@register("close-configuration")
def close_configuration(ctx, request):
    session = ctx.session
    if session.private is not None:
        ctx.device.close_private(session)
    elif ctx.device.lock_holder is session:
        ctx.device.unlock(session)
        ctx.device.discard(session)  # leaving exclusive mode drops uncommitted changes
    else:
        raise RpcError("Configuration database is not open")


# ----- editing -----------------------------------------------------------------------------------
def _load_payload(request: etree._Element, fmt: str, action: str):
    """The configuration carried by a load-configuration, and the format to parse it with."""
    for name, expected in (("configuration", "xml"), ("configuration-text", "text"),
                           ("configuration-set", "set"), ("configuration-json", "json")):
        node = child(request, name)
        if node is None:
            continue
        if expected == "xml":
            return _strip_namespaces(node), "xml"
        text = node.text or ""
        if expected == "text" and action == "set":
            return text, "set"
        return text, expected
    raise RpcError("load-configuration needs <configuration>, <configuration-text>, <configuration-set> "
                   "or a rollback attribute", error_type="protocol", error_tag="missing-element",
                   bad_element="configuration")


def load_results(errors: list[RpcError] | None = None, warnings: list[RpcError] = ()) -> etree._Element:
    """Errors alone, or the warnings followed by <ok/> (a load that succeeded)."""
    results = new_element("load-configuration-results")
    if errors:
        results.extend(render_error(e) for e in errors)
    else:
        results.extend(render_error(w) for w in warnings)
        results.append(ok_element())
    return results


@register("load-configuration")
def load_configuration(ctx, request):
    device, session = ctx.device, ctx.session
    rollback = option(request, "rollback")
    if rollback is not None:
        index = _int_option(rollback, "rollback", 0, 49)
        device.set_candidate(session, device.rollback_config(index))
        return load_results()
    action = (option(request, "action") or "merge").lower()
    if action not in LOAD_ACTIONS:
        raise RpcError("invalid value for action: '%s' (%s)" % (action, ", ".join(LOAD_ACTIONS)),
                       error_type="application", error_tag="invalid-value", bad_element="action")
    fmt = _format(request)
    if action == "set" and fmt not in ("text", "xml"):
        raise RpcError("action set requires format text", error_type="application",
                       error_tag="invalid-value", bad_element="action")
    if option(request, "url"):
        raise RpcError("loading from a url is not supported by srxsim", error_tag="operation-not-supported",
                       bad_element="url")
    payload, payload_fmt = _load_payload(request, fmt, action)
    try:
        warnings = device.load(session, payload, action if payload_fmt != "set" else "set", payload_fmt)
    except RpcError as exc:
        if exc.error_tag == "lock-denied":
            raise
        return load_results(exc.all())
    return load_results(warnings=warnings)


_DEFAULT_OPERATION = {"merge": "merge", "replace": "override", "none": "merge"}


@register("edit-config")
def edit_config(ctx, request):
    if _datastore(request, "target") != "candidate":
        raise RpcError("the running datastore is not writable; edit the candidate and commit",
                       error_tag="operation-not-supported", bad_element="running")
    default = (option(request, "default-operation") or "merge").lower()
    if default not in _DEFAULT_OPERATION:
        raise RpcError("invalid value for default-operation: '%s'" % default, error_type="protocol",
                       error_tag="invalid-value", bad_element="default-operation")
    config = child(request, "config")
    text_holder = child(request, "config-text")
    if config is not None and child(config, "configuration") is not None:
        payload, fmt = _strip_namespaces(child(config, "configuration")), "xml"
    elif text_holder is not None and child(text_holder, "configuration-text") is not None:
        payload, fmt = child(text_holder, "configuration-text").text or "", "text"
    else:
        raise RpcError("edit-config needs <config><configuration> or <config-text><configuration-text>",
                       error_tag="missing-element", bad_element="config")
    ctx.device.load(ctx.session, payload, _DEFAULT_OPERATION[default], fmt)


@register("discard-changes")
def discard_changes(ctx, request):
    ctx.device.discard(ctx.session)


@register("validate")
async def validate(ctx, request):
    source = child(request, "source")
    if source is not None:
        _datastore(request, "source")
    await ctx.device.check_delay()
    ctx.device.validate_candidate(ctx.session)


# ----- commit ------------------------------------------------------------------------------------
def commit_results(kind: str, warnings: list[RpcError]) -> list[etree._Element]:
    results = new_element("commit-results")
    results.extend(render_error(w) for w in warnings)
    engine = etree.SubElement(results, "routing-engine", {junos_attr("style"): "normal"})
    etree.SubElement(engine, "name").text = "re0"
    etree.SubElement(engine, kind)
    # Junos adds <ok/> after results carrying warnings so that clients do not treat them as errors
    return [results, ok_element()] if warnings else [results]


def _failed_commit(exc: RpcError) -> list[etree._Element]:
    if exc.error_tag == "lock-denied":
        raise exc
    results = new_element("commit-results")
    results.extend(render_error(e) for e in exc.all())
    return [results]


@register("commit-configuration")
async def commit_configuration(ctx, request):
    if option(request, "at-time"):
        raise RpcError("commit at a later time is not supported by srxsim", error_tag="operation-not-supported",
                       bad_element="at-time")
    check = option(request, "check") is not None
    confirmed = option(request, "confirmed") is not None
    minutes = _int_option(option(request, "confirm-timeout"), "confirm-timeout", 1, 65535, default=10)
    log_text = option(request, "log")
    try:
        warnings = await ctx.device.commit(ctx.session, check=check, log=log_text,
                                           confirmed_minutes=minutes if confirmed and not check else None)
    except RpcError as exc:
        return _failed_commit(exc)
    return commit_results("commit-check-success" if check else "commit-success", warnings)


@register("commit")
async def commit(ctx, request):
    """NETCONF <commit>: confirm-timeout in seconds (RFC 6241), rounded up to Junos minutes."""
    confirmed = child(request, "confirmed") is not None
    seconds = _int_option(option(request, "confirm-timeout"), "confirm-timeout", 1, 65535 * 60, default=600)
    try:
        await ctx.device.commit(ctx.session, confirmed_minutes=-(-seconds // 60) if confirmed else None)
    except RpcError as exc:
        return _failed_commit(exc)


# ----- history -----------------------------------------------------------------------------------
@register("get-rollback-information")
def get_rollback_information(ctx, request):
    device = ctx.device
    index = _int_option(option(request, "rollback"), "rollback", 0, 49, default=0)
    fmt = _format(request)
    info = new_element("rollback-information")
    info.append(ok_element())
    compare_to = option(request, "compare")
    if compare_to is not None:
        other = _int_option(compare_to, "compare", 0, 49)
        info.append(diff_payload(device.rollback_config(other), device.rollback_config(index)))
        return info
    cfg = device.rollback_config(index)
    if fmt == "xml":
        info.extend(configuration_payload(ctx, cfg, "xml", committed=False))
    else:
        wrapper = etree.SubElement(info, "configuration-information")
        output = etree.SubElement(wrapper, "configuration-output")
        output.text = cfg.to_set() if fmt == "set" else cfg.to_text()
    return info


@register("get-commit-information")
def get_commit_information(ctx, request):
    return commit_information(ctx.device)


def commit_information(device) -> etree._Element:
    info = new_element("commit-information")
    for index, record in enumerate(device.history.records):
        entry = etree.SubElement(info, "commit-history")
        etree.SubElement(entry, "sequence-number").text = str(index)
        etree.SubElement(entry, "user").text = record.user
        etree.SubElement(entry, "client").text = record.client
        etree.SubElement(entry, "date-time", {junos_attr("seconds"): str(int(record.time))}).text = \
            format_time(record.time)
        comment = record.log
        if index == 0 and device.rollback_pending() and record.confirmed_minutes:
            comment = "commit confirmed, rollback in %dmins" % record.confirmed_minutes
        if comment:
            etree.SubElement(entry, "log").text = comment
    return info


# ----- sessions ----------------------------------------------------------------------------------
@register("close-session")
def close_session(ctx, request):
    return None  # the session layer closes the channel after the <ok/>


@register("kill-session")
def kill_session(ctx, request):
    target = _int_option(option(request, "session-id"), "session-id", 1, 2**31 - 1)
    if target is None:
        raise RpcError("kill-session needs a session-id", error_tag="missing-element", bad_element="session-id")
    if target == ctx.session.session_id:
        raise RpcError("cannot kill the current session", error_type="protocol", error_tag="invalid-value",
                       bad_element="session-id")
    victim = ctx.device.sessions.get(target)
    if victim is None:
        raise RpcError("session %d does not exist" % target, error_type="protocol", error_tag="invalid-value",
                       bad_element="session-id")
    victim.close()
