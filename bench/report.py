"""docs/benchmarks.md and its plots, from the harness's results (nothing here is typed in by hand)."""
from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

TOOL_NAMES = {"collection": "netsec.srx_vpn", "per_task": "per-task baseline", "template": "template baseline"}


def short_error(error: str) -> str:
    """One line for a table: an Ansible persistent-connection traceback becomes what it means."""
    head, marker, rest = error.partition("Task failed: Traceback")
    if marker:
        cause = "connection refused" if "ConnectionRefusedError" in rest else "socket closed"
        return head + "the persistent connection to the device was lost (%s, in ansible's connection.py)" % cause
    return error.splitlines()[0] if error else ""


def _rows(results: list[dict], scenario: str, step: str) -> dict[str, dict]:
    return {r["tool"]: r for r in results if r["scenario"] == scenario and r["step"] == step}


def _ratio(slow: float, fast: float) -> float:
    return slow / fast if fast else math.inf


def scenario_table(results: list[dict], scenario: str) -> list[str]:
    lines = ["| step | tool | wall (s) | commits | devices committed | NETCONF RPCs | changed hosts | failed | intended state |",
             "|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for step in dict.fromkeys(r["step"] for r in results if r["scenario"] == scenario):
        for tool, r in _rows(results, scenario, step).items():
            intended = "yes" if r["intended"] else "NO: " + "; ".join(r["problems"][:2])
            lines.append("| %s | %s | %.1f | %d | %d/%d | %d | %d | %d | %s |" % (
                step, TOOL_NAMES[tool], r["wall"], r["total_commits"], r["committed_devices"], r["hosts"],
                r["total_rpcs"], len(r["changed_hosts"]), len(r["failed_hosts"]), intended))
    failed = [r for r in results if r["scenario"] == scenario and r["failed_hosts"]]
    if failed:
        lines += ["", "Failed hosts (the run went on without them, so its time and counts are lower bounds):", ""]
        lines += ["- %s, %s: %s" % (r["step"], TOOL_NAMES[r["tool"]], short_error(r["error"])) for r in failed]
    return lines


def floor_line(floor: dict, rerun: dict) -> str:
    """The reference run of one NETCONF RPC per device, against each tool's no-change rerun."""
    text = ("Reference: one `netconf_rpc` module per device (`bench/playbooks/floor.yml`, same connection, "
            "forks and lab settings) took **%.1f s** (rc %d). It is what a run that starts one module per device "
            "pays: start-up, a worker and an `ansible-connection` process per device, SSH and NETCONF set-up, one "
            "module process. The collection's apply runs in an action plugin and starts no module, so its rerun "
            "can go below it." % (floor["wall"], floor["rc"]))
    above = ["%s %.1f s (%.1fx the reference)" % (TOOL_NAMES[tool], rerun[tool]["wall"], _ratio(rerun[tool]["wall"], floor["wall"]))
             for tool in TOOL_NAMES if tool in rerun]
    return text + (" No-change reruns: " + ", ".join(above) + "." if above else "")


def claims(results: list[dict], plan: list[dict]) -> list[tuple[str, bool, str]]:
    """(claim, holds, measured) for each 'done when' line of issue 9."""
    found = []
    coll = [r for r in results if r["tool"] == "collection"]
    changing = [r for r in coll if r["step"] != "no-change rerun"]
    per_device = sorted({c for r in changing for c in r["commits"].values() if c})
    found.append(("one commit per changed device per deploy", per_device == [1],
                  "commit-history entries per changed device: %s" % ", ".join(map(str, per_device))))
    reruns = [r for r in coll if r["step"] == "no-change rerun"]
    found.append(("no commit on a no-change rerun", all(r["total_commits"] == 0 for r in reruns),
                  ", ".join("%s: %d" % (r["scenario"], r["total_commits"]) for r in reruns)))
    for step, factor in (("first deploy", 3.0), ("no-change rerun", 5.0)):
        for scen in dict.fromkeys(r["scenario"] for r in results):
            rows = _rows(results, scen, step)
            if "collection" in rows and "per_task" in rows:
                ratio = _ratio(rows["per_task"]["wall"], rows["collection"]["wall"])
                failed = rows["per_task"]["failed_hosts"]
                note = "; the per-task run failed on %d host(s) (%s), so its time is a lower bound" % (
                    len(failed), short_error(rows["per_task"]["error"])) if failed else ""
                found.append(("%s >= %.0fx faster than per-task (%s)" % (step, factor, scen), ratio >= factor,
                              "%.2fx (%.1f s vs %.1f s)%s" % (ratio, rows["per_task"]["wall"], rows["collection"]["wall"],
                                                             note)))
    for scen in dict.fromkeys(r["scenario"] for r in results):
        rows = _rows(results, scen, "no-change rerun")
        if "collection" in rows and "template" in rows:
            ok = not rows["collection"]["changed_hosts"] and bool(rows["template"]["changed_hosts"])
            tasks = rows["collection"].get("changed_tasks") or []
            found.append(("rerun changed=0 where the template reports changes (%s)" % scen, ok,
                          "collection changed=%d%s, template changed=%d" % (
                              len(rows["collection"]["changed_hosts"]),
                              " (tasks: %s)" % ", ".join(tasks) if tasks else "",
                              len(rows["template"]["changed_hosts"]))))
    by_size = {p["spokes"]: p["best"] for p in plan}
    if 2000 in by_size:
        found.append(("plan for 2,000 spokes < 2 s", by_size[2000] < 2.0, "%.2f s" % by_size[2000]))
    big = sorted(size for size in by_size if size >= 1000)
    if len(big) >= 2:
        lo, hi = big[0], big[-1]
        exponent = math.log(by_size[hi] / by_size[lo]) / math.log(hi / lo)
        found.append(("plan time grows no worse than linearly (%d -> %d spokes)" % (lo, hi), exponent <= 1.1,
                      "log-log slope %.2f (1.0 = linear)" % exponent))
    return found


def plot(path: Path, plan: list[dict], deploy: list[dict]) -> None:
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    left.plot([p["spokes"] for p in plan], [p["best"] for p in plan], "o-", label="vpn_plan (best of runs)")
    left.set_xlabel("spokes (1 hub + N)")
    left.set_ylabel("seconds")
    left.set_title("Plan time against size")
    left.grid(True, alpha=0.3)
    left.legend()
    for fork in sorted({d["forks"] for d in deploy}):
        rows = sorted((d for d in deploy if d["forks"] == fork), key=lambda d: d["devices"])
        right.plot([d["devices"] for d in rows], [d["wall"] for d in rows], "o-", label="forks %d" % fork)
    right.set_xlabel("devices (site-to-site pairs)")
    right.set_ylabel("seconds (first deploy, wall)")
    right.set_title("Deploy time against size")
    right.grid(True, alpha=0.3)
    right.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=90)
    plt.close(fig)


def phase_lines(results: list[dict], scenario: str) -> list[str]:
    rows = _rows(results, scenario, "first deploy")
    lines = ["| tool | wall (s) | median start to a device's first RPC (s) | read | lock/unlock | load | commit | health gate | device seconds, all devices |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for tool, r in rows.items():
        ph = r["phases"]
        lines.append("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |" % (
            TOOL_NAMES[tool], r["wall"], r["first_rpc"], ph["read"], ph["lock"], ph["load"], ph["commit"],
            ph["health gate"], sum(ph.values())))
    return lines


def task_lines(results: list[dict], scenario: str) -> list[str]:
    """The collection's tasks by wall time (json callback), first deploy and no-change rerun side by side."""
    runs = {step: _rows(results, scenario, step).get("collection", {}).get("task_seconds") for step in
            ("first deploy", "no-change rerun")}
    if not all(runs.values()):
        return []
    lines = ["| task (netsec.srx_vpn) | first deploy (s) | no-change rerun (s) |", "|---|---:|---:|"]
    for name in runs["first deploy"]:
        short = name.split(" : ", 1)[-1].split(" (")[0]
        lines.append("| %s | %.1f | %.1f |" % (short, runs["first deploy"][name], runs["no-change rerun"].get(name, 0.0)))
    return lines


def _analysis(results: list[dict], hub: str, floor: dict | None = None) -> list[str]:
    """Where the time goes, in numbers from the hub scenario's first deploy and rerun."""
    first = _rows(results, hub, "first deploy")
    rerun = _rows(results, hub, "no-change rerun")
    out = []
    if floor and "collection" in rerun and "per_task" in rerun:
        coll, per_task = rerun["collection"]["wall"], rerun["per_task"]["wall"]
        out.append("- **Against the one-module reference.** Touching each device of %s with one module costs %.1f s "
                   "here; the collection's no-change rerun took %.1f s (%+.1f s): the argument check, intent check, "
                   "plan and doctor once per play, then per device one get-configuration of the managed subtrees and "
                   "the compare, run by the apply action plugin over the persistent connection with no module "
                   "process. The per-task baseline's rerun is %.1f s above the reference: six module runs per "
                   "device, each a payload, an interpreter and a device round trip." % (
                       hub, floor["wall"], coll, coll - floor["wall"], per_task - floor["wall"]))
    coll = first.get("collection")
    if coll:
        ph = coll["phases"]
        device = sum(ph.values())
        out.append("- **Before any device is touched.** In the %s first deploy by the collection, a device's first "
                   "RPC arrives %.1f s (median) after `ansible-playbook` starts: forking, inventory and vault, the "
                   "plan, doctor and report tasks, then one `ansible-connection` process and SSH/NETCONF session per "
                   "device." % (hub, coll["first_rpc"]))
        out.append("- **On the devices.** They were busy %.1f device-seconds in all (read %.1f, lock/unlock %.1f, "
                   "load %.1f, commit %.1f, health gate %.1f), %.1f s per device, against %.1f s wall with %d hosts "
                   "in parallel: the rest is the controller (Ansible's per-task, per-host work on 2 shared cores) "
                   "and waiting for peers in the health gate." % (
                       device, ph["read"], ph["lock"], ph["load"], ph["commit"], ph["health gate"],
                       device / max(coll["hosts"], 1), coll["wall"], coll["hosts"]))
    per_task = first.get("per_task")
    if coll and per_task:
        out.append("- **Commits are the device-side cost.** The per-task baseline made %d commits (%d RPCs) where "
                   "the collection made %d (%d RPCs); each commit holds the candidate for the commit duration and "
                   "each task pays Ansible's per-task overhead again." % (
                       per_task["total_commits"], per_task["total_rpcs"], coll["total_commits"], coll["total_rpcs"]))
    if rerun.get("collection"):
        r = rerun["collection"]
        out.append("- **A no-change rerun is reads only:** %d RPCs over %d devices and no lock or commit; what is "
                   "left of its %.1f s is Ansible start-up, the plan and the connection set-up." % (
                       r["total_rpcs"], r["hosts"], r["wall"]))
    out.append("- **What would lower it further:** (1) What is left per device is Ansible's: a worker, an "
               "`ansible-connection` process, which imports ansible, ncclient and paramiko (about 0.5 CPU-s: "
               "`python -c 'from ansible.cli.scripts import ansible_connection_cli_stub'`), and its SSH and NETCONF "
               "session; on 2 cores that is what delays the median first RPC above. More controller cores, or AWX "
               "job slicing over several execution nodes, divide it. (2) Forks at least the number of hosts whose "
               "tunnels meet (a hub and all its spokes), so no health gate waits for a peer in a later batch. (3) A "
               "real vSRX charges more per commit and per check than the settings here; every commit or check the "
               "tool avoids is worth more there, so these ratios are a floor. (4) What is already done: the argument "
               "check, plan, doctor, summary and reports run once per play; the reports and the apply run in action "
               "plugins, so no module process is started per device; the confirmation is a `commit check`, not a "
               "second commit.")
    return out


def write_doc(path: Path, img: Path, data: dict) -> None:
    results, plan, deploy = data["scenarios"], data["plan"], data["deploy"]
    plot(img, plan, deploy)
    hub = next((r["scenario"] for r in results if r["scenario"].startswith("hub")), "")
    lines = ["# Benchmarks", "",
             "Generated by `bench/harness.py` (%s run, %s UTC, %.0f s on %d cores, load average at start %s); "
             "do not edit by hand." % ("quick" if data["quick"] else "full", data["started"], data["seconds"],
                                       data["cores"], data["load"]), "",
             "Reproduce: `make bench` (full) or `.venv/bin/python bench/harness.py --quick` (smoke test, small sizes, written to `.build/bench/`)."
             + (" This document merges parts run one after the other (`bench/harness.py --parts ... --results FILE`, then "
                "`bench/harness.py --render %s`)." % " ".join(data["rendered_from"]) if len(data.get("rendered_from", [])) > 1 else "")
             + " Deploy sizes in this run: %s devices." % ", ".join(str(s) for s in sorted({d["devices"] for d in deploy})),
             "", "## Settings and why", "",
             "Every device of every lab gets srxsim's `latency` fault at **%g ms per RPC** and `commit-duration` at "
             "**%g s per commit** and **%g s per `commit check`** (or NETCONF `<validate>`). A vSRX's mgd answers a "
             "NETCONF RPC in tens of ms, plus the WAN round trip to a remote site. A commit takes several seconds "
             "(3 s is srxsim's own default for a small vSRX; real ones take longer as the configuration grows); a "
             "commit check runs the same checkout without activating it, so it costs most of a commit. These are "
             "the low end of what a vSRX charges, which favours the baselines, which commit and check more often. "
             "They are not scaled down further: a full run is bound by the controller's CPU (the per-task "
             "baseline alone starts six modules per device and step), not by device time, so smaller values would "
             "barely shorten it. srxsim charges no latency to SSH set-up. Wall times on a shared machine are noisy: "
             "compare tools by the **ratios** within one run, where the tools run interleaved step by step (the "
             "order rotating each step), each on its own lab started from the same topology, "
             "with forks %d. The scale series uses the same settings." % (
                 data["latency_ms"], data["commit_seconds"], data.get("check_seconds", 0.0), data["forks"]),
             "", "Tools:", "",
             "- **netsec.srx_vpn**: `playbooks/deploy_vpn.yml` (argument check, plan, doctor and reports once per "
             "play; then one transaction per device, run by the `apply` action plugin over the persistent "
             "connection without a module process: read, lock, one load, compare, commit confirmed, unlock, "
             "health gate, and `commit check`, which Junos takes as the confirmation).",
             "- **per-task baseline** (`bench/playbooks/per_task.yml`): `junos_security_zones` and "
             "`junos_static_routes` (merged), `junos_config` `lines` for IKE, st0, IPsec and security policies: "
             "six tasks, each its own lock/load/commit. `junos_security_policies` cannot be used: with a plain "
             "`then permit` its `remove_empties` drops the action and it fails with `KeyError: 'then'`.",
             "- **template baseline** (`bench/playbooks/template.yml`): one `junos_config` task loading the set "
             "commands of `bench/playbooks/templates/vpn_set.j2` (one commit; the plaintext PSK is re-sent).",
             "", "Both baselines render their commands from the collection's own plan of the same inventory, so all "
             "three aim at the same device state. After every run the harness reads each device's committed "
             "`show configuration | display set` over NETCONF and compares the VPN statements (IKE, IPsec, "
             "policies, zones, st0, static routes; `$9$` keys decoded) with the template rendered from the plan: "
             "column *intended state*. Commits are the devices' commit-history entries, RPCs the lab's RPC log, "
             "both within the run's time window.", ""]
    lines += ["## Claims of issue 9", "", "| claim | holds | measured |", "|---|---|---|"]
    lines += ["| %s | %s | %s |" % (claim, "yes" if ok else "**NO**", measured) for claim, ok, measured in claims(results, plan)]
    floors = {f["scenario"]: f for f in data.get("floor", [])}
    for scen in dict.fromkeys(r["scenario"] for r in results):
        hosts = max(r["hosts"] for r in results if r["scenario"] == scen)
        lines += ["", "## Scenario %s (%d devices)" % (scen, hosts), ""] + scenario_table(results, scen)
        if scen in floors:
            lines += ["", floor_line(floors[scen], _rows(results, scen, "no-change rerun"))]
    if hub:
        lines += ["", "### Where the device time goes (%s, first deploy)" % hub, "",
                  "Summed over all devices from the lab's RPC log (each RPC's duration includes the injected "
                  "latency; `commit` includes the commit duration).", ""] + phase_lines(results, hub)
        tasks = task_lines(results, hub)
        if tasks:
            lines += ["", "### Where the controller time goes (%s, the collection's tasks)" % hub, "",
                      "Wall time of each task over all hosts, from ansible-playbook's json callback.", ""] + tasks
    lines += ["", "## Scale", "", "![time against size](%s)" % img.relative_to(path.parent).as_posix(), "",
              "### vpn_plan (pure function, 1 hub + N spokes; best of %d runs, by %s)" % (
                  len(plan[0]["runs"]), plan[0]["source"]), "",
              "| spokes | devices | best (s) | median (s) | µs per spoke (best) |", "|---:|---:|---:|---:|---:|"]
    lines += ["| %d | %d | %.3f | %s | %.0f |" % (p["spokes"], p["devices"], p["best"],
                                                "-" if p["median"] is None else "%.3f" % p["median"],
                                                p["best"] / p["spokes"] * 1e6) for p in plan]
    lines += ["", "Sizes are timed interleaved, round by round, so drifting machine load hits them alike. The plan "
              "pauses the cyclic collector while it builds (its passes over the growing plan were superlinear) and "
              "pays one pass over the finished plan at the end, inside the time above; that pass is what rises per "
              "spoke with size, as the plan (about 15 kB per spoke) outgrows the CPU caches."]
    lines += ["", "### Deploy (collection, first deploy of N devices as site-to-site pairs, fresh lab each)", "",
              "| devices | forks | wall (s) | commits | devices committed | RPCs | failed hosts | lab start (s) |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    lines += ["| %d | %d | %.1f | %d | %d | %d | %d | %.1f |" % (
        d["devices"], d["forks"], d["wall"], d["commits"], d["committed_devices"], d["rpcs"], d["failed"],
        d["lab_start"]) for d in deploy]
    lab = data["lab"]
    lines += ["", "### The lab (bench/lab_scale.py, bench/lab_recompute.py)", ""]
    if "error" in lab:
        lines.append("lab_scale.py failed: `%s`" % lab["error"])
    else:
        lines += ["| devices | start (s) | RSS after start (MiB) | peak RSS (MiB) | %d sessions, serial (s) |" % lab["sessions"],
                  "|---:|---:|---:|---:|---:|",
                  "| %d | %.2f | %.0f | %.0f | %.2f |" % (lab["devices"], lab["start_seconds"],
                                                       lab["rss_bytes_after_start"] / 2**20,
                                                       lab["peak_rss_bytes"] / 2**20, lab["sessions_seconds"])]
    lines += ["", "```", data["recompute"], "```", "", "## Analysis", ""] + (
        _analysis(results, hub, floors.get(hub)) if hub else [])
    path.write_text("\n".join(lines) + "\n")
