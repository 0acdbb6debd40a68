"""Meetings (hội nghị, kỳ họp, đại hội, hiệp thương…), what happens at them, and what they produce.

A meeting belongs to one unit (``unit``: the committee that holds the record, or the host unit when an
emulation cluster organises it, ``cluster`` then being set). Attendance is per committee member; votes
count against the members present; a hiệp thương agenda item carries the proposed membership changes,
applied when its vote passes. Programs, agreements and awards decided at a meeting live in the programs
app and point here; the news composer lets that app add its own paragraphs (see ``news.register_section``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mattran.people.models import EndReason, Position, Represents

from .voting import SHOW_OF_HANDS, PassRule  # the one pass rule (voting.py)

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


class AttendanceStatus(models.TextChoices):
    PRESENT = "co_mat", _("Có mặt")
    EXCUSED = "vang_co_phep", _("Vắng có lý do")
    UNEXCUSED = "vang_khong_phep", _("Vắng không lý do")


class Attendance(models.Model):
    """Whether one committee member came to the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey("people.Membership", on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(_("điểm danh"), max_length=20, choices=AttendanceStatus.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "membership"], name="attendance_unique")]

    def __str__(self) -> str:
        return f"{self.membership.person} · {self.get_status_display()}"


class GuestRole(models.TextChoices):
    ATTEND = "du", _("Dự")
    ATTEND_AND_DIRECT = "du_chi_dao", _("Dự và chỉ đạo")
    WELCOME_SPEECH = "phat_bieu_chao_mung", _("Phát biểu chào mừng")


class Guest(models.Model):
    """A guest (đại biểu) with the title held at the meeting's date; or an organisation's representatives."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="guest_at"
    )
    title = models.CharField(_("chức vụ tại thời điểm dự"), max_length=400, blank=True, default="")
    organisation = models.CharField(_("cơ quan, đơn vị"), max_length=300, blank=True, default="")
    role = models.CharField(_("vai trò"), max_length=30, choices=GuestRole.choices, default=GuestRole.ATTEND)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting_id", "order", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.person is not None:
            return f"{self.person.full_name}, {self.title}" if self.title else self.person.full_name
        return self.organisation


class AgendaKind(models.TextChoices):
    REPORT = "bao_cao", _("Báo cáo, đánh giá")
    PROGRAM = "chuong_trinh", _("Chương trình, kế hoạch")
    SIGNING = "ky_ket", _("Ký kết")
    CONSULTATION = "hiep_thuong", _("Hiệp thương nhân sự")
    AWARDS = "thi_dua", _("Thi đua, khen thưởng")
    OTHER = "khac", _("Nội dung khác")


class AgendaItem(models.Model):
    """One item of the meeting's agenda, with who presented it and what it said."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(
        _("loại nội dung"), max_length=20, choices=AgendaKind.choices, default=AgendaKind.REPORT
    )
    title = models.CharField(_("nội dung"), max_length=400)
    presenter = models.CharField(_("người trình bày"), max_length=250, blank=True, default="")
    summary = models.TextField(_("tóm tắt"), blank=True, default="")

    class Meta:
        ordering = ["meeting_id", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Opinion(models.Model):
    """An opinion spoken at the meeting: who spoke and the gist."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="opinions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="opinions"
    )
    speaker = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="opinions"
    )
    speaker_title = models.CharField(_("chức vụ"), max_length=400, blank=True, default="")
    organisation = models.CharField(_("đơn vị"), max_length=300, blank=True, default="")
    gist = models.TextField(_("nội dung chính"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting_id", "order", "pk"]

    def __str__(self) -> str:
        return self.speaker_label

    @property
    def speaker_label(self) -> str:
        if self.speaker is not None:
            return (
                f"{self.speaker.full_name}, {self.speaker_title}"
                if self.speaker_title
                else self.speaker.full_name
            )
        return f"Đại diện {self.organisation}" if self.organisation else "Đại biểu"


class ConclusionKind(models.TextChoices):
    CONCLUSION = "ket_luan", _("Kết luận")
    DIRECTIVE = "chi_dao", _("Chỉ đạo")


class Conclusion(models.Model):
    """A conclusion of the chair or a directive of a guest."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="conclusions")
    kind = models.CharField(max_length=10, choices=ConclusionKind.choices, default=ConclusionKind.CONCLUSION)
    by = models.ForeignKey(
        "people.Person",
        verbose_name=_("người kết luận, chỉ đạo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    by_title = models.CharField(_("chức vụ người kết luận, chỉ đạo"), max_length=400, blank=True, default="")
    text = models.TextField(_("nội dung"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting_id", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def speaker_label(self) -> str:
        """ "Đỗ Văn Chiến, Bí thư Trung ương Đảng…", or "" when the record names nobody."""
        if self.by is None:
            return ""
        return f"{self.by.full_name}, {self.by_title}" if self.by_title else self.by.full_name


class Decision(models.Model):
    """A decision or resolution of the meeting (nghị quyết, quyết định)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    number = models.CharField(_("số"), max_length=60, blank=True, default="")
    text = models.TextField(_("nội dung"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting_id", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Attachment(models.Model):
    """A file of the meeting (report, signed program, photo), stored under MEDIA_ROOT after checks."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="hoi-nghi/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    description = models.CharField(_("mô tả"), max_length=300, blank=True, default="")
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting_id", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Vote(models.Model):
    """A show-of-hands vote (biểu quyết), counted against the members present when it was recorded."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="votes")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="votes"
    )
    subject = models.CharField(_("nội dung biểu quyết"), max_length=400)
    rule = models.CharField(
        _("điều kiện thông qua"), max_length=20, choices=SHOW_OF_HANDS, default=PassRule.MAJORITY
    )
    present = models.PositiveIntegerField(_("số có mặt"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("tán thành"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("không tán thành"), null=True, blank=True)
    abstentions = models.PositiveIntegerField(_("không biểu quyết ý kiến"), null=True, blank=True)
    not_voting = models.PositiveIntegerField(_("không tham gia biểu quyết"), null=True, blank=True)
    passed = models.BooleanField(_("thông qua"), null=True, blank=True)
    # When the source gives only a share ("100% tán thành") or only the outcome ("nhất trí"): the share as
    # given (None when not given) and the words as printed; the headcounts then stay None (not known).
    reported_share = models.DecimalField(
        _("tỷ lệ tán thành theo nguồn (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    as_printed = models.CharField(_("kết quả như nguồn ghi"), max_length=300, blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting_id", "pk"]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_recorded(self) -> bool:
        return self.recorded_at is not None

    @property
    def counts_known(self) -> bool:
        """Whether the hands were counted (present and for), not only a share or an outcome."""
        return bool(self.present) and self.votes_for is not None

    @property
    def share_for(self) -> float | None:
        """Share of members present who voted for, 0–100: counted, else as the source gave it, else None."""
        if self.present and self.votes_for is not None:
            return 100 * self.votes_for / self.present
        if self.reported_share is not None:
            return float(self.reported_share)
        return None

    @property
    def share_label(self) -> str:
        share = self.share_for
        if share is None:
            return ""
        text = f"{share:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"{text}%"


class ChangeAction(models.TextChoices):
    RELIEVE = "cho_thoi", _("Cho thôi")
    ADD = "cu_bo_sung", _("Cử bổ sung, kiện toàn")
    REPLACE = "thay_the", _("Thay thế")


class ConsultationChange(models.Model):
    """One proposed change of a hiệp thương item: relieve a member, add a person, or replace one by another.

    A seat may be unnamed: the source says "cho thôi 4 đồng chí… kiện toàn 5 đồng chí" without names, so
    each seat is one change with no ``membership`` (relieve) or no ``person`` (add) until a name is given
    (``do_name_consultation_change``); an unnamed seat changes no membership, and naming it after the vote
    applies it then, dated from the meeting. Nothing changes until the item's vote passes; then every change of the item is applied in one
    transaction and ``applied_at`` is set, with the resulting memberships pointing back to the meeting.
    """

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(_("thay đổi"), max_length=20, choices=ChangeAction.choices)
    membership = models.ForeignKey(
        "people.Membership",
        verbose_name=_("ủy viên thôi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relieved_by_changes",
    )
    end_reason = models.CharField(
        _("lý do thôi"), max_length=20, choices=EndReason.choices, blank=True, default=""
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("người được cử"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposed_in",
    )
    position = models.CharField(
        _("chức danh"), max_length=30, choices=Position.choices, blank=True, default=""
    )
    represents = models.CharField(
        _("đại diện cho"), max_length=30, choices=Represents.choices, blank=True, default=""
    )
    member_org = models.ForeignKey(
        "org.MemberOrganization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    represents_detail = models.CharField(_("đại diện (chi tiết)"), max_length=250, blank=True, default="")
    new_membership = models.OneToOneField(
        "people.Membership", null=True, blank=True, on_delete=models.PROTECT, related_name="created_by_change"
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["agenda_item_id", "order", "pk"]

    def __str__(self) -> str:
        who = self.membership or self.person
        return f"{self.get_action_display()}: {who if who is not None else _('chưa có tên')}"

    @property
    def is_named(self) -> bool:
        """Whether the seat has its person: the member relieved, the person added (both for a replacement)."""
        if self.action == ChangeAction.RELIEVE:
            return self.membership_id is not None
        if self.action == ChangeAction.ADD:
            return self.person_id is not None
        return self.membership_id is not None and self.person_id is not None


class Qualifier(models.TextChoices):
    """How the source states a figure: exactly, over ("trên"), about ("khoảng", "gần"), up to ("đến")."""

    EXACT = "dung", _("đúng")
    OVER = "tren", _("trên")
    ABOUT = "khoang", _("khoảng")
    UP_TO = "den", _("đến")


class MeetingFigure(models.Model):
    """A figure announced at the meeting ("trao 3.568 suất quà trị giá trên 1 tỷ đồng"), kept as the source
    states it: an indicator of the reports catalogue or a free label, the value and how exact it is, the
    period it covers, the words as printed, and whether it still needs checking against the source.

    ``value`` is in the indicator's stored scale (đồng, a count); it may be empty only for a figure marked
    to check (the source's words cannot be read as one number)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="figures")
    indicator = models.ForeignKey(
        "reports.Indicator",
        verbose_name=_("chỉ tiêu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    label = models.CharField(_("tên số liệu"), max_length=300, blank=True, default="")
    measure = models.CharField(_("đơn vị tính"), max_length=60, blank=True, default="")
    value = models.BigIntegerField(_("giá trị"), null=True, blank=True)
    qualifier = models.CharField(
        _("mức chính xác"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    period_start = models.DateField(_("từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    as_printed = models.CharField(_("nguyên văn trong nguồn"), max_length=500, blank=True, default="")
    to_check = models.BooleanField(_("cần kiểm tra lại"), default=False)
    order = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["meeting_id", "order", "pk"]
        verbose_name = _("số liệu công bố tại hội nghị")
        verbose_name_plural = _("số liệu công bố tại hội nghị")

    def __str__(self) -> str:
        return f"{self.name}: {self.value_label}"

    @property
    def name(self) -> str:
        return self.indicator.name if self.indicator is not None else self.label

    @property
    def measure_label(self) -> str:
        if self.indicator is not None:
            return str(self.indicator.get_measure_display())
        return self.measure

    @property
    def value_label(self) -> str:
        """ "trên 1.000.000.000 đồng", "khoảng 68 người"; "chưa rõ" when no number could be read."""
        if self.value is None:
            return str(_("chưa rõ"))
        if self.indicator is not None:
            number = self.indicator.format(self.value)
        else:
            number = f"{self.value:,}".replace(",", ".")
        qualifier = "" if self.qualifier == Qualifier.EXACT else f"{self.get_qualifier_display()} "
        measure = f" {self.measure_label}" if self.measure_label else ""
        return f"{qualifier}{number}{measure}"


class NewsStatus(models.TextChoices):
    DRAFT = "nhap", _("Bản nháp")
    PUBLISHED = "da_dang", _("Đã đăng")


class NewsItem(models.Model):
    """A news item (tin bài) about a meeting, drafted from the record, edited, then published."""

    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="news")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="news_items")
    title = models.CharField(_("tiêu đề"), max_length=400)
    lead = models.TextField(_("sa-pô"))
    body = models.TextField(_("nội dung"))
    author = models.CharField(_("tác giả"), max_length=200, blank=True, default="")
    status = models.CharField(max_length=10, choices=NewsStatus.choices, default=NewsStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")
        indexes = [models.Index(fields=["unit", "status", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == NewsStatus.PUBLISHED

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]
