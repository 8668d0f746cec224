#!/usr/bin/env bash
# `make demo`: for each example (seed 004, redundant, hub-and-spoke, policy-based) start the lab,
# deploy the VPNs from inventories/<name> with playbooks/deploy_vpn.yml, verify them with
# playbooks/verify_vpn.yml, print every tunnel's phase 1 / phase 2 / ping, and stop the lab.
# Needs the venv and the installed collection (`make collection`). Lab only: the vault password
# used here is the committed demo one (inventories/LAB-ONLY-vault-password.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${VENV_BIN:-$ROOT/.venv/bin}
export PATH=$BIN:$PATH
export ANSIBLE_COLLECTIONS_PATH=${ANSIBLE_COLLECTIONS_PATH:-$ROOT/.build/collections}
export ANSIBLE_PYTHON_INTERPRETER=${ANSIBLE_PYTHON_INTERPRETER:-$BIN/python}
export ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_NOCOLOR=1
EXAMPLES=(${DEMO_EXAMPLES:-seed004 redundant hub_and_spoke policy_based})
STATE=$(mktemp -d "${TMPDIR:-/tmp}/srx-vpn-demo.XXXXXX")
RUNNING=""

stop_lab() {
    if [ -n "$RUNNING" ]; then
        srxsim down --state-dir "$STATE/$RUNNING" >/dev/null 2>&1 || true
        RUNNING=""
    fi
}
trap stop_lab EXIT

playbook() {  # name, playbook, log
    local name=$1 play=$2 log=$3
    if ! ansible-playbook -i "$STATE/$name/inventory.yml" -i "inventories/$name" \
            --vault-password-file inventories/LAB-ONLY-vault-password.txt \
            -e "vpn_report_dir=$STATE/$name/reports" "playbooks/$play" >"$log" 2>&1; then
        echo "!! $play failed for $name; last lines of $log:"
        tail -40 "$log"
        return 1
    fi
    sed -n '/^PLAY RECAP/,$p' "$log" | sed '/^$/d'
}

failed=0
for name in "${EXAMPLES[@]}"; do
    echo "=== $name: lab topology lab/topologies/$name.yml, inventory inventories/$name"
    srxsim up "lab/topologies/$name.yml" --state-dir "$STATE/$name"
    RUNNING=$name
    started=$SECONDS
    echo "--- deploy (one transaction per device, commit confirmed, health gate)"
    if playbook "$name" deploy_vpn.yml "$STATE/$name/deploy.log" \
            && echo "--- verify" && playbook "$name" verify_vpn.yml "$STATE/$name/verify.log"; then
        python - "$STATE/$name/reports/vpn-verify.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for row in report["tunnels"]:
    ping = row["ping"] if row["ping"] != "n/a" else "n/a (policy-based)"
    rtt = "" if row["rtt_ms"] is None else " %.3f ms" % row["rtt_ms"]
    print("  %-7s %-30s -> %-7s %-18s phase1 %-4s phase2 %-4s ping %s%s" % (
        row["host"], row["name"], row["peer"], row["vpn"], row["phase1"], row["phase2"], ping, rtt))
pinged = all(row["ping"] == "OK" for row in report["tunnels"])
print("  all %d tunnels UP%s" % (len(report["tunnels"]), ", ping OK" if pinged else "") if report["all_ok"]
      else "  NOT all tunnels are UP")
PY
        if [ "$name" = policy_based ]; then
            # The SRX's own pings skip security policies; hosts on the LANs prove a policy-based VPN.
            for pair in "pc-a 192.168.2.10" "pc-b 192.168.1.10"; do
                set -- $pair
                srxsim fault --state-dir "$STATE/$name" ping --host "$1" --destination "$2" --count 3 \
                    | python -c 'import json,sys; r=json.load(sys.stdin); print("  LAN host '"$1"' -> '"$2"': %d/%d replies, ping %s" % (r["received"], r["sent"], "OK" if r["received"] == r["sent"] else "FAILED")); sys.exit(r["received"] != r["sent"])' \
                    || failed=1
            done
        fi
        echo "  topology diagram (Mermaid): $STATE/$name/reports/vpn-topology.mmd"
    else
        failed=1
    fi
    echo "--- $name done in $((SECONDS - started)) s"
    stop_lab
done
if [ "$failed" -ne 0 ]; then
    echo "demo: FAILED (logs in $STATE)"
    exit 1
fi
echo "demo: every tunnel of every example is UP and passes traffic (reports and logs in $STATE)"
