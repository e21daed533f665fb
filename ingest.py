"""Index a folder of reports: `python ingest.py [FOLDER] [--prune] [--rebuild] [--index PATH]`.

A thin entry point for `assistant ingest`; see `python ingest.py --help`.
"""

import sys

from assistant.cli import main

if __name__ == "__main__":
    sys.exit(main(["ingest", *sys.argv[1:]]))
