"""A value the database cannot hold, wherever it comes from, is the visitor's input: a 400 page, not a 500."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import include, path

from mattran.org.models import Unit


def store_number(request, number: str):
    """A view whose action writes a number from the request as it is (as a form without bounds would)."""
    with transaction.atomic():
        Unit.objects.filter(pk=request.GET["unit"]).update(name="Đổi tên")  # undone if the next line fails
        with connection.cursor() as cursor:
            cursor.execute("SELECT CAST(%s AS BIGINT)", [int(number)])
    return HttpResponse("ok")


urlpatterns = [path("thu-so/<str:number>/", store_number), path("", include("mattran.urls"))]

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.urls(__name__)]


def test_a_number_beyond_the_database_gets_a_400_page_and_changes_nothing(client, tree, people) -> None:
    client.force_login(people.ward_editor)
    assert client.get(f"/thu-so/7/?unit={tree.commune.pk}").content == b"ok"
    tree.commune.refresh_from_db()
    tree.commune.name = "Ủy ban MTTQ Việt Nam xã An"
    tree.commune.save(update_fields=["name"])

    response = client.get(f"/thu-so/{10**20}/?unit={tree.commune.pk}")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Một giá trị đã nhập vượt quá giới hạn cho phép" in page and "Chưa có gì được lưu" in page
    assert Unit.objects.get(pk=tree.commune.pk).name == "Ủy ban MTTQ Việt Nam xã An"

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert (
        "A value you entered is beyond the allowed limits"
        in client.get(f"/thu-so/{10**20}/?unit=1").content.decode()
    )


def test_odd_query_parameters_of_the_pages_change_nothing_and_break_nothing(client, tree, people) -> None:
    client.force_login(people.superuser)
    assert client.get(f"/hoi-nghi/don-vi/{tree.commune.pk}/", {"nam": "99999"}).status_code == 200
    assert client.get(f"/hoi-nghi/don-vi/{tree.commune.pk}/", {"nam": "-3"}).status_code == 200
    assert client.get("/quy/mo-quy/", {"don-vi": "abc"}).status_code == 404
    assert client.get("/quy/mo-quy/", {"don-vi": str(tree.commune.pk)}).status_code == 200
    # A proposal that is not a number (a tampered form) is not found, not a server error.
    assert (
        client.post(
            f"/chuong-trinh/khen-thuong/don-vi/{tree.commune.pk}/quyet-dinh/", {"proposal": "abc"}
        ).status_code
        == 404
    )
