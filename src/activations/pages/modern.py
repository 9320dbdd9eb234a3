"""Figures and facts of docs/modern.md."""
