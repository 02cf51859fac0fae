"""llmextract: structured, arithmetic-checked extraction of Chinese budget disclosures."""

__version__ = "0.1.0"
