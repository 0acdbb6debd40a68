"""The meeting itself: its kinds and numbering, the quorum rule, the limits its pages use, and ``Meeting``
with its queryset."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A committee meeting is valid when more than half of the members are present (quá nửa tổng số ủy viên).
QUORUM_NUMERATOR, QUORUM_DENOMINATOR = 1, 2

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# The years a meetings calendar can be filtered by (another "year", 99999, is no filter: pages; a 400: API).
FIRST_YEAR, LAST_YEAR = 1900, 2100


class MeetingKind(models.TextChoices):
    COMMITTEE = "hoi_nghi_uy_ban", _("Hội nghị Ủy ban")
    SESSION = "ky_hop", _("Kỳ họp")
    STANDING_BOARD = "hoi_nghi_ban_thuong_truc", _("Hội nghị Ban Thường trực")
    MID_YEAR_REVIEW = "so_ket", _("Sơ kết 6 tháng")
    YEAR_END_REVIEW = "tong_ket", _("Tổng kết năm")
    CONGRESS = "dai_hoi", _("Đại hội")
    CONSULTATION = "hiep_thuong", _("Hội nghị hiệp thương")
    PROGRAM_SIGNING = "ky_ket_phoi_hop", _("Ký kết chương trình phối hợp")
    EMULATION_SIGNING = "giao_uoc_thi_dua", _("Ký kết giao ước thi đua")
    CLUSTER = "hoi_nghi_cum", _("Hội nghị cụm thi đua")
    VOTER_CONTACT = "tiep_xuc_cu_tri", _("Tiếp xúc cử tri")


# Kinds numbered within a term ("Hội nghị lần thứ 7", "kỳ họp thứ V").
NUMBERED_KINDS = {MeetingKind.COMMITTEE, MeetingKind.SESSION, MeetingKind.CONGRESS}


def to_roman(n: int) -> str:
    out = []
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


class DayPart(models.TextChoices):
    """The part of the day a source gives without an hour ("Sáng 7/1")."""

    MORNING = "sang", _("Sáng")
    AFTERNOON = "chieu", _("Chiều")
    EVENING = "toi", _("Tối")


class MeetingQuerySet(models.QuerySet):
    def in_units(self, unit_ids: Iterable[int]) -> MeetingQuerySet:
        """Meetings held by, or with the participation of, the given units."""
        return self.filter(Q(unit_id__in=unit_ids) | Q(participants__in=unit_ids)).distinct()


class Meeting(models.Model):
    """One meeting with its unit, kind, number within the term, time, venue, period reviewed and chair."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="meetings"
    )
    cluster = models.ForeignKey(
        "org.EmulationCluster",
        verbose_name=_("cụm thi đua tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    participants = models.ManyToManyField(
        "org.Unit", verbose_name=_("đơn vị tham gia"), blank=True, related_name="attended_meetings"
    )
    organiser_label = models.CharField(
        _("cơ quan tổ chức"),
        max_length=250,
        blank=True,
        default="",
        help_text=_("Nếu không phải Ủy ban, ví dụ: Ban Thường trực Ủy ban MTTQ Việt Nam quận"),
    )
    kind = models.CharField(_("loại hội nghị"), max_length=30, choices=MeetingKind.choices)
    term = models.ForeignKey(
        "people.Term",
        verbose_name=_("nhiệm kỳ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    number = models.PositiveSmallIntegerField(_("lần thứ"), null=True, blank=True)
    title = models.CharField(_("nội dung chính"), max_length=400)
    # The day (and the hour when ``time_known``): a source that gives no hour is stored at 00:00 local time
    # with ``time_known`` False, and nothing downstream shows or writes an hour for it.
    starts_at = models.DateTimeField(_("thời gian"))
    time_known = models.BooleanField(_("đã biết giờ bắt đầu"), default=True)
    day_part = models.CharField(
        _("buổi"),
        max_length=5,
        choices=DayPart.choices,
        blank=True,
        default="",
        help_text=_("Khi nguồn chỉ nêu buổi (sáng, chiều, tối), không nêu giờ."),
    )
    end_time = models.TimeField(_("giờ kết thúc"), null=True, blank=True)
    attendees_count = models.PositiveIntegerField(
        _("số đại biểu dự"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu nguồn không nêu (chưa biết)."),
    )
    venue = models.CharField(_("địa điểm"), max_length=250, blank=True, default="")
    period_start = models.DateField(_("kỳ đánh giá từ"), null=True, blank=True)
    period_end = models.DateField(_("kỳ đánh giá đến"), null=True, blank=True)
    period_label = models.CharField(_("kỳ đánh giá"), max_length=100, blank=True, default="")
    chair = models.ForeignKey(
        "people.Person",
        verbose_name=_("chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chaired_meetings",
    )
    chair_title = models.CharField(_("chức vụ người chủ trì"), max_length=300, blank=True, default="")
    summary = models.TextField(_("tóm tắt"), blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "kind", "number"],
                condition=Q(term__isnull=False, number__isnull=False),
                name="meeting_number_unique_in_term",
            ),
        ]
        indexes = [models.Index(fields=["unit", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.heading} ({self.date:%d/%m/%Y})"

    @property
    def date(self) -> dt.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def start_time(self) -> dt.time | None:
        """The hour the meeting began, or None when the source does not say."""
        if not self.time_known:
            return None
        return timezone.localtime(self.starts_at).time()

    @property
    def part_of_day(self) -> str:
        """ "sang", "chieu", "toi" from the hour when known, else as the source gave it, else ""."""
        start = self.start_time
        if start is None:
            return self.day_part
        return (
            DayPart.MORNING if start.hour < 12 else DayPart.AFTERNOON if start.hour < 18 else DayPart.EVENING
        )

    @property
    def host_name(self) -> str:
        if self.organiser_label:
            return self.organiser_label
        if self.cluster is not None:
            return self.cluster.name
        return self.unit.committee_name

    @property
    def heading(self) -> str:
        """ "Hội nghị lần thứ 7 Ủy ban MTTQ Việt Nam quận Lê Chân khóa XVI"."""
        committee = self.unit.committee_name
        term = f" {self.term.label}" if self.term is not None else ""
        if self.kind == MeetingKind.COMMITTEE and self.number:
            return f"Hội nghị lần thứ {self.number} {committee}{term}"
        if self.kind == MeetingKind.SESSION and self.number:
            return f"Kỳ họp thứ {to_roman(self.number)} {committee}{term}"
        if self.kind == MeetingKind.CONGRESS and self.number:
            return f"Đại hội đại biểu MTTQ Việt Nam {self.unit.name[:1].lower()}{self.unit.name[1:]} lần thứ {to_roman(self.number)}"
        return self.title

    @property
    def number_label(self) -> str:
        if not self.number:
            return ""
        if self.kind == MeetingKind.COMMITTEE:
            return f"lần thứ {self.number}"
        return f"thứ {to_roman(self.number)}"
