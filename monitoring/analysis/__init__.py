"""Figures computed from a dataset: statuses, delays, gaps, changes."""
