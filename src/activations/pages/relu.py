"""Figures and facts of docs/relu.md."""
