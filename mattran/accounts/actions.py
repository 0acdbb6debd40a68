"""Changes to users, their unit and role, and API tokens."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.errors import ActionError
from mattran.core.text import nfc

from .models import ApiToken, Profile, Role

User = get_user_model()


@transaction.atomic
def do_create_user(
    *,
    acting_user,
    username: str,
    password: str,
    unit,
    role: str,
    full_name: str = "",
    position: str = "",
    email: str = "",
    check_password: bool = True,
):
    """Create a user attached to a unit with a role."""
    username = username.strip()
    if not username:
        raise ActionError(_("Nhập tên đăng nhập."), field="username")
    if role not in Role.values:
        raise ActionError(_("Vai trò không hợp lệ."), field="role")
    if User.objects.filter(username__iexact=username).exists():
        raise ActionError(
            _("Tên đăng nhập %(username)s đã có người dùng.") % {"username": username},
            code="duplicate_username",
            field="username",
        )
    if check_password:
        try:
            validate_password(password, user=User(username=username, email=email, first_name=full_name))
        except ValidationError as exc:
            raise ActionError(" ".join(exc.messages), field="password") from exc
    user = User.objects.create_user(username=username, password=password, email=email)
    Profile.objects.create(user=user, unit=unit, role=role, full_name=nfc(full_name), position=nfc(position))
    audit.record(
        "accounts.create_user",
        actor=acting_user,
        unit=unit,
        obj=user,
        after={
            "username": username,
            "unit_id": unit.pk,
            "unit": unit.name,
            "role": Role(role).label,
            "full_name": full_name,
        },
    )
    return user


@transaction.atomic
def do_change_role(user, *, acting_user, role: str, unit=None) -> Profile:
    """Change a user's role (and optionally unit)."""
    if role not in Role.values:
        raise ActionError(_("Vai trò không hợp lệ."), field="role")
    profile = Profile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        raise ActionError(_("Tài khoản này chưa được gán đơn vị."), code="no_profile", status=409)
    before = {"role": profile.get_role_display(), "unit_id": profile.unit_id, "unit": profile.unit.name}
    profile.role = role
    if unit is not None:
        profile.unit = unit
    profile.save()
    audit.record(
        "accounts.change_role",
        actor=acting_user,
        unit=profile.unit,
        obj=user,
        before=before,
        after={"role": profile.get_role_display(), "unit_id": profile.unit_id, "unit": profile.unit.name},
    )
    return profile


@transaction.atomic
def do_set_active(user, *, acting_user, active: bool):
    """Disable or re-enable a user's login."""
    if acting_user and acting_user.pk == user.pk and not active:
        raise ActionError(_("Không thể tự khoá tài khoản của mình."), code="self_lock", status=409)
    before = {"is_active": user.is_active}
    user.is_active = active
    user.save(update_fields=["is_active"])
    unit = getattr(getattr(user, "profile", None), "unit", None)
    audit.record(
        "accounts.set_active",
        actor=acting_user,
        unit=unit,
        obj=user,
        before=before,
        after={"is_active": active},
    )
    return user


@transaction.atomic
def do_issue_token(user, *, acting_user, name: str) -> tuple[ApiToken, str]:
    """Issue an API token; the plain key is returned once and never stored."""
    name = nfc(name)
    if not name:
        raise ActionError(_("Đặt tên cho mã truy cập (ví dụ: tên phần mềm dùng nó)."), field="name")
    key = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, name=name, prefix=key[3:9], key_hash=ApiToken.hash_key(key))
    unit = getattr(getattr(user, "profile", None), "unit", None)
    audit.record("accounts.issue_token", actor=acting_user, unit=unit, obj=token, after={"name": name})
    return token, key


@transaction.atomic
def do_revoke_token(token: ApiToken, *, acting_user) -> ApiToken:
    """Revoke an API token."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        unit = getattr(getattr(token.user, "profile", None), "unit", None)
        audit.record(
            "accounts.revoke_token", actor=acting_user, unit=unit, obj=token, after={"revoked": True}
        )
    return token


def authenticate_token(key: str):
    """Return the active user owning a bearer key, or None."""
    if not key or not key.startswith("mt_"):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
