"""Serve the Gradio chat: `python app.py [--host H] [--port P] [--index PATH]` (= `assistant serve`)."""

import sys

from assistant.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
