# netsec.srx_vpn: the two entry points are `make demo` and `make test`.
# Both create/refresh .venv from pinned requirements (PyPI only), build and
# install the collection offline, then do their job.

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(CURDIR)/$(VENV)/bin
BUILD := $(CURDIR)/.build
COLLECTIONS := $(BUILD)/collections
STAMP := $(VENV)/.installed

export PATH := $(BIN):$(PATH)
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export ANSIBLE_PYTHON_INTERPRETER := $(BIN)/python
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test venv collection test-unit test-lab test-integration \
        test-sanity test-lint test-molecule test-strongswan test-docs test-awx test-ee bench clean

demo: collection
	tools/demo.sh

test: collection
	tools/test.sh

$(STAMP): requirements.txt requirements-test.txt lab/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e lab
	touch $@

venv: $(STAMP)

collection: venv
	rm -rf $(BUILD)/dist $(COLLECTIONS)
	$(BIN)/ansible-galaxy collection build --force --output-path $(BUILD)/dist >/dev/null
	$(BIN)/ansible-galaxy collection install --offline --force -p $(COLLECTIONS) \
	    $(BUILD)/dist/netsec-srx_vpn-*.tar.gz >/dev/null
	@echo "collection installed in $(COLLECTIONS)"

test-unit test-lab test-integration test-sanity test-lint test-molecule test-strongswan test-docs test-awx test-ee: collection
	tools/test.sh $(@:test-%=%)

bench: collection
	tools/bench.sh

clean:
	rm -rf $(BUILD) $(VENV)
