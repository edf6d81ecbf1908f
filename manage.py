#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# Commands that read the code and never serve a request or sign anything that lasts: they run
# without a SECRET_KEY (settings give them a throwaway one), so that, say,
# `manage.py makemigrations --check` works on a fresh clone. `check --deploy` is not one: it
# must see the real settings.
OFFLINE_COMMANDS = {
    "makemigrations",
    "check",
    "showmigrations",
    "sqlmigrate",
    "makemessages",
    "compilemessages",
    "collectstatic",
}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nopsa.settings")
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command in OFFLINE_COMMANDS and "--deploy" not in sys.argv:
        os.environ["NOPSA_OFFLINE_COMMAND"] = "1"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
