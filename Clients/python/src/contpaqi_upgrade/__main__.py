"""``python -m contpaqi_upgrade``: see ``cli.py``."""

import sys

from .cli import main

sys.exit(main())
