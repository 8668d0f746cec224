"""A stand-in for the persistent netconf connection: the only thing transaction tests mock.

It answers the way Junos does (reply shapes from tests/fixtures/junos-rpc-samples/)
and keeps just enough state (lock, candidate, commits) to check that the
transaction never leaves a dirty candidate or a held lock behind.
"""
import json
from pathlib import Path

from ansible.module_utils.connection import ConnectionError as AnsibleConnectionError
from lxml import etree

from playbook_runner import REPO

SAMPLES = Path(REPO) / "tests" / "fixtures" / "junos-rpc-samples"
JUNOS_CAPABILITIES = [
    "urn:ietf:params:netconf:base:1.0",
    "urn:ietf:params:netconf:capability:candidate:1.0",
    "urn:ietf:params:netconf:capability:confirmed-commit:1.0",
    "urn:ietf:params:netconf:capability:validate:1.0",
    "http://xml.juniper.net/netconf/junos/1.0",
]
LOCK_DENIED = ("<rpc-error><error-type>protocol</error-type><error-tag>lock-denied</error-tag>"
               "<error-severity>error</error-severity><error-message>configuration database locked by: "
               "other-user using netconf</error-message><error-info><session-id>99</session-id></error-info>"
               "</rpc-error>")
OK = "<rpc-reply><ok/></rpc-reply>"


class FakeJunos:
    def __init__(self, diff="", committed="<configuration/>", capabilities=None, fail=None):
        self.diff = diff                    # what compare rollback 0 shows once something is loaded
        self.committed = committed
        self.capabilities = JUNOS_CAPABILITIES if capabilities is None else capabilities
        self.fail = dict(fail or {})        # step name -> error text raised like netcommon does
        self.calls = []
        self.requests = []
        self.locked = False
        self.dirty = False
        self.foreign_changes = ""           # uncommitted edits of another session
        self.commits = []
        self.history = []                   # commit history, newest first: (date-time, user, client)

    # Methods the module side reaches over JSON-RPC -----------------------
    def get_capabilities(self):
        return json.dumps({"server_capabilities": self.capabilities})

    def execute_rpc(self, text):
        request = etree.fromstring(text)
        step = self._step(request)
        self.calls.append(step)
        self.requests.append(request)
        if step in self.fail:
            raise AnsibleConnectionError(self.fail[step])
        return getattr(self, "_" + step.replace("-", "_").replace(" ", "_"))(request)

    @staticmethod
    def _step(request):
        name = request.tag
        if name == "commit-configuration" and request.find("check") is not None:
            return "commit-check"
        if name == "get-configuration" and request.get("compare") == "rollback":
            return "compare"
        if name == "load-configuration" and request.get("rollback"):
            return "load-rollback"
        return name

    # Handlers ------------------------------------------------------------
    def _lock(self, _request):
        self.locked = True
        return OK

    def _unlock(self, _request):
        self.locked = False
        return OK

    def _get_configuration(self, _request):
        return "<rpc-reply>%s</rpc-reply>" % self.committed

    def _load_configuration(self, _request):
        self.dirty = True
        return "<rpc-reply><load-configuration-results><ok/></load-configuration-results></rpc-reply>"

    def _load_rollback(self, _request):
        self.dirty = True
        return "<rpc-reply><load-configuration-results><ok/></load-configuration-results></rpc-reply>"

    def _commit_check(self, _request):
        return ("<rpc-reply><commit-results><routing-engine><name>re0</name><commit-check-success/>"
                "</routing-engine></commit-results></rpc-reply>")

    def _compare(self, _request):
        shown = self.foreign_changes + (self.diff if self.dirty else "")
        return ("<rpc-reply><configuration-information><configuration-output>%s</configuration-output>"
                "</configuration-information></rpc-reply>" % shown)

    def expire_confirm_timer(self):
        """Junos rolls back an unconfirmed commit with a commit of its own."""
        self.history.insert(0, ("2026-11-26 10:%02d:00 UTC" % len(self.history), "root", "other"))

    def _get_commit_information(self, _request):
        entries = "".join("<commit-history><date-time>%s</date-time><user>%s</user><client>%s</client>"
                          "</commit-history>" % entry for entry in self.history)
        return "<rpc-reply><commit-information>%s</commit-information></rpc-reply>" % entries

    def _commit_configuration(self, request):
        self.commits.append(request)
        self.history.insert(0, ("2026-11-26 10:%02d:00 UTC" % len(self.history), "netconf", "netconf"))
        self.dirty = False
        return "<rpc-reply><commit-results><routing-engine><name>re0</name><commit-success/>" \
               "</routing-engine></commit-results></rpc-reply>"

    def _discard_changes(self, _request):
        self.dirty = False
        return OK


class FakeModule:
    """The parts of AnsibleModule the transaction touches."""

    def __init__(self, check_mode=False, socket_path="/nonexistent/socket"):
        self.check_mode = check_mode
        self._socket_path = socket_path
        self.failed_with = None

    def fail_json(self, **result):
        self.failed_with = result
        raise SystemExit(1)


def sample(name):
    return (SAMPLES / name).read_text()
