"""Levels, units across reorganisations, member organisations, emulation clusters.

The hierarchy is kept in two index tables that every module reads instead of recursing:

* ``UnitClosure`` — one row per (ancestor, descendant) pair, the unit itself included at depth 0, with the
  dates the pair held (a move closes the old rows and opens new ones), so "the subtree as of a date" is
  one indexed join.
* ``Unit.home`` — the open unit that carries a unit's history today: the unit itself while it is open,
  its primary successor (followed to the end) once merged or split, its parent's home when it was closed
  without successor. "Effective descendants" of X are the units whose home lies in X's current subtree,
  so every historical unit counts toward exactly one open unit.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mattran.core.text import fold, natural_key


class Level(models.Model):
    """A tier of the hierarchy; data, so the 2025 removal of districts needs no code change."""

    CENTRAL = "central"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"
    RESIDENTIAL = "residential"

    code = models.SlugField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên cấp"), max_length=100)
    rank = models.PositiveSmallIntegerField(_("thứ bậc"), help_text=_("0 là cấp cao nhất"))
    is_government = models.BooleanField(_("là cấp hành chính"), default=True)

    class Meta:
        ordering = ["rank"]
        verbose_name = _("cấp")
        verbose_name_plural = _("các cấp")

    def __str__(self) -> str:
        return str(self.name)


class UnitKind(models.TextChoices):
    CENTRAL = "trung_uong", _("Trung ương")
    PROVINCE = "tinh", _("tỉnh")
    CENTRAL_CITY = "thanh_pho_tw", _("thành phố trực thuộc trung ương")
    CITY = "thanh_pho", _("thành phố")
    URBAN_DISTRICT = "quan", _("quận")
    RURAL_DISTRICT = "huyen", _("huyện")
    TOWN = "thi_xa", _("thị xã")
    COMMUNE = "xa", _("xã")
    WARD = "phuong", _("phường")
    TOWNSHIP = "thi_tran", _("thị trấn")
    SPECIAL_ZONE = "dac_khu", _("đặc khu")
    VILLAGE = "thon", _("thôn")
    RESIDENTIAL_GROUP = "to_dan_pho", _("tổ dân phố")
    HAMLET = "ap", _("ấp")
    MOUNTAIN_VILLAGE = "ban", _("bản")
    QUARTER = "khu_pho", _("khu phố")
    KHOM = "khom", _("khóm")
    OTHER_RESIDENTIAL = "khu_dan_cu", _("khu dân cư")


RESIDENTIAL_KINDS = {
    UnitKind.VILLAGE,
    UnitKind.RESIDENTIAL_GROUP,
    UnitKind.HAMLET,
    UnitKind.MOUNTAIN_VILLAGE,
    UnitKind.QUARTER,
    UnitKind.KHOM,
    UnitKind.OTHER_RESIDENTIAL,
}


class Structure(models.TextChoices):
    NATIONAL = "national", _("Trung ương")
    LEGACY = "legacy", _("Trước 1/7/2025 (63 tỉnh)")
    Y2025 = "2025", _("Từ 1/7/2025 (34 tỉnh)")
    LOCAL = "local", _("Do đơn vị tạo")


class UnitQuerySet(models.QuerySet):
    def open_on(self, day: dt.date) -> UnitQuerySet:
        """Units that exist on a day (valid_from ≤ day < valid_to)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        )

    def current(self) -> UnitQuerySet:
        return self.filter(valid_to__isnull=True)


class Unit(models.Model):
    """A Front committee (Ủy ban MTTQ) of an administrative area, or a residential work committee."""

    name = models.CharField(_("tên"), max_length=200, help_text=_("Tên đầy đủ, ví dụ: Quận Lê Chân"))
    short_name = models.CharField(_("tên ngắn"), max_length=200, help_text=_("Ví dụ: Lê Chân"))
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    level = models.ForeignKey(Level, verbose_name=_("cấp"), on_delete=models.PROTECT, related_name="units")
    code = models.CharField(_("mã hành chính"), max_length=20, blank=True, default="")
    structure = models.CharField(_("hệ thống"), max_length=10, choices=Structure.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(
        _("hết hiệu lực từ"), null=True, blank=True, help_text=_("Ngày đầu tiên đơn vị không còn tồn tại")
    )
    # The province this unit's data belongs to: the distribution key for sharding (docs/operations.md).
    province_key = models.IntegerField(_("mã tỉnh phân vùng"), null=True, blank=True, db_index=True)
    depth = models.PositiveSmallIntegerField(default=0)
    home = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=True
    )
    search_name = models.CharField(max_length=400, editable=False, default="")
    search_short = models.CharField(max_length=200, editable=False, default="", db_index=True)
    # The folded name with every number zero-padded, so "Tổ dân phố 2" sorts before "Tổ dân phố 10".
    sort_name = models.CharField(max_length=500, editable=False, default="", db_index=True)
    notes = models.TextField(_("ghi chú"), blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "level", "code"],
                condition=~Q(code=""),
                name="unit_code_unique_per_structure_level",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="unit_valid_range",
            ),
        ]
        indexes = [
            models.Index(fields=["parent", "valid_to"]),
            models.Index(fields=["level", "valid_to"]),
            models.Index(fields=["search_name"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.fill_search()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "search_name",
                "search_short",
                "sort_name",
            }
        super().save(*args, **kwargs)

    def fill_search(self) -> Unit:
        """Set the folded search keys (call before bulk_create, which skips save())."""
        self.search_name = fold(f"{self.name} {self.code}")
        self.search_short = fold(self.short_name)
        self.sort_name = natural_key(self.name)
        return self

    @property
    def is_open(self) -> bool:
        return self.valid_to is None

    def is_open_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to > day
        )

    @property
    def is_residential(self) -> bool:
        return self.level.code == Level.RESIDENTIAL

    @property
    def committee_name(self) -> str:
        """The committee's name as printed: "Ủy ban MTTQ Việt Nam quận Lê Chân"."""
        if self.kind == UnitKind.CENTRAL:
            return "Ủy ban Trung ương MTTQ Việt Nam"
        if self.is_residential:
            return f"Ban công tác Mặt trận {self.name[:1].lower()}{self.name[1:]}"
        return f"Ủy ban MTTQ Việt Nam {self.name[:1].lower()}{self.name[1:]}"


def fold_unit_name(name: str, code: str = "") -> str:
    return fold(f"{name} {code}")


class UnitClosure(models.Model):
    """(ancestor, descendant) pairs with the dates they held; depth 0 is the unit itself."""

    ancestor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="descendant_links")
    descendant = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="ancestor_links")
    depth = models.PositiveSmallIntegerField()
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["ancestor", "valid_to", "descendant"], name="closure_anc_idx"),
            models.Index(fields=["descendant", "valid_to", "ancestor"], name="closure_desc_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.ancestor_id}→{self.descendant_id} ({self.depth})"


class ReorganisationKind(models.TextChoices):
    MERGE = "merge", _("Sáp nhập")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên")
    MOVE = "move", _("Điều chuyển")
    CREATE = "create", _("Thành lập")
    DISSOLVE = "dissolve", _("Giải thể")
    NATIONAL_2025 = "national_2025", _("Sắp xếp đơn vị hành chính 2025")


class ReorganisationEvent(models.Model):
    """One dated reorganisation (merge, split, rename, move…), with its legal basis."""

    kind = models.CharField(_("loại"), max_length=20, choices=ReorganisationKind.choices)
    effective_date = models.DateField(_("ngày hiệu lực"))
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True, default="")
    description = models.TextField(_("mô tả"), blank=True, default="")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_date", "-id"]
        verbose_name = _("đợt sắp xếp")
        verbose_name_plural = _("các đợt sắp xếp")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_date:%d/%m/%Y}"


class UnitSuccession(models.Model):
    """The predecessor's area went (wholly or partly) to the successor on a date."""

    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="successor_links")
    successor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="predecessor_links")
    event = models.ForeignKey(ReorganisationEvent, on_delete=models.PROTECT, related_name="successions")
    date = models.DateField(_("ngày"))
    is_primary = models.BooleanField(
        _("kế thừa chính"),
        default=True,
        help_text=_("Số liệu lịch sử của đơn vị cũ được cộng vào đơn vị kế thừa chính (chỉ một)."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
            models.UniqueConstraint(
                fields=["predecessor"], condition=Q(is_primary=True), name="succession_one_primary"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class UnitName(models.Model):
    """A name a unit held before a rename (valid until the day the new name took effect)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="former_names")
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=UnitKind.choices)
    valid_to = models.DateField()
    event = models.ForeignKey(ReorganisationEvent, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-valid_to"]

    def __str__(self) -> str:
        return self.name


class MemberOrgKind(models.TextChoices):
    TRADE_UNION = "cong_doan", _("Công đoàn / Liên đoàn Lao động")
    FARMERS = "nong_dan", _("Hội Nông dân")
    WOMEN = "phu_nu", _("Hội Liên hiệp Phụ nữ")
    YOUTH = "thanh_nien", _("Đoàn Thanh niên Cộng sản Hồ Chí Minh")
    VETERANS = "cuu_chien_binh", _("Hội Cựu chiến binh")
    OTHER = "khac", _("Tổ chức khác")


CORE_MEMBER_ORG_KINDS = [
    MemberOrgKind.TRADE_UNION,
    MemberOrgKind.FARMERS,
    MemberOrgKind.WOMEN,
    MemberOrgKind.YOUTH,
    MemberOrgKind.VETERANS,
]


class MemberOrganization(models.Model):
    """A member organisation (tổ chức thành viên) of the Front at one unit."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="member_organizations")
    kind = models.CharField(_("loại"), max_length=20, choices=MemberOrgKind.choices)
    name = models.CharField(_("tên"), max_length=250)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True, default="")
    is_direct = models.BooleanField(
        _("trực thuộc Mặt trận"),
        default=False,
        help_text=_("Từ 2025, năm tổ chức chính trị - xã hội lớn trực thuộc Mặt trận."),
    )
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["unit_id", "kind", "name"]
        verbose_name = _("tổ chức thành viên")
        verbose_name_plural = _("tổ chức thành viên")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"], condition=Q(valid_to__isnull=True), name="memberorg_unique_open_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class EmulationCluster(models.Model):
    """A cụm / khối thi đua for one year: peer units with a leader and a deputy."""

    class Kind(models.TextChoices):
        CLUSTER = "cum", _("Cụm thi đua")
        BLOCK = "khoi", _("Khối thi đua")

    name = models.CharField(_("tên"), max_length=250)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.CLUSTER)
    year = models.PositiveSmallIntegerField(_("năm"))
    organiser = models.ForeignKey(
        Unit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="organised_clusters"
    )
    leader = models.ForeignKey(
        Unit, verbose_name=_("cụm trưởng"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deputy = models.ForeignKey(
        Unit, verbose_name=_("cụm phó"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    members = models.ManyToManyField(Unit, through="ClusterMembership", related_name="clusters")
    notes = models.TextField(_("ghi chú"), blank=True, default="")

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("cụm thi đua")
        verbose_name_plural = _("cụm, khối thi đua")
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="cluster_unique_name_year")]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class ClusterMembership(models.Model):
    cluster = models.ForeignKey(EmulationCluster, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cluster_memberships")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cluster", "unit"], name="cluster_member_unique")]

    def __str__(self) -> str:
        return f"{self.cluster} · {self.unit}"


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "ubnd", _("Ủy ban nhân dân")
    PEOPLES_COUNCIL = "hdnd", _("Hội đồng nhân dân")
    POLICE = "cong_an", _("Công an")
    DEPARTMENT = "phong_ban", _("Phòng, ban, sở, ngành chuyên môn")
    PROCURACY = "vien_kiem_sat", _("Viện kiểm sát nhân dân")
    COURT = "toa_an", _("Tòa án nhân dân")
    INSPECTORATE = "thanh_tra", _("Thanh tra")
    MEMBER_ORG = "to_chuc_thanh_vien", _("Tổ chức thành viên của Mặt trận")
    PUBLIC_SERVICE = "dich_vu_cong", _("Đơn vị sự nghiệp, dịch vụ công (điện, nước, môi trường…)")
    DELEGATION = "doan_dbqh", _("Đoàn đại biểu Quốc hội")
    OTHER = "khac", _("Cơ quan, tổ chức khác")


class Agency(models.Model):
    """A competent body (cơ quan có thẩm quyền) in a unit's directory: where the Front forwards what citizens
    raise, and whose answers and conduct it oversees."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="agencies"
    )
    name = models.CharField(_("tên cơ quan"), max_length=250)
    kind = models.CharField(_("loại"), max_length=24, choices=AgencyKind.choices)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True, default="")
    email = models.EmailField(_("thư điện tử"), blank=True, default="")
    active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        ordering = ["unit_id", "kind", "name"]
        verbose_name = _("cơ quan có thẩm quyền")
        verbose_name_plural = _("danh bạ cơ quan có thẩm quyền")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"], condition=Q(active=True), name="agency_unique_active_name"
            )
        ]

    def __str__(self) -> str:
        return self.name
