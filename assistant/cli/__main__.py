"""`python -m assistant.cli ...` = `assistant ...`."""

import sys

from . import main

sys.exit(main())
