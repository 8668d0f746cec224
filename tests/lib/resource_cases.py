"""The netcommon state checks every resource module must pass, shared by tests/integration/test_<module>.py.

Each function takes the PlaybookOutcome of targets/<module>/main.yml and the
scenario's data from targets/<module>/vars.yml; "present"/"absent" are Junos
set commands looked up in the device's committed configuration after the run.
Scenarios own disjoint objects (their own name prefix), so checking them all
after one run is the same as checking each right after it ran.
"""
import json

REDACTED = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
CONFIG_RPCS = frozenset(("get-configuration", "lock", "load-configuration", "commit-configuration"))


def contains(actual, expected) -> bool:
    """expected is a subset of actual: dict keys recursively, list items matched in any order."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and contains(actual[k], v) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and all(any(contains(a, e) for a in actual) for e in expected)
    return actual == expected


def assert_lines(outcome, present=(), absent=()):
    lines = outcome.lines_after
    missing = [line for line in present if line not in lines]
    unexpected = [line for line in absent if line in lines]
    assert not missing and not unexpected, "missing %s, unexpected %s in\n%s" % (
        missing, unexpected, "\n".join(lines))


def assert_untouched(outcome, owns):
    """Every line no scenario owns survives the run: the user's objects are never touched."""
    kept = [line for line in outcome.lines_before if not any(mark in line for mark in owns)]
    lost = [line for line in kept if line not in outcome.lines_after]
    assert lost == [], "objects outside every task's scope changed: %s" % lost


def assert_committed_once(step):
    assert not step.failed and step.changed, step.explain()
    assert len(step.commits) == 1, step.explain()
    # One candidate edit: a single lock, load and unlock.
    assert [r for r in step.rpcs if r in ("lock", "load-configuration", "unlock")] == \
        ["lock", "load-configuration", "unlock"], step.explain()
    assert step.result["diff"]["prepared"].strip(), step.explain()   # the device's own diff


def assert_no_change(step):
    """changed=0 at the cost of one get-configuration: no lock, load or commit."""
    assert not step.failed and not step.changed, step.explain()
    assert step.rpcs == ["get-configuration"], step.explain()
    assert step.commits == [], step.explain()


def merged(outcome, data):
    assert_committed_once(outcome.step("Merged: run 1"))
    assert_no_change(outcome.step("Merged: run 2"))
    assert_lines(outcome, present=data["present"])


def check_mode(outcome, data):
    step = outcome.step("Check mode: run")
    assert not step.failed and step.changed, step.explain()
    assert step.commits == [], step.explain()
    assert "discard-changes" in step.rpcs and step.rpcs[-1] == "unlock", step.explain()
    prepared = step.result["diff"]["prepared"]
    assert all(text in prepared for text in data["diff_contains"]), step.explain()
    assert_lines(outcome, absent=data["absent"])
    lab, device = outcome.lab, outcome.device
    assert lab.config(device, "set", database="candidate") == lab.config(device, "set"), "candidate left dirty"


def replaced(outcome, data):
    assert_committed_once(outcome.step("Replaced: base"))
    assert_committed_once(outcome.step("Replaced: run 1"))
    assert_no_change(outcome.step("Replaced: run 2"))
    assert_lines(outcome, present=data.get("present", ()), absent=data.get("absent", ()))


def overridden(outcome, data, owns):
    assert_committed_once(outcome.step("Overridden: base"))
    assert_committed_once(outcome.step("Overridden: run 1"))
    assert_no_change(outcome.step("Overridden: run 2"))
    assert_lines(outcome, present=data.get("present", ()), absent=data.get("absent", ()))
    assert_untouched(outcome, owns)


def deleted(outcome, data, owns):
    assert_committed_once(outcome.step("Deleted: base"))
    assert_committed_once(outcome.step("Deleted: run 1"))
    assert_no_change(outcome.step("Deleted: run 2"))
    assert_lines(outcome, absent=data["absent"])
    assert_untouched(outcome, owns)


def gathered(outcome, data):
    step = outcome.step("Gathered: run")
    assert not step.failed and not step.changed, step.explain()
    assert step.rpcs == ["get-configuration"] and step.commits == [], step.explain()
    assert contains(step.result["gathered"], data["expect"]), step.explain()
    assert "$9$" not in json_text(step.result["gathered"]), "gathered must not return the device's $9$ keys"


def rendered(outcome, data):
    step = outcome.step("Rendered: run")
    assert not step.failed and not step.changed, step.explain()
    assert not set(step.rpcs) & CONFIG_RPCS, step.explain()
    text = step.result["rendered"]
    assert all(fragment in text for fragment in data["contains"]), step.explain()
    assert not any(secret in json_text(step.result) for secret in data.get("secrets", ())), step.explain()


def parsed(outcome, data):
    step = outcome.step("Parsed: run")
    assert not step.failed and not step.changed, step.explain()
    assert not set(step.rpcs) & CONFIG_RPCS, step.explain()
    assert contains(step.result["parsed"], data["expect"]), step.explain()
    assert "$9$" not in json_text(step.result["parsed"])


def json_text(value) -> str:
    return json.dumps(value, default=str)
