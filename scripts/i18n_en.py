"""English strings for the interface (Vietnamese is the source language). Run after makemessages:
.venv/bin/python scripts/i18n_en.py && (cd mattran && ../.venv/bin/django-admin compilemessages)."""

import re
import sys
from pathlib import Path

EN = {
    "Trang chung": "General",
    "tác nhân hệ thống": "system actor",
    "Thao tác cần người thực hiện (tài khoản hoặc tác nhân hệ thống).": "This operation needs an actor (an account or a system actor).",
    "Quản trị đơn vị": "Unit administrator",
    "Cán bộ nhập liệu": "Editor",
    "Lãnh đạo (chỉ xem)": "Leader (read-only)",
    "đơn vị": "unit",
    "vai trò": "role",
    "họ và tên": "full name",
    "chức vụ": "position",
    "hồ sơ người dùng": "user profile",
    "tên": "name",
    "mã truy cập API": "API token",
    "Đơn vị của tôi": "My unit",
    "Chưa có dữ liệu đơn vị": "No units yet",
    "Hãy nạp danh mục đơn vị hành chính: mattran import-divisions --structure 2025": "Load the administrative divisions: mattran import-divisions --structure 2025",
    "Đơn vị trực thuộc": "Subordinate units",
    "Tính cả đơn vị cũ đã sáp nhập: %(n)s": "Including merged former units: %(n)s",
    "Xem đơn vị": "Open unit",
    "Tìm đơn vị": "Find a unit",
    "ví dụ: ngoc lam, Lê Chân": "e.g. ngoc lam, Lê Chân",
    "Tìm": "Search",
    "Gõ có dấu hoặc không dấu đều được.": "Type with or without Vietnamese diacritics.",
    "Tổ chức thành viên": "Member organisations",
    "Chưa khai báo": "None recorded",
    "Cụm thi đua": "Emulation clusters",
    "Thay đổi gần đây": "Recent changes",
    "Xem toàn bộ nhật ký": "Full change log",
    "Tạm khoá đăng nhập": "Login temporarily locked",
    "Đã nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau 15 phút hoặc liên hệ quản trị đơn vị.": "Too many wrong passwords. Try again in 15 minutes or contact your unit administrator.",
    "Đăng nhập": "Log in",
    "Sau 5 lần nhập sai, tài khoản tạm khoá 15 phút để chống dò mật khẩu.": "After 5 wrong passwords the account is locked for 15 minutes against password guessing.",
    "Mã truy cập API": "API tokens",
    "Dùng cho phần mềm khác gọi API: gửi tiêu đề Authorization: Bearer <mã>. Mã có cùng quyền như tài khoản của bạn.": "For other software calling the API: send the header Authorization: Bearer <token>. "
    "A token has the same rights as your account.",
    "Tài liệu API": "API documentation",
    "Mã mới (chỉ hiện một lần, hãy lưu lại ngay):": "New token (shown once only — save it now):",
    "Tên": "Name",
    "Tạo lúc": "Created",
    "Dùng lần cuối": "Last used",
    "đã thu hồi": "revoked",
    "Thu hồi": "Revoke",
    "Chưa có mã nào.": "No tokens yet.",
    "Tạo mã mới": "New token",
    "Tạo mã": "Create token",
    "Người dùng": "Users",
    "Tên đăng nhập": "Username",
    "Họ và tên": "Full name",
    "Đơn vị": "Unit",
    "Vai trò": "Role",
    "Trạng thái": "Status",
    "đang hoạt động": "active",
    "Khoá": "Lock",
    "đã khoá": "locked",
    "Mở khoá": "Unlock",
    "Chưa có người dùng.": "No users yet.",
    "Thêm người dùng": "Add a user",
    "Tạo tài khoản": "Create account",
    "thời điểm": "time",
    "người thực hiện": "actor",
    "thao tác": "action",
    "đối tượng": "object",
    "trước": "before",
    "sau": "after",
    "tóm tắt": "summary",
    "bản ghi nhật ký": "audit entry",
    "nhật ký thay đổi": "change log",
    "Thời điểm": "Time",
    "Người thực hiện": "By",
    "Thao tác": "Action",
    "Thay đổi": "Changes",
    "Chưa có thay đổi nào.": "No changes yet.",
    "Nhật ký thay đổi": "Change log",
    "Mọi thao tác được ghi lại: ai, lúc nào, ở đơn vị nào, đối tượng nào, giá trị trước và sau. Nhật ký chỉ được ghi thêm, không ai sửa hay xoá được.": "Every action is recorded: who, when, in which unit, on which object, values before and after. "
    "The log is append-only: nobody can edit or delete it.",
    "Lọc": "Filter",
    "Trước": "Previous",
    "Trang %(n)s/%(total)s": "Page %(n)s of %(total)s",
    "Sau": "Next",
    "mã": "code",
    "tên cấp": "level name",
    "thứ bậc": "rank",
    "0 là cấp cao nhất": "0 is the top level",
    "là cấp hành chính": "is an administrative level",
    "cấp": "level",
    "các cấp": "levels",
    "Trung ương": "Central",
    "tỉnh": "province",
    "thành phố trực thuộc trung ương": "centrally-run city",
    "thành phố": "city",
    "quận": "urban district",
    "huyện": "rural district",
    "thị xã": "town",
    "xã": "commune",
    "phường": "ward",
    "thị trấn": "township",
    "đặc khu": "special zone",
    "thôn": "village",
    "tổ dân phố": "residential group",
    "ấp": "hamlet",
    "bản": "mountain village",
    "khu phố": "quarter",
    "khóm": "khom",
    "khu dân cư": "residential area",
    "Trước 1/7/2025 (63 tỉnh)": "Before 1 July 2025 (63 provinces)",
    "Từ 1/7/2025 (34 tỉnh)": "From 1 July 2025 (34 provinces)",
    "Do đơn vị tạo": "Created by a unit",
    "Tên đầy đủ, ví dụ: Quận Lê Chân": "Full name, e.g. Quận Lê Chân",
    "tên ngắn": "short name",
    "Ví dụ: Lê Chân": "E.g. Lê Chân",
    "loại": "kind",
    "mã hành chính": "administrative code",
    "hệ thống": "structure",
    "đơn vị cấp trên": "parent unit",
    "hiệu lực từ": "valid from",
    "hết hiệu lực từ": "closed from",
    "Ngày đầu tiên đơn vị không còn tồn tại": "The first day the unit no longer exists",
    "mã tỉnh phân vùng": "province partition key",
    "ghi chú": "notes",
    "Sáp nhập": "Merge",
    "Chia tách": "Split",
    "Đổi tên": "Rename",
    "Điều chuyển": "Move",
    "Thành lập": "Create",
    "Giải thể": "Dissolve",
    "Sắp xếp đơn vị hành chính 2025": "2025 administrative reorganisation",
    "ngày hiệu lực": "effective date",
    "căn cứ": "legal basis",
    "mô tả": "description",
    "đợt sắp xếp": "reorganisation",
    "các đợt sắp xếp": "reorganisations",
    "ngày": "date",
    "kế thừa chính": "primary successor",
    "Số liệu lịch sử của đơn vị cũ được cộng vào đơn vị kế thừa chính (chỉ một).": "The former unit's history counts toward its primary successor (exactly one).",
    "Công đoàn / Liên đoàn Lao động": "Trade Union / Labour Federation",
    "Hội Nông dân": "Farmers' Union",
    "Hội Liên hiệp Phụ nữ": "Women's Union",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh": "Ho Chi Minh Communist Youth Union",
    "Hội Cựu chiến binh": "Veterans' Association",
    "Tổ chức khác": "Other organisation",
    "tên viết tắt": "abbreviation",
    "trực thuộc Mặt trận": "directly under the Front",
    "Từ 2025, năm tổ chức chính trị - xã hội lớn trực thuộc Mặt trận.": "Since 2025 the five large socio-political organisations sit directly under the Front.",
    "từ ngày": "from",
    "đến ngày": "until",
    "tổ chức thành viên": "member organisation",
    "Khối thi đua": "Emulation block",
    "năm": "year",
    "đơn vị tổ chức": "organising unit",
    "cụm trưởng": "cluster leader",
    "cụm phó": "deputy leader",
    "cụm thi đua": "emulation cluster",
    "cụm, khối thi đua": "emulation clusters and blocks",
    "Không tìm thấy đơn vị nào khớp với “%(q)s”.": "No unit matches “%(q)s”.",
    "Thử bỏ đánh dấu “Chỉ đơn vị đang hoạt động”.": "Try unticking “Current units only”.",
    "đến %(d)s": "until %(d)s",
    "Cụm, khối thi đua": "Emulation clusters",
    "Đơn vị tổ chức:": "Organised by:",
    "Đơn vị thành viên": "Member unit",
    "Cụm trưởng": "Leader",
    "Cụm phó": "Deputy",
    "Cụm trưởng, cụm phó": "Leader and deputy",
    "Lưu": "Save",
    "Năm": "Year",
    "Đơn vị chưa tham gia cụm thi đua nào.": "Your unit is in no emulation cluster.",
    "Huỷ": "Cancel",
    "Nhập khu dân cư từ Excel": "Import residential areas from Excel",
    "Tệp .xlsx, dòng 1 là tiêu đề: Tên, Loại, Mã, Ghi chú. Mọi dòng được kiểm tra trước; nếu có dòng sai thì không dòng nào được nhập, và danh sách lỗi hiện bên dưới để sửa.": "An .xlsx file whose row 1 holds the headers Tên, Loại, Mã, Ghi chú. Every row is checked first; if any row "
    "is wrong nothing is imported and the errors are listed below.",
    "Tải tệp mẫu": "Download the template",
    "Kiểm tra và nhập": "Check and import",
    "Sắp xếp lại": "Reorganise",
    "Mỗi thao tác có ngày hiệu lực, được xem trước khi áp dụng và được ghi nhật ký. Số liệu cũ vẫn gắn với đơn vị cũ và được cộng vào đơn vị kế thừa.": "Each change has an effective date, is previewed before it is applied and is logged. Old records stay with the "
    "old unit and count toward its successor.",
    "Xem trước — sẽ thực hiện:": "Preview — this will:",
    "Căn cứ:": "Legal basis:",
    "Xác nhận thực hiện": "Confirm",
    "Xem trước lại": "Preview again",
    "Xem trước": "Preview",
    "Tên hoặc mã đơn vị (có dấu hoặc không dấu)": "Unit name or code (with or without diacritics)",
    "ví dụ: ngoc lam": "e.g. ngoc lam",
    "Chỉ đơn vị đang hoạt động (bỏ đơn vị cũ trước sáp nhập)": "Current units only (leave out former units)",
    "thôi hoạt động từ %(d)s": "closed since %(d)s",
    "từ %(d)s": "since %(d)s",
    "Thêm khu dân cư": "Add a residential area",
    "Nhập từ Excel": "Import from Excel",
    "Sắp xếp lại (sáp nhập, chia tách, đổi tên…)": "Reorganise (merge, split, rename…)",
    "Thêm tổ chức thành viên": "Add a member organisation",
    "Nhật ký": "Change log",
    "Đơn vị kế thừa": "Successors",
    "Từ %(d)s:": "From %(d)s:",
    "kế thừa số liệu": "carries its history",
    "Hình thành từ": "Formed from",
    "Tên cũ": "Former names",
    "Số liệu tổng hợp của đơn vị tính trên %(n)s đơn vị (kể cả đơn vị cũ đã sáp nhập).": "This unit's totals cover %(n)s units (merged former units included).",
    "Mã": "Code",
    "Không có đơn vị trực thuộc.": "No subordinate units.",
    "sửa": "edit",
    "Chưa khai báo.": "None recorded.",
    "Tiếng Việt": "Tiếng Việt",
    "English": "English",
    "Không có quyền": "Forbidden",
    "Bạn không có quyền xem trang này": "You may not see this page",
    "Trang này thuộc đơn vị ngoài phạm vi tài khoản của bạn.": "This page belongs to a unit outside your account's scope.",
    "Về trang đơn vị của tôi": "Back to my unit",
    "Không tìm thấy": "Not found",
    "Không tìm thấy trang": "Page not found",
    "Địa chỉ không đúng hoặc nội dung đã bị chuyển.": "The address is wrong or the page has moved.",
    "Công tác Mặt trận": "Front work",
    "Điều hướng chính": "Main navigation",
    "Tài khoản": "Account",
    "Đăng xuất": "Log out",
    "phần mềm nguồn mở cho Ủy ban Mặt trận Tổ quốc Việt Nam các cấp": "open-source software for Vietnam Fatherland Front committees at every level",
    "%(n)s lỗi — chưa nhập dòng nào": "%(n)s error — nothing imported",
    "%(name)s giữ chức danh này từ %(held)s, không phải %(given)s.": "%(name)s has held this position since %(held)s, not %(given)s.",
    "%(person)s thôi %(position)s": "%(person)s leaves the post of %(position)s",
    "Bạn không có quyền gửi báo cáo của đơn vị này.": "You may not submit this unit's reports.",
    "Bạn không có quyền lập báo cáo cho đơn vị này.": "You may not start reports for this unit.",
    "Bạn không có quyền nhập số liệu cho đơn vị này.": "You may not enter figures for this unit.",
    "Bạn không có quyền soạn báo cáo của đơn vị này.": "You may not write this unit's reports.",
    "Bạn không có quyền xem báo cáo của đơn vị này.": "You may not see this unit's reports.",
    "Chưa có biểu mẫu báo cáo nào.": "There is no report form yet.",
    "Chỉ đơn vị cấp trên trực tiếp được duyệt báo cáo.": "Only the unit directly above may approve the report.",
    "Chỉ đơn vị cấp trên trực tiếp được trả lại báo cáo.": "Only the unit directly above may return the report.",
    "Chỉ đơn vị cấp trên đã duyệt mới mở lại được báo cáo.": "Only the level above, which approved the report, may re-open it.",
    "Không có chỉ tiêu: %(codes)s.": "No such indicator: %(codes)s.",
    "Kỳ đầu và kỳ cuối phải cùng loại, kỳ đầu trước kỳ cuối.": "The first and last periods must be of one kind, the first before the last.",
    "Mở nhiệm kỳ mới": "Open a new term",
    "Ngày ban hành không hợp lệ.": "Invalid date of issue.",
    "Sửa thông tin %(person)s": "Edit %(person)s",
    "Thêm chức vụ của %(person)s": "Add a post held by %(person)s",
    "Tối đa %(n)s dòng mỗi tệp.": "At most %(n)s rows per file.",
    "bắt buộc.": "required.",
    "cần cả họ và tên.": "needs both family and given names.",
    "cần lý do thôi khi có ngày thôi.": "needs a reason for leaving when a leaving date is given.",
    "cần ngày thôi khi ghi lý do thôi.": "needs a leaving date when a reason for leaving is given.",
    "ghi Nam hoặc Nữ.": "write Nam (male) or Nữ (female).",
    'không rõ "%(text)s".': 'unknown "%(text)s".',
    "ngày không hợp lệ (dd/mm/yyyy).": "invalid date (dd/mm/yyyy).",
    "phải là số.": "must be a number.",
    "trùng người và chức danh với một dòng trên.": "same person and position as a row above.",
    "Đơn vị chưa lập báo cáo kỳ này.": "The unit has not started a report for this period.",
    'đơn vị không có "%(org)s".': 'the unit has no "%(org)s".',
    "Tài khoản chưa được gán đơn vị.": "This account has not been assigned a unit.",
    "Hội nghị chưa gắn nhiệm kỳ có ủy viên vào ngày họp.": "The meeting is not linked to a term with members on its date.",
    "Đề xuất chưa hợp lệ: %(errors)s": "The proposal is not valid: %(errors)s",
    "Không có trường nào để sửa.": "There is no field to change.",
}
PLURAL_EN = {
    "%(n)s lỗi — chưa nhập dòng nào": ("%(n)s error — nothing imported", "%(n)s errors — nothing imported")
}


def settled(block: str) -> str:
    """An entry whose English is given here: not fuzzy (makemessages guesses a new text's translation from a
    similar old one and marks it fuzzy; compilemessages leaves fuzzy entries out), no previous msgid."""
    block = re.sub(r"^#, fuzzy\n", "", block, flags=re.M)
    block = re.sub(r"^#, fuzzy, ", "#, ", block, flags=re.M)
    return re.sub(r"^#\| .*\n", "", block, flags=re.M)


def escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"')


def main(path: str) -> None:
    text = Path(path).read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    out, missing = [], []
    for block in blocks:
        m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not m or 'msgid ""\nmsgstr ""\n"Project' in block:
            out.append(block)
            continue
        msgid = "".join(re.findall(r'"(.*)"', m.group(1))).replace('\\"', '"').replace("\\\\", "\\")
        if "msgid_plural" in block:
            one, many = PLURAL_EN.get(msgid, (None, None))
            if one is None:
                missing.append(msgid)
            else:
                block = re.sub(r'msgstr\[0\] ".*"', f'msgstr[0] "{escape(one)}"', block)
                block = re.sub(r'msgstr\[1\] ".*"', f'msgstr[1] "{escape(many)}"', block)
                block = settled(block)
        elif msgid in EN:
            block = re.sub(r'msgstr ((?:".*"\n?)+)$', f'msgstr "{escape(EN[msgid])}"', block, flags=re.S)
            block = settled(block)
        elif msgid:
            missing.append(msgid)
        out.append(block)
    Path(path).write_text("\n\n".join(out), encoding="utf-8")
    if missing:
        print("Untranslated:", *missing, sep="\n  ")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "mattran/locale/en/LC_MESSAGES/django.po")
