"""Load warnings: Junos loads the rest and reports them with severity warning alongside <ok/>."""

from srxsim.config import Configuration, load_configuration, load_configuration_with_warnings

from cfgdata import BASE, load_set


def test_deleting_a_missing_statement_warns_and_loads_the_rest():
    base = load_set(BASE)
    cfg, warnings = load_configuration_with_warnings(
        base, "delete interfaces ge-0/0/7\nset system domain-name example.net\n"
              "delete security ike gateway nowhere\n", action="set", fmt="set")
    assert [(w.severity, w.message, w.bad_element) for w in warnings] == \
        [("warning", "statement not found", None)] * 2
    assert cfg.root.value_of("system", "domain-name") == "example.net"
    assert cfg == load_set("set system domain-name example.net\n", base)


def test_deleting_an_existing_statement_gives_no_warning():
    cfg, warnings = load_configuration_with_warnings(load_set(BASE), "delete system host-name\n",
                                                     action="set", fmt="set")
    assert warnings == [] and cfg.root.get("system", "host-name") is None


def test_text_delete_tag_on_a_missing_statement_warns():
    text = "system {\n    delete: ntp;\n    domain-name example.net;\n}\n"
    cfg, warnings = load_configuration_with_warnings(load_set(BASE), text, action="merge", fmt="text")
    assert [w.message for w in warnings] == ["statement not found"]
    assert cfg.root.value_of("system", "domain-name") == "example.net"


def test_plain_load_configuration_keeps_its_signature_and_result():
    payload = "delete interfaces ge-0/0/7\n"
    assert load_configuration(load_set(BASE), payload, action="set", fmt="set") == load_set(BASE)
    _, warnings = load_configuration_with_warnings(Configuration.empty(), payload, action="set", fmt="set")
    assert len(warnings) == 1
