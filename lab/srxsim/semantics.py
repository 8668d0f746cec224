"""The VPN commit checks Junos makes beyond the YANG schema.

Each finding names the hierarchy (`[edit security ike gateway remote-site]`),
the statement at fault and a message in Junos's wording where Juniper documents
it. Only the active configuration is checked.
"""

from __future__ import annotations

from srxsim.formats.tree import JunosError, Node, canonical_interface, edit_path

MAX_PROPOSALS = 4
_ANY_ADDRESSES = ("any", "any-ipv4", "any-ipv6")
# Every predefined IKE proposal set (basic, compatible, standard, prime-*, suiteb-*)
# authenticates with pre-shared keys.
_PSK_METHOD = "pre-shared-keys"


def active_tree(node: Node) -> Node:
    """A copy without inactive statements (what a commit acts on)."""
    return Node(node.schema, node.value,
                [active_tree(c) for c in node.children if not c.inactive], False)


def _error(path: list[str], element: str | None, message: str) -> JunosError:
    return JunosError(error_type="application", error_tag="invalid-value", severity="error",
                      path=edit_path(path), element=element, message=message)


def _names(parent: Node | None, list_name: str) -> dict[str, Node]:
    if parent is None:
        return {}
    return {entry.value_of("name"): entry for entry in parent.all(list_name)}


def _values(node: Node, name: str) -> list[str]:
    return [c.value for c in node.all(name)]


class _Interfaces:
    """Configured logical interfaces (`ge-0/0/0.0`, `st0.1`) and their families."""

    def __init__(self, tree: Node):
        self.units: dict[str, Node] = {}
        for interface in tree.get("interfaces").all("interface") if tree.get("interfaces") else []:
            for unit in interface.all("unit"):
                self.units[f"{interface.value_of('name')}.{unit.value_of('name')}"] = unit

    def unit(self, name: str) -> Node | None:
        device, unit = canonical_interface(name)
        return self.units.get(f"{device}.{unit or '0'}")


def semantic_errors(tree: Node) -> list[JunosError]:
    errors: list[JunosError] = []
    interfaces = _Interfaces(tree)
    ike = tree.get("security", "ike")
    ipsec = tree.get("security", "ipsec")
    ike_proposals = _names(ike, "proposal")
    ike_policies = _names(ike, "policy")
    gateways = _names(ike, "gateway")
    ipsec_policies = _names(ipsec, "policy")
    vpns = _names(ipsec, "vpn")

    for name, policy in ike_policies.items():
        _check_proposals(["security", "ike", "policy", name], policy, ike_proposals, "IKE", errors)
    for name, gateway in gateways.items():
        _check_gateway(name, gateway, ike_policies, ike_proposals, interfaces, errors)
    ipsec_proposals = _names(ipsec, "proposal")
    for name, policy in ipsec_policies.items():
        _check_proposals(["security", "ipsec", "policy", name], policy, ipsec_proposals, "IPsec", errors)
    _check_vpns(vpns, gateways, ipsec_policies, interfaces, errors)
    _check_zones(tree, interfaces, errors)
    _check_policies(tree, vpns, errors)
    return errors


def _check_proposals(path: list[str], policy: Node, defined: dict, kind: str,
                     errors: list[JunosError]) -> None:
    proposals = _values(policy, "proposals")
    if proposals and policy.child("proposal-set") is not None:
        errors.append(_error(path, "proposal-set",
                             "proposal-set and proposals are mutually exclusive"))
    if len(proposals) > MAX_PROPOSALS:
        errors.append(_error(path, "proposals",
                             f"Maximum of {MAX_PROPOSALS} proposals can be configured per {kind} policy"))
    for proposal in proposals:
        if proposal not in defined:
            errors.append(_error(path, "proposals",
                                 f"Referenced {kind} proposal '{proposal}' is not defined"))


def _uses_psk(policy: Node, proposals: dict[str, Node]) -> bool:
    if policy.child("proposal-set") is not None:
        return True
    for name in _values(policy, "proposals"):
        proposal = proposals.get(name)
        method = proposal.value_of("authentication-method") if proposal is not None else None
        if method in (None, _PSK_METHOD):
            return True
    return False


def _check_gateway(name: str, gateway: Node, policies: dict, proposals: dict,
                   interfaces: _Interfaces, errors: list[JunosError]) -> None:
    path = ["security", "ike", "gateway", name]
    policy_name = gateway.value_of("ike-policy")
    if policy_name is None:
        errors.append(_error(path, "ike-policy", "Missing mandatory statement: 'ike-policy'"))
    elif policy_name not in policies:
        errors.append(_error(path, "ike-policy", f"Referenced IKE policy '{policy_name}' is not defined"))
    else:
        policy = policies[policy_name]
        if _uses_psk(policy, proposals) and policy.child("pre-shared-key") is None:
            errors.append(_error(["security", "ike", "policy", policy_name], "pre-shared-key",
                                 f"Pre-shared key is required for IKE policy '{policy_name}' "
                                 f"used by gateway '{name}' (authentication-method pre-shared-keys)"))
    if not gateway.all("address") and gateway.child("dynamic") is None:
        errors.append(_error(path, "address",
                             f"Either address or dynamic must be configured for gateway '{name}'"))
    external = gateway.value_of("external-interface")
    if external is None:
        errors.append(_error(path, "external-interface",
                             "Missing mandatory statement: 'external-interface'"))
    elif interfaces.unit(external) is None:
        errors.append(_error(path, "external-interface",
                             f"External interface '{external}' is not configured"))


def _check_vpns(vpns: dict, gateways: dict, policies: dict, interfaces: _Interfaces,
                errors: list[JunosError]) -> None:
    bound: dict[str, list[str]] = {}
    for name, vpn in vpns.items():
        path = ["security", "ipsec", "vpn", name]
        gateway = vpn.value_of("ike", "gateway")
        if gateway is not None and gateway not in gateways:
            errors.append(_error(path + ["ike"], "gateway",
                                 f"Referenced IKE gateway '{gateway}' is not defined"))
        ipsec_policy = vpn.value_of("ike", "ipsec-policy")
        if ipsec_policy is not None and ipsec_policy not in policies:
            errors.append(_error(path + ["ike"], "ipsec-policy",
                                 f"Referenced IPsec policy '{ipsec_policy}' is not defined"))
        interface = vpn.value_of("bind-interface")
        if interface is None:
            continue
        device, unit_number = canonical_interface(interface)
        unit = interfaces.unit(interface)
        if not device.startswith("st0") or unit is None or unit.get("family", "inet") is None:
            errors.append(_error(path, "bind-interface",
                                 f"Bind interface '{interface}' must be a configured st0 unit "
                                 "with family inet"))
            continue
        bound.setdefault(f"{device}.{unit_number or '0'}", []).append(name)
    for interface, names in bound.items():
        unit = interfaces.unit(interface)
        if len(names) > 1 and unit.child("multipoint") is None:
            for name in names[1:]:
                errors.append(_error(["security", "ipsec", "vpn", name], "bind-interface",
                                     f"Interface {interface} is bound to more than one VPN "
                                     f"({', '.join(names)}); configure it as multipoint"))


def _check_zones(tree: Node, interfaces: _Interfaces, errors: list[JunosError]) -> None:
    owner: dict[str, str] = {}
    zones = tree.get("security", "zones")
    for zone in zones.all("security-zone") if zones is not None else []:
        zone_name = zone.value_of("name")
        path = ["security", "zones", "security-zone", zone_name]
        for member in zone.all("interfaces"):
            interface = member.value_of("name")
            device, unit = canonical_interface(interface)
            canonical = f"{device}.{unit or '0'}"
            if interfaces.unit(interface) is None:
                errors.append(_error(path, "interfaces",
                                     f"Interface {interface} must be configured under [edit interfaces]"))
            if canonical in owner and owner[canonical] != zone_name:
                errors.append(_error(path + ["interfaces", interface], "interfaces",
                                     f"Interface {interface} is already in security zone "
                                     f"'{owner[canonical]}'; an interface can be in only one zone"))
            owner.setdefault(canonical, zone_name)


def _book_names(book: Node | None) -> set[str]:
    if book is None:
        return set()
    return {entry.value_of("name") for kind in ("address", "address-set") for entry in book.all(kind)}


class _PolicyScope:
    """Names a security policy may refer to: zones, address-book entries, applications."""

    def __init__(self, tree: Node):
        security = tree.get("security")
        self.global_addresses: set[str] = set()
        for book in security.all("address-book"):
            self.global_addresses |= _book_names(book)
        zones = tree.get("security", "zones")
        self.zone_addresses = {zone.value_of("name"): _book_names(zone.get("address-book"))
                               for zone in (zones.all("security-zone") if zones is not None else [])}
        applications = tree.get("applications")
        self.applications = set(_names(applications, "application")) | \
            set(_names(applications, "application-set"))

    def address_known(self, address: str, zone: str) -> bool:
        return address in _ANY_ADDRESSES or address in self.global_addresses \
            or address in self.zone_addresses.get(zone, set())

    def application_known(self, application: str) -> bool:
        return application == "any" or application.startswith("junos-") or application in self.applications


def _check_policies(tree: Node, vpns: dict, errors: list[JunosError]) -> None:
    policies = tree.get("security", "policies")
    if policies is None:
        return
    scope = _PolicyScope(tree)
    for context in policies.all("policy"):
        from_zone, to_zone = context.value_of("from-zone-name"), context.value_of("to-zone-name")
        words = ["security", "policies", "from-zone", from_zone, "to-zone", to_zone]
        for keyword, zone in (("from-zone", from_zone), ("to-zone", to_zone)):
            if zone not in scope.zone_addresses and zone != "junos-host":
                errors.append(_error(words, keyword, f"Security zone '{zone}' is not defined"))
        for policy in context.all("policy"):
            policy_words = words + ["policy", policy.value_of("name")]
            match = policy.get("match")
            if match is not None:
                _check_match(match, policy_words + ["match"], from_zone, to_zone, scope, errors)
            vpn = policy.value_of("then", "permit", "tunnel", "ipsec-vpn")
            if vpn is not None and vpn not in vpns:
                errors.append(_error(policy_words + ["then", "permit", "tunnel"],
                                     "ipsec-vpn", f"Referenced IPsec VPN '{vpn}' is not defined"))


def _check_match(match: Node, path: list[str], from_zone: str, to_zone: str, scope: _PolicyScope,
                 errors: list[JunosError]) -> None:
    for leaf, zone in (("source-address", from_zone), ("destination-address", to_zone)):
        for address in _values(match, leaf):
            if not scope.address_known(address, zone):
                errors.append(_error(path, leaf, f"Address '{address}' is not defined in the address book"))
    for application in _values(match, "application"):
        if not scope.application_known(application):
            errors.append(_error(path, "application", f"Application '{application}' is not defined"))
