"""Login, the "my unit" dashboard, users of a unit, API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mattran.core import todo
from mattran.core.authz import PUBLIC
from mattran.core.errors import ActionError
from mattran.core.web import fetch, form_error, require
from mattran.org import queries
from mattran.org.models import Level, Unit

from . import actions
from .forms import (
    LoginForm,
    PasswordChangeForm,
    PasswordForgotForm,
    PasswordResetForm,
    TokenForm,
    UserCreateForm,
)
from .models import ApiToken, Profile
from .rules import profile_of


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # django-axes locks a username (from any address); this locks an address that guesses across many
        # usernames (one try on each), which no username's count would reach.
        if address_locked(request):
            return render(request, "accounts/locked.html", status=429)
        return super().post(request, *args, **kwargs)


def address_locked(request: HttpRequest) -> bool:
    """Whether this address failed AXES_ADDRESS_FAILURE_LIMIT logins (any usernames) within the cool-off."""
    from axes.helpers import get_client_ip_address, get_cool_off
    from axes.models import AccessAttempt
    from django.db.models import Sum
    from django.utils import timezone

    address = get_client_ip_address(request)
    cool_off = get_cool_off(request)
    if not address or cool_off is None:
        return False
    failures = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=timezone.now() - cool_off
    ).aggregate(n=Sum("failures_since_start"))["n"]
    return (failures or 0) >= settings.AXES_ADDRESS_FAILURE_LIMIT


@login_required
def dashboard(request):
    profile = profile_of(request.user)
    unit = profile.unit if profile else queries.central_unit()
    if unit is None:
        return render(request, "accounts/dashboard.html", {"unit": None})
    children = queries.children(unit)
    counts = {row["level__name"]: row["n"] for row in _level_counts(unit)}
    return render(
        request,
        "accounts/dashboard.html",
        {
            "unit": unit,
            "todo": todo.items_for(request.user),
            "today": timezone.localdate(),
            "chain": queries.ancestors(unit),
            "children_count": children.count(),
            "counts": counts,
            "effective_count": queries.count_effective_descendants(unit),
            "member_orgs": unit.member_organizations.filter(valid_to__isnull=True),
            "clusters": unit.clusters.order_by("-year")[:3],
        },
    )


def _level_counts(unit: Unit):
    from django.db.models import Count

    return (
        queries.subtree(unit, include_self=False)
        .values("level__name", "level__rank")
        .annotate(n=Count("id"))
        .order_by("level__rank")
    )


def _manageable_units(request) -> list[Unit]:
    if request.user.is_superuser:
        return list(
            Unit.objects.filter(level__rank__lte=1, valid_to__isnull=True).order_by("level__rank", "name")
        )
    profile = profile_of(request.user)
    if profile is None or profile.role != "admin":
        raise PermissionDenied("Chỉ quản trị đơn vị được quản lý người dùng.")
    residential = Unit.objects.filter(
        parent=profile.unit, level__code=Level.RESIDENTIAL, valid_to__isnull=True
    )
    return [profile.unit, *residential.order_by("name")]


@login_required
def users(request):
    units = _manageable_units(request)
    form = UserCreateForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        unit = get_object_or_404(Unit, pk=form.cleaned_data["unit"])
        require(request, "accounts.manage_users", unit)
        try:
            user = actions.do_create_user(
                acting_user=request.user,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                unit=unit,
                role=form.cleaned_data["role"],
                full_name=form.cleaned_data["full_name"],
                position=form.cleaned_data["position"],
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã tạo tài khoản %(user)s.") % {"user": user.username})
            return redirect("accounts:users")
    profiles = (
        Profile.objects.filter(unit__in=units)
        .select_related("user", "unit")
        .order_by("unit__name", "full_name")
    )
    return render(request, "accounts/users.html", {"form": form, "profiles": profiles})


@login_required
@require_POST
def user_set_active(request, user_id: int):
    User = get_user_model()
    target = get_object_or_404(User.objects.select_related("profile__unit"), pk=user_id)
    require(request, "accounts.manage_users", getattr(getattr(target, "profile", None), "unit", None))
    try:
        actions.do_set_active(target, acting_user=request.user, active=request.POST.get("active") == "1")
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã cập nhật tài khoản %(target)s.") % {"target": target.username})
    return redirect("accounts:users")


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = actions.do_issue_token(
                request.user, acting_user=request.user, name=form.cleaned_data["name"]
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            form = TokenForm()
    mine = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(request, "accounts/tokens.html", {"form": form, "tokens": mine, "new_key": new_key})


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    actions.do_revoke_token(token, acting_user=request.user)
    messages.success(request, _("Đã thu hồi mã %(token)s.") % {"token": token.name})
    return redirect("accounts:tokens")


# --- passwords ------------------------------------------------------------------------------------------


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.do_change_password(
                request.user,
                acting_user=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            update_session_auth_hash(request, user)  # stay logged in here; other sessions end
            messages.success(request, _("Đã đổi mật khẩu."))
            return redirect("accounts:dashboard")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
def password_reset_by_admin(request: HttpRequest, user_id: int) -> HttpResponse:
    target = fetch(
        request, get_user_model().objects.select_related("profile__unit"), user_id, "accounts.reset_password"
    )
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_reset_password(
                target, acting_user=request.user, new_password=form.cleaned_data["new_password"]
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã đặt mật khẩu mới cho %(user)s. Hãy trao tận tay và đề nghị người dùng đổi ngay.")
                % {"user": target.get_username()},
            )
            return redirect("accounts:users")
    return render(request, "accounts/password_reset_admin.html", {"form": form, "target": target})


def password_forgot(request: HttpRequest) -> HttpResponse:
    form = PasswordForgotForm(request.POST or None)
    sent = False
    if settings.MAIL_CONFIGURED and request.method == "POST" and form.is_valid():
        try:
            actions.do_send_password_reset(
                acting_user=PUBLIC, email=form.cleaned_data["email"], base_url=request.build_absolute_uri("/")
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            sent = True
    return render(
        request,
        "accounts/password_forgot.html",
        {"form": form, "sent": sent, "mail": settings.MAIL_CONFIGURED},
    )


def password_reset_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.http import urlsafe_base64_decode

    try:
        user_id = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, UnicodeDecodeError):
        user_id = 0
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    valid = user is not None and default_token_generator.check_token(user, token)
    form = PasswordResetForm(request.POST or None)
    if user is not None and valid and request.method == "POST" and form.is_valid():
        try:
            actions.do_set_password_with_token(
                user, acting_user=user, token=token, new_password=form.cleaned_data["new_password"]
            )
        except ActionError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã đặt mật khẩu mới. Hãy đăng nhập bằng mật khẩu mới."))
            return redirect("accounts:login")
    return render(
        request,
        "accounts/password_reset_confirm.html",
        {"form": form, "valid": valid},
        status=200 if valid else 400,
    )
