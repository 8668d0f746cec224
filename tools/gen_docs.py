#!/usr/bin/env python3
"""Regenerate (--write) or check the schema-generated DOCUMENTATION/RETURN of the resource modules and
docs/objects.md. Usage: .venv/bin/python tools/gen_docs.py [--write]"""
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TREE = REPO / ".build" / "dev"
LINK = TREE / "ansible_collections" / "netsec" / "srx_vpn"
if not LINK.exists():
    LINK.parent.mkdir(parents=True, exist_ok=True)
    LINK.symlink_to(REPO)
sys.path.insert(0, str(TREE))

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn.docgen import outdated  # noqa: E402


def main():
    write = "--write" in sys.argv[1:]
    stale = outdated(write=write)
    for path in stale:
        print(("rewrote " if write else "out of date: ") + path)
    return 1 if stale and not write else 0


if __name__ == "__main__":
    sys.exit(main())
