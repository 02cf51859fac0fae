"""Checks beyond arithmetic: structure, wording, prose against the tables (schemas/audit.yaml)."""
