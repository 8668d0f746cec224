# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""States as two flags (vyos): which objects a run looks at, and what it does to each.

  state       select_all  reconcile   objects looked at
  merged      no          no          the objects in config
  replaced    no          yes         the objects in config
  overridden  yes         yes         the objects in config + every device object in scope
  deleted     -           -           the objects in config (keys only), else every device object in scope

select_all only ever reaches objects in `scope` (names, prefix, or all), never a whole hierarchy.
reconcile means an object that differs is sent in full with replace="replace" (delete plus set in one
edit, terraform's Update), so fields left out of config are removed; merge only adds and changes.
Everything here is a pure function of want and have: no device access.
"""
from dataclasses import dataclass
from typing import Optional, Tuple

from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import compare
from ansible_collections.netsec.srx_vpn.plugins.module_utils.srx_vpn import xml as jxml

FLAGS = {"merged": (False, False), "replaced": (False, True), "overridden": (True, True)}
ACTION_STATES = ("merged", "replaced", "overridden", "deleted")


class ScopeError(ValueError):
    """A state/scope combination that could touch objects the task does not manage."""


@dataclass(frozen=True)
class Change:
    op: str                      # "create", "merge", "replace", "delete", "move"
    coll: object
    group: Tuple
    key: object
    value: Optional[dict] = None  # what is rendered (secrets resolved)
    after: Optional[dict] = None  # the object as the device will hold it
    anchor: Optional[Tuple[str, object]] = None   # ("after"|"before", key) for moves


def scope_matches(scope, key, group=()):
    """Whether an object is managed: its key (or, for grouped objects, "<group keys> <key>", e.g.
    "trust vpn allow-out" or "vr1 10.0.0.0/8") is in scope.names, its key starts with scope.prefix,
    or scope.all."""
    if not scope:
        return False
    if scope.get("all"):
        return True
    names = [str(n) for n in scope.get("names") or []]
    qualified = " ".join([str(g) for g in group] + [str(key)])
    if str(key) in names or (group and qualified in names):
        return True
    return bool(scope.get("prefix")) and str(key).startswith(scope["prefix"])


def has_scope(scope):
    return bool(scope) and bool(scope.get("all") or scope.get("names") or scope.get("prefix"))


def check_scope(resource_name, state, config, scope):
    if state == "overridden" and not has_scope(scope):
        raise ScopeError("netsec.srx_vpn.%s: state=overridden needs scope (names, prefix or all: true) so that it "
                         "only removes objects this task manages" % resource_name)
    if state == "deleted" and not config and not has_scope(scope):
        raise ScopeError("netsec.srx_vpn.%s: state=deleted needs config (the objects to delete) or scope "
                         "(names, prefix or all: true)" % resource_name)


def index(coll, config):
    """{(group, key): normalized object} in config order."""
    out = {}
    for group, obj in jxml.iter_objects(coll, config or {}):
        norm = compare.normalize_item(coll.item, obj)
        out[(group, norm.get(coll.item.key))] = norm
    return out


def changes(resource, want, have, state, scope=None):
    """The list of Changes that turns have into the state's target (want and have in config shape)."""
    check_scope(resource.name, state, want, scope)
    wanted = {coll.option: index(coll, want) for coll in resource.collections}
    # deleted with any object in config deletes exactly those; the scope only applies to a bare deleted.
    by_name = any(wanted.values())
    result = []
    for coll in resource.collections:
        result.extend(_collection_changes(coll, wanted[coll.option], index(coll, have), state, scope, by_name))
    return result


def _collection_changes(coll, want, have, state, scope, by_name=True):
    item = coll.item
    if state == "deleted":
        targets = list(want) if by_name else [k for k in have if scope_matches(scope, k[1], k[0])]
        return [Change("delete", coll, g, k) for g, k in targets if (g, k) in have]
    reconcile = FLAGS[state][1]
    out = []
    for (g, k), obj in want.items():
        old = have.get((g, k))
        if old is None:
            out.append(Change("create", coll, g, k, obj, obj))
        elif reconcile:
            if not compare.same_item(item, obj, old):
                value = compare.secrets_resolved(item, obj, old, keep_unchanged=True)
                out.append(Change("replace", coll, g, k, value, value))
        else:
            merged = compare.merge_item(item, old, obj)
            if not compare.same_item(item, merged, old):
                out.append(Change("merge", coll, g, k, compare.secrets_resolved(item, obj, old, False), merged))
    if state == "overridden":
        out.extend(Change("delete", coll, g, k) for g, k in have
                   if (g, k) not in want and scope_matches(scope, k, g))
    if coll.ordered:
        out.extend(_moves(coll, want, have, out))
    return out


def _moves(coll, want, have, done):
    """Junos insert moves that put the wanted objects of each group in config order.

    Created and replaced objects may land at the end of their group; each is moved right
    after its predecessor in config, or, for the first one, before its old successor or the next
    wanted object already in place. Unmanaged objects in between keep their places.
    """
    moves = []
    fresh = {(c.group, c.key) for c in done if c.op in ("create", "replace")}
    gone = {(c.group, c.key) for c in done if c.op == "delete"}
    for g in dict.fromkeys(ident[0] for ident in want):
        wanted = [k for grp, k in want if grp == g]
        old_order = [k for grp, k in have if grp == g]
        order = [k for k in old_order if (g, k) not in gone and (g, k) not in fresh]
        order += [k for k in wanted if (g, k) in fresh]
        for i, k in enumerate(wanted):
            if i == 0:
                if (g, k) not in fresh:
                    continue
                successor = old_order[old_order.index(k) + 1:] if k in old_order else []
                anchors = [s for s in successor if s in order and (g, s) not in fresh]
                anchors += [s for s in wanted[1:] if s in order and (g, s) not in fresh]
                if anchors:
                    order.remove(k)
                    order.insert(order.index(anchors[0]), k)
                    moves.append(Change("move", coll, g, k, anchor=("before", anchors[0])))
                continue
            prev = wanted[i - 1]
            pos, prev_pos = order.index(k), order.index(prev)
            if pos < prev_pos or ((g, k) in fresh and pos != prev_pos + 1):
                order.remove(k)
                order.insert(order.index(prev) + 1, k)
                moves.append(Change("move", coll, g, k, anchor=("after", prev)))
    return moves


def render_changes(change_list):
    """The one <configuration> edit for a list of changes, or None when there is nothing to do."""
    if not change_list:
        return None
    root = jxml.etree.Element("configuration")
    for change in change_list:
        coll = change.coll
        parent = jxml.ensure_parent(root, coll)
        if coll.group is not None:
            parent = jxml.ensure_group(parent, coll.group, change.group)
        if change.op == "delete":
            jxml.render_key(parent, coll.tag, coll.item, change.key, jxml.DELETE)
        elif change.op == "replace":
            jxml.render_item(parent, coll.tag, coll.item, change.value, jxml.REPLACE)
        elif change.op in ("create", "merge"):
            jxml.render_item(parent, coll.tag, coll.item, change.value)
        elif change.op == "move":
            where, ref = change.anchor
            key_tag = coll.item.child(coll.item.key).xml_name   # Junos names the referent by its key element
            jxml.render_key(parent, coll.tag, coll.item, change.key, {"insert": where, key_tag: str(ref)})
    return root


def edit(resource, want, have, state, scope=None):
    """The minimal <configuration> edit taking have to the state's target; None when nothing changes."""
    resource = jxml.RESOURCES[resource] if isinstance(resource, str) else resource
    return render_changes(changes(resource, want, have, state, scope))


def after(resource, have, change_list):
    """The configuration (module config shape) the device holds once change_list is committed."""
    resource = jxml.RESOURCES[resource] if isinstance(resource, str) else resource
    config = {}
    for coll in resource.collections:
        objs = index(coll, have)
        mine = [c for c in change_list if c.coll is coll]
        for change in mine:
            if change.op == "delete":
                objs.pop((change.group, change.key), None)
            elif change.op == "replace":
                objs.pop((change.group, change.key), None)
                objs[(change.group, change.key)] = change.after
            elif change.op in ("create", "merge"):
                objs[(change.group, change.key)] = change.after
        for change in mine:
            if change.op == "move":
                objs = _moved(objs, change)
        _store(coll, objs, config)
    return config


def _moved(objs, change):
    entries = list(objs.items())
    moving = next(e for e in entries if e[0] == (change.group, change.key))
    entries.remove(moving)
    where, ref = change.anchor
    pos = next(i for i, e in enumerate(entries) if e[0] == (change.group, ref))
    entries.insert(pos + 1 if where == "after" else pos, moving)
    return dict(entries)


def _store(coll, objs, config):
    if not objs:
        return
    if coll.group is None:
        config[coll.option] = list(objs.values())
        return
    groups = {}
    for (g, dummy), obj in objs.items():
        if g not in groups:
            groups[g] = dict(zip((f.name for f in coll.group.keys), g))
            groups[g][coll.group.members] = []
        groups[g][coll.group.members].append(obj)
    config[coll.option] = list(groups.values())
