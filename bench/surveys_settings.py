"""Settings of the survey benchmarks: production, plus the floor view's URLconf and a temporary static root."""

import os
import tempfile
from pathlib import Path

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.surveys_urls"
STATIC_ROOT = Path(os.environ.get("CCHC_BENCH_STATIC_ROOT", str(Path(tempfile.gettempdir()) / "cchc-bench-static")))
