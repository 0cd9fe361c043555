"""``python -m chronique`` runs the command line."""

import sys

from chronique.cli import main

sys.exit(main())
