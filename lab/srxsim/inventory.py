"""Files a started lab leaves in its state dir for clients: devices.json and inventory.yml."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from srxsim.lab import Lab

DEVICES_FILE = "devices.json"
INVENTORY_FILE = "inventory.yml"


def devices(lab: "Lab") -> dict:
    return {name: {"host": lab.endpoints[name][0], "port": lab.endpoints[name][1],
                   "username": device.settings.username, "password": device.settings.password}
            for name, device in lab.devices.items()}


def ansible_inventory(lab: "Lab") -> dict:
    hosts = {
        name: {"ansible_host": entry["host"], "ansible_port": entry["port"], "ansible_user": entry["username"],
               "ansible_password": entry["password"]}
        for name, entry in devices(lab).items()}
    group_vars = {
        "ansible_connection": "ansible.netcommon.netconf",
        "ansible_network_os": "junipernetworks.junos.junos",
        # lab only: host keys are generated per state dir, so they are new on every fresh lab
        "ansible_host_key_checking": False,
    }
    return {"all": {"children": {"srxsim": {"hosts": hosts, "vars": group_vars}}}}


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def write(lab: "Lab") -> None:
    lab.state_dir.mkdir(parents=True, exist_ok=True)
    _write(lab.state_dir / DEVICES_FILE, json.dumps(devices(lab), indent=2) + "\n")
    header = "# Written by `srxsim up` for lab %s; rewritten on every start.\n" % lab.topology.name
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the C dumper: 200 hosts in milliseconds
    _write(lab.state_dir / INVENTORY_FILE, header + yaml.dump(ansible_inventory(lab), Dumper=dumper, sort_keys=False))
