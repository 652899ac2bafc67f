"""`python -m bot.review`: see bot/review/cli.py."""

import sys

from bot.review.cli import main

sys.exit(main())
