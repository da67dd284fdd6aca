"""Regenerate the report: the same as `quotelens report` (see `--help`).

    .venv/bin/python scripts/regenerate.py [--config configs/smoke.yaml] [--only 03]
"""

import sys

from quotelens.cli import main

if __name__ == "__main__":
    sys.exit(main(["report", *sys.argv[1:]]))
