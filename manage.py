#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mattran.settings")
    # manage.py is the developer's entry point in a checkout; deployments use the `mattran` command and WSGI,
    # which keep DEBUG off (and so refuse the default secret key) unless told otherwise.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
