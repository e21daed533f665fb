"""`assistant serve`: the Gradio chat for staff (same as `python app.py`)."""

from __future__ import annotations

import argparse


def add_serve_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--host", help="address to listen on (env ASSISTANT_HOST, default 127.0.0.1; 0.0.0.0 for the network)"
    )
    p.add_argument("--port", type=int, help="port (env ASSISTANT_PORT, default 7860)")


def cmd_serve(args: argparse.Namespace) -> int:
    from ..ui.app import serve  # gradio loads only for this command
    from .options import settings_from

    return serve(settings_from(args).with_(host=args.host, port=args.port))


def add_commands(sub, index_options) -> None:
    p = sub.add_parser("serve", help="serve the Gradio chat (http://127.0.0.1:7860; login with ASSISTANT_AUTH)")
    add_serve_options(p)
    index_options(p)
    p.set_defaults(func=cmd_serve)
