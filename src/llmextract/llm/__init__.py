"""The model path: client, prompts, request log, grounding, the re-asking stage."""
