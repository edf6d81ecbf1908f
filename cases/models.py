"""Anonymised client cases, personas, service paths and maps: filled by the cases issue."""
