"""Developer tools shared by the tests and the benchmarks (the server stack launcher)."""
