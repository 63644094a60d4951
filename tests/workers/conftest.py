"""Worker tests import worker_helpers.py and run slow_app.py in worker subprocesses."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
