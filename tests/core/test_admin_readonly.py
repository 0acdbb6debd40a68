"""The admin cannot bypass the audit log: every model of mattran's apps registered in the admin is
read-only there (its changes go through the actions, which authorise and audit)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from mattran.core.models import AuditEntry


def registered_domain_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model.__module__.startswith("mattran.")
    ]


def test_it_registers_domain_models_in_the_admin() -> None:
    assert len(registered_domain_admins()) > 5  # a broken lookup would pass on nothing


@pytest.mark.parametrize(
    "model, model_admin", registered_domain_admins(), ids=lambda x: getattr(x, "__name__", "")
)
def test_it_lets_no_superuser_add_change_or_delete_in_the_admin(
    model, model_admin, django_user_model, db
) -> None:
    root = django_user_model.objects.create_superuser("root-admin", password="x-x-x-x-x-1")
    request = RequestFactory().get("/admin/")
    request.user = root
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_view_permission(request)


def test_it_refuses_a_post_to_an_admin_change_page(client, django_user_model, db) -> None:
    root = django_user_model.objects.create_superuser("root-admin", password="x-x-x-x-x-1")
    client.force_login(root)
    model, _admin = registered_domain_admins()[0]
    before = AuditEntry.objects.count()
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/add/"
    assert client.post(url, {}).status_code == 403
    assert AuditEntry.objects.count() == before
