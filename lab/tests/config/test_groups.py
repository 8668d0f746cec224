"""apply-groups: shown as configured, inherited into the effective configuration."""

from srxsim.config import validate

from cfgdata import BASE, PSK, SEED_004, load_set

GROUP_BASE = """\
set groups site system ntp server 192.0.2.123
set groups site system host-name from-group
set groups site system syslog file messages any notice
set apply-groups site
"""


def test_groups_display_as_configured_and_apply_in_the_effective_configuration():
    cfg = load_set(GROUP_BASE + BASE)
    shown = cfg.to_set()
    assert "set groups site system ntp server 192.0.2.123\n" in shown
    assert "set apply-groups site\n" in shown
    assert "set system ntp" not in shown
    effective = cfg.effective().to_set()
    assert "set system ntp server 192.0.2.123\n" in effective
    assert "set system syslog file messages any notice\n" in effective
    assert "groups" not in effective and "apply-groups" not in effective


def test_local_statements_win_over_inherited_ones():
    cfg = load_set(GROUP_BASE + BASE)
    assert cfg.effective().root.value_of("system", "host-name") == "site-a"
    assert cfg.root.get("groups") is not None and cfg.effective().root.get("groups") is None


def test_mandatory_statements_may_come_from_a_group():
    cfg = load_set("set groups common system root-authentication encrypted-password \"$6$abc$def\"\n"
                   "set apply-groups common\nset system host-name r1\n")
    assert validate(cfg) == []
    without = load_set("set groups common system root-authentication encrypted-password \"$6$abc$def\"\n"
                       "set system host-name r1\n")
    assert any("root-authentication" in e.message for e in validate(without))


def test_vpn_references_resolve_through_groups():
    vpn_in_group = "".join(line.replace("set ", "set groups vpn ", 1) + "\n"
                           for line in (SEED_004 + PSK).splitlines() if line.startswith("set security ike"))
    rest = "".join(line + "\n" for line in (SEED_004 + PSK).splitlines() if not line.startswith("set security ike"))
    cfg = load_set(BASE + vpn_in_group + rest + "set apply-groups vpn\n")
    assert validate(cfg) == []
    unapplied = load_set(BASE + vpn_in_group + rest)
    assert any("remote-site" in (e.message + (e.path or "")) for e in validate(unapplied))


def test_wildcard_entries_add_to_existing_entries_only():
    cfg = load_set(BASE + "set groups ifd interfaces <ge-*> description lab-port\n"
                   "set groups ifd interfaces <st*> description tunnel\n"
                   "set apply-groups ifd\n")
    effective = cfg.effective()
    interfaces = {e.value_of("name"): e.value_of("description") for e in effective.root.get("interfaces").all("interface")}
    assert interfaces == {"ge-0/0/0": "lab-port", "ge-0/0/1": "lab-port"}


def test_apply_groups_except_stops_inheritance_below_it():
    cfg = load_set(BASE + "set groups ifd interfaces <ge-*> description lab-port\n"
                   "set apply-groups ifd\n"
                   "set interfaces ge-0/0/1 apply-groups-except ifd\n")
    effective = cfg.effective().root.get("interfaces")
    assert {e.value_of("name"): e.value_of("description") for e in effective.all("interface")} == \
        {"ge-0/0/0": "lab-port", "ge-0/0/1": None}


def test_deeper_apply_groups_win_and_first_listed_group_wins():
    cfg = load_set(BASE + "set groups a system domain-name a.example\n"
                   "set groups a system time-zone UTC\n"
                   "set groups b system domain-name b.example\n"
                   "set groups c system time-zone Europe/Berlin\n"
                   "set apply-groups a\n"
                   "set system apply-groups c\n"
                   "set system apply-groups b\n")
    system = cfg.effective().root.get("system")
    assert system.value_of("domain-name") == "b.example"
    assert system.value_of("time-zone") == "Europe/Berlin"


def test_a_local_choice_case_wins_over_the_group_case():
    cfg = load_set("set groups nat security nat source rule-set r rule x then source-nat pool p\n"
                   "set groups nat security nat source rule-set r rule x match source-address 0.0.0.0/0\n"
                   "set apply-groups nat\n"
                   "set security nat source rule-set r rule x then source-nat interface\n")
    effective = cfg.effective().to_set()
    assert "set security nat source rule-set r rule x then source-nat interface\n" in effective
    assert "source-nat pool" not in effective
    assert "set security nat source rule-set r rule x match source-address 0.0.0.0/0\n" in effective


def test_inactive_apply_groups_and_groups_are_not_inherited():
    cfg = load_set(GROUP_BASE + BASE + "deactivate apply-groups site\n")
    assert cfg.effective().root.get("system", "ntp") is None
    cfg = load_set(GROUP_BASE + BASE + "deactivate groups site\n")
    assert cfg.effective().root.get("system", "ntp") is None
