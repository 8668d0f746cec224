# -*- coding: utf-8 -*-
# Copyright: contributors to netsec.srx_vpn
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stable slot allocation for route-based tunnels.

Each route-based path gets one slot in the link pool. Slot k means: tunnel link
subnet = k-th /30 (or /31) of the pool, st0 unit = k on both ends (unless the
inventory pins `st0_unit` or `link`).

The rule (docs/inventory.md, "Allocation"), chosen so that adding or removing one
tunnel leaves the others where they are:
1. an explicit `id` is the slot;
2. otherwise the home slot is sha256(key) mod pool size, where the key is
   "<tunnel>" (site_to_site), "<tunnel>/<path>" (redundant) or "<tunnel>/<spoke>"
   (hub_and_spoke): a function of the tunnel's own names, never of list order;
3. a home slot taken by an explicit id, or claimed by several keys, goes to the
   smallest key; the others take the next free slot in (home, key) order.
Only the keys of rule 3's losers depend on other tunnels; the plan lists them as
`probed` so an operator can pin them with `id` if they want them frozen.
"""

from __future__ import annotations

import hashlib
import ipaddress

MAX_UNIT = 16383


def home_slot(key: str, size: int) -> int:
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") % size


class Pool:
    def __init__(self, network, prefix):
        self.network = ipaddress.ip_network(str(network), strict=True)
        self.prefix = int(prefix)
        if self.network.version != 4 or self.prefix not in (30, 31) or self.prefix < self.network.prefixlen:
            raise ValueError("link pool must be an IPv4 subnet split into /30 or /31 links")
        self.size = min(1 << (self.prefix - self.network.prefixlen), MAX_UNIT + 1)

    def subnet(self, slot: int):
        step = 1 << (32 - self.prefix)
        base = int(self.network.network_address) + slot * step
        return ipaddress.ip_network((base, self.prefix))

    def slot_of(self, net):
        """Slot index of an explicit link inside the pool, else None."""
        if net.version != 4 or not net.subnet_of(self.network) or net.prefixlen != self.prefix:
            return None
        slot = (int(net.network_address) - int(self.network.network_address)) >> (32 - self.prefix)
        return slot if slot < self.size else None


def link_addresses(net):
    """(a, b) interface addresses with prefix, a = first end, as Junos displays them."""
    if net.prefixlen == 31:
        first, second = net[0], net[1]
    else:
        first, second = net[1], net[2]
    return "{0}/{1}".format(first, net.prefixlen), "{0}/{1}".format(second, net.prefixlen)


def allocate(paths, pool, issues):
    """Assign path.slot, path.probed, path.link for route-based paths (all in `paths`)."""
    taken = {}
    for path in paths:
        path.slot, path.probed = None, False
        if path.link is not None:
            inside = pool.slot_of(path.link)
            if inside is not None:
                path.slot = inside
    explicit = [p for p in paths if p.id is not None]
    for path in explicit:
        if path.slot is not None and path.slot != path.id:
            issues.add(None, path.tunnel, "id", "id {0} disagrees with link {1}".format(path.id, path.link))
        if path.id >= pool.size:
            issues.add(None, path.tunnel, "id", "id {0} is outside the link pool {1} ({2} slots)".format(
                path.id, pool.network, pool.size))
            continue
        path.slot = path.id
    for path in sorted((p for p in paths if p.slot is not None), key=lambda p: (p.slot, p.key)):
        if path.slot in taken:
            issues.add(None, path.tunnel, "id", "slot {0} (link {1}) is also used by tunnel {2}".format(
                path.slot, pool.subnet(path.slot), taken[path.slot].key))
        else:
            taken[path.slot] = path
    hashed = sorted(((home_slot(p.key, pool.size), p.key, p) for p in paths if p.slot is None),
                    key=lambda t: (t[0], t[1]))
    losers = []
    for home, _key, path in hashed:
        if home in taken:
            losers.append((home, path))
        else:
            taken[home] = path
            path.slot = home
    free = pool.size - len(taken)
    if len(losers) > free:
        for _home, path in losers[free:]:
            issues.add(None, path.tunnel, "vpn_link_pool", "link pool {0} is exhausted ({1} /{2} links)".format(
                pool.network, pool.size, pool.prefix))
        losers = losers[:free]
    for home, path in losers:
        slot = (home + 1) % pool.size
        while slot in taken:
            slot = (slot + 1) % pool.size
        taken[slot] = path
        path.slot, path.probed = slot, True
    for path in paths:
        if path.slot is not None and path.link is None:
            path.link = pool.subnet(path.slot)
        for end in (path.a, path.b):
            if end.st0_unit is None and path.slot is not None:
                end.st0_unit = path.slot
