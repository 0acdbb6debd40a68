"""Forms of the reports pages; the actions do the validating."""

from __future__ import annotations

from django import forms

from mattran.core.sheets import SheetField


class UploadForm(forms.Form):
    """A filled Excel template of a form's figures."""

    file = SheetField()
