"""DOCUMENTATION, RETURN and docs/objects.md are generated from the schema and must not drift from it
or from the argspec the modules really use."""
import ast
from pathlib import Path

import pytest
import yaml

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import docgen
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.argspec import COMMON, argument_spec
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.schema import RESOURCES

REPO = Path(__file__).resolve().parents[4]


def module_strings(name):
    tree = ast.parse((REPO / "plugins" / "modules" / ("%s.py" % name)).read_text())
    return {node.targets[0].id: node.value.value for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)}


def fragment_options():
    tree = ast.parse((REPO / "plugins" / "doc_fragments" / "resource.py").read_text())
    text = next(n.value.value for n in ast.walk(tree) if isinstance(n, ast.Assign) and n.targets[0].id == "DOCUMENTATION")
    return yaml.safe_load(text)["options"]


def assert_same(spec, doc, where):
    assert set(spec) == set(doc), "%s: argspec %s vs documented %s" % (where, sorted(spec), sorted(doc))
    for name, option in spec.items():
        documented = doc[name]
        here = "%s.%s" % (where, name)
        assert option.get("type", "str") == documented.get("type", "str"), here
        assert option.get("elements") == documented.get("elements"), here
        assert option.get("choices") == documented.get("choices"), here
        assert bool(option.get("required")) == bool(documented.get("required")), here
        assert option.get("default") == documented.get("default"), here
        assert documented.get("description"), here + " has no description"
        if "options" in option:
            assert_same(option["options"], documented["suboptions"], here)


def test_generated_blocks_are_up_to_date():
    """Fix with: .venv/bin/python tools/gen_docs.py --write"""
    assert docgen.outdated() == []


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_documentation_matches_the_argspec(name):
    doc = yaml.safe_load(module_strings(name)["DOCUMENTATION"])
    options = dict(doc["options"])
    options.update(fragment_options())
    assert_same(argument_spec(name), options, name)


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_examples_use_the_module_and_parse(name):
    examples = yaml.safe_load(module_strings(name)["EXAMPLES"])
    assert examples and all("netsec.srx_vpn.%s" % name in task for task in examples)


def test_fragment_documents_exactly_the_common_options():
    assert set(fragment_options()) == set(COMMON)


def test_objects_md_lists_every_resource_and_field():
    text = (REPO / "docs" / "objects.md").read_text()
    for name, resource in RESOURCES.items():
        assert "## %s" % name in text
        for coll in resource.collections:
            for field in coll.item.children:
                assert " %s:" % field.name in text
