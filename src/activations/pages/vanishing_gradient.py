"""Figures and facts of docs/vanishing-gradient.md."""
