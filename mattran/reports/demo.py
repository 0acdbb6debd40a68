"""Demo reports: Phường Bồ Đề and its Hà Nội neighbours report monthly; Hà Nội approves; legacy 2024 history.

Idempotent: a report that exists is left alone. Everything goes through the actions.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from mattran.core.authz import Actor
from mattran.org.models import Level, Structure, Unit, UnitSuccession

from . import actions
from .catalogue import ensure_catalogue
from .cells import form_cells
from .models import Aggregation, ReportForm, Submission, SubmissionState
from .periods import MONTH, Period

User = get_user_model()


def _figures(form: ReportForm, rng: random.Random) -> dict:
    cells = {}
    for ind, bd, _name in form_cells(form):
        # Within a factor of 2.5 month to month, so no figure needs an outlier explanation.
        if ind.measure == "dong":
            value = rng.randint(40, 100) * 1_000_000
        elif ind.aggregation == Aggregation.LAST:
            value = rng.randint(15, 40)
        else:
            value = rng.randint(10, 25)
        cells[(ind.code, bd)] = value
    # Keep the consistency rules: answered and forwarded ≤ received, settled ≤ mediated. (Committee members,
    # fund figures, gifts, houses and meetings are computed from the other modules' records, not typed.)
    received = cells[("DON-TIEP-NHAN", "")] = rng.randint(20, 30)
    cells[("DON-CHUYEN", "")] = rng.randint(10, received)
    cells[("DON-TRA-LOI", "")] = rng.randint(10, received)
    cells[("HOA-GIAI-VU", "")] = mediated = rng.randint(15, 25)
    cells[("HOA-GIAI-THANH", "")] = rng.randint(10, mediated)
    return cells


def _report(
    user: Actor,
    form: ReportForm,
    unit: Unit,
    period: Period,
    rng: random.Random,
    *,
    submit: bool,
    approver: Actor | None = None,
) -> bool:
    if Submission.objects.filter(form=form, unit=unit, period_start=period.start).exists():
        return False
    sub = actions.do_open_submission(acting_user=user, form=form, unit=unit, period=period)
    cells = _figures(form, rng)
    actions.do_save_values(sub, acting_user=user, cells=cells)
    if submit:
        actions.do_submit_submission(sub, acting_user=user)
        if approver is not None:
            actions.do_approve_submission(sub, acting_user=approver)
    return True


def load() -> list[str]:
    done: list[str] = []
    if ensure_catalogue():
        done.append("danh mục chỉ tiêu và biểu mẫu báo cáo")
    form = ReportForm.objects.get(code="BM-THANG")
    editor = User.objects.filter(username="bode.canbo").first()
    approver = User.objects.filter(username="hanoi.quantri").first()
    root = User.objects.filter(username="quantri").first()
    if editor is None or approver is None or root is None:
        return done
    bo_de = editor.profile.unit
    rng = random.Random(2025)
    today = timezone.localdate()
    last = Period.containing(MONTH, today).previous()
    months = [m for m in (Period(MONTH, dt.date(today.year, i, 1)) for i in range(1, 13)) if m <= last]
    created = 0
    for index, month in enumerate(months):
        latest = index == len(months) - 1
        created += _report(
            editor, form, bo_de, month, rng, submit=True, approver=None if latest else approver
        )
    neighbours = Unit.objects.filter(
        parent_id=bo_de.parent_id, level__code=Level.COMMUNE, valid_to__isnull=True
    )
    for unit in neighbours.exclude(pk=bo_de.pk).order_by("search_name")[:6]:
        for month in months:
            created += _report(root, form, unit, month, rng, submit=month != last, approver=root)
    # History: the legacy wards merged into Bồ Đề reported in 2024 and count toward it today.
    legacy = Unit.objects.filter(
        pk__in=UnitSuccession.objects.filter(successor=bo_de, is_primary=True).values("predecessor_id"),
        structure=Structure.LEGACY,
    )
    for unit in legacy:
        for m in range(1, 13):
            created += _report(
                root, form, unit, Period(MONTH, dt.date(2024, m, 1)), rng, submit=True, approver=root
            )
    if created:
        done.append(f"{created} báo cáo tháng mẫu (Phường Bồ Đề và các phường của Hà Nội)")
    half = Period(
        "H", dt.date(today.year if today.month > 6 else today.year - 1, 1 if today.month > 6 else 7, 1)
    )
    if not bo_de.review_reports.exists():
        actions.do_save_review_report(
            acting_user=editor, unit=bo_de, period=half, number="15", place="Bồ Đề", form=form,
            results="Ban Thường trực Ủy ban MTTQ phường đã chủ động phối hợp với các tổ chức thành viên triển khai "
            "Cuộc vận động \u201cToàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh\u201d và Quỹ "
            "\u201cVì người nghèo\u201d.",
            shortcomings="Một số Ban công tác Mặt trận nộp báo cáo chưa đúng hạn; số liệu giám sát chưa đầy đủ.",
            tasks="Tiếp tục vận động ủng hộ Quỹ \u201cVì người nghèo\u201d; nâng cao chất lượng giám sát, phản biện.",
            signer_title="CHỦ TỊCH", signer_name="Nguyễn Thị Lan",
        )  # fmt: skip
        done.append(f"báo cáo sơ kết {half.label.lower()} của Phường Bồ Đề")
    pending = Submission.objects.filter(unit=bo_de, state=SubmissionState.SUBMITTED).count()
    if pending and created:
        done.append(f"{pending} báo cáo của Phường Bồ Đề chờ Hà Nội duyệt")
    return done
