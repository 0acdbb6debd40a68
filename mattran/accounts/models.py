"""Users belong to one unit with one role; API tokens for scripts."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị đơn vị")
    EDITOR = "editor", _("Cán bộ nhập liệu")
    LEADER = "leader", _("Lãnh đạo (chỉ xem)")


class Profile(models.Model):
    """A user's place: the unit they work for and their role there."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="profiles"
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True, default="")
    position = models.CharField(_("chức vụ"), max_length=150, blank=True, default="")

    class Meta:
        verbose_name = _("hồ sơ người dùng")
        verbose_name_plural = _("hồ sơ người dùng")

    def __str__(self) -> str:
        return f"{self.full_name or self.user.get_username()} · {self.get_role_display()} · {self.unit}"


class ApiToken(models.Model):
    """A bearer token for the API; only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên"), max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "mt_" + secrets.token_urlsafe(32)
