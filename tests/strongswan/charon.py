"""Two charon daemons in two network namespaces joined by a veth pair, reused across cases.

Each daemon runs in its own mount namespace with a private /run (charon-systemd, userspace ESP
through the kernel-libipsec plugin over TUN, since the test kernels have no XFRM), logs to its
own file and is driven through its own vici socket (`swanctl --uri`). A case only reloads the
swanctl configuration; the daemons and namespaces stay up for the whole session.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from params import OTHER_LAN, OTHER_LAN_HOST, SITE_A, SITE_B, Site

# Only what a PSK IKEv1/IKEv2 peer with the Junos algorithms needs (openssl: DES/3DES through the
# legacy provider, ECP groups, GCM; gmp: MODP groups).
PLUGINS = ("random nonce openssl pem pkcs1 x509 pubkey revocation constraints aes sha1 sha2 md5 "
           "hmac gmp curve25519 gcm kdf kernel-libipsec kernel-netlink socket-default vici updown")

STRONGSWAN_CONF = """\
charon-systemd {{
  load = {plugins}
  # A peer that never answers is given up after 3 s (one retransmission), long enough for a
  # loaded CI machine, short enough for the IKEv1 cases that end that way.
  retransmit_tries = 1
  retransmit_timeout = 1.5
  retransmit_base = 1.0
  # Failed cases leave half-open IKE_SAs behind; never let them throttle the next case.
  block_threshold = 10000
  cookie_threshold = 10000
  half_open_timeout = 5
  # Junos accepts aggressive-mode PSK; strongSwan responders refuse it without this switch.
  i_dont_care_about_security_and_use_aggressive_mode_psk = yes
  plugins {{
    vici {{
      socket = unix://{vici}
    }}
  }}
  journal {{
    default = -1
  }}
  filelog {{
    case {{
      path = {log}
      default = 1
      ike = 2
      cfg = 2
      flush_line = yes
    }}
  }}
}}
"""


class HarnessError(RuntimeError):
    """A namespace or daemon could not be set up (message names the namespace and the step)."""


def _run(args: list[str], what: str, timeout: float = 20) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)
    if result.returncode != 0:
        raise HarnessError(f"{what}: {' '.join(args)} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result


@dataclass
class Daemon:
    netns: str
    site: Site
    workdir: Path
    process: subprocess.Popen | None = None
    ike_blocked: bool = False

    @property
    def vici(self) -> Path:
        return self.workdir / "charon.vici"

    @property
    def log(self) -> Path:
        return self.workdir / "charon.log"

    @property
    def conf(self) -> Path:
        return self.workdir / "swanctl.conf"

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        conf = self.workdir / "strongswan.conf"
        conf.write_text(STRONGSWAN_CONF.format(plugins=PLUGINS, vici=self.vici, log=self.log))
        env = dict(os.environ, STRONGSWAN_CONF=str(conf))
        script = "mount -t tmpfs tmpfs /run && exec charon-systemd"
        self.process = subprocess.Popen(
            ["ip", "netns", "exec", self.netns, "unshare", "--mount", "sh", "-c", script],
            env=env, stdout=open(self.workdir / "stdout", "wb"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 15
        while not self.vici.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise HarnessError(f"charon in netns {self.netns} did not open {self.vici}: "
                                   f"{(self.workdir / 'stdout').read_text(errors='replace')[-400:]}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None

    def swanctl(self, *args: str, timeout: float = 20) -> subprocess.CompletedProcess:
        return subprocess.run(["swanctl", *args, "--uri", f"unix://{self.vici}"],
                              capture_output=True, text=True, timeout=timeout, check=False)

    def load(self, config: str) -> None:
        self.conf.write_text(config)
        result = self.swanctl("--load-all", "--clear", "--noprompt", "--file", str(self.conf))
        if result.returncode != 0:
            raise HarnessError(f"swanctl --load-all in netns {self.netns}: {result.stdout[-400:]}")

    def block_ike(self, blocked: bool) -> None:
        """Drop IKE (UDP 500/4500) arriving in this namespace, as an SRX whose zone does not
        admit host-inbound-traffic system-services ike drops it (nftables, own table)."""
        if blocked == self.ike_blocked:
            return
        if blocked:
            rules = ("table inet srxsim {\n chain input {\n  type filter hook input priority 0;\n"
                     "  udp dport { 500, 4500 } drop\n }\n}\n")
            result = self.netns_exec("nft", "-f", "-", stdin=rules)
        else:
            result = self.netns_exec("nft", "delete", "table", "inet", "srxsim")
        if result.returncode != 0:
            raise HarnessError(f"nft in netns {self.netns}: {result.stderr.strip()}")
        self.ike_blocked = blocked

    def log_offset(self) -> int:
        return self.log.stat().st_size if self.log.exists() else 0

    def log_since(self, offset: int) -> str:
        with self.log.open("rb") as fh:
            fh.seek(offset)
            return fh.read().decode(errors="replace")

    def netns_exec(self, *args: str, timeout: float = 10, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(["ip", "netns", "exec", self.netns, *args], capture_output=True,
                              text=True, timeout=timeout, check=False, input=stdin)


class NamespacePair:
    """Namespaces <prefix>a and <prefix>b, veth between their external addresses, each site's LAN
    host address on lo (the responder installs its route from it), one charon each."""

    def __init__(self, prefix: str, workdir: Path):
        self.prefix = prefix
        self.a = Daemon(f"{prefix}a", SITE_A, workdir / "a")
        self.b = Daemon(f"{prefix}b", SITE_B, workdir / "b")

    def start(self) -> None:
        try:
            self._network()
            self.a.start()
            self.b.start()
        except BaseException:
            self.stop()
            raise

    def _network(self) -> None:
        for d in (self.a, self.b):
            subprocess.run(["ip", "netns", "del", d.netns], capture_output=True, check=False)
            _run(["ip", "netns", "add", d.netns], f"create netns {d.netns}")
        veth_a, veth_b = f"{self.prefix}va", f"{self.prefix}vb"
        _run(["ip", "link", "add", veth_a, "netns", self.a.netns, "type", "veth",
              "peer", "name", veth_b, "netns", self.b.netns], f"veth {veth_a}/{veth_b}")
        for d, veth in ((self.a, veth_a), (self.b, veth_b)):
            ns = ["ip", "-n", d.netns]
            _run(ns + ["link", "set", "lo", "up"], f"{d.netns} lo up")
            _run(ns + ["addr", "add", f"{d.site.external_ip}/24", "dev", veth], f"{d.netns} address")
            _run(ns + ["link", "set", veth, "up"], f"{d.netns} {veth} up")
            for host, lan in ((d.site.lan_host, d.site.lan), (OTHER_LAN_HOST, OTHER_LAN)):
                _run(ns + ["addr", "add", f"{host}/{lan.split('/')[1]}", "dev", "lo"],
                     f"{d.netns} address {host}")

    def stop(self) -> None:
        for d in (self.a, self.b):
            d.stop()
            subprocess.run(["ip", "netns", "del", d.netns], capture_output=True, check=False)

    def reset(self, name: str) -> None:
        """Tear down whatever SAs a case left, so the next case starts clean."""
        for d in (self.a, self.b):
            d.swanctl("--terminate", "--ike", name, "--force", "--timeout", "2", timeout=10)


def environment_problem() -> str | None:
    """Why this machine cannot run the harness, or None when it can."""
    for tool in ("charon-systemd", "swanctl", "ip", "unshare", "nft"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            return f"{tool} is not installed (run tools/install-strongswan.sh as root)"
    if os.geteuid() != 0:
        return "network namespaces need root"
    if not Path("/dev/net/tun").exists():
        return "/dev/net/tun is missing (kernel-libipsec needs TUN)"
    plugin = Path("/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so")
    if not plugin.exists():
        return f"{plugin} is missing (package libcharon-extra-plugins)"
    probe = f"swprobe{os.getpid() % 100000}"
    made = subprocess.run(["ip", "netns", "add", probe], capture_output=True, text=True, check=False)
    if made.returncode != 0:
        return f"cannot create a network namespace: {made.stderr.strip()}"
    subprocess.run(["ip", "netns", "del", probe], capture_output=True, check=False)
    return None
