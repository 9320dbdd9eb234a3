"""Figures and facts of docs/leaky-relu.md."""
