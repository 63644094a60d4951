# Two commands on a fresh machine: `make run` and `make test` (`make test-fast` while editing).
# `make setup` is idempotent.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_PACKAGES := espeak-ng libespeak-ng1 ffmpeg redis-server postgresql chromium chromium-driver docker-compose
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup system venv run test test-fast lint bench clean

setup: system $(STAMP)

# Installs system packages only when one is missing; needs root (or prints what to install).
system:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing system packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; fi; \
	fi

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[neural,static-ffmpeg,dev]'
	@touch $(STAMP)

run: setup
	$(BIN)/narrator serve --host $(HOST) --port $(PORT)

# The whole suite in three passes: the fast tests spread over the cores (pytest-xdist; they only
# use the CPU); then the `slow` ones in two lanes side by side, each one test at a time: the
# tests that mostly wait on the clock (marked `waiting`: slowed fake voices, leases, restarts;
# under 0.9 of a core each), and the others, which keep about 1.4 cores busy and would time
# each other if two ran at once; last, with nothing beside them, those marked `alone` (they
# compare timings under load with an idle reference). The waiting lane's report follows the
# other's. Every pass runs; any failing fails.
JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)
FAST_TESTS = -n $(JOBS) -m "not slow"
# pytest for a background job: sh starts those with SIGINT ignored, and Ctrl-C must still stop
# it (and its fixtures' servers) as it stops the lane in the foreground.
export PYTEST_WITH_CTRL_C = import signal, sys, pytest; signal.signal(signal.SIGINT, signal.default_int_handler); sys.exit(pytest.main(sys.argv[1:]))

test: setup
	@rc=0; \
	$(BIN)/python -m pytest -q $(FAST_TESTS) --durations=10 || rc=1; \
	log=$$(mktemp -t narrator-waiting-lane.XXXXXX); \
	$(BIN)/python -c "$$PYTEST_WITH_CTRL_C" -q -m "slow and waiting" --durations=15 >$$log 2>&1 & waiting=$$!; \
	$(BIN)/python -m pytest -q -m "slow and not waiting and not alone" --durations=30 || rc=1; \
	wait $$waiting || rc=1; \
	echo "--- the waiting lane (run beside the slow tests above)"; cat $$log; rm -f $$log; \
	$(BIN)/python -m pytest -q -m "slow and alone" || rc=1; \
	exit $$rc

# The suite without the tests marked `slow` (real workers and servers, e2e, long engine runs).
test-fast: setup
	$(BIN)/python -m pytest -q $(FAST_TESTS)

lint: setup
	$(BIN)/ruff check narrator workers tests bench
	$(BIN)/mypy narrator workers

bench: setup
	$(BIN)/python bench/pipeline.py

clean:
	rm -rf $(VENV) var *.egg-info
