"""The `mattran` console script: Django's management commands with mattran's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mattran.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["mattran", *sys.argv[1:]])


if __name__ == "__main__":
    main()
