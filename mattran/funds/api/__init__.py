"""Funds over the API: the same rules as the pages; the statement search and claim check are public.

One module per topic, each with its own router, mounted here in one router under one tag.
"""

from __future__ import annotations

from ninja import Router

from . import beneficiaries, disbursements, funds, ledger, public, receipts, statements, transfers

router = Router(tags=["Quỹ và công khai"])
for _topic in (funds, ledger, transfers, receipts, statements, public, disbursements, beneficiaries):
    router.add_router("", _topic.router)
