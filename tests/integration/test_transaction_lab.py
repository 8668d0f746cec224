"""Transaction paths the resource modules do not reach (rollback, device-side no-op, commit
errors), run against the lab over ncclient.

LabConnection stands in for the persistent connection exactly as
ansible.netcommon's NetconfBase.rpc does it: the RPC goes through ncclient's
Junos handler and an RPCError comes back as its XML text in a ConnectionError.
"""
import json

import pytest
from ansible.module_utils.connection import ConnectionError as AnsibleConnectionError
from lxml import etree
from ncclient.operations import RPCError
from ncclient.xml_ import to_ele, to_xml

from resource_harness import DEVICE

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.connection import NetconfChannel
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.errors import JunosRpcError
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.transaction import Transaction

ADDRESS = "set security address-book global address {name} {prefix}"


class LabConnection:
    def __init__(self, manager):
        self.m = manager

    def execute_rpc(self, text):
        try:
            reply = self.m.rpc(to_ele(text))
        except RPCError as exc:
            raise AnsibleConnectionError(to_xml(exc.xml)) from None
        return reply.data_xml

    def get_capabilities(self):
        return json.dumps({"server_capabilities": list(self.m.server_capabilities)})


@pytest.fixture
def tx(lab):
    with lab.connect(DEVICE) as manager:
        yield Transaction(NetconfChannel(LabConnection(manager), host=DEVICE))


def address_edit(name, prefix):
    return etree.fromstring("<configuration><security><address-book><name>global</name><address><name>%s</name>"
                            "<ip-prefix>%s</ip-prefix></address></address-book></security></configuration>"
                            % (name, prefix))


def lines(lab):
    return lab.config(DEVICE, "set").splitlines()


def test_read_returns_only_the_filtered_subtree(tx):
    have = tx.read("<configuration><security><address-book/></security></configuration>")
    assert have.tag == "configuration"
    assert [child.tag for child in have] == ["security"]
    assert [child.tag for child in have.find("security")] == ["address-book"]
    assert have.findtext("security/address-book/address/name") == "user-lan"


def test_edit_the_device_finds_empty_is_not_committed(lab, tx):
    commits = len(lab.commits(DEVICE))
    result = tx.apply(address_edit("user-lan", "10.10.1.0/24"))   # already there, same value
    assert (result.changed, result.committed, result.diff) == (False, False, "")
    assert len(lab.commits(DEVICE)) == commits


def test_confirmed_commit_rolled_back_at_once(lab, tx):
    before = lines(lab)
    result = tx.apply(address_edit("t-rb-net", "10.90.1.0/24"), comment="try it", confirmed=10)
    assert result.committed and tx.pending_confirm
    assert ADDRESS.format(name="t-rb-net", prefix="10.90.1.0/24") in lines(lab)
    assert lab.control("status")["devices"][DEVICE]["rollback_pending"]
    tx.rollback()
    assert lines(lab) == before
    status = lab.control("status")["devices"][DEVICE]
    assert not status["rollback_pending"] and status["lock_holder"] is None


def test_confirmed_commit_confirmed(lab, tx):
    commits = len(lab.commits(DEVICE))
    tx.apply(address_edit("t-cf-net", "10.91.1.0/24"), comment="change 4712", confirmed=10)
    tx.confirm()
    # commit check confirmed it: the change is one history entry, the confirmed commit with its comment
    assert len(lab.commits(DEVICE)) == commits + 1
    newest = lab.commits(DEVICE)[0]
    assert newest["log"] == "change 4712" and newest["confirmed_minutes"] == 10
    assert not lab.control("status")["devices"][DEVICE]["rollback_pending"]
    lab.advance_clock(11 * 60)  # the timer was cancelled: nothing rolls back
    assert len(lab.commits(DEVICE)) == commits + 1
    assert ADDRESS.format(name="t-cf-net", prefix="10.91.1.0/24") in lines(lab)


def test_commit_error_carries_the_junos_path_and_leaves_nothing(lab, tx):
    before = lines(lab)
    edit = etree.fromstring("<configuration><security><ike><gateway><name>t-bad-gw</name>"
                            "<ike-policy>no-such-policy</ike-policy><address>203.0.113.5</address>"
                            "<external-interface>ge-0/0/0.0</external-interface></gateway></ike></security>"
                            "</configuration>")
    with pytest.raises(JunosRpcError) as caught:
        tx.apply(edit)
    assert caught.value.operation == "commit-configuration"
    assert caught.value.error_path == "[edit security ike gateway t-bad-gw]"
    assert "no-such-policy" in caught.value.error_message
    assert lines(lab) == before
    assert lab.config(DEVICE, "set", database="candidate").splitlines() == before
    assert lab.control("status")["devices"][DEVICE]["lock_holder"] is None
