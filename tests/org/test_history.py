"""History as a first-class use (issue 19, item 1), on the demo's real merges of 1 July 2025: phường Ngọc Lâm
(legacy, quận Long Biên, Hà Nội of 2020) → phường Bồ Đề; the Hà Nội and Hải Phòng of 2023 → the cities of 2025.

The successor's staff record, correct and report for the units it took over, for the days they existed;
records outside a unit's life are refused with one message; roll-ups of a past period use the hierarchy of
that day; clusters follow successions; a unit of another province stays refused.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mattran.core.errors import ActionError, PermissionDenied
from mattran.funds import actions as funds_actions
from mattran.funds.models import Fund, Receipt
from mattran.meetings import actions as meetings_actions
from mattran.meetings.models import Meeting, MeetingKind
from mattran.org import demo as org_demo
from mattran.org.history import carrier_ids, predecessor_ids, require_open_on
from mattran.org.models import EmulationCluster, Level, Structure
from mattran.reports import actions as reports_actions
from mattran.reports import documents
from mattran.reports import queries as rq
from mattran.reports.catalogue import ensure_catalogue
from mattran.reports.models import Indicator, ReportForm
from mattran.reports.periods import Period
from mattran.reports.registry import residential_areas
from tests.conftest import make_user

pytestmark = pytest.mark.divisions


@pytest.fixture
def merges(real_units):
    """The demo's units (its 14 residential groups of phường Ngọc Lâm, moved to Bồ Đề) and its accounts."""
    org_demo.load()

    class M:
        ngoc_lam = real_units(Structure.LEGACY, Level.COMMUNE, "00133")
        bo_de = real_units(Structure.Y2025, Level.COMMUNE, "00118")
        hanoi = real_units(Structure.Y2025, Level.PROVINCE, "01")
        hanoi_old = real_units(Structure.LEGACY, Level.PROVINCE, "01")
        haiphong = real_units(Structure.Y2025, Level.PROVINCE, "31")
        haiphong_old = real_units(Structure.LEGACY, Level.PROVINCE, "31")
        le_chan = real_units(Structure.LEGACY, Level.DISTRICT, "305")
        bo_de_editor = make_user("bode.canbo", bo_de, "editor")
        bo_de_leader = make_user("bode.lanhdao", bo_de, "leader")
        hanoi_editor = make_user("hanoi.canbo", hanoi, "editor")
        haiphong_editor = make_user("haiphong.canbo", haiphong, "editor")

    return M


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(8, 0)))


def test_the_successor_carries_the_former_unit_and_its_predecessors_are_found(merges):
    assert merges.bo_de.pk in carrier_ids(merges.ngoc_lam)
    assert carrier_ids(merges.bo_de) == {merges.bo_de.pk}
    assert merges.ngoc_lam.pk in predecessor_ids(merges.bo_de)
    assert merges.hanoi_old.pk in predecessor_ids(merges.hanoi)


def test_the_successors_staff_record_a_meeting_of_the_former_ward_on_a_day_it_existed(merges):
    meeting = meetings_actions.do_create_meeting(
        acting_user=merges.bo_de_editor,
        unit=merges.ngoc_lam,
        kind=MeetingKind.MID_YEAR_REVIEW,
        title="Hội nghị sơ kết 6 tháng đầu năm 2020",
        starts_at=_at(dt.date(2020, 7, 8)),
    )
    assert meeting.unit == merges.ngoc_lam

    with pytest.raises(ActionError) as exc:
        meetings_actions.do_create_meeting(
            acting_user=merges.bo_de_editor,
            unit=merges.ngoc_lam,
            kind=MeetingKind.COMMITTEE,
            title="Hội nghị sau sáp nhập",
            starts_at=_at(dt.date(2025, 8, 1)),
        )
    assert exc.value.field == "starts_at"
    assert str(exc.value.message) == (
        "Phường Ngọc Lâm chỉ hoạt động đến 30/06/2025; ngày 01/08/2025 nằm ngoài thời gian đó."
    )
    # A leader reads only; another province's staff never record for it.
    for user in (merges.bo_de_leader, merges.haiphong_editor):
        with pytest.raises(PermissionDenied):
            meetings_actions.do_create_meeting(
                acting_user=user,
                unit=merges.ngoc_lam,
                kind=MeetingKind.COMMITTEE,
                title="Hội nghị",
                starts_at=_at(dt.date(2020, 3, 1)),
            )
    assert Meeting.objects.filter(unit=merges.ngoc_lam).count() == 1


def test_funds_take_a_former_units_receipts_dated_in_its_life_and_refuse_others(merges):
    fund = funds_actions.do_create_fund(
        acting_user=merges.bo_de_editor, unit=merges.ngoc_lam, kind="poor", name="Quỹ Vì người nghèo"
    )
    receipt = funds_actions.do_record_receipt(
        acting_user=merges.bo_de_editor,
        fund=fund,
        method="cash",
        donor_kind="person",
        donor_name="Nguyễn Văn Hải",
        amount=2_000_000,
        received_on=dt.date(2020, 5, 4),
    )
    assert receipt.unit == merges.ngoc_lam
    with pytest.raises(ActionError) as exc:
        funds_actions.do_record_receipt(
            acting_user=merges.bo_de_editor, fund=fund, method="cash", donor_kind="anonymous",
            amount=1_000_000, received_on=dt.date(2026, 1, 5),
        )  # fmt: skip
    assert exc.value.field == "received_on"
    # A receipt of 2020 on the ward that exists from 1 July 2025 is refused.
    ward_fund = funds_actions.do_create_fund(
        acting_user=merges.bo_de_editor, unit=merges.bo_de, kind="poor", name="Quỹ Vì người nghèo"
    )
    with pytest.raises(ActionError) as exc:
        funds_actions.do_record_receipt(
            acting_user=merges.bo_de_editor, fund=ward_fund, method="cash", donor_kind="anonymous",
            amount=1_000_000, received_on=dt.date(2020, 5, 4),
        )  # fmt: skip
    assert "Phường Bồ Đề chỉ hoạt động từ 01/07/2025" in str(exc.value.message)
    assert Receipt.objects.filter(fund__in=[fund, ward_fund]).count() == 1
    assert Fund.objects.get(pk=fund.pk).balance == 2_000_000
    # The funds pages check the permission (the funds actions do not authorise yet): the successor's staff
    # post to the former ward's fund, a unit of another province does not.
    assert merges.bo_de_editor.has_perm("funds.post_entry", fund)
    assert not merges.haiphong_editor.has_perm("funds.post_entry", fund)
    assert not merges.bo_de_leader.has_perm("funds.post_entry", fund)


def test_the_validation_helper_names_the_unit_and_its_life(merges):
    require_open_on(merges.ngoc_lam, dt.date(2025, 6, 30))
    with pytest.raises(ActionError) as exc:
        require_open_on(merges.bo_de, dt.date(2025, 6, 30), field="date")
    assert str(exc.value.message) == (
        "Phường Bồ Đề chỉ hoạt động từ 01/07/2025; ngày 30/06/2025 nằm ngoài thời gian đó."
    )
    assert exc.value.code == "unit_closed"


def test_a_past_period_rolls_up_through_the_hierarchy_of_its_day(merges):
    ensure_catalogue()
    form = ReportForm.objects.get(code="BM-THANG")
    gs = Indicator.objects.get(code="GS-CUOC")
    june = Period("M", dt.date(2020, 6, 1))
    sub = reports_actions.do_open_submission(
        acting_user=merges.bo_de_editor, form=form, unit=merges.ngoc_lam, period=june
    )
    reports_actions.do_save_values(sub, acting_user=merges.bo_de_editor, cells={("GS-CUOC", ""): 7}, notes={})
    long_bien = merges.ngoc_lam.parent
    col = rq.Column.of(Period("Y", dt.date(2020, 1, 1)))
    groups = [merges.ngoc_lam.pk, long_bien.pk, merges.hanoi_old.pk, merges.bo_de.pk, merges.hanoi.pk]
    as_of = rq.rollup([gs], groups, [col])
    # Its own in 2020, in its district and city of 2020; and once in each successor of today's tree.
    assert [as_of.get(g, gs.pk, col.key) for g in groups] == [7, 7, 7, 7, 7]
    # A unit that existed in 2020 but took the ward over only later does not count it for 2020.
    assert (
        rq.rollup([gs], [merges.haiphong_old.pk], [col]).get(merges.haiphong_old.pk, gs.pk, col.key) is None
    )
    # The district of 2020 breaks down into its communes of 2020.
    kids = list(rq.children_for(long_bien, col.pieces[0].start, col.pieces[0].end))
    assert merges.ngoc_lam in kids and len(kids) > 10
    figures = documents.figures(long_bien, Period("Y", dt.date(2020, 1, 1)), None)
    assert "Phường Ngọc Lâm" in [name for name, _values in figures.children]
    # For a month after the merge the ward can no longer report.
    with pytest.raises(ActionError):
        reports_actions.do_open_submission(
            acting_user=merges.bo_de_editor,
            form=form,
            unit=merges.ngoc_lam,
            period=Period("M", dt.date(2025, 8, 1)),
        )


def test_counts_of_a_past_day_use_the_tree_of_that_day(merges):
    in_2020 = Period("M", dt.date(2020, 6, 1))
    assert residential_areas(merges.ngoc_lam, in_2020) == 14
    assert residential_areas(merges.bo_de, in_2020) == 0
    now = Period("M", dt.date(2025, 8, 1))
    assert residential_areas(merges.bo_de, now) == 14
    assert residential_areas(merges.ngoc_lam, now) == 0


def test_the_cities_of_2025_act_for_their_predecessors_in_the_cluster(merges):
    c2023 = EmulationCluster.objects.get(year=2023)
    assert merges.hanoi_editor.has_perm("programs.view_cluster", c2023)
    assert merges.hanoi_editor.has_perm("programs.cast_ballot", c2023)
    assert merges.hanoi_editor.has_perm("programs.act_for_unit", merges.hanoi_old)
    # Hải Phòng led the 2023 cluster: its successor's editors lead it.
    assert merges.haiphong_editor.has_perm("programs.lead_cluster", c2023)
    assert not merges.hanoi_editor.has_perm("programs.lead_cluster", c2023)
    # Acting for another city's predecessor stays refused.
    assert not merges.hanoi_editor.has_perm("programs.act_for_unit", merges.haiphong_old)
    assert not merges.bo_de_editor.has_perm("programs.view_cluster", c2023)


def test_the_former_units_page_offers_the_successors_staff_its_work(client, merges):
    client.force_login(merges.bo_de_editor)
    page = client.get(f"/don-vi/{merges.ngoc_lam.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ghi hội nghị" in html and f"/hoi-nghi/don-vi/{merges.ngoc_lam.pk}/ghi/" in html
    assert "Mở quỹ" in html and "Báo cáo 6 tháng đầu năm 2025" in html
    # The tree of a day: 14 residential groups under phường Ngọc Lâm on 1 June 2020, none under Bồ Đề.
    assert client.get(f"/don-vi/{merges.ngoc_lam.pk}/?ngay=2020-06-01").context["page"].paginator.count == 14
    assert client.get(f"/don-vi/{merges.bo_de.pk}/?ngay=2020-06-01").context["page"].paginator.count == 0
    assert client.get(f"/hoi-nghi/don-vi/{merges.ngoc_lam.pk}/").context["can_record"]
    # A leader reads the page but is offered no recording; another province's staff get 403.
    client.force_login(merges.bo_de_leader)
    assert "Ghi hội nghị" not in client.get(f"/don-vi/{merges.ngoc_lam.pk}/").content.decode()
    client.force_login(merges.haiphong_editor)
    assert client.get(f"/don-vi/{merges.ngoc_lam.pk}/").status_code == 403
    assert client.get(f"/hoi-nghi/don-vi/{merges.ngoc_lam.pk}/ghi/").status_code == 403


def test_the_successors_calendar_and_award_history_include_its_predecessors_labelled(client, merges):
    from mattran.core.authz import SystemActor
    from mattran.org.divisions import ensure_central
    from mattran.programs import actions as programs_actions
    from mattran.programs.catalogue import ensure_catalogue as ensure_awards
    from mattran.programs.models import AwardKind

    meetings_actions.do_create_meeting(
        acting_user=merges.bo_de_editor, unit=merges.ngoc_lam, kind=MeetingKind.YEAR_END_REVIEW,
        title="Hội nghị tổng kết năm 2020", starts_at=_at(dt.date(2020, 12, 20)),
    )  # fmt: skip
    ensure_awards()
    central = ensure_central()
    programs_actions.do_propose_award(
        acting_user=SystemActor("tests"), proposed_by=central, year=2023,
        award_kind=AwardKind.objects.get(code="co-thi-dua"), awarding_body="Ủy ban Trung ương MTTQ Việt Nam",
        unit=merges.hanoi_old,
    )  # fmt: skip
    client.force_login(merges.bo_de_editor)
    calendar = client.get(f"/hoi-nghi/don-vi/{merges.bo_de.pk}/").content.decode()
    assert "Hội nghị tổng kết năm 2020" in calendar
    assert "đơn vị tiền thân: Phường Ngọc Lâm" in calendar
    client.force_login(merges.hanoi_editor)
    awards = client.get(f"/chuong-trinh/khen-thuong/don-vi/{merges.hanoi.pk}/")
    assert awards.status_code == 200
    html = awards.content.decode()
    assert "Cờ thi đua" in html and "2023" in html
    assert "đơn vị tiền thân: Thành phố Hà Nội" in html


def test_the_new_hanoi_casts_the_ballot_of_the_hanoi_of_2023_and_haiphong_opens_the_vote(client, merges):
    from mattran.programs import actions as programs_actions
    from mattran.programs.catalogue import ensure_catalogue as ensure_awards
    from mattran.programs.models import AwardKind, Ballot

    ensure_awards()
    c2023 = EmulationCluster.objects.get(year=2023)
    # The cluster's leader of 2023 (the Hải Phòng of 2023) is acted for by the new Hải Phòng's editors.
    vote = programs_actions.do_open_peer_vote(
        c2023, acting_user=merges.haiphong_editor, award_kind=AwardKind.objects.get(code="co-thi-dua"),
        places=1, candidates=[merges.hanoi_old, merges.haiphong_old],
        closes_at=timezone.now() + dt.timedelta(days=3), awarding_body="Ủy ban Trung ương MTTQ Việt Nam",
    )  # fmt: skip
    client.force_login(merges.hanoi_editor)
    assert client.get(f"/chuong-trinh/binh-xet/{vote.pk}/").status_code == 200
    response = client.post(f"/chuong-trinh/binh-xet/{vote.pk}/bo-phieu/", {"choices": [merges.hanoi_old.pk]})
    assert response.status_code == 302
    assert Ballot.objects.get(vote=vote).unit == merges.hanoi_old
    # Bồ Đề is in no cluster: refused.
    client.force_login(merges.bo_de_editor)
    assert client.get(f"/chuong-trinh/binh-xet/{vote.pk}/").status_code == 403
