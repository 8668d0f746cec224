#!/usr/bin/env bash
# Runs the test stages in order (all of them when none is named).
# Called by `make test` / `make test-<stage>` after the venv and collection are ready.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=$ROOT/.build
export PYTHONPATH=$ROOT/tests/lib${PYTHONPATH:+:$PYTHONPATH}

stage_unit() {
    python -m pytest -q -p no:cacheprovider tests/unit
}

# Lab and integration tests wait on SSH and ansible-playbook more than on the CPU: two workers,
# one test file per worker so module-scoped labs start once.
PARALLEL=(-n 2 --dist loadfile)

stage_lab() {
    python -m pytest -q -p no:cacheprovider "${PARALLEL[@]}" lab/tests
    python -m pytest -q -p no:cacheprovider bench/tests
}

stage_integration() {
    python -m pytest -q -p no:cacheprovider "${PARALLEL[@]}" tests/integration
}

# ansible-test needs the collection at .../ansible_collections/netsec/srx_vpn, its
# dependencies beside it, and a pip bootstrap that does not download (TOOLCHAIN.md 2b).
# The tree lives outside this checkout: inside it, ansible-test would list files with git
# and skip everything under the ignored .build/.
ANSIBLE_TEST_ROOT=${TMPDIR:-/tmp}/srx_vpn-ansible-test
ansible_test_tree() {
    local tree=$ANSIBLE_TEST_ROOT/ansible_collections
    rm -rf "$ANSIBLE_TEST_ROOT"
    mkdir -p "$tree/netsec/srx_vpn"
    tar -xzf "$BUILD"/dist/netsec-srx_vpn-*.tar.gz -C "$tree/netsec/srx_vpn"
    local bundled
    bundled=$(python -c 'import ansible_collections, os; print(os.path.dirname(ansible_collections.__path__[-1]))')/ansible_collections
    for dep in ansible/netcommon ansible/utils junipernetworks/junos; do
        mkdir -p "$tree/${dep%/*}"
        ln -sfn "$bundled/$dep" "$tree/$dep"
    done
    mkdir -p ~/.ansible/test/cache
    cat > ~/.ansible/test/cache/get_pip_24_2.py <<'PY'
import subprocess, sys
args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade"])
subprocess.check_call([sys.executable, "-m", "pip", "install", "--upgrade"] + args)
PY
    echo "$tree/netsec/srx_vpn"
}

stage_sanity() {
    local dir
    dir=$(ansible_test_tree)
    (cd "$dir" && ansible-test sanity --python 3.11 --local --color no \
        && ansible-test units --python 3.11 --local --color no)
}

stage_lint() {
    ansible-lint --profile production --offline
}

stage_awx() {
    python -m pytest -q -p no:cacheprovider tests/awx
}

# Every lab scenario runs the full sequence; vsrx needs containerlab and a vSRX image, so it is
# checked for syntax and listed only (extensions/molecule/vsrx/README.md).
stage_molecule() {
    molecule test --all --exclude vsrx
    molecule syntax -s vsrx
    molecule list >/dev/null
}

stage_strongswan() {
    tools/install-strongswan.sh
    STRONGSWAN_REQUIRED=${CI:+1} python -m pytest -q -p no:cacheprovider tests/strongswan
}

stage_ee() {
    rm -rf "$BUILD/ee"
    ansible-builder create -f execution-environment.yml -c "$BUILD/ee" >/dev/null
    test -s "$BUILD/ee/Dockerfile"
}

stage_docs() {
    antsibull-docs lint-collection-docs --plugin-docs .
    antsibull-changelog lint
    tools/build-docs.sh
}

stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(unit lab sanity lint docs ee integration awx molecule strongswan)
for stage in "${stages[@]}"; do
    echo "=== stage $stage"
    started=$SECONDS
    "stage_$stage"
    echo "=== stage $stage passed in $((SECONDS - started)) s"
done
