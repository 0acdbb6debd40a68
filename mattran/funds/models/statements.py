"""Imported bank statements and their lines (sao kê), read by the public search."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..statements.model import WrongLayoutError
from ..statements.registry import get_layout
from .ledger import BankAccount


class StatementStatus(models.TextChoices):
    PENDING = "pending", _("Chờ nhập")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Đã nhập")
    FAILED = "failed", _("Lỗi — không nhập dòng nào")


class BankStatement(models.Model):
    """One imported statement file; its lines land in StatementLine once, whatever the overlaps."""

    account = models.ForeignKey(BankAccount, on_delete=models.PROTECT, related_name="statements")
    file_name = models.CharField(_("tệp"), max_length=300)
    file_path = models.CharField(max_length=500, blank=True, default="")
    sha256 = models.CharField(max_length=64, blank=True, default="")
    layout = models.CharField(_("mẫu"), max_length=30, blank=True, default="")
    period_from = models.DateField(null=True, blank=True)
    period_to = models.DateField(null=True, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=StatementStatus.choices, default=StatementStatus.PENDING)
    lines_read = models.PositiveIntegerField(default=0)
    lines_added = models.PositiveIntegerField(default=0)
    total_credit = models.BigIntegerField(default=0)
    total_debit = models.BigIntegerField(default=0)
    opening_balance = models.BigIntegerField(null=True, blank=True)
    closing_balance = models.BigIntegerField(null=True, blank=True)
    report = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=500, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When the import was last queued (on upload, or queued again) and when a run last claimed it: with
    # the progress a run writes as it goes, they tell a waiting or running import that nobody is doing.
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sao kê")
        verbose_name_plural = _("sao kê")

    def __str__(self) -> str:
        return self.file_name

    @property
    def layout_title(self) -> str:
        """The layout as the cadre knows it ("Vietcombank – sao kê PDF (2024)"), not its code name."""
        if not self.layout:
            return ""
        try:
            return get_layout(self.layout).title
        except WrongLayoutError:
            return self.layout

    @property
    def lines_duplicate(self) -> int:
        return max(self.lines_read - self.lines_added, 0) if self.status == StatementStatus.DONE else 0


class StatementLine(models.Model):
    """A transaction as published on a bank statement, kept once per account (by fingerprint).

    ``fingerprint`` is the line's identity: its content (date, reference, amounts, message) and its
    occurrence among identical lines of the file (``reading.occurrence_fingerprint``), so identical
    donations of a day are each a line; the first occurrence's identity is the content's fingerprint.

    ``amount`` is the absolute movement (credit or debit) for the exact-amount index; ``search_text``
    is the folded message and counterparty that the trigram (PostgreSQL) or FTS5 (SQLite) index serves.
    """

    # No index of their own: (account, fingerprint), (account, date, id) and (statement, id) below lead
    # with them, and every index costs each imported line (docs/benchmarks.md).
    account = models.ForeignKey(BankAccount, on_delete=models.PROTECT, related_name="lines", db_index=False)
    statement = models.ForeignKey(
        BankStatement, on_delete=models.PROTECT, related_name="lines", db_index=False
    )
    province_key = models.IntegerField(null=True, blank=True)
    bank = models.CharField(max_length=10)
    fingerprint = models.CharField(max_length=64)
    date = models.DateField()
    reference = models.CharField(max_length=100, blank=True, default="")
    debit = models.BigIntegerField(default=0)
    credit = models.BigIntegerField(default=0)
    amount = models.BigIntegerField()
    balance = models.BigIntegerField(null=True, blank=True)
    description = models.TextField()
    counterparty = models.CharField(max_length=200, blank=True, default="")
    page = models.PositiveIntegerField(null=True, blank=True)
    line = models.PositiveIntegerField()
    search_text = models.TextField(default="")

    class Meta:
        verbose_name = _("dòng sao kê")
        verbose_name_plural = _("dòng sao kê")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "fingerprint"], name="statement_line_unique_per_account"
            ),
        ]
        indexes = [
            models.Index(fields=["amount", "id"], name="stmtline_amount"),
            models.Index(fields=["account", "date", "id"], name="stmtline_account_date"),
            models.Index(fields=["statement", "id"], name="stmtline_statement"),
            models.Index(fields=["date", "id"], name="stmtline_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.amount:,} {self.description[:40]}"
