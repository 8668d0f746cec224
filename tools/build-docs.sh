#!/usr/bin/env bash
# Builds the docs site offline into .build/docsite/html:
#   1. builds and installs the collection from this tree into .build/docsite/collections
#      (its own copy, so a concurrent `make collection` cannot hand it a half-installed tree);
#   2. antsibull-docs writes the module/filter/role reference (RST) from that installed collection;
#   3. the Markdown user guide (docs/ with its images and examples, lab/README.md) is copied beside
#      it at its repository paths, so relative links work the same on GitHub and on the site;
#   4. sphinx-build with docs/site/conf.py, warnings are errors (-W --keep-going, nitpicky).
# Usage: tools/build-docs.sh        (needs the venv: `make venv`; takes about a minute)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH=$ROOT/.venv/bin:$PATH
OUT=$ROOT/.build/docsite
SRC=$OUT/src
rm -rf "$OUT"
mkdir -p "$OUT/dist" "$SRC"
# antsibull-docs refuses an output directory that others may write to.
chmod 700 "$SRC"

ansible-galaxy collection build --force --output-path "$OUT/dist" >/dev/null
ansible-galaxy collection install --offline --force -p "$OUT/collections" \
    "$OUT"/dist/netsec-srx_vpn-*.tar.gz >/dev/null
ANSIBLE_COLLECTIONS_PATH=$OUT/collections antsibull-docs collection --use-current --fail-on-error \
    --no-add-antsibull-docs-version --dest-dir "$SRC" netsec.srx_vpn

cp docs/site/index.rst docs/site/ansible_references.rst "$SRC/"
cp -r docs "$SRC/docs"
rm -rf "$SRC/docs/site"
mkdir -p "$SRC/lab"
cp lab/README.md "$SRC/lab/README.md"

sphinx-build -b html -c docs/site -W --keep-going -q "$SRC" "$OUT/html"
echo "docs site: $OUT/html/index.html"
