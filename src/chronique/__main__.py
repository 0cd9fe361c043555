"""``python -m chronique`` runs the command line."""

import sys

from chronique.cli.main import main

sys.exit(main())
