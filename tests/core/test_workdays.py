"""Working days: weekends, Vietnam's public holidays with Tết, and the administrator's corrections."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.core import actions, workdays
from mattran.core.errors import ActionError, PermissionDenied
from mattran.core.models import AuditEntry, DayOverride

D = dt.date


@pytest.mark.django_db
def test_it_skips_a_weekend() -> None:
    friday = D(2025, 3, 7)
    assert workdays.add_working_days(friday, 1) == D(2025, 3, 10)  # Monday
    assert workdays.add_working_days(friday, 5) == D(2025, 3, 14)
    assert not workdays.is_working_day(D(2025, 3, 8))
    assert workdays.working_days_between(friday, D(2025, 3, 14)) == 5


@pytest.mark.django_db
def test_it_counts_across_tet_2025_and_its_weekends() -> None:
    # Tết Ất Tỵ: Monday 27/1 to Saturday 1/2/2025 are public holidays; work resumes Monday 3/2.
    received = D(2025, 1, 24)  # Friday before Tết
    assert [workdays.is_working_day(D(2025, 1, d)) for d in range(27, 32)] == [False] * 5
    assert workdays.add_working_days(received, 1) == D(2025, 2, 3)
    assert workdays.add_working_days(received, 7) == D(2025, 2, 11)
    assert workdays.working_days_between(received, D(2025, 2, 11)) == 7
    assert workdays.working_days_between(D(2025, 2, 11), received) == -7
    assert workdays.add_working_days(D(2025, 2, 3), -1) == D(2025, 1, 24)


@pytest.mark.django_db
def test_it_knows_the_saturday_worked_in_exchange() -> None:
    assert workdays.is_working_day(D(2025, 4, 26))  # worked for the 2/5/2025 bridge day
    assert not workdays.is_working_day(D(2025, 5, 2))


@pytest.mark.django_db
def test_it_follows_the_administrators_corrections_and_audits_them(people) -> None:
    monday = D(2027, 3, 1)
    assert workdays.add_working_days(D(2027, 2, 26), 1) == monday
    override = actions.do_set_day_override(
        acting_user=people.superuser, date=monday, kind="off", reason="Thông báo nghỉ bù (thử)"
    )
    assert not workdays.is_working_day(monday)
    assert workdays.add_working_days(D(2027, 2, 26), 1) == D(2027, 3, 2)
    actions.do_set_day_override(
        acting_user=people.superuser, date=D(2027, 2, 27), kind="work", reason="Làm bù thứ Bảy"
    )
    assert workdays.add_working_days(D(2027, 2, 26), 1) == D(2027, 2, 27)
    assert AuditEntry.objects.filter(action="core.set_day_override").count() == 2
    actions.do_remove_day_override(override, acting_user=people.superuser)
    assert workdays.is_working_day(monday)
    assert AuditEntry.objects.filter(action="core.remove_day_override").count() == 1


@pytest.mark.django_db
def test_it_refuses_a_correction_without_its_basis_or_by_a_unit_admin(people) -> None:
    with pytest.raises(ActionError) as err:
        actions.do_set_day_override(acting_user=people.superuser, date=D(2027, 3, 1), kind="off", reason=" ")
    assert "căn cứ" in err.value.message
    with pytest.raises(PermissionDenied):
        actions.do_set_day_override(
            acting_user=people.province_admin, date=D(2027, 3, 1), kind="off", reason="x"
        )
    assert not DayOverride.objects.exists()


@pytest.mark.django_db
def test_the_calendar_page_is_the_superusers(client, people) -> None:
    client.force_login(people.superuser)
    response = client.post(
        "/lich-lam-viec/", {"date": "2027-03-01", "kind": "off", "reason": "Nghỉ bù Tết (thử)"}
    )
    assert response.status_code == 302
    assert DayOverride.objects.get().reason == "Nghỉ bù Tết (thử)"
    client.force_login(people.province_admin)
    assert client.get("/lich-lam-viec/").status_code == 403
