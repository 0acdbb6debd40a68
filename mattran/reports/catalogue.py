"""The starter catalogue of Front indicators and report forms, loaded idempotently (migration 0002).

Codes are stable; running the loader again adds what is missing and never changes what users edited.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

BREAKDOWNS = {
    "gioi-tinh": ("Giới tính", [("nam", "Nam"), ("nu", "Nữ")]),
    "doi-tuong": (
        "Đối tượng thụ hưởng",
        [
            ("ho-ngheo", "Hộ nghèo"),
            ("ho-can-ngheo", "Hộ cận nghèo"),
            ("gia-dinh-chinh-sach", "Gia đình chính sách"),
            ("thien-tai", "Hộ bị thiên tai, hoàn cảnh khó khăn"),
        ],
    ),
    "linh-vuc": (
        "Lĩnh vực",
        [
            ("kinh-te-doi-song", "Kinh tế, đời sống, việc làm"),
            ("an-sinh-y-te-giao-duc", "An sinh xã hội, y tế, giáo dục"),
            ("dat-dai-moi-truong", "Đất đai, môi trường"),
            ("an-ninh-trat-tu", "An ninh, trật tự"),
            ("can-bo-dang-vien", "Cán bộ, đảng viên, cơ quan công quyền"),
            ("khac", "Lĩnh vực khác"),
        ],
    ),
    "to-chuc-thanh-vien": (
        "Tổ chức thành viên",
        [
            ("cong-doan", "Công đoàn"),
            ("nong-dan", "Hội Nông dân"),
            ("phu-nu", "Hội Liên hiệp Phụ nữ"),
            ("thanh-nien", "Đoàn Thanh niên"),
            ("cuu-chien-binh", "Hội Cựu chiến binh"),
        ],
    ),
}


def C(key: str) -> dict[str, str]:
    """An indicator computed by the query registered under ``key`` (see registry.py), not typed."""
    return {"source": "C", "computed_key": key}


GOV = ["province", "district", "commune"]
ALL = ["central", "province", "district", "commune"]

# code, name, measure, aggregation, extra
SECTIONS: list[tuple[str, list[tuple]]] = [
    (
        "I. Công tác tuyên truyền, vận động",
        [
            (
                "HN-TO-CHUC",
                "Số hội nghị, cuộc họp Ủy ban, Ban Thường trực đã tổ chức",
                "cuoc",
                "sum",
                C("meetings.held"),
            ),
            ("TT-BUOI", "Số buổi tuyên truyền, phổ biến chính sách, pháp luật", "cuoc", "sum", {}),
            ("TT-LUOT-NGUOI", "Số lượt người được tuyên truyền", "nguoi", "sum", {"breakdown": "gioi-tinh"}),
            (
                "TXCT-CUOC",
                "Số cuộc tiếp xúc cử tri đã phối hợp tổ chức",
                "cuoc",
                "sum",
                C("meetings.voter_contacts"),
            ),
            ("TXCT-Y-KIEN", "Số ý kiến, kiến nghị cử tri tổng hợp", "y_kien", "sum", {}),
            ("TCD-LUOT", "Số lượt công dân được tiếp", "nguoi", "sum", {}),
            ("HOA-GIAI-VU", "Số vụ việc hòa giải ở cơ sở", "vu_viec", "sum", {}),
            ("HOA-GIAI-THANH", "Số vụ việc hòa giải thành", "vu_viec", "sum", {}),
        ],
    ),
    (
        "II. Cuộc vận động \u201cVì người nghèo\u201d, an sinh xã hội",
        [
            ("HO-NGHEO-HO-TRO", "Số hộ nghèo được hỗ trợ", "ho", "sum", C("funds.households.poor")),
            (
                "HO-CAN-NGHEO-HO-TRO",
                "Số hộ cận nghèo được hỗ trợ",
                "ho",
                "sum",
                C("funds.households.near_poor"),
            ),
            ("NHA-DDK-XAY", "Số nhà Đại đoàn kết xây mới", "can", "sum", C("funds.houses.build")),
            ("NHA-DDK-SUA", "Số nhà Đại đoàn kết sửa chữa", "can", "sum", C("funds.houses.repair")),
            (
                "NHA-DDK-KINH-PHI",
                "Kinh phí xây mới, sửa chữa nhà Đại đoàn kết",
                "dong",
                "sum",
                C("funds.houses.spending"),
            ),
            (
                "QUA-SUAT",
                "Số suất quà trao tặng",
                "suat",
                "sum",
                {"breakdown": "doi-tuong", **C("funds.gifts.portions")},
            ),
            ("QUA-GIA-TRI", "Giá trị quà trao tặng", "dong", "sum", C("funds.gifts.value")),
            ("BHYT-THE", "Số thẻ bảo hiểm y tế trao tặng", "suat", "sum", {}),
            ("HOC-BONG-SUAT", "Số suất học bổng trao tặng", "suat", "sum", {}),
            ("SINH-KE-NGUOI", "Số người được hỗ trợ sinh kế, tạo việc làm", "nguoi", "sum", {}),
        ],
    ),
    (
        "III. Các quỹ do Mặt trận quản lý",
        [
            (
                "QUY-VNN-THU",
                "Quỹ \u201cVì người nghèo\u201d: số tiền tiếp nhận",
                "dong",
                "sum",
                C("funds.receipts.poor"),
            ),
            (
                "QUY-VNN-CHI",
                "Quỹ \u201cVì người nghèo\u201d: số tiền đã chi hỗ trợ",
                "dong",
                "sum",
                C("funds.disbursed.poor"),
            ),
            ("QUY-CUU-TRO-THU", "Quỹ Cứu trợ: số tiền tiếp nhận", "dong", "sum", C("funds.receipts.relief")),
            (
                "QUY-CUU-TRO-CHI",
                "Quỹ Cứu trợ: số tiền đã phân bổ",
                "dong",
                "sum",
                C("funds.disbursed.relief"),
            ),
            (
                "QUY-DODN-THU",
                "Quỹ \u201cĐền ơn đáp nghĩa\u201d: số tiền tiếp nhận",
                "dong",
                "sum",
                C("funds.receipts.gratitude"),
            ),
            (
                "QUY-BIEN-DAO-THU",
                "Quỹ \u201cVì biển, đảo Việt Nam\u201d: số tiền tiếp nhận",
                "dong",
                "sum",
                C("funds.receipts.sea_islands"),
            ),
        ],
    ),
    (
        "IV. Giám sát, phản biện xã hội, tiếp nhận kiến nghị",
        [
            ("GS-CUOC", "Số cuộc giám sát đã tổ chức", "cuoc", "sum", {}),
            ("GS-NGUOI", "Số người được giám sát", "nguoi", "sum", {}),
            ("GS-KIEN-NGHI", "Số kiến nghị sau giám sát", "y_kien", "sum", {}),
            ("PBXH-CUOC", "Số cuộc phản biện xã hội, góp ý dự thảo văn bản", "cuoc", "sum", {}),
            ("DON-TIEP-NHAN", "Số đơn thư, kiến nghị tiếp nhận", "vu_viec", "sum", {}),
            ("DON-CHUYEN", "Số đơn thư, kiến nghị đã chuyển cơ quan có thẩm quyền", "vu_viec", "sum", {}),
            ("DON-TRA-LOI", "Số đơn thư, kiến nghị đã được trả lời, giải quyết", "vu_viec", "sum", {}),
            (
                "DON-TY-LE-TRA-LOI",
                "Tỷ lệ đơn thư, kiến nghị được trả lời",
                "phan_tram",
                "ratio",
                {"numerator": "DON-TRA-LOI", "denominator": "DON-TIEP-NHAN", "decimals": 1},
            ),
        ],
    ),
    (
        "V. Tổ chức, thành viên",
        [
            (
                "UY-VIEN",
                "Số ủy viên Ủy ban MTTQ",
                "nguoi",
                "last",
                {"breakdown": "gioi-tinh", **C("people.members.gender")},
            ),
            (
                "UY-VIEN-DTTS",
                "Số ủy viên là người dân tộc thiểu số",
                "nguoi",
                "last",
                C("people.members.ethnic_minority"),
            ),
            (
                "UY-VIEN-TON-GIAO",
                "Số ủy viên là chức sắc, chức việc tôn giáo",
                "nguoi",
                "last",
                C("people.members.religion"),
            ),
            (
                "HOI-VIEN",
                "Số đoàn viên, hội viên các tổ chức thành viên",
                "nguoi",
                "last",
                {"breakdown": "to-chuc-thanh-vien"},
            ),
            (
                "TCTV-SO",
                "Số tổ chức thành viên",
                "to_chuc",
                "last",
                C("org.member_organizations"),
            ),
            (
                "KDC-SO",
                "Số khu dân cư có Ban công tác Mặt trận",
                "khu",
                "last",
                C("org.residential_areas"),
            ),
            ("TTND-BAN", "Số Ban Thanh tra nhân dân hoạt động", "to_chuc", "last", {}),
            ("GSDTCD-BAN", "Số Ban Giám sát đầu tư của cộng đồng hoạt động", "to_chuc", "last", {}),
        ],
    ),
]

HALF_YEAR: list[tuple] = [
    ("KDC-VAN-HOA", "Số khu dân cư được công nhận khu dân cư văn hóa", "khu", "last", {}),
    (
        "KDC-VAN-HOA-TY-LE",
        "Tỷ lệ khu dân cư văn hóa",
        "phan_tram",
        "ratio",
        {"numerator": "KDC-VAN-HOA", "denominator": "KDC-SO", "decimals": 1},
    ),
    ("HO-VAN-HOA", "Số hộ gia đình được công nhận gia đình văn hóa", "ho", "last", {}),
    ("NGAY-HOI-DDK", "Số khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc", "khu", "sum", {}),
    (
        "HAI-LONG",
        "Mức độ hài lòng của người dân với hoạt động của Ban công tác Mặt trận",
        "phan_tram",
        "avg",
        {"decimals": 1, "max_value": 1000},
    ),
]

# The quick weekly report of the Front's platform: situation, public opinion and grassroots activity. New
# rows go at the end: the loader adds missing items to an existing form in this order.
WEEKLY: list[tuple] = [
    ("TUAN-DIEM-NONG", "Số vụ việc phức tạp, điểm nóng phát sinh ở cơ sở", "vu_viec", "sum", {}),
    ("TUAN-THIEN-TAI-HO", "Số hộ bị thiên tai, dịch bệnh được thăm hỏi, hỗ trợ", "ho", "sum", {}),
    (
        "TUAN-DIEM-NONG-ON-DINH",
        "Số vụ việc phức tạp, điểm nóng đã được giải quyết ổn định",
        "vu_viec",
        "sum",
        {},
    ),
    ("TUAN-THIEN-TAI-NGUOI", "Số người bị ảnh hưởng bởi thiên tai, dịch bệnh", "nguoi", "sum", {}),
    (
        "TUAN-DU-LUAN",
        "Số ý kiến, phản ánh của nhân dân nắm bắt được (dư luận xã hội)",
        "y_kien",
        "sum",
        {"breakdown": "linh-vuc"},
    ),
    ("TUAN-HOP-KDC", "Số cuộc họp khu dân cư, sinh hoạt Ban công tác Mặt trận", "cuoc", "sum", {}),
    (
        "TUAN-LUOT-DU-HOP",
        "Số lượt người dân dự họp, được tuyên truyền, vận động",
        "nguoi",
        "sum",
        {"breakdown": "gioi-tinh"},
    ),
]

FORMS = [
    ("BM-THANG", "Báo cáo số liệu công tác Mặt trận hằng tháng", "M", 5, GOV, None),
    ("BM-6THANG", "Báo cáo kết quả Cuộc vận động \u201cToàn dân đoàn kết xây dựng nông thôn mới, "
     "đô thị văn minh\u201d", "H", 15, ["commune"], HALF_YEAR),
    ("BM-TUAN", "Báo cáo nhanh tình hình hằng tuần", "W", 1, ["province", "commune"], WEEKLY),
]  # fmt: skip

RULES = [
    ("DON-CHUYEN", "le", "DON-TIEP-NHAN", "Số đơn thư đã chuyển không được lớn hơn số đơn thư tiếp nhận."),
    (
        "DON-TRA-LOI",
        "le",
        "DON-TIEP-NHAN",
        "Số đơn thư được trả lời không được lớn hơn số đơn thư tiếp nhận.",
    ),
    ("HOA-GIAI-THANH", "le", "HOA-GIAI-VU", "Số vụ hòa giải thành không được lớn hơn số vụ việc hòa giải."),
    ("UY-VIEN-DTTS", "le", "UY-VIEN", "Số ủy viên người dân tộc thiểu số không vượt quá tổng số ủy viên."),
    ("UY-VIEN-TON-GIAO", "le", "UY-VIEN", "Số ủy viên là chức sắc tôn giáo không vượt quá tổng số ủy viên."),
    ("KDC-VAN-HOA", "le", "KDC-SO", "Số khu dân cư văn hóa không vượt quá số khu dân cư."),
]


def monthly_indicators() -> list[tuple[str, tuple]]:
    return [(section, row) for section, rows in SECTIONS for row in rows]


def computed_rows() -> list[tuple[str, str]]:
    """(indicator code, registered query key) of every starter indicator computed from other records."""
    rows = [row for _section, row in monthly_indicators()] + HALF_YEAR + WEEKLY
    return [(code, extra["computed_key"]) for code, _n, _m, _a, extra in rows if extra.get("source") == "C"]


def _load_breakdowns(get_model: Callable[[str], Any]) -> int:
    Breakdown = get_model("reports.Breakdown")
    BreakdownOption = get_model("reports.BreakdownOption")
    created = 0
    for code, (name, options) in BREAKDOWNS.items():
        breakdown, new = Breakdown.objects.get_or_create(code=code, defaults={"name": name})
        created += new
        for order, (opt_code, opt_name) in enumerate(options):
            _, new = BreakdownOption.objects.get_or_create(
                breakdown=breakdown, code=opt_code, defaults={"name": opt_name, "order": order}
            )
            created += new
    return created


def _load_indicator(
    get_model: Callable[[str], Any], row: tuple, kind: str, levels: list[Any]
) -> tuple[Any, bool]:
    """The indicator of a catalogue row, created (with the levels reporting it) if missing."""
    Breakdown = get_model("reports.Breakdown")
    Indicator = get_model("reports.Indicator")
    code, name, measure, aggregation, extra = row
    defaults = {
        "name": name,
        "measure": measure,
        "aggregation": aggregation,
        "period_kind": kind,
        "decimals": extra.get("decimals", 0),
        "source": extra.get("source", "E"),
        "computed_key": extra.get("computed_key", ""),
        "max_value": extra.get("max_value"),
    }
    if "breakdown" in extra:
        defaults["breakdown"] = Breakdown.objects.get(code=extra["breakdown"])
    for key in ("numerator", "denominator"):
        if key in extra:
            defaults[key] = Indicator.objects.get(code=extra[key])
    obj, new = Indicator.objects.get_or_create(code=code, defaults=defaults)
    if new:
        obj.levels.set(levels)
    return obj, new


def _load_forms(get_model: Callable[[str], Any]) -> int:
    Level = get_model("org.Level")
    ReportForm = get_model("reports.ReportForm")
    FormItem = get_model("reports.FormItem")
    levels = {lv.code: lv for lv in Level.objects.all()}
    created = 0
    for code, name, kind, deadline, level_codes, rows in FORMS:
        reporting = [levels[c] for c in level_codes if c in levels]
        form, new = ReportForm.objects.get_or_create(
            code=code, defaults={"name": name, "period_kind": kind, "deadline_days": deadline}
        )
        if new:
            form.levels.set(reporting)
            created += 1
        entries = monthly_indicators() if rows is None else [("", row) for row in rows]
        for order, (section, row) in enumerate(entries, start=1):
            ind, new = _load_indicator(get_model, row, kind, reporting)
            created += new
            _, new = FormItem.objects.get_or_create(
                form=form, indicator=ind, defaults={"section": section, "order": order}
            )
            created += new
    return created


def _load_rules(get_model: Callable[[str], Any]) -> int:
    Indicator = get_model("reports.Indicator")
    IndicatorRule = get_model("reports.IndicatorRule")
    created = 0
    for left, op, right, message in RULES:
        _, new = IndicatorRule.objects.get_or_create(
            left=Indicator.objects.get(code=left),
            op=op,
            right=Indicator.objects.get(code=right),
            defaults={"message": message},
        )
        created += new
    return created


def load_catalogue(get_model: Callable[[str], Any]) -> int:
    """Create the starter breakdowns, indicators, rules and forms that are missing; return how many."""
    return _load_breakdowns(get_model) + _load_forms(get_model) + _load_rules(get_model)


def ensure_catalogue() -> int:
    """Load the starter catalogue with the current models (for tests and `mattran load-demo`)."""
    from django.apps import apps

    from mattran.org.levels import ensure_levels

    # Forms name the levels that report them: after a flush the levels must exist first.
    ensure_levels(apps.get_model("org", "Level"))
    return load_catalogue(apps.get_model)
