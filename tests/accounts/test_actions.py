"""Users, roles, locking and API tokens: each change audited, each refusal leaving nothing behind."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.contrib.auth import get_user_model

from mattran.accounts.actions import (
    authenticate_token,
    do_change_role,
    do_create_user,
    do_issue_token,
    do_revoke_token,
    do_set_active,
)
from mattran.accounts.models import ApiToken, Profile, Role
from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.models import AuditEntry
from tests.conftest import SYSTEM
from tests.org.dbstate import unchanged

User = get_user_model()
STRONG = "Mat-khau-thu-2025!"


def test_it_creates_a_user_in_a_unit_with_a_role(tree, people):
    user = do_create_user(
        acting_user=people.ward_admin,
        username="  xa.moi ",
        password=STRONG,
        unit=tree.commune,
        role=Role.EDITOR,
        full_name="Nguyễn  Thị Minh  Phương",
        position="Cán bộ",
        email="moi@example.vn",
    )

    user = User.objects.get(pk=user.pk)
    assert (user.username, user.email, user.is_active, user.is_superuser) == (
        "xa.moi",
        "moi@example.vn",
        True,
        False,
    )
    assert user.check_password(STRONG)
    assert STRONG not in user.password
    profile = Profile.objects.get(user=user)
    assert (profile.unit, profile.role, profile.full_name, profile.position) == (
        tree.commune,
        Role.EDITOR,
        "Nguyễn Thị Minh Phương",
        "Cán bộ",
    )
    entry = AuditEntry.objects.get(action="accounts.create_user", object_id=str(user.pk))
    assert (entry.actor, entry.unit, entry.object_repr) == (people.ward_admin, tree.commune, "xa.moi")
    assert entry.after == {
        "username": "xa.moi",
        "unit_id": tree.commune.pk,
        "unit": "Xã An",
        "role": "Cán bộ nhập liệu",
        "full_name": "Nguyễn  Thị Minh  Phương",
    }
    assert STRONG not in json.dumps(entry.after, ensure_ascii=False)


@pytest.mark.parametrize(
    ("username", "role", "password", "field"),
    [
        ("XA.CANBO", Role.EDITOR, STRONG, "username"),  # taken by the ward editor persona, in another case
        ("  ", Role.EDITOR, STRONG, "username"),
        ("xa.moi", "chairman", STRONG, "role"),
        ("xa.moi", Role.EDITOR, "123", "password"),
        ("xa.moi", Role.EDITOR, "password", "password"),
        ("xa.moi", Role.EDITOR, "12345678901", "password"),
    ],
)
def test_it_refuses_a_bad_new_user(tree, people, username, role, password, field):
    with unchanged(), pytest.raises(ActionError) as exc:
        do_create_user(
            acting_user=people.ward_admin, username=username, password=password, unit=tree.commune, role=role
        )

    assert exc.value.field == field
    assert exc.value.message


def test_it_explains_a_refused_user_in_vietnamese(tree, people):
    with pytest.raises(ActionError) as duplicate:
        do_create_user(
            acting_user=SYSTEM, username="xa.canbo", password=STRONG, unit=tree.commune, role="editor"
        )
    with pytest.raises(ActionError) as role:
        do_create_user(
            acting_user=SYSTEM, username="xa.moi", password=STRONG, unit=tree.commune, role="chairman"
        )
    with pytest.raises(ActionError) as weak:
        do_create_user(
            acting_user=SYSTEM, username="xa.moi", password="123", unit=tree.commune, role="editor"
        )

    assert (duplicate.value.code, duplicate.value.message) == (
        "duplicate_username",
        "Tên đăng nhập xa.canbo đã có người dùng.",
    )
    assert role.value.message == "Vai trò không hợp lệ."
    assert "Mật khẩu" in weak.value.message


def test_it_accepts_a_weak_password_when_told_not_to_check(tree):
    user = do_create_user(
        acting_user=SYSTEM,
        username="demo",
        password="123",
        unit=tree.commune,
        role="leader",
        check_password=False,
    )

    assert User.objects.get(pk=user.pk).check_password("123")


def test_it_refuses_a_password_that_is_the_username(tree):
    with unchanged(), pytest.raises(ActionError):
        do_create_user(
            acting_user=SYSTEM,
            username="nguyenvanthanh",
            password="nguyenvanthanh",
            unit=tree.commune,
            role="editor",
        )


def test_it_changes_a_users_role_and_unit(tree, people):
    # Moving an account to another unit needs the right to manage both units' accounts: a superuser here.
    with unchanged(), pytest.raises(PermissionDenied):
        do_change_role(people.ward_editor, acting_user=people.ward_admin, role=Role.ADMIN, unit=tree.sibling)
    do_change_role(people.ward_editor, acting_user=people.superuser, role=Role.ADMIN, unit=tree.sibling)

    profile = Profile.objects.get(user=people.ward_editor)
    assert (profile.role, profile.unit) == (Role.ADMIN, tree.sibling)
    entry = AuditEntry.objects.get(action="accounts.change_role")
    assert (entry.actor, entry.unit) == (people.superuser, tree.sibling)
    assert entry.before == {"role": "Cán bộ nhập liệu", "unit_id": tree.commune.pk, "unit": "Xã An"}
    assert entry.after == {"role": "Quản trị đơn vị", "unit_id": tree.sibling.pk, "unit": "Xã Bình"}


def test_it_changes_only_the_role_when_no_unit_is_given(tree, people):
    do_change_role(people.ward_leader, acting_user=people.ward_admin, role=Role.EDITOR)

    assert Profile.objects.filter(user=people.ward_leader, role=Role.EDITOR, unit=tree.commune).exists()


def test_it_refuses_an_unknown_role(people):
    with unchanged(), pytest.raises(ActionError, match="Vai trò không hợp lệ."):
        do_change_role(people.ward_editor, acting_user=people.ward_admin, role="superuser")


def test_it_locks_and_unlocks_a_user(tree, people):
    do_set_active(people.ward_editor, acting_user=people.ward_admin, active=False)

    assert not User.objects.get(pk=people.ward_editor.pk).is_active
    locked = AuditEntry.objects.get(action="accounts.set_active")
    assert (locked.before, locked.after, locked.unit, locked.actor) == (
        {"is_active": True},
        {"is_active": False},
        tree.commune,
        people.ward_admin,
    )

    do_set_active(people.ward_editor, acting_user=people.ward_admin, active=True)

    assert User.objects.get(pk=people.ward_editor.pk).is_active
    assert AuditEntry.objects.filter(action="accounts.set_active").count() == 2


def test_it_refuses_to_let_a_user_lock_themselves(people):
    with unchanged(), pytest.raises(ActionError) as exc:
        do_set_active(people.ward_admin, acting_user=people.ward_admin, active=False)

    assert (exc.value.code, exc.value.status) == ("self_lock", 409)
    assert exc.value.message == "Không thể tự khoá tài khoản của mình."
    assert User.objects.get(pk=people.ward_admin.pk).is_active


# --- API tokens -----------------------------------------------------------------------------------------


def test_it_issues_a_token_whose_key_is_shown_once_and_stored_only_as_a_hash(tree, people):
    token, key = do_issue_token(people.ward_editor, acting_user=people.ward_editor, name=" Bảng tính  tuần ")

    stored = ApiToken.objects.get(pk=token.pk)
    assert key.startswith("mt_") and len(key) > 40
    assert (stored.user, stored.name, stored.revoked_at, stored.last_used_at) == (
        people.ward_editor,
        "Bảng tính tuần",
        None,
        None,
    )
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert stored.prefix == key[3:9]
    row = list(ApiToken.objects.filter(pk=token.pk).values()[0].values())
    assert key not in json.dumps(row, default=str)
    entry = AuditEntry.objects.get(action="accounts.issue_token")
    assert (entry.actor, entry.unit, entry.after) == (
        people.ward_editor,
        tree.commune,
        {"name": "Bảng tính tuần"},
    )
    assert key not in json.dumps([entry.before, entry.after, entry.summary, entry.object_repr])
    _, other_key = do_issue_token(people.ward_editor, acting_user=people.ward_editor, name="Khác")
    assert other_key != key


def test_it_refuses_a_token_without_a_name(people):
    with unchanged(), pytest.raises(ActionError, match="Đặt tên cho mã truy cập"):
        do_issue_token(people.ward_editor, acting_user=people.ward_editor, name="  ")


def test_it_authenticates_a_valid_token_and_records_its_use(people):
    token, key = do_issue_token(people.ward_editor, acting_user=people.ward_editor, name="Script")

    assert authenticate_token(key) == people.ward_editor
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


@pytest.mark.parametrize("key", ["", "mt_", "mt_not-a-key", "Bearer mt_x", "abc"])
def test_it_refuses_an_unknown_key(people, key):
    do_issue_token(people.ward_editor, acting_user=people.ward_editor, name="Script")

    assert authenticate_token(key) is None


def test_it_refuses_a_revoked_token(people):
    token, key = do_issue_token(people.ward_editor, acting_user=people.ward_editor, name="Script")
    # Another cadre of the unit may not revoke it, nor issue one in the owner's name; its administrator may.
    with unchanged(), pytest.raises(PermissionDenied):
        do_revoke_token(token, acting_user=people.ward_leader)
    with unchanged(), pytest.raises(PermissionDenied):
        do_issue_token(people.ward_editor, acting_user=people.ward_admin, name="Script")

    do_revoke_token(token, acting_user=people.ward_admin)

    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert authenticate_token(key) is None
    entry = AuditEntry.objects.get(action="accounts.revoke_token")
    assert (entry.actor, entry.after) == (people.ward_admin, {"revoked": True})
    # Revoking again changes nothing and writes nothing.
    with unchanged():
        do_revoke_token(token, acting_user=people.ward_admin)


def test_it_refuses_the_token_of_a_locked_user(people):
    token, key = do_issue_token(people.ward_editor, acting_user=people.ward_editor, name="Script")
    do_set_active(people.ward_editor, acting_user=people.ward_admin, active=False)

    assert authenticate_token(key) is None
    assert ApiToken.objects.get(pk=token.pk).last_used_at is None
