"""Cases for tests/core/test_every_action_authorises.py: accounts' actions, each refused for an outsider,
an anonymous user and no actor, changing nothing."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator

from mattran.accounts import actions
from tests.conftest import PASSWORD, SYSTEM

NEW = "Cây đa đầu làng 1975 vẫn xanh"


def _revoke(w):
    token, _key = actions.do_issue_token(w.people.ward_editor, acting_user=SYSTEM, name="Phần mềm kế toán")
    return lambda actor: actions.do_revoke_token(token, acting_user=actor)


CASES = {
    # --- accounts and tokens ---
    "do_create_user": lambda w: (
        lambda actor: actions.do_create_user(
            acting_user=actor, username="xa.moi", password=NEW, unit=w.tree.commune, role="editor"
        )
    ),
    "do_change_role": lambda w: (
        lambda actor: actions.do_change_role(w.people.ward_editor, acting_user=actor, role="admin")
    ),
    "do_set_active": lambda w: (
        lambda actor: actions.do_set_active(w.people.ward_editor, acting_user=actor, active=False)
    ),
    "do_issue_token": lambda w: (
        lambda actor: actions.do_issue_token(w.people.ward_editor, acting_user=actor, name="Phần mềm kế toán")
    ),
    "do_revoke_token": _revoke,
    # --- passwords (hardening) ---
    "do_change_password": lambda w: (
        lambda actor: actions.do_change_password(
            w.people.ward_editor, acting_user=actor, old_password=PASSWORD, new_password=NEW
        )
    ),
    "do_reset_password": lambda w: (
        lambda actor: actions.do_reset_password(w.people.ward_editor, acting_user=actor, new_password=NEW)
    ),
    "do_set_password_with_token": lambda w: (
        lambda actor: actions.do_set_password_with_token(
            w.people.ward_editor,
            acting_user=actor,
            token=default_token_generator.make_token(w.people.ward_editor),
            new_password=NEW,
        )
    ),
}

PUBLIC = {
    "do_send_password_reset": "anyone may ask for a reset link (the login page's form); the link goes only to "
    "the account's own e-mail address and the answer is the same whether or not an account has it",
}
