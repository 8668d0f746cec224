"""The status module's collection against a stand-in NETCONF channel answering with genuine vSRX replies
(the device boundary; nothing internal is patched)."""
import json
from pathlib import Path

import pytest
from lxml import etree

from playbook_runner import REPO, import_collection_from_checkout

import_collection_from_checkout()
from ansible.module_utils.testing import patch_module_args  # noqa: E402

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.errors import JunosRpcError, RpcErrorDetail  # noqa: E402
from ansible_collections.netsec.srx_vpn.plugins.modules import status  # noqa: E402

SAMPLES = Path(REPO) / "tests" / "fixtures" / "junos-rpc-samples"
REPLIES = {
    "get-ike-security-associations-information": "get-ike-security-associations-information-detail-vsrx.xml",
    "get-security-associations-information": "get-security-associations-information-vsrx.xml",
    "get-ipsec-statistics-information": "get-ipsec-statistics-information-vsrx.xml",
    "get-configuration": "get-configuration-vsrx-route-based-vpn.xml",
}


class StandInChannel:
    """Answers each RPC with the genuine reply a vSRX gave; unknown RPCs fail like Junos does."""

    def __init__(self, replies):
        self.replies = replies
        self.sent = []

    def call(self, request, operation=None):
        name = etree.QName(request).localname
        self.sent.append(etree.tostring(request, encoding="unicode"))
        if name not in self.replies:
            raise JunosRpcError(name, [RpcErrorDetail(severity="error", message="syntax error", bad_element=name)])
        text = (SAMPLES / self.replies[name]).read_text()
        return etree.fromstring(('<rpc-reply xmlns:junos="http://xml.juniper.net/junos/*/junos">%s</rpc-reply>'
                                 % text) if not text.startswith("<nc:rpc-reply") else text.encode())


def test_tunnels_named_by_vpn_with_both_phases_up():
    channel = StandInChannel(REPLIES)
    result, warnings = status.collect(channel, ["ike", "ipsec", "inactive", "statistics", "tunnels"])
    assert result["tunnels"] == {"lab-ipsec-vpn": {
        "peer": "192.168.1.161", "ike": "UP", "ipsec": "UP", "tunnel_index": 131073,
        "inbound_spi": "9b27bae", "outbound_spi": "70973f3d", "remaining_lifetime": 747}}
    assert result["all_up"] is True
    assert result["ike_sas"][0]["gateway"] == "lab-ike-gw"
    assert result["statistics"]["esp"]["esp_encrypted_bytes"] == 0
    assert "inactive_tunnels" not in result
    assert warnings == ["get-inactive-tunnels not read: " + str(JunosRpcError(
        "get-inactive-tunnels", [RpcErrorDetail(severity="error", message="syntax error",
                                                bad_element="get-inactive-tunnels")]))]
    assert "<detail/>" in channel.sent[0] and "<security><ike><gateway/>" in channel.sent[-1]


def test_down_tunnel_and_unknown_vpn():
    replies = dict(REPLIES, **{
        "get-ike-security-associations-information": "get-ike-security-associations-information-detail-empty-vsrx.xml",
        "get-security-associations-information": "get-security-associations-information-empty-vsrx.xml"})
    result, warnings = status.collect(StandInChannel(replies), ["tunnels"], vpns=["lab-ipsec-vpn", "nope"])
    assert (result["tunnels"]["lab-ipsec-vpn"]["ike"], result["tunnels"]["lab-ipsec-vpn"]["ipsec"]) == ("DOWN", "DOWN")
    assert result["all_up"] is False
    assert warnings == ["VPNs not configured on the device: nope"]


def test_only_what_is_asked_is_read():
    channel = StandInChannel(REPLIES)
    result = status.collect(channel, ["statistics"], detail=False)[0]
    assert list(result) == ["statistics"] and len(channel.sent) == 1


def test_module_without_netconf_connection_fails_clearly(capsys):
    with patch_module_args({}):
        with pytest.raises(SystemExit):
            status.main()
    result = json.loads(capsys.readouterr().out)
    assert result["failed"] is True and "connection: ansible.netcommon.netconf" in result["msg"]
