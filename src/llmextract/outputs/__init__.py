"""One writer per output format: JSON, cells, checks, CSV, xlsx, the review page, the database."""
