"""Figures and facts of docs/comparison.md."""
