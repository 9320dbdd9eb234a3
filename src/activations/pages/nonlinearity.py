"""Figures and facts of docs/nonlinearity.md."""
