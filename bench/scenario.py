"""Benchmark scenarios: lab topology + inventory (intent and vaulted PSKs) written under a tmp dir.

Two shapes, both generated so the steps (add a spoke, rotate a PSK) are plain edits of the intent:
- seed004: the repo's inventories/seed004 and lab/topologies/seed004.yml, copied;
- hub_and_spoke(n): one hub and n spokes on one simulated internet, IKEv2 with custom proposals,
  one PSK per spoke, spoke LANs summarised by one route on every spoke.
- pairs(n): n devices as n/2 site-to-site tunnels (the lighter deploy-scale scenario).
"""
from __future__ import annotations

import ipaddress
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from ansible.constants import DEFAULT_VAULT_ID_MATCH
from ansible.parsing.vault import VaultLib, VaultSecret

REPO = Path(__file__).resolve().parents[1]
VAULT_PASSWORD_FILE = REPO / "inventories" / "LAB-ONLY-vault-password.txt"
ROOT_HASH = "$6$srxsimlab$aybXBNRvIGuqm0o01U1J.GrMzQqLxVDRtBvcdjdO/I.Q5pUuUpoLZ5AxK64PtqThXm.uJutVl5pgE//A2qNVb."
INTERNET = ipaddress.ip_network("198.18.0.0/15")  # RFC 2544 benchmarking range
PROFILE = {
    "ike": {"version": "v2-only", "proposals": [{
        "name": "ike-aes256-sha256-g14", "authentication_method": "pre-shared-keys", "dh_group": "group14",
        "authentication_algorithm": "sha-256", "encryption_algorithm": "aes-256-cbc", "lifetime_seconds": 28800}]},
    "ipsec": {"pfs": "group14", "proposals": [{
        "name": "esp-aes256-sha256", "protocol": "esp", "authentication_algorithm": "hmac-sha-256-128",
        "encryption_algorithm": "aes-256-cbc", "lifetime_seconds": 3600}]},
}


class _VaultDumper(yaml.SafeDumper):
    pass


class Vaulted(str):
    """A string written to YAML as an `!vault |` block."""


_VaultDumper.add_representer(
    Vaulted, lambda dumper, value: dumper.represent_scalar("!vault", str(value), style="|"))


def _vault() -> VaultLib:
    password = VAULT_PASSWORD_FILE.read_text().strip().encode()
    return VaultLib([(DEFAULT_VAULT_ID_MATCH, VaultSecret(password))])


def new_psk() -> str:
    return secrets.token_urlsafe(18)


@dataclass
class Site:
    name: str
    index: int  # position on the simulated internet and LAN numbering

    @property
    def external(self) -> str:
        return str(INTERNET.network_address + self.index + 1)

    @property
    def lan(self) -> ipaddress.IPv4Network:
        return ipaddress.ip_network("10.%d.%d.0/24" % (self.index // 256, self.index % 256))

    def vpn_site(self) -> dict:
        return {"external_interface": "ge-0/0/0", "external_address": self.external,
                "lan_subnets": [str(self.lan)], "lan_address": str(self.lan.network_address + 1),
                "probe_address": str(self.lan.network_address + 10)}

    def lab_device(self) -> dict:
        config = "\n".join([
            "set system host-name %s" % self.name,
            'set system root-authentication encrypted-password "%s"' % ROOT_HASH,
            "set system services ssh",
            "set system services netconf ssh",
            "set interfaces ge-0/0/0 unit 0 family inet address %s/%d" % (self.external, INTERNET.prefixlen),
            "set interfaces ge-0/0/1 unit 0 family inet address %s/24" % (self.lan.network_address + 1),
            "set routing-options static route 0.0.0.0/0 next-hop %s" % (INTERNET.broadcast_address - 1),
            "set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services ike",
            "set security zones security-zone trust interfaces ge-0/0/1.0 host-inbound-traffic system-services ping",
        ]) + "\n"
        return {"interfaces": {"ge-0/0/0": {"network": "internet"}, "ge-0/0/1": {"network": "lan-" + self.name},
                               "fxp0": {}},
                "config": config}


@dataclass
class Scenario:
    """Intent that the steps edit, and the files it is written to."""
    name: str
    root: Path
    kind: str                          # seed004 | hub_and_spoke | pairs
    sites: list[Site] = field(default_factory=list)
    active: list[str] = field(default_factory=list)   # hosts in vpn_devices
    psks: dict[str, str] = field(default_factory=dict)  # tunnel key -> PSK (never printed)

    @property
    def inventory(self) -> Path:
        return self.root / "inventory"

    @property
    def topology(self) -> Path:
        return self.root / "topology.yml"

    def write_topology(self) -> Path:
        devices = {site.name: site.lab_device() for site in self.sites}
        networks = {"internet": {"kind": "internet"}}
        networks.update({"lan-" + site.name: {"kind": "lan", "hosts": {"pc-" + site.name: str(site.lan.network_address + 10)}}
                         for site in self.sites})
        data = {"name": self.name, "defaults": {"username": "netconf", "password": "srxsim-lab-Passw0rd",
                                                "commit_seconds": 0.0, "rpc_latency_ms": 0},
                "devices": devices, "networks": networks}
        self.topology.write_text(yaml.safe_dump(data, sort_keys=False, width=200))
        return self.topology

    def _tunnels(self) -> list[dict]:
        if self.kind == "hub_and_spoke":
            hub, spokes = self.active[0], self.active[1:]
            return [{"name": "bench", "type": "hub_and_spoke", "profile": "bench-ikev2", "hub": hub,
                     "spoke_to_spoke": True, "spoke_routes": ["10.0.0.0/8"], "dpd": {"interval": 10, "threshold": 3},
                     "establish_tunnels": "immediately",
                     "spokes": [{"host": spoke, "psk": "{{ vault_psk_%s }}" % _var(spoke)} for spoke in spokes]}]
        pairs = [self.active[i:i + 2] for i in range(0, len(self.active) - 1, 2)]
        return [{"name": "p-%s" % a, "type": "site_to_site", "mode": "route", "profile": "bench-ikev2",
                 "psk": "{{ vault_psk_%s }}" % _var(a), "ends": [a, b], "establish_tunnels": "immediately"}
                for a, b in pairs]

    def write_inventory(self) -> Path:
        """(Re)write the generated inventory for the current intent."""
        if self.kind == "seed004":
            return self._write_seed004()
        inv = self.inventory
        shutil.rmtree(inv, ignore_errors=True)
        (inv / "group_vars" / "all").mkdir(parents=True)
        (inv / "host_vars").mkdir()
        hosts = {host: None for host in self.active}
        (inv / "hosts.yml").write_text(yaml.safe_dump({"all": {"children": {"vpn_devices": {"hosts": hosts}}}}))
        intent = {"vpn_crypto_profiles": {"bench-ikev2": PROFILE}, "vpn_link_pool": "10.255.0.0/16",
                  "vpn_link_prefix": 30, "vpn_tunnels": self._tunnels()}
        (inv / "group_vars" / "all" / "vpn.yml").write_text(yaml.safe_dump(intent, sort_keys=False))
        vault = _vault()
        keys = {"vault_psk_%s" % _var(key): Vaulted(vault.encrypt(psk).decode()) for key, psk in self.psks.items()}
        (inv / "group_vars" / "all" / "vault.yml").write_text(yaml.dump(keys, Dumper=_VaultDumper))
        for site in self.sites:
            if site.name in self.active:
                (inv / "host_vars" / (site.name + ".yml")).write_text(yaml.safe_dump({"vpn_site": site.vpn_site()}))
        return inv

    def _write_seed004(self) -> Path:
        inv = self.inventory
        shutil.rmtree(inv, ignore_errors=True)
        shutil.copytree(REPO / "inventories" / "seed004", inv)
        if "seed004" in self.psks:  # rotated: the seed's vault holds the original key
            vault = _vault()
            (inv / "group_vars" / "all" / "vault.yml").write_text(yaml.dump(
                {"vault_psk_seed004": Vaulted(vault.encrypt(self.psks["seed004"]).decode())}, Dumper=_VaultDumper))
        return inv

    # The steps' edits of the intent ---------------------------------------------------------
    def add_spoke(self) -> str | None:
        """Activate the next reserved site (hub_and_spoke); None when the shape has no spokes."""
        spare = [site.name for site in self.sites if site.name not in self.active]
        if self.kind != "hub_and_spoke" or not spare:
            return None
        self.active.append(spare[0])
        self.psks[spare[0]] = new_psk()
        return spare[0]

    def rotate_psk(self) -> str:
        """New PSK for one tunnel (the first spoke, or seed 004's only tunnel); returns its key."""
        key = "seed004" if self.kind == "seed004" else (self.active[1] if self.kind == "hub_and_spoke" else self.active[0])
        self.psks[key] = new_psk()
        return key


def _var(host: str) -> str:
    return host.replace("-", "_")


def seed004(root: Path) -> Scenario:
    root.mkdir(parents=True, exist_ok=True)
    scenario = Scenario("seed004", root, "seed004", active=["site-a", "site-b"])
    shutil.copy(REPO / "lab" / "topologies" / "seed004.yml", scenario.topology)
    scenario.write_inventory()
    return scenario


def hub_and_spoke(root: Path, spokes: int, spare: int = 1) -> Scenario:
    """One hub, `spokes` spokes in the intent and `spare` more lab devices for the add-a-spoke step."""
    root.mkdir(parents=True, exist_ok=True)
    sites = [Site("hub", 0)] + [Site("spoke%03d" % i, i) for i in range(1, spokes + spare + 1)]
    scenario = Scenario("hub%d" % spokes, root, "hub_and_spoke", sites=sites,
                        active=[site.name for site in sites[:spokes + 1]])
    scenario.psks = {host: new_psk() for host in scenario.active[1:]}
    scenario.write_topology()
    scenario.write_inventory()
    return scenario


def pairs(root: Path, devices: int) -> Scenario:
    """`devices` lab devices as site-to-site pairs (adjacent in the inventory, so in one fork batch)."""
    if devices % 2:
        raise ValueError("pairs: an even number of devices is needed, got %d" % devices)
    root.mkdir(parents=True, exist_ok=True)
    sites = [Site("srx%03d" % i, i) for i in range(devices)]
    scenario = Scenario("pairs%d" % devices, root, "pairs", sites=sites, active=[site.name for site in sites])
    scenario.psks = {site.name: new_psk() for site in sites[::2]}
    scenario.write_topology()
    scenario.write_inventory()
    return scenario


def plan_inputs(spokes: int) -> tuple[dict, list, dict]:
    """(sites, tunnels, profiles) for the pure vpn_plan function: one hub and `spokes` spokes."""
    sites = [Site("hub", 0)] + [Site("spoke%05d" % i, i) for i in range(1, spokes + 1)]
    tunnels = [{"name": "bench", "type": "hub_and_spoke", "profile": "bench-ikev2", "hub": "hub",
                "spoke_to_spoke": True, "spoke_routes": ["10.0.0.0/8"], "establish_tunnels": "immediately",
                "spokes": [{"host": site.name, "psk": "lab-psk-%d" % site.index} for site in sites[1:]]}]
    return {site.name: site.vpn_site() for site in sites}, tunnels, {"bench-ikev2": PROFILE}
