PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test chromium clean model

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/chronique code examples/000_7c92b074c704cec9.txt --published 2019-05-16 --pretty

# the browser tests drive Debian's Chromium (never a downloaded browser): install it when missing
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "installing Debian's chromium for the browser tests"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium \
		|| { $(SUDO) apt-get update -q && \
		     $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }; \
	fi

test: install chromium
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest

# rebuild the shipped models from the corpus's train split, then choose the policy and fit the
# confidence curves on the dev sets (docs/models.md); deterministic: the same corpus gives the
# same files
model: install
	$(BIN)/chronique train -o src/chronique/data/models
	cd benchmarks && ../$(BIN)/python tune_policy.py --model ../src/chronique/data/models --write

clean:
	rm -rf $(VENV) build *.egg-info
