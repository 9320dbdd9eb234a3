"""Figures and facts of docs/output-layer.md."""
