"""Coordination programs (chương trình phối hợp): parties and signatories, contents, tasks, progress, reviews."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .campaigns import Campaign


class ProgramStatus(models.TextChoices):
    DRAFT = "du_thao", _("Dự thảo")
    SIGNED = "da_ky", _("Đã ký kết")
    REVIEWED = "da_tong_ket", _("Đã tổng kết")


class Program(models.Model):
    """A coordination program (chương trình phối hợp và thống nhất hành động) of a unit for a year."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="programs"
    )
    cluster = models.ForeignKey(
        "org.EmulationCluster",
        verbose_name=_("cụm thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programs",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    term = models.ForeignKey(
        "people.Term",
        verbose_name=_("nhiệm kỳ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("tên chương trình"), max_length=400)
    number = models.CharField(_("số văn bản"), max_length=60, blank=True, default="")
    status = models.CharField(max_length=20, choices=ProgramStatus.choices, default=ProgramStatus.DRAFT)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    signed_at = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("hội nghị ký kết"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signed_programs",
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("chương trình năm trước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_programs",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "unit_id", "title"]
        verbose_name = _("chương trình phối hợp")
        verbose_name_plural = _("chương trình phối hợp")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "title"], name="program_unique_title_year"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.unit.short_name or self.unit.name}, {self.year})"


class ParticipantKind(models.TextChoices):
    FRONT = "mat_tran", _("Ủy ban MTTQ (đơn vị chủ trì)")
    MEMBER_ORG = "to_chuc_thanh_vien", _("Tổ chức thành viên")
    UNIT = "don_vi", _("Ủy ban MTTQ đơn vị khác")
    OTHER = "khac", _("Cơ quan khác")


class ProgramParticipant(models.Model):
    """A party to a program: the Front itself, a member organisation, a peer unit or another body."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(_("loại"), max_length=20, choices=ParticipantKind.choices)
    member_org = models.ForeignKey(
        "org.MemberOrganization", null=True, blank=True, on_delete=models.PROTECT, related_name="programs"
    )
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="program_parties"
    )
    name = models.CharField(_("tên"), max_length=300)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True, default="")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["program_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="program_participant_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name


class ProgramSignatory(models.Model):
    """Who signed for a party, with the title they held that day (the person may be unnamed in the source)."""

    participant = models.OneToOneField(ProgramParticipant, on_delete=models.CASCADE, related_name="signatory")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="program_signatures"
    )
    authority = models.CharField(_("thẩm quyền ký"), max_length=200, blank=True, default="")
    title = models.CharField(_("chức vụ"), max_length=300)

    def __str__(self) -> str:
        return f"{self.participant}: {self.person or self.title}"


class ProgramContent(models.Model):
    """A numbered content (nội dung) of a program."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="contents")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    title = models.CharField(_("nội dung"), max_length=500)
    description = models.TextField(_("diễn giải"), blank=True, default="")

    class Meta:
        ordering = ["program_id", "number"]
        constraints = [models.UniqueConstraint(fields=["program", "number"], name="program_content_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class ProgramTask(models.Model):
    """A concrete task under a content, with the party responsible, a target and a due date."""

    content = models.ForeignKey(ProgramContent, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    responsible = models.ForeignKey(
        ProgramParticipant,
        verbose_name=_("đơn vị chủ trì"),
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    target = models.CharField(_("chỉ tiêu"), max_length=300, blank=True, default="")
    target_value = models.BigIntegerField(_("chỉ tiêu (số)"), null=True, blank=True)
    indicator_code = models.CharField(_("mã chỉ tiêu báo cáo"), max_length=60, blank=True, default="")
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("cuộc vận động"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    due_on = models.DateField(_("thời hạn"), null=True, blank=True)

    class Meta:
        ordering = ["content_id", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class ReviewPeriod(models.TextChoices):
    MID_YEAR = "6_thang", _("Sơ kết 6 tháng")
    YEAR_END = "ca_nam", _("Tổng kết năm")


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "chua_thuc_hien", _("Chưa thực hiện")
    IN_PROGRESS = "dang_thuc_hien", _("Đang thực hiện")
    DONE = "hoan_thanh", _("Hoàn thành")
    EXCEEDED = "vuot_chi_tieu", _("Hoàn thành vượt chỉ tiêu")
    NOT_DONE = "khong_hoan_thanh", _("Không hoàn thành")


DONE_STATUSES = {ProgressStatus.DONE, ProgressStatus.EXCEEDED}


class ProgressEntry(models.Model):
    """How far a task got at the 6-month or the year-end review, with its evidence."""

    task = models.ForeignKey(ProgramTask, on_delete=models.CASCADE, related_name="progress")
    period = models.CharField(_("kỳ"), max_length=10, choices=ReviewPeriod.choices)
    status = models.CharField(_("tình trạng"), max_length=20, choices=ProgressStatus.choices)
    achieved_value = models.BigIntegerField(_("kết quả (số)"), null=True, blank=True)
    note = models.TextField(_("kết quả, minh chứng"), blank=True, default="")
    evidence = models.FileField(_("tệp minh chứng"), upload_to="chuong-trinh/%Y/", blank=True)
    evidence_name = models.CharField(max_length=255, blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["task_id", "period"]
        constraints = [models.UniqueConstraint(fields=["task", "period"], name="progress_one_per_period")]

    def __str__(self) -> str:
        return f"{self.task} · {self.get_period_display()}: {self.get_status_display()}"


class ProgramReview(models.Model):
    """The 6-month or year-end review of a program, at a meeting."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="reviews")
    period = models.CharField(_("kỳ"), max_length=10, choices=ReviewPeriod.choices)
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="program_reviews"
    )
    held_on = models.DateField(_("ngày"))
    summary = models.TextField(_("đánh giá chung"), blank=True, default="")

    class Meta:
        ordering = ["program_id", "held_on"]
        constraints = [
            models.UniqueConstraint(fields=["program", "period"], name="program_review_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.get_period_display()} {self.program}"
