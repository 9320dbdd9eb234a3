"""Figures and facts of docs/tanh.md."""
