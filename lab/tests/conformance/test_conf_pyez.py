"""PyEZ (junos-eznc), unmodified, against the lab: open, Config lock/load/check/diff/commit/rollback."""
import pytest
from jnpr.junos import Device
from jnpr.junos.exception import CommitError, ConfigLoadError, LockError
from jnpr.junos.utils.config import Config


def open_device(lab, name="r1"):
    entry = lab.devices[name]
    dev = Device(host=entry["host"], port=entry["port"], user=entry["username"], passwd=entry["password"],
                 gather_facts=False)
    dev.open()
    return dev


def test_open_facts_and_rpc(lab):
    dev = open_device(lab)
    try:
        assert dev.rpc.get_software_information().findtext("host-name") == "r1"
        assert dev.facts["hostname"] == "r1" and dev.facts["version"] == "24.4R1.9"
    finally:
        dev.close()


@pytest.mark.parametrize("fmt,payload", [
    ("set", "set system domain-name set.example"),
    ("text", "system { domain-name text.example; }"),
    ("xml", "<configuration><system><domain-name>xml.example</domain-name></system></configuration>"),
])
def test_config_workflow(lab, fmt, payload):
    dev = open_device(lab)
    try:
        with Config(dev, mode="exclusive") as cu:
            cu.load(payload, format=fmt, merge=True)
            assert cu.commit_check() is True
            diff = cu.diff()
            assert "[edit system]" in diff and "domain-name %s.example;" % fmt in diff
            assert cu.commit(comment="pyez %s" % fmt) is True
            assert cu.diff() is None
        assert lab.commits("r1")[0]["log"] == "pyez %s" % fmt
        cu = Config(dev)
        cu.lock()
        cu.rollback(1)
        assert "-   domain-name %s.example;" % fmt in cu.diff()
        cu.commit()
        cu.unlock()
        sets = dev.rpc.get_config(options={"format": "set", "database": "committed"}).text
        assert "domain-name" not in sets
    finally:
        dev.close()


def test_errors_surface_as_pyez_exceptions(lab):
    dev = open_device(lab)
    other = open_device(lab)
    try:
        cu = Config(dev)
        with pytest.raises(ConfigLoadError) as bad:
            cu.load("set system no-such-knob 1", format="set")
        assert "syntax error" in str(bad.value)
        cu.rollback(0)
        cu.lock()
        with pytest.raises(LockError) as locked:
            Config(other).lock()
        assert "configuration database locked by" in str(locked.value)
        cu.load("set security ike gateway gw1 ike-policy missing address 203.0.113.7", format="set")
        with pytest.raises(CommitError) as failed:
            cu.commit()
        assert "Referenced IKE policy 'missing' is not defined" in str(failed.value)
        cu.rollback(0)
        cu.unlock()
    finally:
        other.close()
        dev.close()
