"""Practices, the near-term vision and leadership agreements of a series."""
