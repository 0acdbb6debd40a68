import datetime
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mattran.core.text import (
    fold,
    format_date_short,
    format_date_vi,
    format_money,
    format_money_short,
    money_in_words,
    name_sort_key,
    nfc,
    parse_money,
    vi_sort_key,
)

# Vietnamese letters in every tone, upper and lower case, plus the separators names and places contain.
VI_LETTERS = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
vi_text = st.text(alphabet=VI_LETTERS + VI_LETTERS.upper() + " -,.()/0123456789\t\n", max_size=60)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def fold_reference(s: str) -> str:
    """Fold character by character through unicodedata only, as the fast path must."""
    out = []
    for ch in unicodedata.normalize("NFC", s):
        for c in unicodedata.normalize("NFD", ch.lower()):
            if unicodedata.category(c).startswith("M"):
                continue
            c = {"đ": "d", "ð": "d"}.get(c, c)
            out.append(c if c.isalnum() else " ")
    return " ".join("".join(out).split())


# --- nfc ------------------------------------------------------------------------------------------------


def test_it_composes_decomposed_text() -> None:
    assert nfc(nfd("Nguyễn Thị Minh Phương")) == "Nguyễn Thị Minh Phương"
    assert len(nfc(nfd("ễ"))) == 1


def test_it_collapses_and_strips_whitespace() -> None:
    assert nfc("  Lê \t Chân\n ") == "Lê Chân"
    assert nfc("") == ""


# --- fold -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lê Chân", "le chan"),
        ("ĐỒNG", "dong"),
        ("Đ", "d"),
        ("đường Đinh Tiên Hoàng", "duong dinh tien hoang"),
        ("Nguyễn Thị Minh Phương", "nguyen thi minh phuong"),
        ("Ủy ban MTTQ Việt Nam", "uy ban mttq viet nam"),
        ("Phường Hồ Nam, quận Lê Chân (cũ)", "phuong ho nam quan le chan cu"),
        ("TDP số 12/3", "tdp so 12 3"),
        ("  nhiều   khoảng   trắng  ", "nhieu khoang trang"),
        ('Quỹ "Vì người nghèo"', "quy vi nguoi ngheo"),
        ("ƯỚC TÍNH", "uoc tinh"),
        ("", ""),
        ("...", ""),
    ],
)
def test_it_folds_vietnamese_text_to_a_search_key(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_it_folds_decomposed_input_like_composed_input() -> None:
    assert fold(nfd("Lê Chân ĐỒNG Nguyễn")) == "le chan dong nguyen"


def test_it_keeps_letters_of_other_scripts() -> None:
    assert fold("Đà Nẵng 峴港") == "da nang 峴港"


@given(st.text())
def test_it_folds_idempotently(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(vi_text)
def test_it_folds_vietnamese_to_plain_ascii(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert "  " not in folded
    assert folded == folded.strip()
    assert all(c.isalnum() or c == " " for c in folded)


@given(st.text())
def test_it_folds_like_the_unicodedata_reference(text: str) -> None:
    assert fold(text) == fold_reference(text)


@given(vi_text)
def test_it_folds_composed_and_decomposed_forms_alike(text: str) -> None:
    assert fold(nfd(text)) == fold(text)


# --- collation -------------------------------------------------------------------------------------------


def test_it_sorts_names_by_given_name_first() -> None:
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn Đức", "Phạm Minh Dũng"]
    assert sorted(names, key=name_sort_key) == [
        "Nguyễn Thị An",
        "Trần Văn Bình",
        "Phạm Minh Dũng",
        "Lê Văn Đức",
    ]


def test_it_breaks_given_name_ties_by_middle_then_family_name() -> None:
    names = ["Trần Văn An", "Nguyễn Văn An", "Bùi Thị An", "Lê An"]
    assert sorted(names, key=name_sort_key) == ["Lê An", "Bùi Thị An", "Nguyễn Văn An", "Trần Văn An"]


def test_it_sorts_the_given_name_before_considering_the_family_name() -> None:
    assert sorted(["An Văn Yến", "Yên Văn Ánh"], key=name_sort_key) == ["Yên Văn Ánh", "An Văn Yến"]


def test_it_orders_letters_as_the_vietnamese_alphabet() -> None:
    alphabet = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")
    assert sorted(reversed(alphabet), key=vi_sort_key) == alphabet


def test_it_orders_tones_ngang_huyen_hoi_nga_sac_nang() -> None:
    assert sorted(["bạ", "bá", "bã", "bả", "bà", "ba"], key=vi_sort_key) == [
        "ba",
        "bà",
        "bả",
        "bã",
        "bá",
        "bạ",
    ]


def test_it_compares_base_letters_before_tones() -> None:
    # The tone of "á" loses to the letter difference a < ă, and "bá" < "bác" by length before tone.
    assert sorted(["ăn", "án"], key=vi_sort_key) == ["án", "ăn"]
    assert sorted(["bác", "bá", "ba"], key=vi_sort_key) == ["ba", "bá", "bác"]


def test_it_orders_syllable_by_syllable_as_dictionaries_do() -> None:
    assert sorted(["bà ba", "ba bảy", "bà", "ba"], key=vi_sort_key) == ["ba", "ba bảy", "bà", "bà ba"]


def test_it_sorts_unit_names_with_numbers_numerically() -> None:
    units = ["Tổ dân phố 10", "Tổ dân phố 2", "Tổ dân phố 1", "Phường Đông Hải", "Phường Dư Hàng"]
    assert sorted(units, key=vi_sort_key) == [
        "Phường Dư Hàng",
        "Phường Đông Hải",
        "Tổ dân phố 1",
        "Tổ dân phố 2",
        "Tổ dân phố 10",
    ]


def test_it_ignores_case_and_normalisation_except_as_a_last_tiebreak() -> None:
    assert vi_sort_key(nfd("Lê Chân"))[0] == vi_sort_key("lê chân")[0]
    assert name_sort_key(nfd("Nguyễn Thị An")) == name_sort_key("Nguyễn  Thị An")


def test_it_sorts_empty_and_one_word_names() -> None:
    assert sorted(["Minh", "", "An"], key=name_sort_key) == ["", "An", "Minh"]


@given(st.lists(vi_text, max_size=8))
def test_it_sorts_deterministically_whatever_the_input_order(items: list[str]) -> None:
    # Keys end with the NFC text, so only strings equal after normalisation may keep their input order.
    for key in (vi_sort_key, name_sort_key):
        forward = [nfc(i) for i in sorted(items, key=key)]
        backward = [nfc(i) for i in sorted(reversed(items), key=key)]
        assert forward == backward


@given(st.lists(st.text(), max_size=5))
def test_it_builds_comparable_keys_for_any_text(items: list[str]) -> None:
    assert len(sorted(items, key=vi_sort_key)) == len(sorted(items, key=name_sort_key)) == len(items)


# --- money -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "0 đồng"),
        (950, "950 đồng"),
        (1_000, "1.000 đồng"),
        (109_000_000, "109.000.000 đồng"),
        (1_800_000_000, "1.800.000.000 đồng"),
        (-1_234_567, "-1.234.567 đồng"),
    ],
)
def test_it_formats_money_with_dot_separators(amount: int, expected: str) -> None:
    assert format_money(amount) == expected


@pytest.mark.parametrize("bad", [1.5, 1800.0, Decimal("1800"), "1800", True, None])
def test_it_refuses_money_that_is_not_an_integer(bad: object) -> None:
    for formatter in (format_money, format_money_short, money_in_words):
        with pytest.raises(TypeError):
            formatter(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "0 đồng"),
        (950, "950 đồng"),
        (1_000, "1 nghìn đồng"),
        (1_500, "1,5 nghìn đồng"),
        (500_000, "500 nghìn đồng"),
        (1_000_000, "1 triệu đồng"),
        (109_000_000, "109 triệu đồng"),
        (109_440_000, "109,4 triệu đồng"),
        (109_450_000, "109,5 triệu đồng"),
        (1_800_000_000, "1,8 tỷ đồng"),
        (1_000_000_000, "1 tỷ đồng"),
        (1_049_999_999, "1 tỷ đồng"),
        (2_014_600_000_000, "2.014,6 tỷ đồng"),
        (999_960, "1 triệu đồng"),
        (999_950_000, "1 tỷ đồng"),
        (-1_800_000_000, "-1,8 tỷ đồng"),
    ],
)
def test_it_formats_money_compactly(amount: int, expected: str) -> None:
    assert format_money_short(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "Không đồng"),
        (1, "Một đồng"),
        (5, "Năm đồng"),
        (10, "Mười đồng"),
        (11, "Mười một đồng"),
        (14, "Mười bốn đồng"),
        (15, "Mười lăm đồng"),
        (20, "Hai mươi đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi bốn đồng"),
        (25, "Hai mươi lăm đồng"),
        (55, "Năm mươi lăm đồng"),
        (91, "Chín mươi mốt đồng"),
        (100, "Một trăm đồng"),
        (101, "Một trăm linh một đồng"),
        (105, "Một trăm linh năm đồng"),
        (110, "Một trăm mười đồng"),
        (111, "Một trăm mười một đồng"),
        (115, "Một trăm mười lăm đồng"),
        (121, "Một trăm hai mươi mốt đồng"),
        (1_000, "Một nghìn đồng"),
        (1_001, "Một nghìn không trăm linh một đồng"),
        (1_010, "Một nghìn không trăm mười đồng"),
        (1_100, "Một nghìn một trăm đồng"),
        (10_000, "Mười nghìn đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (100_000, "Một trăm nghìn đồng"),
        (250_000, "Hai trăm năm mươi nghìn đồng"),
        (1_000_000, "Một triệu đồng"),
        (1_000_005, "Một triệu không trăm linh năm đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
        (109_000_000, "Một trăm linh chín triệu đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (1_800_000_000, "Một tỷ tám trăm triệu đồng"),
        (1_000_000_050, "Một tỷ không trăm năm mươi đồng"),
        (2_014_600_000_000, "Hai nghìn không trăm mười bốn tỷ sáu trăm triệu đồng"),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
        (10**18, "Một tỷ tỷ đồng"),
        (
            123_456_789,
            "Một trăm hai mươi ba triệu bốn trăm năm mươi sáu nghìn bảy trăm tám mươi chín đồng",
        ),
        (-1_000, "Âm một nghìn đồng"),
        (-25, "Âm hai mươi lăm đồng"),
    ],
)
def test_it_reads_money_in_words(amount: int, expected: str) -> None:
    assert money_in_words(amount) == expected


@given(st.integers(min_value=-(10**21), max_value=10**21))
def test_it_reads_any_amount_as_a_capitalised_phrase_ending_in_dong(amount: int) -> None:
    words = money_in_words(amount)
    assert words
    assert words[0].isupper()
    assert words.endswith("đồng")
    assert "  " not in words
    # The readings that the conventions rule out.
    for wrong in ("mươi một", "mươi năm", "mười năm", "linh lăm", "linh mốt", "mười mốt", "không mươi"):
        assert wrong not in words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.800.000.000", 1_800_000_000),
        ("1,800,000,000", 1_800_000_000),
        ("1 800 000", 1_800_000),
        ("1\u00a0800\u00a0000", 1_800_000),
        ("1800000đ", 1_800_000),
        ("1800000 Đ", 1_800_000),
        ("1.800.000.000 đồng", 1_800_000_000),
        ("500.000 VNĐ", 500_000),
        ("  12.500 ", 12_500),
        ("0", 0),
        ("-5.000", -5_000),
    ],
)
def test_it_parses_money(text: str, expected: int) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize("text", ["1.800,50", "12.5", "1,5", "1.800.000,00"])
def test_it_rejects_decimal_amounts_with_a_vietnamese_message(text: str) -> None:
    with pytest.raises(ValueError, match=r"^Số tiền không hợp lệ: .*phần lẻ"):
        parse_money(text)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "đồng", "abc", "1.8000", "1.800,000", "12a", "1..000", "--5", "1.000.000.000.", "²", "١٢"],
)
def test_it_rejects_garbage_amounts(text: str) -> None:
    with pytest.raises(ValueError, match=r"^Số tiền không hợp lệ: "):
        parse_money(text)


@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_it_parses_what_it_formats(amount: int) -> None:
    assert parse_money(format_money(amount)) == amount


# --- dates -----------------------------------------------------------------------------------------------


def test_it_writes_dates_in_words() -> None:
    assert format_date_vi(datetime.date(2021, 1, 7)) == "ngày 7 tháng 1 năm 2021"
    assert format_date_vi(datetime.date(2024, 12, 25)) == "ngày 25 tháng 12 năm 2024"


def test_it_pads_dates_as_decree_30_requires() -> None:
    assert format_date_vi(datetime.date(2021, 1, 7), padded=True) == "ngày 07 tháng 01 năm 2021"
    assert format_date_vi(datetime.date(2021, 2, 15), padded=True) == "ngày 15 tháng 02 năm 2021"
    assert format_date_vi(datetime.date(2021, 3, 5), padded=True) == "ngày 05 tháng 3 năm 2021"
    assert format_date_vi(datetime.date(2021, 11, 20), padded=True) == "ngày 20 tháng 11 năm 2021"


def test_it_writes_short_dates() -> None:
    assert format_date_short(datetime.date(2021, 1, 7)) == "07/01/2021"
    assert format_date_short(datetime.datetime(2024, 12, 25, 9, 30)) == "25/12/2024"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50.000", 50_000),
        ("50,000", 50_000),
        ("50000", 50_000),
        ("50k", 50_000),
        ("50K", 50_000),
        ("50 nghìn", 50_000),
        ("50 ngàn đồng", 50_000),
        ("500 nghin", 500_000),
        ("1,5 triệu", 1_500_000),
        ("1.5 triệu", 1_500_000),
        ("15 triệu", 15_000_000),
        ("15tr", 15_000_000),
        ("1,8 tỷ", 1_800_000_000),
        ("1,25 tỉ đồng", 1_250_000_000),
        ("1 tỷ 800 triệu", 1_800_000_000),
        ("2 triệu 500 nghìn", 2_500_000),
        ("1.500 nghìn", 1_500_000),
        ("-2 triệu", -2_000_000),
    ],
)
def test_it_reads_amounts_as_cadres_and_donors_write_them(text: str, expected: int) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("1 triệu 5", "1,5 triệu"),  # spoken shorthand: ask for the full form
        ("500 nghìn 2 triệu", "ví dụ hợp lệ"),  # units out of order
        ("1,2345 nghìn", "phần lẻ"),  # a fraction of a đồng
        ("triệu", "ví dụ hợp lệ"),
        ("5 trieuu", "ví dụ hợp lệ"),
    ],
)
def test_it_refuses_unclear_amounts_with_an_example(text: str, hint: str) -> None:
    with pytest.raises(ValueError, match=r"^Số tiền không hợp lệ: ") as refused:
        parse_money(text)
    assert hint in str(refused.value)
