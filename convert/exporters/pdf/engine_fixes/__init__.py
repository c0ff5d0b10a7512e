"""Fixes to WeasyPrint's (and pydyf's) own work, each wrapping one of their functions."""
