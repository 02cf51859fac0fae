"""The result model, text that keeps its offsets, the document's source, the spec from schemas/, errors."""
