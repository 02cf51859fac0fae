"""The command line and the batch around the pipeline."""
