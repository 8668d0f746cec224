"""The modules end to end without a device (rendered, parsed, validation), and the online states through
resource.execute() with a stand-in for the transaction (the device boundary; nothing internal is patched)."""
import ast
import json
from pathlib import Path

import pytest
import yaml
from ansible.module_utils.testing import patch_module_args
from lxml import etree

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import resource
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import xml as jxml
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.schema import RESOURCES
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.secrets import REDACTED, encode9
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.transaction import ApplyResult
from ansible_collections.netsec.srx_vpn.plugins.modules import (
    address_book, ike, ipsec, policies, routes, tunnel_interfaces, zones)
from samples import full_config

MODULES = {"ike": ike, "ipsec": ipsec, "tunnel_interfaces": tunnel_interfaces, "zones": zones,
           "address_book": address_book, "policies": policies, "routes": routes}
VSRX = Path(__file__).resolve().parents[3] / "fixtures" / "junos-rpc-samples" / "get-configuration-vsrx-route-based-vpn.xml"


def run_module(name, args, capsys):
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            MODULES[name].main()
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_rendered_then_parsed_gives_the_config_back(name, capsys):
    config = full_config(name)
    rendered = run_module(name, {"state": "rendered", "config": config}, capsys)
    assert rendered["changed"] is False
    parsed = run_module(name, {"state": "parsed", "running_config": rendered["rendered"]}, capsys)
    expected = config
    if name == "ike":  # keys are redacted in every result
        for pol in expected["policies"]:
            pol["pre_shared_key"] = {"ascii_text": REDACTED}
    assert parsed["parsed"] == expected


def test_rendered_never_shows_a_key(capsys):
    result = run_module("ike", {"state": "rendered", "config": {"policies": [
        {"name": "pol", "pre_shared_key": {"ascii_text": "Sup3rSecretKey"}}]}}, capsys)
    assert "Sup3rSecretKey" not in json.dumps(result)


def test_parsed_reads_a_genuine_rpc_reply(capsys):
    result = run_module("routes", {"state": "parsed", "running_config": VSRX.read_text()}, capsys)
    assert result["parsed"]["routes"][1] == {"destination": "10.255.0.0/30", "next_hop": ["st0.0"]}
    assert "$9$" not in json.dumps(result)  # the sample's IKE key, in the logged invocation


def test_bad_input_fails_before_any_connection(capsys):
    result = run_module("ike", {"state": "merged", "config": {"proposals": [
        {"name": "p1", "dh_group": "group14", "lifetime_seconds": 10}]}}, capsys)
    assert result["failed"] is True
    assert result["msg"] == "netsec.srx_vpn.ike: proposals[name=p1].lifetime_seconds: 10 is out of range 180..86400"


def test_unknown_dh_group_fails_in_argspec(capsys):
    result = run_module("ike", {"config": {"proposals": [{"name": "p1", "dh_group": "group22"}]}}, capsys)
    assert result["failed"] is True and "dh_group" in result["msg"] and "group22" in result["msg"]


def test_overridden_without_scope_fails_before_any_connection(capsys):
    result = run_module("zones", {"state": "overridden", "config": {"zones": [{"name": "vpn"}]}}, capsys)
    assert result["failed"] is True and "state=overridden needs scope" in result["msg"]


class StandInTransaction:
    """Records what the module asks of the device; replies with a fixed committed configuration."""

    def __init__(self, committed_xml, device_diff="[edit security]\n+  something"):
        root = etree.fromstring(committed_xml)
        self.committed = next(e for e in root.iter() if etree.QName(e).localname == "configuration")
        self.device_diff = device_diff
        self.reads, self.applied, self.confirmed = [], [], 0

    def read(self, filter_xml):
        self.reads.append(jxml.to_text(filter_xml))
        return self.committed

    def apply(self, edit_xml, comment=None, confirmed=None):
        self.applied.append((edit_xml, comment, confirmed))
        if edit_xml is None:
            return ApplyResult(changed=False, diff="", committed=False)
        return ApplyResult(changed=True, diff=self.device_diff, committed=True, warnings=("a warning",))

    def confirm(self):
        self.confirmed += 1


def params(**kwargs):
    base = {"state": "merged", "config": None, "scope": None, "comment": None, "confirmed": None,
            "running_config": None}
    base.update(kwargs)
    return base


def device_with_psk(plain):
    return ("<configuration><security><ike><policy><name>pol</name><mode>main</mode><pre-shared-key>"
            "<ascii-text>%s</ascii-text></pre-shared-key></policy></ike></security></configuration>" % encode9(plain))


def test_no_change_reads_once_and_loads_nothing():
    tx = StandInTransaction(device_with_psk("k3y-value"))
    result = resource.execute(RESOURCES["ike"], params(config={"policies": [
        {"name": "pol", "mode": "main", "pre_shared_key": {"ascii_text": "k3y-value"}}]}), tx)
    assert len(tx.reads) == 1 and tx.applied == [(None, None, None)]
    assert result["changed"] is False and result["commands"] == []
    assert result["before"]["policies"][0]["pre_shared_key"] == {"ascii_text": REDACTED}


def test_change_is_one_edit_with_device_diff_and_redacted_results():
    tx = StandInTransaction(device_with_psk("old-key"), device_diff='[edit security ike policy pol]\n'
                            '-    pre-shared-key ascii-text "$9$abc"; ## SECRET-DATA\n+    mode aggressive;')
    config = {"policies": [{"name": "pol", "mode": "aggressive", "pre_shared_key": {"ascii_text": "new-key-1"}}]}
    result = resource.execute(RESOURCES["ike"], params(config=config, comment="seed 004"), tx, diff_mode=True)
    edit, comment, confirmed = tx.applied[0]
    assert edit.find(".//pre-shared-key/ascii-text").text == "new-key-1" and comment == "seed 004"
    text = json.dumps(result)
    assert "new-key-1" not in text and "$9$abc" not in text
    assert result["changed"] is True and "mode aggressive" in result["diff"]["prepared"]
    assert result["after"]["policies"][0]["mode"] == "aggressive"
    assert result["warnings"] == ["a warning"]


def test_confirmed_commit_is_confirmed_after_the_session_survives():
    tx = StandInTransaction("<configuration/>")
    resource.execute(RESOURCES["zones"], params(config={"zones": [{"name": "vpn"}]}, confirmed=5, comment="c"), tx)
    assert tx.applied[0][1:] == ("c", 5) and tx.confirmed == 1


def test_gathered_returns_the_device_objects():
    tx = StandInTransaction(VSRX.read_text())
    result = resource.execute(RESOURCES["zones"], params(state="gathered"), tx)
    assert [z["name"] for z in result["gathered"]["zones"]] == ["trust", "untrust", "lab-vpn"]
    assert tx.applied == [] and "<security-zone/>" in tx.reads[0]


def test_overridden_keeps_unmanaged_objects():
    tx = StandInTransaction("<configuration><security><zones><security-zone><name>trust</name></security-zone>"
                            "<security-zone><name>vpn-old</name></security-zone></zones></security></configuration>")
    resource.execute(RESOURCES["zones"], params(state="overridden", config={"zones": [{"name": "vpn-new"}]},
                                                scope={"prefix": "vpn-", "names": None, "all": False}), tx)
    edit = tx.applied[0][0]
    deleted = [z.findtext("name") for z in edit.iter("security-zone") if z.get("delete")]
    assert deleted == ["vpn-old"]


def examples_of(module):
    tree = ast.parse(Path(module.__file__).read_text())
    return [n.value.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "EXAMPLES"][0]


def example_tasks():
    for name, module in sorted(MODULES.items()):
        for task in yaml.safe_load(examples_of(module)):
            yield pytest.param(name, task["netsec.srx_vpn.%s" % name], id="%s:%s" % (name, task["name"]))


def untemplated(value):
    """Example values with Jinja expressions replaced by a plain stand-in (the module never sees Jinja)."""
    if isinstance(value, dict):
        return {k: untemplated(v) for k, v in value.items()}
    if isinstance(value, list):
        return [untemplated(v) for v in value]
    return "example-value" if isinstance(value, str) and "{{" in value else value


@pytest.mark.parametrize("name,args", list(example_tasks()))
def test_examples_pass_argspec_and_validation(name, args, capsys):
    """Every documented example is valid input: rendered (no device) with its config, or its scope accepted."""
    args = untemplated(args)
    if args.get("config"):
        result = run_module(name, dict(args, state="rendered"), capsys)
        assert not result.get("failed"), result["msg"]
        assert result["rendered"].startswith("<configuration>")
    if args.get("state") in ("overridden", "deleted"):
        config = args.get("config")
        resource.diff.check_scope(name, args["state"], config, args.get("scope"))


class RecordingModule:
    """The part of AnsibleModule that run() uses; exit/fail end the run like the real ones."""

    def __init__(self, **module_params):
        self.params = params(**module_params)
        self.check_mode, self._diff = False, False
        self.result, self.warnings = None, []

    def warn(self, text):
        self.warnings.append(text)

    def exit_json(self, **result):
        self.result = result
        raise SystemExit(0)

    def fail_json(self, **result):
        self.result = dict(result, failed=True)
        raise SystemExit(1)


def test_junos_commit_error_reaches_the_user_with_path_and_message():
    from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.errors import JunosRpcError, RpcErrorDetail

    class FailingCommit(StandInTransaction):
        def apply(self, edit_xml, comment=None, confirmed=None):
            raise JunosRpcError("commit-configuration", [RpcErrorDetail(
                severity="error", message="Referenced gateway is not defined", path="[edit security ipsec vpn v1 ike]",
                statement="gateway gw-missing")], host="srx1")

    module = RecordingModule(config={"vpns": [{"name": "v1", "ike": {"gateway": "gw-missing"}}]})
    with pytest.raises(SystemExit):
        resource.run(module, "ipsec", transaction=lambda m: FailingCommit("<configuration/>"))
    assert module.result["failed"] is True
    assert module.result["msg"] == ("netsec.srx_vpn.ipsec: commit-configuration failed on srx1: [edit security ipsec vpn "
                                    "v1 ike] gateway gw-missing: Referenced gateway is not defined")
    assert module.result["error_path"] == "[edit security ipsec vpn v1 ike]"


def test_run_reports_transaction_warnings_and_exits():
    module = RecordingModule(config={"zones": [{"name": "vpn"}]})
    with pytest.raises(SystemExit):
        resource.run(module, "zones", transaction=lambda m: StandInTransaction("<configuration/>"))
    assert module.result["changed"] is True and module.warnings == ["a warning"]
    assert "warnings" not in module.result
