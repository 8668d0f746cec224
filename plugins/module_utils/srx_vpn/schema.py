# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One declarative spec per managed Junos object.

Names, nesting, child order, enumerations and ranges follow the Junos 24.4 YANG
(lab/srxsim/data/yang, checked by tests/unit/plugins/module_utils/test_schema_yang.py).
Everything else (argspec, DOCUMENTATION, render, parse, diff, docs/objects.md) is derived from here.
"""
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.schema_types import (
    Collection, Group, Resource, Segment,
    container, enum, enumflag, flag, items, keylist, leaf, leaflist, num,
)

DH_GROUPS = ("group1", "group2", "group5", "group14", "group15", "group16", "group19", "group20", "group21", "group24")
PROPOSAL_SETS = ("basic", "compatible", "standard", "suiteb-gcm-128", "suiteb-gcm-256", "prime-128", "prime-256")
UINT32 = (0, 4294967295)


def name32(doc="Name of the object."):
    return leaf("name", doc, length=(1, 32), fmt="name", required=True)


def name63(doc="Name of the object."):
    return leaf("name", doc, length=(1, 63), fmt="name", required=True)


def description(hi):
    return leaf("description", "Text description.", length=(1, hi))


def identity(name, dn_field):
    return container(
        name, "IKE identity (one of the choices).",
        leaf("inet", "IPv4 address identity.", xml="inet/identity-ipv4", fmt="ipv4addr", choice="identity"),
        leaf("inet6", "IPv6 address identity.", xml="inet6/identity-ipv6", fmt="ipv6addr", choice="identity"),
        leaf("hostname", "Fully qualified domain name identity.", xml="hostname/identity-hostname", choice="identity"),
        leaf("user_at_hostname", "E-mail address identity.", xml="user-at-hostname/identity-user", choice="identity"),
        dn_field,
    )


def distinguished_name(doc):
    return container(
        "distinguished_name", doc,
        leaf("container", "Container string of the peer's distinguished name."),
        leaf("wildcard", "Wildcard string of the peer's distinguished name."),
        presence=True, choice="identity",
    )


def host_inbound_traffic():
    return container(
        "host_inbound_traffic", "Traffic allowed to reach the device itself.",
        keylist("system_services", "System services (ike, ping, ssh, ...).", choices=(
            "all", "bootp", "dhcp", "dhcpv6", "dns", "finger", "ftp", "ident-reset", "http", "https", "ike", "netconf",
            "ping", "rlogin", "reverse-telnet", "reverse-ssh", "rpm", "rsh", "snmp", "snmp-trap", "ssh", "telnet",
            "traceroute", "xnm-ssl", "xnm-clear-text", "tftp", "lsping", "lsselfping", "ntp", "sip", "r2cp",
            "webapi-clear-text", "webapi-ssl", "tcp-encap", "appqoe", "high-availability", "any-service")),
        keylist("protocols", "Routing protocols (ospf, bgp, ...).", choices=(
            "all", "bfd", "bgp", "dvmrp", "igmp", "ldp", "msdp", "ndp", "nhrp", "ospf", "ospf3", "pgm", "pim", "rip",
            "ripng", "router-discovery", "rsvp", "sap", "vrrp")),
    )


def proposal_choice(doc):
    return (
        leaflist("proposals", doc, max_items=4, ordered=True, length=(1, 32), fmt="name", choice="proposals"),
        enum("proposal_set", "Predefined proposal set; mutually exclusive with proposals.", PROPOSAL_SETS,
             choice="proposals"),
    )


IKE = Resource("ike", "IKE (phase 1) proposals, policies and gateways under [security ike].", collections=(
    Collection("proposals", "IKE proposal", (Segment("security"), Segment("ike")), "proposal", items(
        "proposals", "IKE proposals.", "name",
        name32(),
        description(80),
        enum("authentication_method", "Authentication method.", (
            "pre-shared-keys", "rsa-signatures", "dsa-signatures", "ecdsa-signatures-256", "ecdsa-signatures-384",
            "ecdsa-signatures-521", "certificates", "digital-signature")),
        enum("dh_group", "Diffie-Hellman group.", DH_GROUPS),
        enum("authentication_algorithm", "Authentication algorithm.", ("md5", "sha1", "sha-256", "sha-384", "sha-512")),
        enum("encryption_algorithm", "Encryption algorithm.", (
            "des-cbc", "3des-cbc", "aes-128-cbc", "aes-192-cbc", "aes-256-cbc", "aes-128-gcm", "aes-256-gcm",
            "chacha20-poly1305")),
        num("lifetime_seconds", "Lifetime of the IKE SA in seconds.", 180, 86400),
    )),
    Collection("policies", "IKE policy", (Segment("security"), Segment("ike")), "policy", items(
        "policies", "IKE policies.", "name",
        name32(),
        enum("mode", "IKEv1 exchange mode.", ("main", "aggressive")),
        description(80),
        proposal_choice("IKE proposal names, in order of preference (at most 4).")[0],
        container("certificate", "Certificate authentication.",
                  leaf("local_certificate", "Local certificate identifier.")),
        proposal_choice("")[1],
        container(
            "pre_shared_key", "Pre-shared key: plain text, hexadecimal or a Junos $9$ string. Compared by value, never re-sent "
            "when unchanged.",
            leaf("ascii_text", "Key as text (or $9$ string).", length=(1, 255), no_log=True, secret=True, choice="key"),
            leaf("hexadecimal", "Key as hexadecimal digits (or $9$ string).", length=(1, 255), no_log=True, secret=True,
                 choice="key"),
        ),
    )),
    Collection("gateways", "IKE gateway", (Segment("security"), Segment("ike")), "gateway", items(
        "gateways", "IKE gateways.", "name",
        name32(),
        leaf("ike_policy", "IKE policy used with this peer.", length=(1, 32), fmt="name"),
        leaflist("address", "Peer IP address(es) or hostname(s); the first is primary.", ordered=True, fmt="host",
                 choice="remote"),
        container(
            "dynamic", "Dynamic peer (remote identity instead of an address).",
            distinguished_name("Peer identified by its certificate distinguished name."),
            flag("general_ikeid", "Accept any IKE id of the peer.", choice="identity"),
            leaf("hostname", "Peer FQDN.", choice="identity"),
            leaf("inet", "Peer IPv4 identity.", fmt="ipv4addr", choice="identity"),
            leaf("inet6", "Peer IPv6 identity.", fmt="ipv6addr", choice="identity"),
            leaf("user_at_hostname", "Peer e-mail identity.", choice="identity"),
            num("connections_limit", "Maximum concurrent connections.", *UINT32),
            enum("ike_user_type", "Group or shared IKE id.", ("group-ike-id", "shared-ike-id")),
            choice="remote",
        ),
        container(
            "dead_peer_detection", "Dead peer detection.",
            enumflag("mode", "When to send DPD probes.", ("optimized", "probe-idle-tunnel", "always-send")),
            num("interval", "Seconds between DPD probes.", 2, 60),
            num("threshold", "Missed probes before the peer is declared dead.", 1, 5),
            presence=True,
        ),
        flag("no_nat_traversal", "Disable NAT traversal."),
        num("nat_keepalive", "NAT keepalive interval in seconds.", 1, 300),
        identity("local_identity", flag("distinguished_name", "Use the local certificate's distinguished name.",
                                        choice="identity")),
        identity("remote_identity", distinguished_name("Peer identified by its certificate distinguished name.")),
        leaf("external_interface", "Interface IKE negotiates on (e.g. ge-0/0/0.0).", fmt="interface"),
        leaf("local_address", "Local IP address for IKE negotiations.", fmt="ipaddr"),
        flag("general_ikeid", "Accept any IKE id of the peer."),
        enum("version", "IKE version.", ("v1-only", "v2-only")),
    )),
))

IPSEC = Resource("ipsec", "IPsec (phase 2) proposals, policies and VPNs under [security ipsec].", collections=(
    Collection("proposals", "IPsec proposal", (Segment("security"), Segment("ipsec")), "proposal", items(
        "proposals", "IPsec proposals.", "name",
        name32(),
        description(80),
        enum("protocol", "IPsec protocol.", ("ah", "esp")),
        enum("authentication_algorithm", "Authentication algorithm.", (
            "hmac-md5-96", "hmac-sha1-96", "hmac-sha-256-128", "hmac-sha-256-96", "hmac-sha-384", "hmac-sha-512")),
        enum("encryption_algorithm", "Encryption algorithm.", (
            "des-cbc", "3des-cbc", "aes-128-cbc", "aes-192-cbc", "aes-256-cbc", "aes-128-gcm", "aes-192-gcm",
            "aes-256-gcm", "chacha20-poly1305")),
        num("lifetime_seconds", "Lifetime of the IPsec SA in seconds.", 180, 86400),
        num("lifetime_kilobytes", "Lifetime of the IPsec SA in kilobytes.", 64000, 4294967294),
    )),
    Collection("policies", "IPsec policy", (Segment("security"), Segment("ipsec")), "policy", items(
        "policies", "IPsec policies.", "name",
        name32(),
        description(80),
        container("perfect_forward_secrecy", "Perfect forward secrecy.",
                  enum("keys", "Diffie-Hellman group for PFS.", DH_GROUPS)),
        *proposal_choice("IPsec proposal names, in order of preference (at most 4)."),
    )),
    Collection("vpns", "IPsec VPN", (Segment("security"), Segment("ipsec")), "vpn", items(
        "vpns", "IPsec VPNs.", "name",
        name32(),
        leaf("bind_interface", "Tunnel interface the VPN is bound to (st0.N).", fmt="interface"),
        enum("df_bit", "Don't-fragment bit handling.", ("clear", "set", "copy")),
        flag("copy_outer_dscp", "Copy the outer DSCP to the inner header."),
        container(
            "vpn_monitor", "VPN monitoring with ICMP probes.",
            flag("optimized", "Send probes only without traffic."),
            leaf("source_interface", "Source interface of the probes.", fmt="interface"),
            leaf("destination_ip", "Destination of the probes.", fmt="ipaddr"),
            presence=True,
        ),
        container(
            "ike", "IKE-negotiated VPN.",
            leaf("gateway", "IKE gateway name.", length=(1, 32), fmt="name"),
            num("anti_replay_window_size", "Anti-replay window size.", 64, 8192),
            flag("no_anti_replay", "Disable anti-replay checking."),
            container(
                "proxy_identity", "Proxy identity (policy-based or non-Junos peers).",
                leaf("local", "Local prefix.", fmt="ipprefix"),
                leaf("remote", "Remote prefix.", fmt="ipprefix"),
                leaf("service", "Service (application) name.", length=(1, 32)),
                presence=True,
            ),
            leaf("ipsec_policy", "IPsec policy name.", length=(1, 32), fmt="name"),
        ),
        items(
            "traffic_selectors", "Traffic selectors (IKEv2 route-based VPN).", "name",
            leaf("name", "Traffic selector name.", length=(1, 31), fmt="name", required=True),
            leaf("local_ip", "Local prefix.", fmt="ipprefix"),
            leaf("remote_ip", "Remote prefix.", fmt="ipprefix"),
            xml="traffic-selector",
        ),
        enum("establish_tunnels", "When to bring the tunnel up.", (
            "immediately", "on-traffic", "responder-only", "responder-only-no-rekey")),
    )),
))

TUNNEL_INTERFACES = Resource("tunnel_interfaces", "Logical units of the secure tunnel interface st0.", collections=(
    Collection("units", "st0 unit", (Segment("interfaces"), Segment("interface", (("name", "st0"),))), "unit", items(
        "units", "st0 logical units.", "unit",
        num("unit", "Unit number (st0.N).", 0, 1073741823, xml="name", required=True),
        leaf("description", "Text description."),
        flag("multipoint", "Point-to-multipoint tunnel interface (hub of an AutoVPN/hub-and-spoke)."),
        container(
            "family", "Protocol families.",
            container(
                "inet", "IPv4.",
                num("mtu", "Protocol MTU.", *UINT32),
                items("next_hop_tunnels", "Next-hop tunnel bindings (multipoint st0).", "address",
                      leaf("address", "Peer tunnel address.", xml="name", fmt="ipv4addr", required=True),
                      leaf("ipsec_vpn", "IPsec VPN name.", fmt="name"),
                      xml="next-hop-tunnel"),
                keylist("addresses", "Interface addresses (address/prefix-length).", xml="address", fmt="ipv4host"),
                presence=True,
            ),
            container(
                "inet6", "IPv6.",
                keylist("addresses", "Interface addresses (address/prefix-length).", xml="address", fmt="ipv6host"),
                presence=True,
            ),
        ),
    )),
))

ZONES = Resource("zones", "Security zones under [security zones].", collections=(
    Collection("zones", "security zone", (Segment("security"), Segment("zones")), "security-zone", items(
        "zones", "Security zones.", "name",
        name63(),
        description(900),
        host_inbound_traffic(),
        items("interfaces", "Interfaces in the zone.", "name",
              leaf("name", "Logical interface name (e.g. st0.0).", fmt="interface", required=True),
              host_inbound_traffic()),
    )),
))

ADDRESS_BOOK = Resource("address_book", "The global address book under [security address-book global].", collections=(
    Collection("addresses", "address", (Segment("security"), Segment("address-book", (("name", "global"),))), "address",
               items("addresses", "Addresses.", "name",
                     name63(),
                     description(900),
                     leaf("ip_prefix", "IP prefix (address/prefix-length).", fmt="ipprefix"))),
    Collection("address_sets", "address set", (Segment("security"), Segment("address-book", (("name", "global"),))),
               "address-set", items(
                   "address_sets", "Address sets.", "name",
                   name63(),
                   description(900),
                   keylist("addresses", "Member addresses.", xml="address", length=(1, 63)),
                   keylist("address_sets", "Member address sets.", xml="address-set", length=(1, 63)))),
))

POLICIES = Resource("policies", "Zone-pair security policies under [security policies from-zone X to-zone Y].", collections=(
    Collection(
        "policies", "security policy", (Segment("security"), Segment("policies")), "policy",
        items(
            "policies", "Policies of the zone pair, in evaluation order.", "name",
            name63(),
            description(900),
            container(
                "match", "Match conditions.",
                leaflist("source_address", "Source addresses (address book names or any).", length=(1, 63)),
                leaflist("destination_address", "Destination addresses (address book names or any).", length=(1, 63)),
                leaflist("application", "Applications (junos-http, any, ...).", length=(1, 63)),
            ),
            container(
                "then", "Action.",
                enumflag("action", "Policy action.", ("permit", "deny", "reject")),
                container("tunnel", "Policy-based VPN (only with action permit).",
                          leaf("ipsec_vpn", "IPsec VPN name.", length=(1, 63)),
                          leaf("pair_policy", "Policy of the reverse direction.", length=(1, 63)),
                          xml="permit/tunnel"),
                container("log", "Session logging.",
                          flag("session_init", "Log at session start."),
                          flag("session_close", "Log at session close.")),
            ),
        ),
        group=Group("policy", (leaf("from_zone", "Source zone.", xml="from-zone-name", length=(1, 63), fmt="name",
                                    required=True),
                               leaf("to_zone", "Destination zone.", xml="to-zone-name", length=(1, 63), fmt="name",
                                    required=True)),
                    "policies", ()),
        ordered=True,
    ),
))


def route_item():
    return items(
        "routes", "Static routes.", "destination",
        leaf("destination", "Destination prefix.", xml="name", fmt="ipprefix", required=True),
        leaflist("next_hop", "Next hops: IP addresses or interfaces (st0.N).", fmt="nexthop", choice="nh"),
        flag("discard", "Drop matching packets silently.", choice="nh"),
        items("qualified_next_hops", "Next hops with their own preference and metric.", "next_hop",
              leaf("next_hop", "IP address or interface.", xml="name", fmt="nexthop", required=True),
              num("preference", "Preference of this next hop.", *UINT32),
              num("metric", "Metric of this next hop.", *UINT32),
              xml="qualified-next-hop"),
        num("metric", "Route metric.", *UINT32, xml="metric/metric-value"),
        num("preference", "Route preference.", *UINT32, xml="preference/metric-value"),
    )


ROUTES = Resource("routes", "Static routes in inet.0 and in routing instances.", collections=(
    Collection("routes", "static route", (Segment("routing-options"), Segment("static")), "route", route_item()),
    Collection("routing_instances", "static route", (Segment("routing-instances"),), "route", route_item(),
               group=Group("instance", (name63("Routing instance name."),), "routes", ("routing-options", "static"))),
))

RESOURCES = {r.name: r for r in (IKE, IPSEC, TUNNEL_INTERFACES, ZONES, ADDRESS_BOOK, POLICIES, ROUTES)}
