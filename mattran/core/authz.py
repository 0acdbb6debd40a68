"""Who is acting, and the one check every action makes before it changes anything.

An actor is a user (a person with an account, possibly anonymous on the public portal) or a
``SystemActor`` named explicitly: the statement importer, the demo loader, a data migration, a
scheduled task. ``None`` is not an actor: an action called without one is refused, so a command, a
background task or a new endpoint cannot skip the check by forgetting who is acting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from django.utils.translation import gettext as _

from .errors import PermissionDenied

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@dataclass(frozen=True)
class SystemActor:
    """A named, non-human actor. It holds every permission; the audit log records its name."""

    name: str

    pk = None
    is_authenticated = False
    is_active = True
    is_superuser = False

    def has_perm(self, perm: str, obj: Any = None) -> bool:  # noqa: ARG002 — the system may do anything
        return True

    def __str__(self) -> str:
        return f"system:{self.name}"


# The system actors the code base uses; add one here rather than inventing names at call sites.
DEMO = SystemActor("demo")  # demo data loaded by `mattran load-demo`
IMPORTER = SystemActor("importer")  # official data: administrative divisions, generated scale data
SCHEDULER = SystemActor("scheduler")  # periodic work: deadline reminders, reconciling stuck tasks
PUBLIC = SystemActor("public")  # what the public portal records on a citizen's behalf (no account)

Actor: TypeAlias = "AbstractBaseUser | AnonymousUser | SystemActor"

DEFAULT_REFUSAL = "Bạn không có quyền thực hiện thao tác này."


def is_system(actor: object) -> bool:
    return isinstance(actor, SystemActor)


def authorize(actor: Actor | None, perm: str, obj: Any = None, *, message: str | None = None) -> None:
    """Refuse (PermissionDenied, status 403) unless the actor holds the named permission on the object."""
    if isinstance(actor, SystemActor):
        return
    if actor is None:
        raise PermissionDenied(_("Thao tác cần người thực hiện (tài khoản hoặc tác nhân hệ thống)."))
    if not actor.has_perm(perm, obj):  # type: ignore[union-attr]  # every user model of Django has it
        raise PermissionDenied(message or _(DEFAULT_REFUSAL))


def profile_of(user: Any):
    """The user's place (``accounts.Profile``: unit and role), or None for anonymous, inactive or unplaced
    users, so they can do nothing. Looked up through the reverse one-to-one so core imports no app."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    try:
        return user.profile
    except Exception:  # noqa: BLE001 — no profile means no unit, so no rights
        return None


def user_or_none(actor: Actor | None):
    """The account to store as the actor of a record (created_by, audit), or None for the system."""
    if actor is None or isinstance(actor, SystemActor) or not getattr(actor, "pk", None):
        return None
    return actor
