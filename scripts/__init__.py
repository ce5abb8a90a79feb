"""Developer tooling importable by tests and benchmarks: training, launching the bot as `make run` does."""
