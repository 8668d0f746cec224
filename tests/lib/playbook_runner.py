"""Run ansible-playbook the way users do and read its result as data.

Integration tests call :func:`run_playbook`; it uses the real
``ansible-playbook`` binary, the ``ansible.posix.json`` callback for a
machine-readable result, and the collection tree from ``ANSIBLE_COLLECTIONS_PATH``.
"""
import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclasses.dataclass
class PlaybookRun:
    rc: int
    stdout: str
    stderr: str
    data: dict

    @property
    def stats(self):
        """Per host recap: {host: {ok, changed, failures, unreachable, skipped}}."""
        return self.data.get("stats", {})

    def changed_hosts(self):
        return sorted(h for h, s in self.stats.items() if s.get("changed"))

    def failed_hosts(self):
        return sorted(h for h, s in self.stats.items() if s.get("failures") or s.get("unreachable"))

    def task_results(self, task_name):
        """{host: result} of every task whose name equals task_name."""
        found = {}
        for play in self.data.get("plays", []):
            for task in play.get("tasks", []):
                if task["task"]["name"] == task_name:
                    found.update(task["hosts"])
        return found


def dev_tree():
    """A collections tree whose netsec/srx_vpn links to this checkout (created if missing)."""
    tree = REPO / ".build" / "dev"
    link = tree / "ansible_collections" / "netsec" / "srx_vpn"
    if not link.exists():
        link.parent.mkdir(parents=True, exist_ok=True)
        try:
            link.symlink_to(REPO)
        except FileExistsError:  # another xdist worker made it first
            pass
    return str(tree)


def collections_path():
    """The installed collection tree (make) or a dev tree linking to the checkout."""
    return os.environ.get("ANSIBLE_COLLECTIONS_PATH") or dev_tree()


def import_collection_from_checkout():
    """Make ``ansible_collections.netsec.srx_vpn`` import from this checkout (unit tests)."""
    tree = dev_tree()
    if tree not in sys.path:
        sys.path.insert(0, tree)


def run_playbook(playbook, inventory, extra_vars=None, check=False, diff=False,
                 limit=None, verbosity=0, env=None, timeout=900):
    """Run a playbook; never raises on a failed play, the caller asserts on the result."""
    bindir = Path(sys.executable).parent
    cmd = [str(bindir / "ansible-playbook"), "-i", str(inventory), str(playbook)]
    if extra_vars:
        cmd += ["-e", json.dumps(extra_vars)]
    if check:
        cmd.append("--check")
    if diff:
        cmd.append("--diff")
    if limit:
        cmd += ["--limit", limit]
    if verbosity:
        cmd.append("-" + "v" * verbosity)
    run_env = dict(os.environ)
    run_env.update({
        "ANSIBLE_COLLECTIONS_PATH": collections_path(),
        "ANSIBLE_STDOUT_CALLBACK": "ansible.posix.json",
        "ANSIBLE_CALLBACK_RESULT_FORMAT": "json",
        "ANSIBLE_HOST_KEY_CHECKING": "False",
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_RETRY_FILES_ENABLED": "False",
        "ANSIBLE_NOCOLOR": "1",
    })
    run_env.update(env or {})
    proc = subprocess.run(cmd, capture_output=True, text=True, env=run_env, timeout=timeout, check=False)
    return PlaybookRun(proc.returncode, proc.stdout, proc.stderr, _callback_json(proc.stdout))


def _callback_json(stdout):
    """The json callback's document: it starts at a line holding just "{" (verbose lines may precede it)."""
    lines = stdout.splitlines(keepends=True)
    for start in (i for i, line in enumerate(lines) if line.rstrip() == "{"):
        try:
            return json.loads("".join(lines[start:]))
        except ValueError:
            continue
    return {}
