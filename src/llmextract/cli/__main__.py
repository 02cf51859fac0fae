"""``python -m llmextract.cli`` runs the command line."""

from .main import main

raise SystemExit(main())
