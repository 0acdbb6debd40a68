"""Coordination programs, campaigns, emulation agreements and clusters' scoring, peer votes and awards.

Rules kept by the actions (see actions.py for the locking):

* Scores are decimals with two places (``Decimal``), never floats; a criterion's final score is the
  administering unit's score (``AssessmentMode.LEADER``) or the mean of the other signatory units' scores
  (``AssessmentMode.PEER_MEAN``), rounded half-up to two places.
* Ranking is standard competition ranking ("1-2-2-4"): units whose totals are equal to two places share a
  rank and the next rank is skipped; equal units are listed by name.
* A peer vote passes a candidate with more than half (or two thirds) of the **eligible** units, not of the
  ballots cast. Passing candidates are taken by votes, highest first, up to the number of places; when
  candidates tie across the last place none of the tied ones is elected and the vote ends ``TIED``: the
  administering unit opens a runoff among them for the places left (``PeerVote.runoff_of``).
* A secret ballot stores who voted (``Ballot``) apart from what was chosen (``BallotChoice`` has no link to
  the ballot), so the choices cannot be traced back to a unit; an open ballot links them.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
TWO_PLACES = Decimal("0.01")


def round_score(value: Decimal) -> Decimal:
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


# --- campaigns ------------------------------------------------------------------------------------------


class CampaignKind(models.TextChoices):
    CAMPAIGN = "cuoc_van_dong", _("Cuộc vận động")
    MOVEMENT = "phong_trao", _("Phong trào thi đua")


class Campaign(models.Model):
    """A campaign or emulation movement (cuộc vận động, phong trào), national or launched by a unit."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=CampaignKind.choices)
    name = models.CharField(_("tên"), max_length=300)
    launching_body = models.CharField(_("cơ quan phát động"), max_length=300)
    launching_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị phát động"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="launched_campaigns",
    )
    launched_on = models.DateField(_("ngày phát động"), null=True, blank=True)
    ends_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    is_national = models.BooleanField(_("toàn quốc"), default=False)
    description = models.TextField(_("mô tả"), blank=True, default="")
    participants = models.ManyToManyField(
        "org.Unit", through="CampaignParticipation", related_name="campaigns", blank=True
    )

    class Meta:
        ordering = ["-is_national", "launched_on", "name"]
        verbose_name = _("cuộc vận động, phong trào")
        verbose_name_plural = _("cuộc vận động, phong trào")

    def __str__(self) -> str:
        return self.name


class CampaignParticipation(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participations")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="campaign_participations")
    joined_on = models.DateField(_("tham gia từ"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="campaign_participant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.unit}"


class CampaignIndicator(models.Model):
    """What a campaign measures; ``indicator_code`` names the reports app's indicator when there is one."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("chỉ tiêu"), max_length=300)
    measure = models.CharField(_("đơn vị tính"), max_length=60, blank=True, default="")
    indicator_code = models.CharField(_("mã chỉ tiêu báo cáo"), max_length=60, blank=True, default="")

    class Meta:
        ordering = ["campaign_id", "order", "pk"]

    def __str__(self) -> str:
        return self.name


# --- coordination programs ------------------------------------------------------------------------------


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


# --- emulation agreements -------------------------------------------------------------------------------


class AssessmentMode(models.TextChoices):
    LEADER = "cum_truong", _("Đơn vị chủ trì (cụm trưởng) chấm")
    PEER_MEAN = "binh_quan", _("Bình quân điểm các đơn vị khác chấm")


class AgreementStatus(models.TextChoices):
    DRAFT = "du_thao", _("Dự thảo")
    SIGNED = "da_ky", _("Đã ký, đang chấm điểm")
    CLOSED = "da_chot", _("Đã chốt kết quả")


class Agreement(models.Model):
    """An emulation agreement (giao ước thi đua) of a cluster, or of a set of units under one unit, for a year.

    ``unit`` administers it: the cluster's leader for a cluster agreement, else the unit that organised it.
    """

    title = models.CharField(_("tên"), max_length=400)
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="agreements"
    )
    cluster = models.ForeignKey(
        "org.EmulationCluster",
        verbose_name=_("cụm thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    assessment_mode = models.CharField(
        _("cách chấm điểm của cụm"),
        max_length=20,
        choices=AssessmentMode.choices,
        default=AssessmentMode.LEADER,
    )
    status = models.CharField(max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    signed_at = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("hội nghị ký kết"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signed_agreements",
    )
    units = models.ManyToManyField("org.Unit", through="AgreementParty", related_name="emulation_agreements")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "title"], name="agreement_unique_title")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    @property
    def max_total(self) -> Decimal:
        return sum((c.max_score for c in self.criteria.all()), Decimal("0"))


class AgreementParty(models.Model):
    """A signatory unit of an agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="agreement_parties")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["agreement_id", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["agreement", "unit"], name="agreement_party_unique")]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.unit}"


class Criterion(models.Model):
    """A numbered content of an agreement with its maximum score and the evidence it needs."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    content = models.CharField(_("nội dung"), max_length=600)
    max_score = models.DecimalField(_("điểm tối đa"), max_digits=7, decimal_places=2)
    evidence_required = models.CharField(_("minh chứng cần có"), max_length=400, blank=True, default="")

    class Meta:
        ordering = ["agreement_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="criterion_number"),
            models.CheckConstraint(condition=Q(max_score__gt=0), name="criterion_max_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.content}"


class SelfScore(models.Model):
    """A signatory unit's own score on a criterion."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="self_scores")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("điểm tự chấm"), max_digits=7, decimal_places=2)
    note = models.TextField(_("giải trình"), blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["criterion", "unit"], name="self_score_once")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.criterion.number}: {self.score}"


class ScoreEvidence(models.Model):
    """A file backing a self-score (size and type checked by the action)."""

    self_score = models.ForeignKey(SelfScore, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="giao-uoc/%Y/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["self_score_id", "pk"]

    def __str__(self) -> str:
        return self.original_name


class AssessmentScore(models.Model):
    """The score one unit gives another on a criterion (the cluster's assessment)."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="assessments")
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị được chấm"), on_delete=models.PROTECT, related_name="+"
    )
    by_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị chấm"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("điểm"), max_digits=7, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["criterion", "unit", "by_unit"], name="assessment_once"),
        ]

    def __str__(self) -> str:
        return f"{self.by_unit} → {self.unit} · {self.criterion.number}: {self.score}"


class LeadershipHandover(models.Model):
    """The leader's flag handed from one year's cluster leader to the next year's, at the cluster's meeting."""

    from_cluster = models.OneToOneField(
        "org.EmulationCluster", on_delete=models.PROTECT, related_name="handover_out"
    )
    to_cluster = models.OneToOneField(
        "org.EmulationCluster", on_delete=models.PROTECT, related_name="handover_in"
    )
    from_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("cụm trưởng bàn giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("cụm trưởng nhận"), on_delete=models.PROTECT, related_name="+"
    )
    to_deputy = models.ForeignKey(
        "org.Unit",
        verbose_name=_("cụm phó năm sau"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="cluster_handovers"
    )
    handed_on = models.DateField(_("ngày bàn giao"))
    handed_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handed_by_title = models.CharField(max_length=300, blank=True, default="")
    received_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_by_title = models.CharField(max_length=300, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.from_unit} → {self.to_unit} ({self.to_cluster.year})"


# --- peer votes and awards ------------------------------------------------------------------------------


class AwardKind(models.Model):
    """An award form (Cờ thi đua, Bằng khen, Giấy khen, …); more can be added."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("hình thức khen thưởng"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")

    def __str__(self) -> str:
        return self.name


class PassRule(models.TextChoices):
    MAJORITY = "qua_nua", _("Quá nửa số đơn vị trong cụm")
    TWO_THIRDS = "hai_phan_ba", _("Từ hai phần ba số đơn vị trong cụm")


class VoteStatus(models.TextChoices):
    OPEN = "dang_bo_phieu", _("Đang bỏ phiếu")
    CLOSED = "da_dong", _("Đã đóng, chưa kiểm phiếu")
    DECIDED = "da_kiem_phieu", _("Đã kiểm phiếu")
    TIED = "bang_phieu", _("Bằng phiếu ở vị trí cuối, cần bỏ phiếu lại")


class PeerVote(models.Model):
    """A peer vote (bình xét, suy tôn) among a cluster's units for one award kind and a number of places."""

    cluster = models.ForeignKey("org.EmulationCluster", on_delete=models.PROTECT, related_name="peer_votes")
    agreement = models.ForeignKey(
        Agreement, null=True, blank=True, on_delete=models.PROTECT, related_name="peer_votes"
    )
    award_kind = models.ForeignKey(
        AwardKind, verbose_name=_("hình thức"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("nội dung bình xét"), max_length=300)
    places = models.PositiveSmallIntegerField(_("số suất"))
    secret = models.BooleanField(_("bỏ phiếu kín"), default=True)
    pass_rule = models.CharField(
        _("điều kiện đạt"), max_length=20, choices=PassRule.choices, default=PassRule.MAJORITY
    )
    awarding_body = models.CharField(_("cấp đề nghị khen thưởng"), max_length=300)
    awarding_unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="awards_to_decide"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="peer_votes"
    )
    closes_at = models.DateTimeField(_("hạn bỏ phiếu"))
    status = models.CharField(max_length=20, choices=VoteStatus.choices, default=VoteStatus.OPEN)
    electorate = models.PositiveSmallIntegerField(_("số đơn vị có quyền bỏ phiếu"))
    runoff_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="runoffs"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    tallied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("bình xét thi đua")
        verbose_name_plural = _("bình xét thi đua")

    def __str__(self) -> str:
        return f"{self.title} — {self.award_kind} ({self.cluster})"


class Candidate(models.Model):
    vote = models.ForeignKey(PeerVote, on_delete=models.CASCADE, related_name="candidates")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveSmallIntegerField(_("số phiếu"), null=True, blank=True)
    passed = models.BooleanField(_("đạt"), null=True, blank=True)
    elected = models.BooleanField(_("được đề nghị"), null=True, blank=True)
    tied = models.BooleanField(_("bằng phiếu ở vị trí cuối"), default=False)

    class Meta:
        ordering = ["vote_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["vote", "unit"], name="candidate_unique")]

    def __str__(self) -> str:
        return str(self.unit)


class Ballot(models.Model):
    """That a unit voted (one ballot per unit per vote)."""

    vote = models.ForeignKey(PeerVote, on_delete=models.CASCADE, related_name="ballots")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cast_at = models.DateTimeField()

    class Meta:
        ordering = ["vote_id", "cast_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["vote", "unit"], name="ballot_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.vote}"


class BallotChoice(models.Model):
    """One candidate chosen on a ballot; linked to the ballot only in an open vote."""

    vote = models.ForeignKey(PeerVote, on_delete=models.CASCADE, related_name="choices")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="choices")
    ballot = models.ForeignKey(
        Ballot, null=True, blank=True, on_delete=models.CASCADE, related_name="choices"
    )

    def __str__(self) -> str:
        return str(self.candidate)


class ProposalStatus(models.TextChoices):
    PROPOSED = "de_nghi", _("Đã đề nghị")
    AWARDED = "da_khen", _("Đã có quyết định khen thưởng")
    DECLINED = "khong_khen", _("Không được khen thưởng")


class AwardProposal(models.Model):
    """A proposal to an awarding body to give an award to a unit (or a person), and its decision."""

    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    award_kind = models.ForeignKey(
        AwardKind, verbose_name=_("hình thức"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị được đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_proposals",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("cá nhân được đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_proposals",
    )
    proposed_by = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="proposals_made")
    cluster = models.ForeignKey(
        "org.EmulationCluster",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_proposals",
    )
    vote = models.ForeignKey(
        PeerVote, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="award_proposals"
    )
    awarding_body = models.CharField(_("cấp khen thưởng"), max_length=300)
    awarding_unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="award_decisions"
    )
    reason = models.CharField(_("thành tích"), max_length=500, blank=True, default="")
    proposed_on = models.DateField(_("ngày đề nghị"))
    status = models.CharField(max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True, default="")
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_body = models.CharField(_("cơ quan quyết định"), max_length=300, blank=True, default="")

    class Meta:
        ordering = ["-year", "award_kind__order", "pk"]
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | Q(person__isnull=False), name="proposal_has_recipient"
            ),
        ]
        indexes = [models.Index(fields=["unit", "year"]), models.Index(fields=["person", "year"])]

    def __str__(self) -> str:
        return f"{self.award_kind} — {self.recipient_name} ({self.year})"

    @property
    def recipient_name(self) -> str:
        if self.person_id:
            return self.person.full_name
        return self.unit.committee_name
