"""Runnable benchmarks that print figures; importable so tests can reuse their measures."""
