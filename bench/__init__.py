"""Benchmarks: each measures our path against a raw baseline in the same run (BENCHMARKS.md)."""
