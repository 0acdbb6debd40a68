"""The programs pages, one module per topic; each command has its own URL and a short view that fetches
what the URL names (``core.web.fetch``), calls one action and redirects (or shows the form again with the
action's message beside the field)."""
