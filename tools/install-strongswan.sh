#!/usr/bin/env bash
# Installs what the strongswan test stage needs (charon with userspace ESP over TUN, swanctl,
# iproute2 for network namespaces, nftables to drop IKE in one of them). Idempotent: does nothing when everything is present.
# Needs root and Debian's apt; prints why not and exits 0 otherwise, so the stage can skip
# with the message from tests/strongswan/conftest.py.
set -euo pipefail

PACKAGES=(
    charon-systemd                  # the IKE daemon (charon) without the ipsec starter
    nftables                        # drops IKE in a namespace (host-inbound-traffic cases)
    strongswan-swanctl              # swanctl and the vici plugin
    libstrongswan-standard-plugins  # openssl (DES/3DES, ECP groups, GCM), gcm, aesni
    libstrongswan-extra-plugins     # curve25519 and further crypto
    libcharon-extra-plugins         # kernel-libipsec: ESP in userspace (no XFRM needed)
    iproute2                        # ip netns / veth
)

missing=()
for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-strongswan: all packages present"
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "install-strongswan: cannot install ${missing[*]} (needs root and apt-get)" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# charon-systemd's package may start a system-wide daemon where systemd runs; the tests start
# their own charon per network namespace and never use that one.
echo "install-strongswan: installed ${missing[*]}"
