# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one NETCONF transaction every module uses.

    tx = Transaction.for_module(module)      # or Transaction(channel, check_mode)
    have = tx.read(filter_xml)                 # one get-configuration of the committed config
    result = tx.apply(edit_xml, comment=..., confirmed=minutes)
    if confirmed: tx.confirm() after the health gate, or tx.rollback()

apply(): lock; one load-configuration (action replace, xml: objects marked
replace="replace" are replaced, delete="delete" deleted, the rest merged); compare
rollback 0 (the device's own diff decides ``changed``); then discard (no diff),
commit check and discard (check mode), or commit, which validates the candidate
itself. Any failure discards the candidate and unlocks before the typed error
reaches the caller, so the candidate is never left dirty and the lock is never
left held. A run with nothing to change (edit None) sends no RPC at all.

confirm() confirms a ``commit confirmed`` with ``commit check``, which Junos
accepts as the confirmation: the change is one entry of the commit history and
one rollback step, and the device checks out the configuration once more
instead of committing it twice.
"""
from __future__ import absolute_import, annotations, division, print_function

__metaclass__ = type

import copy
import dataclasses

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.connection import NetconfChannel
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.errors import (
    CapabilityError,
    SrxVpnError,
    TransactionError,
)
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.secrets import redact_text

try:
    from lxml import etree

    HAS_LXML = True
except ImportError:  # pragma: no cover
    HAS_LXML = False

MAX_CONFIRM_MINUTES = 65535  # Junos confirm-timeout range 1..65535


@dataclasses.dataclass(frozen=True)
class ApplyResult:
    changed: bool
    diff: str
    committed: bool
    warnings: tuple = ()


def _element(tag: str, text: str | None = None, **attrs):
    node = etree.Element(tag, {k.replace("_", "-"): str(v) for k, v in attrs.items()})
    if text is not None:
        node.text = text
    return node


def _sub(parent, tag: str, text: str | None = None):
    node = etree.SubElement(parent, tag)
    if text is not None:
        node.text = text
    return node


def _as_configuration(xml) -> "etree._Element":
    node = etree.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml) \
        if isinstance(xml, (str, bytes)) else xml
    if etree.QName(node).localname != "configuration":
        raise ValueError("expected a <configuration> element, got <%s>" % etree.QName(node).localname)
    return node


def _first(reply, name: str):
    return next((node for node in reply.iter() if isinstance(node.tag, str)
                 and etree.QName(node).localname == name), None)


def _lock_rpc():
    rpc = _element("lock")
    _sub(_sub(rpc, "target"), "candidate")
    return rpc


def _unlock_rpc():
    rpc = _element("unlock")
    _sub(_sub(rpc, "target"), "candidate")
    return rpc


def _commit_rpc(comment=None, confirmed=None, check=False):
    rpc = _element("commit-configuration")
    if check:
        _sub(rpc, "check")
    if confirmed:
        _sub(rpc, "confirmed")
        _sub(rpc, "confirm-timeout", str(confirmed))
    if comment:
        _sub(rpc, "log", comment)
    return rpc


class Transaction:
    """The device transaction for one task run over the persistent connection."""

    def __init__(self, channel: NetconfChannel, check_mode: bool = False):
        self.check_mode = check_mode
        self.channel = channel
        self.pending_confirm = False
        self._confirmed_head = None
        self._locked = False

    @classmethod
    def for_module(cls, module) -> "Transaction":
        return cls(NetconfChannel.for_module(module), bool(module.check_mode))

    # -- reading ---------------------------------------------------------
    def read(self, filter_xml=None):
        """The committed configuration under filter_xml (a <configuration> subtree filter)."""
        rpc = _element("get-configuration", database="committed", format="xml")
        if filter_xml is not None:
            rpc.append(copy.deepcopy(_as_configuration(filter_xml)))
        reply = self.channel.call(rpc)
        found = _first(reply, "configuration")
        return found if found is not None else etree.Element("configuration")

    # -- writing ---------------------------------------------------------
    def apply(self, edit_xml, comment: str | None = None, confirmed: int | None = None) -> ApplyResult:
        """Load edit_xml as one candidate change and commit it if the device reports a diff."""
        if edit_xml is None:
            return ApplyResult(changed=False, diff="", committed=False)
        edit = _as_configuration(edit_xml)
        if confirmed is not None:
            self._check_confirmed(confirmed)
        warnings: list = []
        self._lock()
        try:
            result = self._load_check_commit(edit, comment, confirmed)
        except BaseException:
            self._discard_quietly(warnings)
            raise
        finally:
            self._unlock(warnings)
        return dataclasses.replace(result, warnings=tuple(warnings))

    def confirm(self) -> None:
        """Confirm the ``commit confirmed`` once the health gate passed (commit check confirms on Junos)."""
        if not self.pending_confirm:
            raise TransactionError("no confirmed commit is waiting for confirmation")
        if not self._confirmed_commit_is_head():
            self.pending_confirm = False
            raise TransactionError("the confirmed commit is no longer the latest commit: Junos rolled it back "
                                   "(confirm timer expired) or another commit followed; nothing was confirmed")
        # Changes another session left uncommitted stay in the candidate: commit check never commits them.
        self.channel.call(_commit_rpc(check=True), "commit-configuration check (confirming)")
        self.pending_confirm = False

    def rollback(self, comment: str | None = None) -> tuple:
        """Undo the confirmed commit now (load rollback 1, commit) instead of waiting for the timer."""
        if not self.pending_confirm:
            raise TransactionError("no confirmed commit to roll back")
        if not self._confirmed_commit_is_head():
            # Loading rollback 1 now would re-apply the change the timer already undid.
            self.pending_confirm = False
            return ("the confirmed commit had already been rolled back by Junos (confirm timer) or superseded; "
                    "nothing more was rolled back",)
        warnings: list = []
        self._lock()
        try:
            self._ensure_candidate_clean("rollback")
            try:
                self.channel.call(_element("load-configuration", rollback="1"), "load-configuration rollback 1")
                self.channel.call(_commit_rpc(comment=comment or "netsec.srx_vpn: rollback after failed health gate"),
                                  "commit-configuration (rollback)")
            except BaseException:
                self._discard_quietly(warnings)
                raise
            self.pending_confirm = False
        finally:
            self._unlock(warnings)
        return tuple(warnings)

    def _load_check_commit(self, edit, comment, confirmed) -> ApplyResult:
        self._load(edit)
        diff = self._device_diff()
        if not diff or self.check_mode:
            if diff:  # check mode still proves the change would commit
                self.channel.call(_commit_rpc(check=True), "commit-configuration check")
            self._discard()
            return ApplyResult(changed=bool(diff), diff=diff, committed=False)
        self.channel.call(_commit_rpc(comment=comment, confirmed=confirmed), "commit-configuration")
        self.pending_confirm = bool(confirmed)
        if confirmed:
            self._confirmed_head = self._head_commit()
        return ApplyResult(changed=True, diff=diff, committed=True)

    def _head_commit(self):
        """(time, user, client) of the latest commit: a timer rollback or another commit changes it."""
        reply = self.channel.call(_element("get-commit-information"), "get-commit-information")
        head = _first(reply, "commit-history")
        if head is None:
            return None
        return tuple((head.findtext(tag) or "").strip() for tag in ("date-time", "user", "client"))

    def _confirmed_commit_is_head(self) -> bool:
        return self._head_commit() == self._confirmed_head

    # -- steps -----------------------------------------------------------
    def _check_confirmed(self, minutes) -> None:
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_CONFIRM_MINUTES:
            raise TransactionError("confirmed must be a whole number of minutes between 1 and %d, got %r"
                                   % (MAX_CONFIRM_MINUTES, minutes))
        if not self.channel.operations().supports_confirm_commit:
            raise CapabilityError("the device does not advertise :confirmed-commit; "
                                  "cannot commit with confirmed=%d" % minutes)

    def _lock(self) -> None:
        self.channel.call(_lock_rpc(), "lock candidate")
        self._locked = True

    def _unlock(self, warnings: list) -> None:
        if not self._locked:
            return
        self._locked = False
        try:
            self.channel.call(_unlock_rpc(), "unlock candidate")
        except SrxVpnError as exc:
            warnings.append(str(exc))

    def _load(self, edit) -> None:
        rpc = _element("load-configuration", action="replace", format="xml")
        rpc.append(copy.deepcopy(edit))
        self.channel.call(rpc)

    def _device_diff(self) -> str:
        rpc = _element("get-configuration", compare="rollback", rollback="0", format="text")
        reply = self.channel.call(rpc, "get-configuration compare rollback 0")
        output = _first(reply, "configuration-output")
        text = "".join(output.itertext()) if output is not None else ""
        return redact_text(text.strip("\n")) if text.strip() else ""

    def _discard(self) -> None:
        self.channel.call(_element("discard-changes"))

    def _discard_quietly(self, warnings: list) -> None:
        # Only our own candidate: never discard while another session holds the lock.
        if not self._locked:
            return
        try:
            self._discard()
        except SrxVpnError as exc:
            warnings.append("discard-changes after a failure also failed: %s" % exc)

    def _ensure_candidate_clean(self, step: str) -> None:
        if self._device_diff():
            raise TransactionError("the candidate holds uncommitted changes from another session; "
                                   "refusing the %s (the confirmed commit will roll back on its timer)" % step)
