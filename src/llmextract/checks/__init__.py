"""Deterministic arithmetic: identities from the schemas, their evaluation, who is wrong."""
