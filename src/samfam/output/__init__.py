"""Output: JSON and CSV for scripts (formats), tables for people (terminal, the only importer of rich)."""
