"""Persons with dated posts, committee terms (nhiệm kỳ / khóa) and memberships (ủy viên).

Date intervals follow the organisation app's convention: ``start`` is the first day, ``end`` is the first
day no longer held (exclusive), empty while it still holds. So a member relieved at a meeting on 7/1/2021
has ``end = 2021-01-07`` and the member added at that meeting starts the same day, and "the committee as
of 7/1/2021" already shows the new member.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mattran.core.text import fold


class Gender(models.TextChoices):
    MALE = "nam", _("Nam")
    FEMALE = "nu", _("Nữ")


class PersonQuerySet(models.QuerySet):
    def search(self, query: str) -> PersonQuerySet:
        """Match every word of the query, with or without diacritics."""
        qs = self
        for word in fold(query).split():
            qs = qs.filter(search_name__contains=word)
        return qs


class Person(models.Model):
    """A person who sits on a committee or attends meetings; posts change over time (see PersonPost)."""

    full_name = models.CharField(_("họ và tên"), max_length=150, help_text=_("Họ trước, tên sau"))
    gender = models.CharField(_("giới tính"), max_length=5, choices=Gender.choices, blank=True, default="")
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=60, blank=True, default="")
    religion = models.CharField(_("tôn giáo"), max_length=60, blank=True, default="")
    occupation = models.CharField(_("nghề nghiệp"), max_length=200, blank=True, default="")
    contact = models.CharField(
        _("liên hệ"), max_length=300, blank=True, default="", help_text=_("Không bao giờ hiển thị công khai")
    )
    notes = models.TextField(_("ghi chú"), blank=True, default="")
    # The unit that keeps this record: it decides who may edit it and see the private contact.
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị quản lý"), on_delete=models.PROTECT, related_name="persons"
    )
    search_name = models.CharField(max_length=300, editable=False, default="", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["search_name", "pk"]
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = fold(self.full_name)
        super().save(*args, **kwargs)

    def title_on(self, day: dt.date) -> str:
        """The posts the person held on a day, joined as the articles print them."""
        posts = [p for p in self.posts.all() if p.holds_on(day)]
        posts.sort(key=lambda p: (p.order, p.pk))
        return ", ".join(p.title for p in posts)


class PersonPost(models.Model):
    """A post or title a person held over a period (chức vụ), e.g. "Bí thư Thành ủy"."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(_("chức vụ"), max_length=300)
    organisation = models.CharField(_("cơ quan"), max_length=250, blank=True, default="")
    start = models.DateField(_("từ ngày"), null=True, blank=True)
    end = models.DateField(_("đến ngày (không tính)"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự khi liệt kê"), default=0)

    class Meta:
        ordering = ["person_id", "order", "start", "pk"]
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gt=models.F("start")),
                name="person_post_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


class Term(models.Model):
    """A committee term of one unit: "khóa XVI", "nhiệm kỳ 2019–2024"."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="terms"
    )
    label = models.CharField(_("tên khóa / nhiệm kỳ"), max_length=100, help_text=_("Ví dụ: khóa XVI"))
    period_label = models.CharField(
        _("nhiệm kỳ"), max_length=100, blank=True, default="", help_text=_("Ví dụ: nhiệm kỳ 2019–2024")
    )
    start = models.DateField(_("bắt đầu"))
    end = models.DateField(_("kết thúc (không tính)"), null=True, blank=True)
    congress = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("đại hội mở nhiệm kỳ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opened_terms",
    )
    notes = models.TextField(_("ghi chú"), blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit_id", "-start"]
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        constraints = [
            models.UniqueConstraint(fields=["unit", "label"], name="term_unique_label_per_unit"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=models.F("start")), name="term_valid_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.unit})"

    @property
    def display(self) -> str:
        return f"{self.label}, {self.period_label}" if self.period_label else self.label

    def contains(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


class Position(models.TextChoices):
    CHAIR = "chu_tich", _("Chủ tịch")
    STANDING_VICE_CHAIR = "pct_thuong_truc", _("Phó Chủ tịch Thường trực")
    VICE_CHAIR_FULL_TIME = "pct_chuyen_trach", _("Phó Chủ tịch chuyên trách")
    VICE_CHAIR_PART_TIME = "pct_khong_chuyen_trach", _("Phó Chủ tịch không chuyên trách")
    STANDING_MEMBER = "uv_ban_thuong_truc", _("Ủy viên Ban Thường trực")
    MEMBER = "uv_uy_ban", _("Ủy viên Ủy ban")


POSITION_RANK = {value: i for i, value in enumerate(Position.values)}


class Represents(models.TextChoices):
    MEMBER_ORG = "to_chuc_thanh_vien", _("Tổ chức thành viên")
    FRONT_CADRE = "can_bo_mat_tran", _("Cán bộ Mặt trận")
    RELIGION = "ton_giao", _("Tôn giáo")
    ETHNIC_GROUP = "dan_toc", _("Dân tộc")
    INTELLECTUALS = "tri_thuc", _("Trí thức")
    BUSINESS = "doanh_nghiep", _("Doanh nghiệp, doanh nhân")
    OVERSEAS = "kieu_bao", _("Người Việt Nam ở nước ngoài")
    RESIDENTIAL = "khu_dan_cu", _("Khu dân cư")
    NOTABLE = "ca_nhan_tieu_bieu", _("Cá nhân tiêu biểu")
    OTHER = "khac", _("Khác")


class EndReason(models.TextChoices):
    RELIEVED = "cho_thoi", _("Cho thôi")
    TRANSFERRED = "chuyen_cong_tac", _("Chuyển công tác")
    RETIRED = "nghi_huu", _("Nghỉ hưu")
    DECEASED = "tu_tran", _("Từ trần")
    REPLACED = "thay_the", _("Được thay thế")
    POSITION_CHANGED = "doi_chuc_vu", _("Chuyển chức vụ khác")
    TERM_ENDED = "het_nhiem_ky", _("Hết nhiệm kỳ")
    OTHER = "khac", _("Lý do khác")


class MembershipQuerySet(models.QuerySet):
    def on(self, day: dt.date) -> MembershipQuerySet:
        """Memberships held on a day."""
        return self.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gt=day))

    def by_rank(self) -> MembershipQuerySet:
        """Vietnamese committee order: by position, then by the member's name.

        (Not ``ordered``: that name is QuerySet's property saying whether an order is set, which
        ``first()`` and ``last()`` read.)
        """
        rank = models.Case(
            *[models.When(position=value, then=models.Value(i)) for value, i in POSITION_RANK.items()],
            output_field=models.IntegerField(),
        )
        return self.annotate(position_rank=rank).order_by("position_rank", "order", "person__search_name")


class Membership(models.Model):
    """A person on a unit's committee for one term, in one position, over a period."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships"
    )
    term = models.ForeignKey(
        Term, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="memberships"
    )
    position = models.CharField(
        _("chức danh"), max_length=30, choices=Position.choices, default=Position.MEMBER
    )
    represents = models.CharField(
        _("đại diện cho"), max_length=30, choices=Represents.choices, blank=True, default=""
    )
    member_org = models.ForeignKey(
        "org.MemberOrganization",
        verbose_name=_("tổ chức thành viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committee_memberships",
    )
    represents_detail = models.CharField(
        _("đại diện (chi tiết)"),
        max_length=250,
        blank=True,
        default="",
        help_text=_("Ví dụ: Phật giáo, dân tộc Hoa, tổ dân phố số 5"),
    )
    title_at_start = models.CharField(_("chức vụ khi tham gia"), max_length=300, blank=True, default="")
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("thôi từ ngày"), null=True, blank=True)
    end_reason = models.CharField(
        _("lý do thôi"), max_length=20, choices=EndReason.choices, blank=True, default=""
    )
    started_by_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("hội nghị cử / hiệp thương"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="started_memberships",
    )
    start_decision = models.CharField(_("quyết định cử"), max_length=250, blank=True, default="")
    ended_by_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("hội nghị cho thôi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ended_memberships",
    )
    end_decision = models.CharField(_("quyết định cho thôi"), max_length=250, blank=True, default="")
    order = models.PositiveSmallIntegerField(_("thứ tự trong danh sách"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("ủy viên")
        verbose_name_plural = _("ủy viên")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "term", "position"],
                condition=Q(end__isnull=True),
                name="membership_one_open_per_person_term_position",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="membership_valid_range"
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "start", "end"]),
            models.Index(fields=["term", "end"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_position_display()} · {self.term.label}"

    def holds_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    @property
    def represents_label(self) -> str:
        parts = []
        if self.member_org_id:
            parts.append(str(self.member_org))
        elif self.represents:
            parts.append(self.get_represents_display())
        if self.represents_detail:
            parts.append(self.represents_detail)
        return " — ".join(parts)
