"""Shared models: the append-only audit log."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit record."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ARG002
        raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được sửa.")

    def delete(self):
        raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được xoá.")


class AuditEntry(models.Model):
    """Who did what, when, in which unit, to which object, with values before and after."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The name of a system actor (importer, demo loader, scheduler) when no person acted.
    system_actor = models.CharField(_("tác nhân hệ thống"), max_length=40, blank=True, default="")
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_entries",
    )
    action = models.CharField(_("thao tác"), max_length=80, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, blank=True, default="")
    object_repr = models.CharField(_("đối tượng"), max_length=300, blank=True, default="")
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    summary = models.CharField(_("tóm tắt"), max_length=500, blank=True, default="")

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("bản ghi nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["unit", "-at"]),
            models.Index(fields=["actor", "-at"]),
            models.Index(fields=["content_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được xoá.")

    # Bookkeeping columns that mean nothing to a reader of the log.
    HIDDEN_KEYS = frozenset(
        {
            "id",
            "home",
            "home_id",
            "created_at",
            "depth",
            "search_name",
            "search_short",
            "province_key",
            "key_hash",
        }
    )

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """Field-by-field (label, before, after) for the fields that differ, foreign keys and choices by name."""
        before = self.before if isinstance(self.before, dict) else {}
        after = self.after if isinstance(self.after, dict) else {}
        keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
        model = self.content_type.model_class() if self.content_type is not None else None
        out = []
        for key in keys:
            if key.endswith("_id") and key[:-3] in keys:
                continue
            if key in self.HIDDEN_KEYS or before.get(key) == after.get(key):
                continue
            label, old, new = key, before.get(key), after.get(key)
            if model is not None:
                try:
                    field = model._meta.get_field(key.removesuffix("_id"))
                except Exception:  # noqa: BLE001 — keys that are not fields keep their own name
                    field = None
                if field is not None:
                    label = str(getattr(field, "verbose_name", key))
                    if getattr(field, "choices", None):
                        names = {k: str(v) for k, v in getattr(field, "flatchoices", [])}
                        old, new = names.get(old, old), names.get(new, new)
            out.append((label, old, new))
        return out


class DayOverride(models.Model):
    """An administrator's correction of the working calendar: an extra day off (a bridge day the Government
    grants around Tết or 2 September) or a compensatory working day (a Saturday worked in exchange)."""

    class Kind(models.TextChoices):
        OFF = "off", _("ngày nghỉ thêm")
        WORK = "work", _("ngày làm bù")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices)
    reason = models.CharField(_("căn cứ"), max_length=300, blank=True, default="")

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày điều chỉnh lịch làm việc")
        verbose_name_plural = _("ngày điều chỉnh lịch làm việc")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"


class Notification(models.Model):
    """One in-app notice to one user (assignment, deadline near, overdue, answer received, citizen's reply)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("loại"), max_length=40)
    title = models.CharField(_("nội dung"), max_length=300)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True, default="")
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    emailed = models.BooleanField(_("đã gửi thư"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return self.title
