"""``python -m chronique.cli`` runs the command line."""

import sys

from chronique.cli.main import main

sys.exit(main())
