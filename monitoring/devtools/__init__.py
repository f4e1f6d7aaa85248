"""Build-time tools, never loaded by the app: demo and synthetic data."""
