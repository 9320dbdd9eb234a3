"""Figures and facts of docs/softmax.md."""
