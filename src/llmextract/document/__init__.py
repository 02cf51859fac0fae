"""The document as text: normalisation, markup tables, chunks by section heading."""
