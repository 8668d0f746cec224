"""Bad input fails before any device RPC, naming module, object and field."""
import pytest

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.schema import RESOURCES
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.validate import ValidationError, validate
from samples import full_config


def errors_of(name, config):
    with pytest.raises(ValidationError) as caught:
        validate(RESOURCES[name], config)
    return str(caught.value)


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_full_sample_configs_are_valid(name):
    validate(RESOURCES[name], full_config(name))


@pytest.mark.parametrize("name,config,message", [
    ("ike", {"policies": [{"name": "pol", "proposals": ["a", "b", "c", "d", "e"]}]},
     "netsec.srx_vpn.ike: policies[name=pol].proposals: at most 4 allowed, got 5"),
    ("ike", {"policies": [{"name": "pol", "proposals": ["a"], "proposal_set": "standard"}]},
     "netsec.srx_vpn.ike: policies[name=pol]: proposals and proposal_set are mutually exclusive (set one)"),
    ("ipsec", {"policies": [{"name": "pol", "proposals": ["a"], "proposal_set": "basic"}]},
     "netsec.srx_vpn.ipsec: policies[name=pol]: proposals and proposal_set are mutually exclusive"),
    ("ike", {"gateways": [{"name": "gw1", "dead_peer_detection": {"interval": 70}}]},
     "netsec.srx_vpn.ike: gateways[name=gw1].dead_peer_detection.interval: 70 is out of range 2..60"),
    ("ike", {"proposals": [{"name": "p1", "lifetime_seconds": 60}]},
     "netsec.srx_vpn.ike: proposals[name=p1].lifetime_seconds: 60 is out of range 180..86400"),
    ("ike", {"proposals": [{"name": "has space"}]},
     "netsec.srx_vpn.ike: proposals[name=has space].name: 'has space' is not a valid Junos name"),
    ("ike", {"proposals": [{"name": "x" * 33}]}, "must be 1 to 32 characters long"),
    ("ike", {"gateways": [{"name": "gw1", "address": ["192.0.2.1"], "dynamic": {"hostname": "peer.example"}}]},
     "gateways[name=gw1]: address and dynamic are mutually exclusive"),
    ("ike", {"gateways": [{"name": "gw1", "local_identity": {"inet": "192.0.2.300"}}]},
     "gateways[name=gw1].local_identity.inet: '192.0.2.300' is not a valid IPv4 address"),
    ("ike", {"gateways": [{"name": "gw1", "external_interface": "ge 0/0/0"}]},
     "gateways[name=gw1].external_interface: 'ge 0/0/0' is not an interface name"),
    ("ike", {"proposals": [{"name": "p1"}, {"name": "p1"}]}, "proposals[name=p1]: defined twice"),
    ("ipsec", {"vpns": [{"name": "v1", "traffic_selectors": [{"name": "ts1", "local_ip": "10.1.1.1/24"}]}]},
     "vpns[name=v1].traffic_selectors[name=ts1].local_ip: '10.1.1.1/24' has host bits set (the prefix is 10.1.1.0/24)"),
    ("ipsec", {"vpns": [{"name": "v1", "ike": {"proxy_identity": {"remote": "10.1.1.0"}}}]},
     "vpns[name=v1].ike.proxy_identity.remote: '10.1.1.0' must be address/prefix-length"),
    ("address_book", {"addresses": [{"name": "a", "ip_prefix": "10.0.0.0/33"}]},
     "addresses[name=a].ip_prefix: '10.0.0.0/33' is not a valid prefix"),
    ("tunnel_interfaces", {"units": [{"unit": 0, "family": {"inet": {"addresses": ["2001:db8::1/64"]}}}]},
     "units[unit=0].family.inet.addresses: '2001:db8::1/64' must be an IPv4 prefix"),
    ("routes", {"routes": [{"destination": "10.0.0.0/8", "next_hop": ["st0.0"], "discard": True}]},
     "routes[destination=10.0.0.0/8]: next_hop and discard are mutually exclusive"),
    ("routes", {"routes": [{"destination": "10.0.0.0/8", "next_hop": ["not an address"]}]},
     "'not an address' is neither an IP address nor an interface"),
    ("routes", {"routing_instances": [{"name": "vr", "routes": [{"destination": "10.0.0.1/8"}]}]},
     "routing_instances[name=vr].routes[destination=10.0.0.1/8].destination: '10.0.0.1/8' has host bits set"),
    ("policies", {"policies": [{"from_zone": "a", "to_zone": "b", "policies": [
        {"name": "p", "then": {"action": "deny", "tunnel": {"ipsec_vpn": "v"}}}]}]},
     "policies[from_zone=a,to_zone=b].policies[name=p].then.tunnel: needs action permit"),
    ("policies", {"policies": [{"from_zone": "a", "to_zone": "b"}, {"from_zone": "a", "to_zone": "b"}]},
     "policies[from_zone=a,to_zone=b]: defined twice"),
    ("zones", {"zones": [{"name": "vpn", "interfaces": [{"name": "st0.0"}, {"name": "st0.0"}]}]},
     "zones[name=vpn].interfaces[name=st0.0]: defined twice"),
])
def test_bad_input_is_named(name, config, message):
    assert message in errors_of(name, config)


def test_psk_value_never_appears_in_an_error():
    message = errors_of("ike", {"policies": [{"name": "pol", "pre_shared_key": {"ascii_text": "x" * 300}}]})
    assert "xxxxxxxx" not in message and "pre_shared_key.ascii_text: the key must be 1 to 255 characters" in message


def test_all_errors_are_reported_at_once():
    message = errors_of("ike", {"proposals": [{"name": "p1", "lifetime_seconds": 1}],
                                "gateways": [{"name": "g1", "nat_keepalive": 0}]})
    assert "lifetime_seconds" in message and "nat_keepalive" in message
