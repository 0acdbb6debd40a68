"""The audit log: append-only in Python and (on PostgreSQL) in the database; snapshots, changes, scoping."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction

from mattran.core import audit
from mattran.core.models import AppendOnlyError, AuditEntry
from mattran.org.actions import do_create_unit, do_move_unit, do_rename_unit, do_update_unit
from mattran.org.models import Unit, UnitKind
from mattran.org.queries import audit_in_subtree
from tests.conftest import SYSTEM

D = dt.date(2024, 3, 1)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def entry(tree) -> AuditEntry:
    do_update_unit(tree.commune, acting_user=SYSTEM, code="A-1", notes="Ghi chú")
    return AuditEntry.objects.get(action="org.update_unit", unit=tree.commune)


def stored(entry: AuditEntry) -> tuple:
    return AuditEntry.objects.filter(pk=entry.pk).values_list("action", "summary", "before", "after").get()


# --- append-only ----------------------------------------------------------------------------------------


def test_it_refuses_to_save_an_existing_entry(entry):
    original = stored(entry)
    entry.summary = "đã sửa"

    with pytest.raises(AppendOnlyError, match="chỉ được ghi thêm, không được sửa"):
        entry.save()

    assert stored(entry) == original


def test_it_refuses_to_delete_an_entry(entry):
    with pytest.raises(AppendOnlyError, match="không được xoá"):
        entry.delete()

    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_it_refuses_bulk_updates_and_deletes(entry):
    count, original = AuditEntry.objects.count(), stored(entry)

    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="đã sửa")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().update(summary="đã sửa")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()

    assert AuditEntry.objects.count() == count
    assert stored(entry) == original


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only"
)
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditentry SET summary = 'đã sửa' WHERE id = %s",
        "DELETE FROM core_auditentry WHERE id = %s",
    ],
    ids=["update", "delete"],
)
def test_it_is_append_only_in_the_database_too(entry, sql):
    original = stored(entry)

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, [entry.pk])

    assert stored(entry) == original


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only"
)
def test_it_still_accepts_new_entries_in_the_database(tree):
    before = AuditEntry.objects.count()

    audit.record("test.append", actor=None, unit=tree.commune, summary="thêm")

    assert AuditEntry.objects.count() == before + 1


# --- what an entry holds --------------------------------------------------------------------------------


def test_it_snapshots_foreign_keys_with_their_labels(tree):
    snap = audit.snapshot(Unit.objects.get(pk=tree.village.pk))

    assert (snap["parent_id"], snap["parent"]) == (tree.commune.pk, "Xã An")
    assert snap["level"] == "Thôn, tổ dân phố (Ban công tác Mặt trận)"
    assert (snap["home_id"], snap["home"]) == (tree.village.pk, "Thôn Đông")
    assert snap["valid_from"] == "2020-01-01" and snap["valid_to"] is None
    assert "search_name" not in snap
    assert audit.snapshot(tree.village, ["name"]) == {"name": "Thôn Đông"}
    assert audit.snapshot(tree.village, ["parent_id"]) == {"parent_id": tree.commune.pk, "parent": "Xã An"}


def test_it_keeps_the_label_a_unit_had_when_the_entry_was_written(tree):
    do_move_unit(tree.village, acting_user=SYSTEM, new_parent=tree.sibling, date=D)
    do_rename_unit(tree.commune, acting_user=SYSTEM, short_name="Phú Mỹ", date=D)

    moved = AuditEntry.objects.get(action="org.move_unit")

    assert moved.before["parent"] == "Xã An"
    assert moved.after["parent"] == "Xã Bình"


def test_it_records_who_what_and_which_object(tree, people):
    unit = do_create_unit(
        acting_user=people.ward_editor, parent=tree.commune, short_name="Nam", kind=UnitKind.VILLAGE
    )

    entry = AuditEntry.objects.get(action="org.create_unit", unit=unit)

    assert (entry.actor, entry.unit, entry.object_id, entry.object_repr) == (
        people.ward_editor,
        unit,
        str(unit.pk),
        "Thôn Nam",
    )
    assert entry.content_type == ContentType.objects.get_for_model(Unit)
    assert entry.at is not None


def test_it_records_no_actor_for_an_unsaved_or_missing_user_and_cuts_long_summaries(tree, django_user_model):
    entry = audit.record(
        "test.record",
        actor=django_user_model(username="chua-luu"),
        unit=tree.commune,
        summary="x" * 600,
        after={"day": D, "unit": tree.commune, "items": (1, 2)},
    )

    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor is None
    assert len(entry.summary) == 500
    assert entry.after == {"day": "2024-03-01", "unit": tree.commune.pk, "items": [1, 2]}
    assert entry.content_type is None and entry.object_id == ""


def test_it_lists_only_the_fields_that_changed_with_vietnamese_labels(tree):
    do_rename_unit(tree.commune, acting_user=SYSTEM, short_name="Phú Mỹ", date=D)
    do_update_unit(tree.sibling, acting_user=SYSTEM, code="B-2", notes="")

    renamed = AuditEntry.objects.get(action="org.rename_unit")
    updated = AuditEntry.objects.get(action="org.update_unit")

    assert renamed.changes == [("tên", "Xã An", "Xã Phú Mỹ"), ("tên ngắn", "An", "Phú Mỹ")]
    assert updated.changes == [("mã hành chính", "", "B-2")]


def test_it_shows_a_moved_parent_by_name_not_by_id(tree):
    do_move_unit(tree.village, acting_user=SYSTEM, new_parent=tree.sibling, date=D)

    changes = AuditEntry.objects.get(action="org.move_unit").changes

    assert ("đơn vị cấp trên", "Xã An", "Xã Bình") in changes
    assert not [label for label, *_ in changes if label in {"parent_id", "parent"}]


def test_it_lists_changes_of_an_entry_without_before_or_object(tree):
    entry = audit.record("test.changes", actor=None, unit=tree.commune, after={"so_luong": 3, "id": 9})

    assert entry.changes == [("so_luong", None, 3)]
    assert AuditEntry.objects.get(action="org.create_unit", unit=tree.commune).changes[0][1] is None


# --- scoping --------------------------------------------------------------------------------------------


def test_it_scopes_entries_to_a_unit_and_its_descendants(tree):
    do_update_unit(tree.commune, acting_user=SYSTEM, notes="xã")
    do_update_unit(tree.village, acting_user=SYSTEM, notes="thôn")
    do_update_unit(tree.sibling, acting_user=SYSTEM, notes="xã bên cạnh")
    do_update_unit(tree.district, acting_user=SYSTEM, notes="huyện")

    scoped = audit_in_subtree(tree.commune)

    assert set(scoped.values_list("unit_id", flat=True)) == {tree.commune.pk, tree.village.pk}
    assert set(scoped.filter(action="org.update_unit").values_list("after__notes", flat=True)) == {
        "xã",
        "thôn",
    }
    district_units = set(audit_in_subtree(tree.district).values_list("unit_id", flat=True))
    assert district_units == {tree.district.pk, tree.commune.pk, tree.sibling.pk, tree.village.pk}
    assert (
        not audit_in_subtree(tree.other_province)
        .filter(unit__in=[tree.commune, tree.village, tree.sibling])
        .exists()
    )


def test_it_keeps_entries_of_a_unit_moved_away_in_its_former_parents_log(tree):
    from django.utils import timezone

    do_update_unit(tree.village, acting_user=SYSTEM, notes="trước khi chuyển")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    do_move_unit(tree.village, acting_user=SYSTEM, new_parent=tree.sibling, date=tomorrow)

    # Written while the village was under the commune: the commune's log keeps it, the sibling's does not.
    before = AuditEntry.objects.filter(action="org.update_unit", unit=tree.village)
    assert audit_in_subtree(tree.commune).filter(pk__in=before).exists()
    assert not audit_in_subtree(tree.sibling).filter(pk__in=before).exists()


def test_it_files_entries_under_the_parent_the_unit_had_when_they_were_written(tree):
    do_move_unit(tree.village, acting_user=SYSTEM, new_parent=tree.sibling, date=D)
    do_update_unit(tree.village, acting_user=SYSTEM, notes="sau khi chuyển")

    after = AuditEntry.objects.filter(action="org.update_unit", unit=tree.village)
    assert audit_in_subtree(tree.sibling).filter(pk__in=after).exists()
    assert not audit_in_subtree(tree.commune).filter(pk__in=after).exists()
