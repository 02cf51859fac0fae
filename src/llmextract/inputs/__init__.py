"""One reader per input format (PDF, text) behind one dispatch table."""
