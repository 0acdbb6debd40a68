"""What happens at a meeting: attendance, guests, the agenda, opinions, conclusions, decisions and the
attached files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .meeting import Meeting


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
