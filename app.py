"""Serve the Gradio chat: `python app.py [--host H] [--port P] [--index PATH]` (see --help)."""
import sys

from assistant.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
