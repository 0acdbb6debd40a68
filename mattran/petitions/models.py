"""Citizens' voice (Tiếng nói nhân dân): what citizens and voters raise, forwarded and followed until answered.

A ``Case`` (vụ việc) is one matter; the many people who raised it are its ``Submitter`` rows (the same
matter raised by many becomes one case: merge and split move submitters). A case belongs to the Front unit
that received it; its ``status`` moves only through the actions (actions/handling.py), each transition
audited, and ``due_on`` is the deadline of the current stage in working days (core.workdays) from the
``DeadlineRule`` rows that ship as data (data/deadline_rules.json, legal basis in docs/petitions.md).

A denunciation (tố cáo) is ``sealed``: its submitters' identity is shown only to the case's assigned
handlers, through an audited action, and never in exports, the public portal or the API.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mattran.org.models import Agency, Unit


class Kind(models.TextChoices):
    OPINION = "y_kien", _("Ý kiến")
    RECOMMENDATION = "kien_nghi", _("Kiến nghị")
    REPORT = "phan_anh", _("Phản ánh")
    COMPLAINT = "khieu_nai", _("Khiếu nại")
    DENUNCIATION = "to_cao", _("Tố cáo")


# What a citizen may send through the public portal (complaints and denunciations follow their laws'
# formal procedure: in person, by a signed letter).
PUBLIC_KINDS = [Kind.OPINION, Kind.RECOMMENDATION, Kind.REPORT]


class Urgency(models.TextChoices):
    NORMAL = "thuong", _("Thông thường")
    URGENT = "khan", _("Khẩn")


class Channel(models.TextChoices):
    RECEPTION = "tiep_cong_dan", _("Tiếp công dân")
    LETTER = "don_thu", _("Đơn thư")
    BOX = "hom_thu", _("Hòm thư góp ý")
    PORTAL = "cong_thong_tin", _("Cổng thông tin")
    VOTER_MEETING = "tiep_xuc_cu_tri", _("Hội nghị tiếp xúc cử tri")
    RESIDENTIAL_MEETING = "hop_khu_dan_cu", _("Họp khu dân cư")
    PHONE = "dien_thoai", _("Điện thoại")
    BATCH = "excel", _("Nhập từ Excel")


class Status(models.TextChoices):
    RECEIVED = "received", _("Mới tiếp nhận")
    CLASSIFIED = "classified", _("Đã phân loại")
    FORWARDED = "forwarded", _("Đã chuyển, chờ trả lời")
    ANSWERED = "answered", _("Đã có trả lời")
    INFORMED = "informed", _("Đã thông báo cho người dân")
    CLOSED = "closed", _("Đã kết thúc")
    ESCALATED = "escalated", _("Đã chuyển lên cấp trên")
    MERGED = "merged", _("Đã gộp vào vụ việc khác")


# The states in which the Front still owes an action (the to-do list, the overdue lists).
OPEN_STATUSES = [Status.RECEIVED, Status.CLASSIFIED, Status.FORWARDED, Status.ANSWERED]


class Stage(models.TextChoices):
    CLASSIFY = "classify", _("Phân loại, xử lý ban đầu")
    ANSWER = "answer", _("Trả lời, giải quyết")
    INFORM = "inform", _("Thông báo kết quả cho người dân")


class Field(models.Model):
    """A field (lĩnh vực) of the catalogue shipped as data (data/fields.json); administrators extend it."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=120)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self) -> str:
        return self.name


class DeadlineRule(models.Model):
    """How many working days a stage may take, per kind and urgency, with its legal basis."""

    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    urgency = models.CharField(_("mức độ"), max_length=8, choices=Urgency.choices)
    stage = models.CharField(_("bước"), max_length=10, choices=Stage.choices)
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=400)

    class Meta:
        ordering = ["kind", "urgency", "stage"]
        verbose_name = _("quy tắc thời hạn")
        verbose_name_plural = _("quy tắc thời hạn")
        constraints = [
            models.UniqueConstraint(fields=["kind", "urgency", "stage"], name="deadline_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{Kind(self.kind).label} / {Urgency(self.urgency).label} / {Stage(self.stage).label}"


class CouncilSession(models.Model):
    """A People's Council or National Assembly session that voters' recommendations are compiled for."""

    class Body(models.TextChoices):
        COUNCIL = "hdnd", _("Hội đồng nhân dân")
        ASSEMBLY = "quoc_hoi", _("Quốc hội")

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    body = models.CharField(_("cơ quan"), max_length=10, choices=Body.choices)
    name = models.CharField(_("tên kỳ họp"), max_length=250)
    opens_on = models.DateField(_("ngày khai mạc"))

    class Meta:
        ordering = ["-opens_on"]
        verbose_name = _("kỳ họp")
        verbose_name_plural = _("kỳ họp")

    def __str__(self) -> str:
        return self.name


class ReceptionSession(models.Model):
    """A citizen reception session (buổi tiếp công dân): who received, where, and the register of cases."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("ngày tiếp"))
    place = models.CharField(_("địa điểm"), max_length=250)
    cadres = models.CharField(_("cán bộ tiếp"), max_length=400)
    notes = models.TextField(_("ghi chú"), blank=True, default="")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("buổi tiếp công dân")
        verbose_name_plural = _("buổi tiếp công dân")

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} — {self.place}"


# The tracking code: 12 symbols of Crockford's base32 (no I, L, O, U), 60 random bits, printed in groups of
# four. Guessing one code among ten million takes ~10¹¹ tries on average.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a citizen types ("abcd-efgh-jk0o") → the stored form; confusable letters read as digits."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return cleaned.translate(str.maketrans("OIL", "011"))[: CODE_LENGTH + 4]


def format_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


class CaseQuerySet(models.QuerySet):
    def open(self) -> CaseQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: dt.date) -> CaseQuerySet:
        return self.open().filter(due_on__lt=today)


class Case(models.Model):
    """One matter raised by one or many citizens."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị tiếp nhận"), on_delete=models.PROTECT, related_name="+"
    )
    # The province the case's data belongs to: the distribution key (docs/operations.md).
    province_key = models.IntegerField(null=True, blank=True, db_index=True)
    code = models.CharField(_("mã tra cứu"), max_length=16, unique=True, default=new_code, editable=False)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    urgency = models.CharField(_("mức độ"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    field = models.ForeignKey(
        Field, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(_("kênh tiếp nhận"), max_length=20, choices=Channel.choices)
    summary = models.CharField(_("tóm tắt"), max_length=300)
    text = models.TextField(_("nội dung"))
    residential_area = models.ForeignKey(
        Unit, verbose_name=_("khu dân cư"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("địa điểm xảy ra"), max_length=300, blank=True, default="")
    received_on = models.DateField(_("ngày tiếp nhận"))
    reception = models.ForeignKey(
        ReceptionSession,
        verbose_name=_("buổi tiếp công dân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    council_session = models.ForeignKey(
        CouncilSession,
        verbose_name=_("gửi kỳ họp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    sealed = models.BooleanField(_("bảo mật danh tính người gửi"), default=False)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    stage_started_on = models.DateField(_("bắt đầu bước hiện tại"))
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("người xử lý"), blank=True, related_name="petition_cases"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan được chuyển"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petition_cases",
    )
    forwarded_on = models.DateField(_("ngày chuyển"), null=True, blank=True)
    answered_by_front = models.BooleanField(_("Mặt trận trả lời trực tiếp"), default=False)
    answer_text = models.TextField(_("nội dung trả lời"), blank=True, default="")
    answer_reference = models.CharField(_("số văn bản trả lời"), max_length=120, blank=True, default="")
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answer_due_on = models.DateField(_("hạn trả lời"), null=True, blank=True)
    informed_on = models.DateField(_("ngày thông báo"), null=True, blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    satisfied = models.BooleanField(_("người dân hài lòng"), null=True, blank=True)
    citizen_comment = models.TextField(_("ý kiến của người dân"), blank=True, default="")
    reopen_count = models.PositiveSmallIntegerField(_("số lần mở lại"), default=0)
    allow_publish = models.BooleanField(_("người gửi đồng ý công khai"), default=False)
    published = models.BooleanField(_("đã công khai"), default=False)
    public_summary = models.TextField(_("nội dung công khai"), blank=True, default="")
    escalated_from = models.OneToOneField(
        "self",
        verbose_name=_("chuyển từ cấp dưới"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="escalated_to",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("gộp vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_cases",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("vụ việc")
        verbose_name_plural = _("vụ việc")
        indexes = [
            models.Index(fields=["unit", "status", "due_on"]),
            models.Index(fields=["province_key", "status", "due_on"]),
            models.Index(fields=["agency", "answered_on"]),
            models.Index(fields=["unit", "-received_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="to_cao") | Q(sealed=True), name="petition_denunciation_sealed"
            )
        ]

    def __str__(self) -> str:
        return f"{format_code(self.code)} — {self.summary}"

    @property
    def display_code(self) -> str:
        return format_code(self.code)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or dt.date.today()  # callers pass the local date
        return self.status in OPEN_STATUSES and self.due_on is not None and self.due_on < today

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def overdue_now(self) -> bool:
        from django.utils import timezone

        return self.is_overdue(timezone.localdate())

    @property
    def answered_on_time(self) -> bool | None:
        if self.answered_on is None or self.answer_due_on is None:
            return None
        return self.answered_on <= self.answer_due_on


class Submitter(models.Model):
    """A person who raised the matter (or "anonymous"); sealed with the case when it is a denunciation."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="submitters")
    anonymous = models.BooleanField(_("ẩn danh"), default=False)
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True, default="")
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True, default="")
    email = models.EmailField(_("thư điện tử"), blank=True, default="")
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True, default="")
    added_on = models.DateField(_("ngày ghi nhận"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("người gửi")
        verbose_name_plural = _("người gửi")

    def __str__(self) -> str:
        return self.full_name or str(_("Ẩn danh"))


class Attachment(models.Model):
    """A photo or document: evidence from the citizen, or the answer's document."""

    class Role(models.TextChoices):
        EVIDENCE = "evidence", _("Tài liệu, hình ảnh kèm theo")
        ANSWER = "answer", _("Văn bản trả lời")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    role = models.CharField(_("loại"), max_length=10, choices=Role.choices)
    file = models.FileField(upload_to="tieng-noi/%Y/%m/")
    name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return self.name
