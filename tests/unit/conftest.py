"""Make the collection importable as ansible_collections.netsec.srx_vpn from this checkout, and
tests/unit helpers (yang_reader) and tests/lib (playbook_runner) importable, whether run by plain
pytest or ansible-test units."""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests" / "lib"))

try:
    import ansible_collections.netsec.srx_vpn  # noqa: F401  pylint: disable=unused-import
except ImportError:  # plain pytest without PYTHONPATH=.build/dev
    tree = REPO / ".build" / "dev"
    link = tree / "ansible_collections" / "netsec" / "srx_vpn"
    if not link.exists():
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(REPO)
    sys.path.insert(0, str(tree))
