"""Supervision (giám sát) and social criticism (phản biện xã hội) by the Front, and the residential-area
evaluation of officials and party members (Quyết định 218-QĐ/TW).

A unit adopts a yearly supervision programme at a committee meeting; each planned activity takes one of the
legal forms (Luật MTTQ 2015 chapter V, NQLT 403/2017), names its subjects, the team and its members (from the
participating member organisations), the plan, the notice, the sessions, the findings and the conclusion,
and makes recommendations that a named body must answer within a number of working days. Every table
carries its unit (the province key of docs/operations.md) so the rules and the roll-ups need no join.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityForm(models.TextChoices):
    """The forms of supervision of Luật MTTQ 2015 (chapter V) and NQLT 403/2017, and the residential one."""

    DOCUMENTS = "nghien_cuu_van_ban", _("Nghiên cứu, xem xét văn bản")
    TEAM = "doan_giam_sat", _("Tổ chức đoàn giám sát")
    INSPECTION_BOARD = "ban_ttnd", _("Thông qua Ban Thanh tra nhân dân")
    INVESTMENT_BOARD = "ban_gsdtcd", _("Thông qua Ban Giám sát đầu tư của cộng đồng")
    WITH_STATE = "tham_gia_nha_nuoc", _("Tham gia giám sát với cơ quan nhà nước có thẩm quyền")
    RESIDENTIAL = "khu_dan_cu", _("Giám sát cán bộ, đảng viên ở khu dân cư")


class ProgrammeStatus(models.TextChoices):
    DRAFT = "du_thao", _("Dự thảo")
    ADOPTED = "da_thong_qua", _("Đã thông qua")


class SupervisionProgramme(models.Model):
    """A unit's supervision programme for a year, adopted at a committee meeting."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="supervision_programmes"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên chương trình"), max_length=400)
    status = models.CharField(max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT)
    adopted_at = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("hội nghị thông qua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_programmes",
    )
    adopted_on = models.DateField(_("ngày thông qua"), null=True, blank=True)
    published = models.BooleanField(_("công khai"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "unit_id"]
        verbose_name = _("chương trình giám sát")
        verbose_name_plural = _("chương trình giám sát")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="oversight_programme_unit_year"),
        ]

    def __str__(self) -> str:
        return self.title


class ActivityStatus(models.TextChoices):
    PLANNED = "ke_hoach", _("Trong kế hoạch")
    TEAM = "da_thanh_lap_doan", _("Đã thành lập đoàn")
    NOTIFIED = "da_thong_bao", _("Đã thông báo")
    UNDER_WAY = "dang_giam_sat", _("Đang giám sát")
    CONCLUDED = "da_ket_luan", _("Đã kết luận")
    CANCELLED = "da_huy", _("Không thực hiện")


class SupervisionActivity(models.Model):
    """One planned supervision of the programme, in one legal form; a follow-up names the one it follows."""

    programme = models.ForeignKey(SupervisionProgramme, on_delete=models.PROTECT, related_name="activities")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="supervision_activities")
    title = models.CharField(_("nội dung giám sát"), max_length=400)
    form = models.CharField(_("hình thức"), max_length=30, choices=ActivityForm.choices)
    planned_start = models.DateField(_("dự kiến từ ngày"), null=True, blank=True)
    planned_end = models.DateField(_("dự kiến đến ngày"), null=True, blank=True)
    status = models.CharField(max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED)
    participants = models.ManyToManyField(
        "org.MemberOrganization",
        verbose_name=_("tổ chức thành viên phối hợp"),
        blank=True,
        related_name="supervision_activities",
    )
    follows = models.ForeignKey(
        "self",
        verbose_name=_("giám sát lại sau"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    # The decision establishing the team (quyết định thành lập đoàn giám sát).
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True, default="")
    decision_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    # The plan (kế hoạch giám sát): purpose and requirements, content, method, schedule.
    plan_purpose = models.TextField(_("mục đích, yêu cầu"), blank=True, default="")
    plan_content = models.TextField(_("nội dung, phương pháp, tiến độ"), blank=True, default="")
    plan_number = models.CharField(_("số kế hoạch"), max_length=60, blank=True, default="")
    plan_on = models.DateField(_("ngày kế hoạch"), null=True, blank=True)
    # The notice to the supervised body.
    notice_on = models.DateField(_("ngày thông báo"), null=True, blank=True)
    # The conclusion (báo cáo kết quả giám sát).
    conclusion = models.TextField(_("kết luận"), blank=True, default="")
    concluded_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    report_number = models.CharField(_("số báo cáo"), max_length=60, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme_id", "planned_start", "pk"]
        verbose_name = _("hoạt động giám sát")
        verbose_name_plural = _("hoạt động giám sát")
        indexes = [models.Index(fields=["unit", "status"], name="oversight_activity_unit_st")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status not in (ActivityStatus.CONCLUDED, ActivityStatus.CANCELLED)


class SubjectKind(models.TextChoices):
    BODY = "co_quan", _("Cơ quan, tổ chức")
    PERSON = "ca_nhan", _("Cá nhân (cán bộ, đảng viên)")


class Subject(models.Model):
    """Who is supervised: a body, or a person (from ``people``, whose private fields this app never shows)."""

    activity = models.ForeignKey(SupervisionActivity, on_delete=models.CASCADE, related_name="subjects")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại"), max_length=10, choices=SubjectKind.choices)
    name = models.CharField(_("tên cơ quan / họ và tên"), max_length=300)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True, default="")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="supervisions"
    )

    class Meta:
        ordering = ["activity_id", "kind", "pk"]
        verbose_name = _("đối tượng giám sát")
        verbose_name_plural = _("đối tượng giám sát")

    def __str__(self) -> str:
        return self.name


class TeamRole(models.TextChoices):
    HEAD = "truong_doan", _("Trưởng đoàn")
    DEPUTY = "pho_doan", _("Phó Trưởng đoàn")
    MEMBER = "thanh_vien", _("Thành viên")
    SECRETARY = "thu_ky", _("Thư ký")


class TeamMember(models.Model):
    """A member of the supervision team: from the Front itself or from a participating member organisation."""

    activity = models.ForeignKey(SupervisionActivity, on_delete=models.CASCADE, related_name="team")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("họ và tên"), max_length=150)
    title = models.CharField(_("chức vụ"), max_length=200, blank=True, default="")
    role = models.CharField(_("nhiệm vụ trong đoàn"), max_length=20, choices=TeamRole.choices)
    member_org = models.ForeignKey(
        "org.MemberOrganization",
        verbose_name=_("tổ chức thành viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["activity_id", "role", "pk"]
        verbose_name = _("thành viên đoàn giám sát")
        verbose_name_plural = _("thành viên đoàn giám sát")

    def __str__(self) -> str:
        return self.name

    @property
    def represents(self) -> str:
        return self.member_org.name if self.member_org is not None else str(_("Ủy ban MTTQ"))


class Session(models.Model):
    """A working session of the team with the supervised body (buổi làm việc)."""

    activity = models.ForeignKey(SupervisionActivity, on_delete=models.CASCADE, related_name="sessions")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("ngày làm việc"))
    place = models.CharField(_("địa điểm"), max_length=250, blank=True, default="")
    notes = models.TextField(_("nội dung làm việc"), blank=True, default="")

    class Meta:
        ordering = ["activity_id", "held_on", "pk"]
        verbose_name = _("buổi làm việc")
        verbose_name_plural = _("buổi làm việc")

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y}"


class SessionPhoto(models.Model):
    """A photo taken at a session (a site check of an investment project), checked as an image on upload."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="photos")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="oversight/photos/%Y/")
    name = models.CharField(max_length=255)
    caption = models.CharField(_("chú thích"), max_length=300, blank=True, default="")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session_id", "pk"]
        verbose_name = _("ảnh hiện trường")
        verbose_name_plural = _("ảnh hiện trường")

    def __str__(self) -> str:
        return self.name


class Finding(models.Model):
    """What the supervision found: a strength, or a shortcoming that may call for a recommendation."""

    activity = models.ForeignKey(SupervisionActivity, on_delete=models.CASCADE, related_name="findings")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("nội dung"))
    is_shortcoming = models.BooleanField(_("là hạn chế, thiếu sót"), default=True)

    class Meta:
        ordering = ["activity_id", "pk"]
        verbose_name = _("kết quả phát hiện")
        verbose_name_plural = _("kết quả phát hiện")

    def __str__(self) -> str:
        return self.text[:80]


class RecommendationStatus(models.TextChoices):
    OPEN = "cho_tra_loi", _("Chờ trả lời")
    ANSWERED = "da_tra_loi", _("Đã trả lời")
    CLOSED = "da_dong", _("Đã kết thúc theo dõi")


class Recommendation(models.Model):
    """A recommendation (kiến nghị) to the body that must answer it, due a number of working days after issue."""

    activity = models.ForeignKey(
        SupervisionActivity, on_delete=models.PROTECT, related_name="recommendations"
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="supervision_recommendations")
    finding = models.ForeignKey(
        Finding, null=True, blank=True, on_delete=models.SET_NULL, related_name="recommendations"
    )
    content = models.TextField(_("nội dung kiến nghị"))
    addressee = models.CharField(_("cơ quan phải trả lời"), max_length=300)
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan trong danh bạ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_recommendations",
    )
    working_days = models.PositiveSmallIntegerField(_("thời hạn trả lời (ngày làm việc)"))
    issued_on = models.DateField(_("ngày gửi kiến nghị"))
    due_on = models.DateField(_("hạn trả lời"))
    status = models.CharField(
        max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True, default="")
    answer_number = models.CharField(_("số văn bản trả lời"), max_length=60, blank=True, default="")
    answer_file = models.FileField(_("văn bản trả lời"), upload_to="oversight/answers/%Y/", blank=True)
    answer_file_name = models.CharField(max_length=255, blank=True, default="")
    closed_note = models.TextField(_("ghi chú kết thúc"), blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        indexes = [
            models.Index(fields=["unit", "status", "due_on"], name="oversight_rec_unit_st_due"),
            models.Index(fields=["status", "due_on"], name="oversight_rec_status_due"),
        ]

    def __str__(self) -> str:
        return self.content[:80]

    def overdue_on(self, day: dt.date) -> bool:
        """Still unanswered after its deadline, or answered after it."""
        if self.status == RecommendationStatus.OPEN:
            return day > self.due_on
        return self.answered_on is not None and self.answered_on > self.due_on

    @property
    def answered_late(self) -> bool:
        return self.answered_on is not None and self.answered_on > self.due_on


# --- social criticism -------------------------------------------------------------------------------------


class CriticismForm(models.TextChoices):
    """The forms of social criticism of Luật MTTQ 2015 (chapter V) and NQLT 403/2017."""

    CONFERENCE = "hoi_nghi", _("Tổ chức hội nghị phản biện xã hội")
    WRITTEN = "van_ban", _("Gửi dự thảo văn bản để lấy ý kiến bằng văn bản")
    DIALOGUE = "doi_thoai", _("Tổ chức đối thoại trực tiếp")


class CriticismStatus(models.TextChoices):
    RECEIVED = "da_nhan", _("Đã nhận dự thảo")
    SENT = "da_gui_phan_bien", _("Đã gửi văn bản phản biện")
    RESPONDED = "da_tiep_thu", _("Cơ quan soạn thảo đã giải trình")


class CriticismDraft(models.Model):
    """A draft policy received from a state body for social criticism, and the Front's criticism of it."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="criticism_drafts")
    title = models.CharField(_("tên dự thảo"), max_length=400)
    drafting_body = models.CharField(_("cơ quan soạn thảo"), max_length=300)
    received_on = models.DateField(_("ngày nhận"))
    comments_due = models.DateField(_("hạn gửi ý kiến"))
    summary_of_draft = models.TextField(_("tóm tắt dự thảo"), blank=True, default="")
    form = models.CharField(_("hình thức phản biện"), max_length=20, choices=CriticismForm.choices)
    status = models.CharField(
        max_length=20, choices=CriticismStatus.choices, default=CriticismStatus.RECEIVED
    )
    document_number = models.CharField(_("số văn bản phản biện"), max_length=60, blank=True, default="")
    sent_on = models.DateField(_("ngày gửi văn bản phản biện"), null=True, blank=True)
    public_summary = models.TextField(_("tóm tắt công khai"), blank=True, default="")
    published = models.BooleanField(_("công khai"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "pk"]
        verbose_name = _("dự thảo phản biện")
        verbose_name_plural = _("dự thảo phản biện")

    def __str__(self) -> str:
        return self.title


class CriticismParticipant(models.Model):
    """Who took part in the criticism: a member organisation's delegate, a scientist, an expert."""

    draft = models.ForeignKey(CriticismDraft, on_delete=models.CASCADE, related_name="participants")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("họ và tên"), max_length=150)
    title = models.CharField(_("chức danh, nơi công tác"), max_length=300, blank=True, default="")
    is_expert = models.BooleanField(_("chuyên gia, nhà khoa học"), default=False)

    class Meta:
        ordering = ["draft_id", "pk"]

    def __str__(self) -> str:
        return self.name


class PointResponse(models.TextChoices):
    PENDING = "cho", _("Chưa giải trình")
    ACCEPTED = "tiep_thu", _("Tiếp thu")
    PARTLY = "tiep_thu_mot_phan", _("Tiếp thu một phần")
    NOT_ACCEPTED = "khong_tiep_thu", _("Không tiếp thu (có giải trình)")


class CriticismPoint(models.Model):
    """One point of the Front's criticism and the drafting body's response to it."""

    draft = models.ForeignKey(CriticismDraft, on_delete=models.CASCADE, related_name="points")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    content = models.TextField(_("ý kiến phản biện"))
    response = models.CharField(
        _("tiếp thu"), max_length=20, choices=PointResponse.choices, default=PointResponse.PENDING
    )
    explanation = models.TextField(_("giải trình"), blank=True, default="")

    class Meta:
        ordering = ["draft_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="oversight_point_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.content[:60]}"


# --- residential-area evaluation (QĐ 218) ----------------------------------------------------------------


class EvaluationResult(models.TextChoices):
    GOOD = "tot", _("Gương mẫu, được nhân dân tín nhiệm")
    FAIR = "dat", _("Thực hiện đúng quy định")
    SHORTCOMING = "khuyet_diem", _("Có biểu hiện vi phạm, khuyết điểm")


class ResidentialEvaluation(models.Model):
    """A residential area's evaluation, for one period, of the officials and party members who live there."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="residential_evaluations")
    year = models.PositiveSmallIntegerField(_("năm"))
    held_on = models.DateField(_("ngày hội nghị đánh giá"))
    notes = models.TextField(_("ghi chú"), blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "unit_id"]
        verbose_name = _("đánh giá ở khu dân cư")
        verbose_name_plural = _("đánh giá ở khu dân cư")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="oversight_evaluation_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class EvaluatedPerson(models.Model):
    """One official or party member in the evaluation, with the residential area's verdict."""

    evaluation = models.ForeignKey(ResidentialEvaluation, on_delete=models.CASCADE, related_name="entries")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("họ và tên"), max_length=150)
    is_party_member = models.BooleanField(_("đảng viên"), default=True)
    workplace = models.CharField(_("nơi công tác"), max_length=300, blank=True, default="")
    result = models.CharField(_("kết quả"), max_length=20, choices=EvaluationResult.choices)
    remarks = models.TextField(_("ý kiến của khu dân cư"), blank=True, default="")

    class Meta:
        ordering = ["evaluation_id", "pk"]

    def __str__(self) -> str:
        return self.name
