"""secrets.py is the only place in plugins/ that encodes or decodes Junos $9$ strings.

Like terraform-provider-junos' ruleguard rule for JunosDecode: everything else
calls secrets.decode9/encode9/psk_equal/is_nine, so there is one codec to fix
and one place where plaintext keys appear.
"""
import ast
from pathlib import Path

import pytest

from playbook_runner import REPO

PLUGINS = Path(REPO) / "plugins"
CHOKE_POINT = PLUGINS / "module_utils" / "srx_vpn" / "secrets.py"

CODEC_TABLES = ("QzF3n6/9CAtpu0O", "B1IREhcSyrleKvMW8LXx", "7N-dVbwsY2g4oaJZGUDj", "iHkq.mPf5T")
CODEC_FUNCTION_WORDS = ("decode9", "encode9", "decrypt9", "encrypt9", "juniper_decrypt", "juniper_encrypt",
                        "junos_decode", "junos_encode", "decode_nine", "encode_nine")
THIRD_PARTY_CODECS = ("junosdecode", "netconan", "jnpr.junos.utils.crypt", "passlib")


def violations(source: str) -> list:
    """Codec code found in one Python source: tables, codec functions, codec imports, $9$ parsing."""
    found = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if any(table in node.value for table in CODEC_TABLES):
                found.append("line %d: $9$ alphabet" % node.lineno)
            if node.value == "$9$" or r"\$9\$" in node.value:
                found.append("line %d: matches $9$ strings itself (use secrets.is_nine)" % node.lineno)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if any(word in node.name.lower() for word in CODEC_FUNCTION_WORDS):
                found.append("line %d: defines codec function %s" % (node.lineno, node.name))
        elif isinstance(node, ast.Tuple) and _is_encoding_table(node):
            found.append("line %d: $9$ encoding moduli" % node.lineno)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [alias.name for alias in node.names]
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + ["%s.%s" % (node.module, n) for n in names]
            if any(name.startswith(codec) for name in names for codec in THIRD_PARTY_CODECS):
                found.append("line %d: imports a third-party $9$ codec" % node.lineno)
    return found


def _is_encoding_table(node) -> bool:
    rows = [[elt.value for elt in row.elts if isinstance(elt, ast.Constant)]
            for row in node.elts if isinstance(row, (ast.Tuple, ast.List))]
    return [1, 4, 32] in rows and [1, 4, 16, 128] in rows


def plugin_sources():
    return sorted(path for path in PLUGINS.rglob("*.py") if path != CHOKE_POINT)


@pytest.mark.parametrize("snippet", [
    'FAMILY = ["QzF3n6/9CAtpu0O", "B1IREhcSyrleKvMW8LXx"]',
    "def juniper_decrypt(crypt):\n    return crypt",
    "def my_decode9(value):\n    pass",
    "import junosdecode",
    "from netconan.utils import juniper_secrets",
    "if value.startswith('$9$'):\n    pass",
    "import re\nNINE = re.compile(r'^\\$9\\$')",
    "ENCODING = ((1, 4, 32), (1, 16, 32), (1, 8, 32), (1, 64), (1, 32), (1, 4, 16, 128), (1, 32, 64))",
])
def test_guard_catches_codec_code(snippet):
    assert violations(snippet)


def test_guard_allows_calls_to_the_choke_point():
    allowed = ("from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.secrets import psk_equal\n"
               "DOCUMENTATION = 'pre_shared_key accepts plaintext or a $9$ string read from the device'\n"
               "def same(a, b):\n    return psk_equal(a, b)\n")
    assert violations(allowed) == []


def test_choke_point_exists_and_holds_the_codec():
    assert violations(CHOKE_POINT.read_text())  # the rules do describe the real codec


def test_no_codec_outside_secrets_py():
    offenders = {str(path.relative_to(REPO)): found
                 for path in plugin_sources() for found in [violations(path.read_text())] if found}
    assert offenders == {}, "the $9$ codec belongs in %s only: %s" % (CHOKE_POINT.relative_to(REPO), offenders)
