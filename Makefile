# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,dev]"
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/recon run --month 2020-04 --out recon-output --force

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check recon tests

clean:
	rm -rf $(VENV) recon-output dist

# Offline install folder for PCs without registry access (issue 9): dist/wheelhouse/ and dist/wheelhouse.zip.
WHEELHOUSE ?= dist/wheelhouse
WHEELHOUSE_PLATFORMS ?= win_amd64 manylinux_x86_64
WHEELHOUSE_PYTHONS ?= 3.11 3.12 3.13

.PHONY: wheelhouse
wheelhouse: $(STAMP)
	$(BIN)/python packaging/build_wheelhouse.py --out $(WHEELHOUSE) \
		$(foreach p,$(WHEELHOUSE_PLATFORMS),--platform $(p)) $(foreach v,$(WHEELHOUSE_PYTHONS),--python $(v))
