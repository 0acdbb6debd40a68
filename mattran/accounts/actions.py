"""Changes to users, their unit and role, and API tokens."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.text import nfc

from .models import ApiToken, Profile, Role

User = get_user_model()


def _unit_of(user):
    """The unit an account belongs to (None for an account without a place, which only superusers manage)."""
    return getattr(getattr(user, "profile", None), "unit", None)


@transaction.atomic
def do_create_user(
    *,
    acting_user: Actor,
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
    authorize(acting_user, "accounts.manage_users", unit)
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
def do_change_role(user, *, acting_user: Actor, role: str, unit=None) -> Profile:
    """Change a user's role (and optionally unit)."""
    authorize(acting_user, "accounts.manage_users", _unit_of(user))
    if unit is not None:
        authorize(acting_user, "accounts.manage_users", unit)
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
def do_set_active(user, *, acting_user: Actor, active: bool):
    """Disable or re-enable a user's login."""
    authorize(acting_user, "accounts.manage_users", _unit_of(user))
    if getattr(acting_user, "pk", None) == user.pk and not active:
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
def do_issue_token(user, *, acting_user: Actor, name: str) -> tuple[ApiToken, str]:
    """Issue an API token; the plain key is returned once and never stored."""
    authorize(acting_user, "accounts.manage_own_tokens", user)
    name = nfc(name)
    if not name:
        raise ActionError(_("Đặt tên cho mã truy cập (ví dụ: tên phần mềm dùng nó)."), field="name")
    key = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, name=name, prefix=key[3:9], key_hash=ApiToken.hash_key(key))
    unit = getattr(getattr(user, "profile", None), "unit", None)
    audit.record("accounts.issue_token", actor=acting_user, unit=unit, obj=token, after={"name": name})
    return token, key


@transaction.atomic
def do_revoke_token(token: ApiToken, *, acting_user: Actor) -> ApiToken:
    """Revoke an API token."""
    authorize(acting_user, "accounts.revoke_token", token.user)
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


# --- passwords ------------------------------------------------------------------------------------------


def _validated_password(password: str, user, field: str = "new_password") -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ActionError(" ".join(exc.messages), field=field) from exc


def _unlock(user) -> None:
    """A new password ends the lockout of wrong guesses at the old one."""
    from axes.utils import reset

    reset(username=user.get_username())


@transaction.atomic
def do_change_password(user, *, acting_user: Actor, old_password: str, new_password: str):
    """Change one's own password, knowing the current one."""
    authorize(acting_user, "accounts.change_own_password", user)
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.check_password(old_password or ""):
        raise ActionError(_("Mật khẩu hiện tại không đúng."), field="old_password")
    if old_password == new_password:
        raise ActionError(_("Mật khẩu mới phải khác mật khẩu hiện tại."), field="new_password")
    _validated_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit.record(
        "accounts.change_password",
        actor=acting_user,
        unit=getattr(getattr(user, "profile", None), "unit", None),
        obj=user,
        summary="Đổi mật khẩu",
    )
    return user


@transaction.atomic
def do_reset_password(user, *, acting_user: Actor, new_password: str):
    """Give a user of one's unit a new password (the unit's administrator; the user then changes it)."""
    authorize(acting_user, "accounts.reset_password", user)
    user = User.objects.select_for_update().get(pk=user.pk)
    _validated_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    _unlock(user)
    audit.record(
        "accounts.reset_password",
        actor=acting_user,
        unit=getattr(getattr(user, "profile", None), "unit", None),
        obj=user,
        summary="Quản trị đặt lại mật khẩu",
    )
    return user


@transaction.atomic
def do_set_password_with_token(user, *, acting_user: Actor, token: str, new_password: str):
    """Set a new password from an e-mailed reset link: the link's token proves the account holder acts."""
    from django.contrib.auth.tokens import default_token_generator

    authorize(acting_user, "accounts.change_own_password", user)
    user = User.objects.select_for_update().get(pk=user.pk)
    if not default_token_generator.check_token(user, token):
        raise ActionError(
            _(
                "Liên kết đặt lại mật khẩu không còn hiệu lực (đã dùng hoặc đã hết hạn). Hãy yêu cầu liên kết mới."
            ),
            code="invalid_token",
        )
    _validated_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    _unlock(user)
    audit.record(
        "accounts.reset_password_by_email",
        actor=acting_user,
        unit=getattr(getattr(user, "profile", None), "unit", None),
        obj=user,
        summary="Đặt lại mật khẩu qua thư điện tử",
    )
    return user


@transaction.atomic
def do_send_password_reset(*, acting_user: Actor, email: str, base_url: str) -> int:
    """E-mail a reset link to each active account with this address (when mail is configured).

    Anyone may ask (the public form): the link goes only to the account's own address, and the answer is
    the same whether or not an account has it. Returns how many links were sent.
    """
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    authorize(acting_user, "accounts.request_password_reset")
    if not settings.MAIL_CONFIGURED:
        raise ActionError(
            _("Máy chủ chưa cấu hình thư điện tử: hãy nhờ quản trị đơn vị đặt lại mật khẩu."),
            code="mail_not_configured",
            status=409,
        )
    email = (email or "").strip()
    if "@" not in email or len(email) > 254:
        raise ActionError(_("Nhập địa chỉ thư điện tử hợp lệ."), field="email")
    sent = 0
    for user in User.objects.filter(email__iexact=email, is_active=True).order_by("pk"):
        if not user.has_usable_password():
            continue
        link = base_url.rstrip("/") + reverse(
            "accounts:password_reset_confirm",
            args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)],
        )
        context = {"user": user, "link": link, "hours": settings.PASSWORD_RESET_TIMEOUT // 3600}
        send_mail(
            render_to_string("accounts/password_reset_subject.txt", context).strip(),
            render_to_string("accounts/password_reset_email.txt", context),
            None,
            [user.email],
        )
        audit.record(
            "accounts.send_password_reset",
            actor=acting_user,
            unit=getattr(getattr(user, "profile", None), "unit", None),
            obj=user,
            summary="Gửi liên kết đặt lại mật khẩu",
        )
        sent += 1
    return sent
