# Benchmarks (issue 5): ours against the `rasa init` starter bot, same run.
# See bench/bench.py and docs/benchmarks.md.
.PHONY: bench bench-smoke bench-profile bench-cpu lint-bench

BENCH_ARGS ?=

bench: $(MODEL) ## Benchmark vs the rasa init baseline (~15-40 min on 2 cores); writes docs/benchmarks.md + .png
	$(PY) -m bench.bench $(BENCH_ARGS)

bench-smoke: $(MODEL) ## Fast harness check (ours only, small load) into results/bench-smoke
	$(PY) -m bench.bench --smoke --out results/bench-smoke

# The smoke run takes ~45 s on top of a trained model (measured on the 2-core box).
TEST_TARGETS += bench-smoke

bench-profile: $(MODEL) ## py-spy profile of a sequential load: where a turn's time goes (results/profile)
	$(PY) -m bench.profile

bench-cpu: $(MODEL) ## CPU per turn of each process (2 workers, PostgreSQL, Redis) at 32 conversations
	$(PY) -m bench.profile --cpu --seconds 20

lint-bench: $(VENV)/.installed ## ruff and mypy on bench/ (make lint covers bot, actions, tests, scripts)
	$(VENV)/bin/ruff check bench
	$(VENV)/bin/ruff format --check bench
	$(VENV)/bin/mypy bench

TEST_TARGETS += lint-bench
