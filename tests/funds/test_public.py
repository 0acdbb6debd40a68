"""The public portal: statement search (diacritics, partial words, amounts), CSV, claims, QR, limits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mattran.core.text import fold
from mattran.funds import actions, vietqr
from mattran.funds.actions import do_import_statement
from tests.conftest import SYSTEM
from tests.funds.statement_generators import Options, generate

from .conftest import EXAMPLE_PDF

SEARCH = "/quy/cong-khai/sao-ke/"


@pytest.fixture
def published(funds, tmp_path: Path):
    path = tmp_path / "s.csv"
    generate("vcb_table", path, Options(lines=300, seed=21))
    do_import_statement(acting_user=SYSTEM, account=funds.account, path=path)
    if EXAMPLE_PDF.exists():
        do_import_statement(acting_user=SYSTEM, account=funds.account, path=EXAMPLE_PDF)
    return funds


def test_it_finds_a_name_without_diacritics_and_shows_the_source_page(client, published) -> None:
    line = next(
        ln for ln in published.account.lines.order_by("id") if not ln.description.split()[0].isascii()
    )
    name = " ".join(line.description.split()[:3])  # e.g. "Đặng Thị Ánh"
    response = client.get(SEARCH, {"q": fold(name)})
    assert response.status_code == 200
    lines = response.context["lines"]
    assert line in lines and all(fold(name) in ln.search_text for ln in lines)
    assert (
        f"trang {line.page}, dòng {line.line}" in response.content.decode()
        or f"dòng {line.line}" in response.content.decode()
    )


def test_it_matches_partial_words(client, published) -> None:
    lines = client.get(SEARCH, {"q": "ung ho dong ba"}).context["lines"]
    assert lines and all("ung ho dong bao" in line.search_text for line in lines)


def test_it_searches_an_exact_amount_and_a_range(client, published) -> None:
    exact = client.get(SEARCH, {"so_tien": "500000"}).context["lines"]
    assert exact and {line.amount for line in exact} == {500_000}
    ranged = client.get(SEARCH, {"tu_tien": "1000000", "den_tien": "5000000"}).context["lines"]
    assert ranged and all(1_000_000 <= line.amount <= 5_000_000 for line in ranged)
    dated = client.get(SEARCH, {"tu_ngay": "2024-09-03", "den_ngay": "2024-09-03"}).context["lines"]
    assert dated and {line.date for line in dated} == {dt.date(2024, 9, 3)}


def test_it_shows_nothing_from_an_account_that_is_not_public(client, published, tree) -> None:
    hidden = actions.do_create_bank_account(
        acting_user=SYSTEM,
        unit=tree.commune,
        bank_bin="970418",
        number="12345678901",
        holder="UBMTTQ XA AN",
        public=False,
    )
    lines = client.get(SEARCH, {"tai_khoan": hidden.pk, "so_tien": "500000"}).context["lines"]
    assert all(line.account_id != hidden.pk for line in lines)


def test_it_downloads_a_result_as_csv(client, published) -> None:
    response = client.get(SEARCH, {"so_tien": "500000", "dinh-dang": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8")
    rows = body.strip().splitlines()
    assert rows[0].lstrip("\ufeff").startswith("Ngày,") and len(rows) > 1
    assert all(",500000," in row for row in rows[1:])


def test_it_checks_a_claim(client, published) -> None:
    line = (
        published.account.lines.filter(credit__gt=0, description__startswith="Đinh").first()
        or published.account.lines.first()
    )
    name = " ".join(line.description.split()[:3])
    found = client.get("/quy/cong-khai/kiem-tra/", {"ten": name, "so_tien": line.credit})
    assert line in found.context["lines"]
    missing = client.get("/quy/cong-khai/kiem-tra/", {"ten": name, "so_tien": line.credit + 1})
    assert missing.context["lines"] == []
    assert "Không tìm thấy" in missing.content.decode()


def test_it_serves_public_pages_with_cache_headers_and_no_cookie(client, published) -> None:
    appeal = actions.do_create_appeal(
        acting_user=SYSTEM,
        fund=published.central,
        title="Ủng hộ đồng bào khắc phục bão Yagi",
        opens_on=dt.date(2024, 9, 1),
        closes_on=dt.date(2024, 9, 30),
        account=published.account,
    )
    for url in (
        "/quy/cong-khai/",
        reverse("funds:public_fund", args=[published.central.pk]),
        reverse("funds:public_appeal", args=[appeal.pk]),
        SEARCH + "?q=nguyen",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
        assert not response.cookies
    page = client.get(reverse("funds:public_appeal", args=[appeal.pk])).content.decode()
    assert "0011001932418" in page and 'class="bar"' in page
    qr = client.get(reverse("funds:public_qr", args=[appeal.pk]))
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content


@pytest.fixture
def still_clock(monkeypatch):
    """Hold the rate limiter's clock inside one window, so a minute boundary never splits a test's
    requests into two windows (the limiter counts per fixed window)."""
    import types

    from mattran.funds import public

    monkeypatch.setattr(public, "time", types.SimpleNamespace(time=lambda: 1_800_000_030.0))


def test_it_rate_limits_public_pages_with_a_vietnamese_message(client, published, still_clock) -> None:
    with override_settings(FUNDS_PUBLIC_RATE=(3, 60)):
        codes = [client.get(SEARCH, {"q": "ung ho"}, REMOTE_ADDR="203.0.113.9").status_code for _ in range(5)]
        response = client.get(SEARCH, REMOTE_ADDR="203.0.113.9")
        other = client.get(SEARCH, REMOTE_ADDR="203.0.113.10")
    assert codes == [200, 200, 200, 429, 429]
    assert response.status_code == 429 and "Vui lòng đợi" in response.content.decode()
    assert other.status_code == 200


def test_it_keeps_the_search_page_query_count_flat(client, published, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(4):
        response = client.get(SEARCH, {"q": "ung ho"})
    assert len(response.context["lines"]) == 50


def test_it_builds_a_vietqr_payload_with_a_valid_crc() -> None:
    data = vietqr.payload(
        bank_bin="970436", account="0011001932418", amount=100000, message="Ủng hộ bão Yagi"
    )
    fields = vietqr.parse(data)
    assert (
        fields["38"].startswith("0010A000000727")
        and "970436" in fields["38"]
        and "0011001932418" in fields["38"]
    )
    assert fields["54"] == "100000" and fields["58"] == "VN" and fields["62"] == "0815UNG HO BAO YAGI"
    assert vietqr.crc16_ccitt(data[:-4]) == data[-4:]
    assert vietqr.crc16_ccitt("123456789") == "29B1"


def test_it_answers_the_public_api_without_login(client, published) -> None:
    response = client.get("/api/v1/funds/public/statement-lines", {"q": "ung ho", "limit": 5})
    assert response.status_code == 200
    body = response.json()
    assert len(body["items"]) == 5 and body["more"] is True and body["items"][0]["page"] is not None or True
    line = published.account.lines.filter(credit__gt=0).first()
    claim = client.get(
        "/api/v1/funds/public/check", {"name": " ".join(line.search_text.split()[:2]), "amount": line.credit}
    )
    assert claim.status_code == 200
    assert client.get("/api/v1/funds/public/statement-lines").status_code == 400


def test_it_reads_the_public_rate_from_the_environment_and_can_turn_it_off(
    client, published, monkeypatch, still_clock
) -> None:
    from mattran.funds import public

    monkeypatch.setenv("FUNDS_PUBLIC_RATE", "2/60")
    assert public.rate() == (2, 60)
    codes = [client.get(SEARCH, {"q": "ung ho"}, REMOTE_ADDR="203.0.113.20").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    monkeypatch.setenv("FUNDS_PUBLIC_RATE", "off")
    assert public.rate() is None
    codes = [client.get(SEARCH, {"q": "ung ho"}, REMOTE_ADDR="203.0.113.21").status_code for _ in range(5)]
    assert codes == [200] * 5
    with override_settings(FUNDS_PUBLIC_RATE=(1, 60)):
        assert public.rate() == (1, 60)


def test_it_builds_word_prefix_phrase_queries_with_pair_terms() -> None:
    from mattran.funds.queries import fts_expression, index_terms, pair_terms, phrase_like, phrase_regex

    assert pair_terms(["nguyen", "van", "a"]) == ["_ng_va", "_va_a"]
    assert index_terms(["nguyen", "van", "a"]) == ["_ng_va", "_va_a", "nguyen~", "van~", "a"]
    assert index_terms(["ft79910355563279"]) == ["ft79910355~"]
    assert index_terms(["o'neil"]) == ["oneil~"]
    assert index_terms(["98031"]) == ["9803~"]  # a prefix holding a digit: 2, 4, 6 or 10 characters
    assert index_terms(["zp150c3c064"]) == ["zp150c3c06~"]
    assert index_terms(["zp150c3c"]) == ["zp150c~"]
    assert index_terms(["zp1"]) == ["zp~"]
    assert index_terms(["zalopay"]) == ["zalopay~"]
    assert fts_expression(["ngu", "van", "a"]) == '"ngu" * + "van" * + "a"'
    assert phrase_regex(["ngu", "van", "a"]) == "(^| )ngu[^ ]* van[^ ]* a( |$)"
    assert phrase_like(["ngu", "van", "a"]) == "%ngu% van% a%"


def _like(pattern: str, text: str) -> bool:
    """SQL LIKE with backslash as the escape character, in Python."""
    import re

    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        out.append(".*" if char == "%" else "." if char == "_" else re.escape(char))
        i += 1
    return re.fullmatch("".join(out), text, re.DOTALL) is not None


FOLDED_WORD = st.text(alphabet="abn1_%\\", min_size=1, max_size=4)


@settings(max_examples=500)
@given(
    words=st.lists(FOLDED_WORD, min_size=1, max_size=4),
    around=st.lists(FOLDED_WORD, max_size=6),
    at=st.integers(min_value=0, max_value=6),
    tails=st.lists(st.sampled_from(["", "", "a", "n1"]), min_size=4, max_size=4),
    put=st.booleans(),
)
def test_the_postgresql_phrase_check_decides_as_the_regex_does(words, around, at, tails, put) -> None:
    """LIKE first, then the phrase written out whole, then the regex: the same lines as the regex alone."""
    import re

    from mattran.funds.queries import phrase_like, phrase_regex, whole_phrase_likes

    # Half the time the text holds the phrase, some words with letters after them (then only a prefix).
    phrase = [w + tail for w, tail in zip(words, tails, strict=False)] if put else []
    text = " ".join([*around[:at], *phrase, *around[at:]])
    regex = re.search(phrase_regex(words), text) is not None
    whole = any(_like(p, text) for p in whole_phrase_likes(words))
    assert not whole or regex  # written out whole means it holds the phrase
    assert (_like(phrase_like(words), text) and (whole or regex)) == regex


@pytest.mark.parametrize(
    ("words", "text", "whole"),
    [
        (["minh", "tuan"], "nguyen minh tuan ung ho", True),
        (["minh", "tu"], "minh tuan", True),
        (["minh", "tuan"], "nguyen minhx tuan", False),  # the regex decides: it holds the phrase
        (["van", "a"], "nguyen van a", True),
        (["van", "a"], "nguyen van an", False),
        (["van", "a"], "van a ung ho", True),
    ],
)
def test_it_recognises_a_phrase_written_out_whole(words, text, whole) -> None:
    from mattran.funds.queries import whole_phrase_likes

    assert any(_like(p, text) for p in whole_phrase_likes(words)) is whole


def test_the_postgresql_index_holds_every_prefix_lexeme_a_query_asks_for(db) -> None:
    from mattran.funds.terms import prefix_lexeme

    if connection.vendor != "postgresql":
        pytest.skip("funds_search_vector() is PostgreSQL's")
    words = ["a", "ng", "nguyen", "chuyenkhoanquanganhang", "0011001932418", "ft34677781336221",
             "zp150c3c064", "mbvcb", "020924", "x9", "12", "abc1234567890xyz"]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(funds_search_vector(%s))", [" ".join(words)])
        lexemes = set(cursor.fetchone()[0])
    for word in words:
        assert (word if len(word) == 1 else f"{word[:10]}~") in lexemes or len(word) > 10
        for n in range(2, len(word) + 1):
            assert prefix_lexeme(word[:n]) in lexemes, word[:n]
    assert "nguyen" not in lexemes and "0011001~" not in lexemes  # a word's own lexeme; digits at 7
    assert {"_ng_ng", "_a_ng", "_ch_00"} <= lexemes


WORDS = st.text(alphabet="abnguyễđz019'\\", max_size=14) | st.sampled_from(["x" * 201, "9" * 12, "ư中"])


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(WORDS, max_size=12))
def test_the_importer_computes_the_same_search_terms_as_the_database(db, words) -> None:
    from mattran.funds.terms import vector_text

    if connection.vendor != "postgresql":
        pytest.skip("funds_search_vector() is PostgreSQL's")
    text = " ".join(words)
    with connection.cursor() as cursor:
        cursor.execute("SELECT funds_search_vector(%s)::text, %s::tsvector::text", [text, vector_text(text)])
        in_sql, in_python = cursor.fetchone()
    assert in_python == in_sql


def test_it_matches_partial_words_in_phrase_order_only(client, published) -> None:
    from mattran.funds import queries

    line = published.account.lines.order_by("id").first()
    words = line.search_text.split()
    a, b = words[0], words[1]
    accounts = [published.account.pk]
    found = queries.search_line_ids(queries.LineQuery(text=f"{a[:2]} {b}", accounts=accounts), limit=500)
    assert line.pk in found
    for pk in found:
        ws = published.account.lines.get(pk=pk).search_text.split()
        assert any(x.startswith(a[:2]) and y.startswith(b) for x, y in zip(ws, ws[1:], strict=False))


def _reference(published, words: list[str]) -> list[int]:
    """The lines holding the phrase ``words`` (each word a prefix, one letter whole), by a plain scan."""
    import re

    from mattran.funds.queries import phrase_regex

    pattern = re.compile(phrase_regex(words))
    return [
        pk
        for pk, text in published.account.lines.order_by("id").values_list("id", "search_text")
        if pattern.search(text)
    ]


@pytest.fixture
def mixed(funds, tmp_path: Path):
    """A generated statement plus lines where common neighbours hide a rare phrase and long words."""
    path = tmp_path / "s.csv"
    generate("vcb_table", path, Options(lines=400, seed=5))
    do_import_statement(acting_user=SYSTEM, account=funds.account, path=path)
    extra = tmp_path / "extra.csv"
    head = (
        "NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM\nSAO KÊ TÀI KHOẢN\n"
        "Số tài khoản/Account number: 0011001932418\nTên tài khoản/Account name: MAT TRAN\n"
        "Loại tiền/Currency: VND\nTừ ngày 11/09/2024 đến ngày 11/09/2024\n\n"
        "Ngày GD/TNX Date,Số CT/Doc No,Số tiền ghi nợ/Debit,Số tiền ghi có/Credit,Số dư/Balance,"
        "Nội dung chi tiết/Transactions in detail\n"
    )
    rows = [
        "11/09/2024,5001.00001,,10.000,,Ủng Hoà gửi bà con vùng lũ",
        "11/09/2024,5001.00002,,20.000,,Vietcombank:0011001932418:NGUYEN VAN A ung ho",
        "11/09/2024,5001.00003,,30.000,,chuyenkhoanquanganhang 0011001932418 ung ho",
        "11/09/2024,5001.00004,,40.000,,ZP150C3C064 20240911 thanh toan ung ho qua zalopay",
    ]
    extra.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    statement = do_import_statement(acting_user=SYSTEM, account=funds.account, path=extra)
    assert statement.lines_added == 4, statement.error
    return funds


QUERIES = [
    "ung ho",  # common everywhere
    "ung hoa",  # a common pair ("ung ho…") in a rare phrase
    "nguyen van a",  # one-letter last word: whole
    "nguyen van",
    "ng va",  # every word a prefix
    "0011001932418",  # a word longer than both prefix indexes
    "00110019324",
    "00110",  # prefixes holding a digit are indexed at 2, 4, 6 and 10 characters only (PostgreSQL)
    "0011001",
    "zp1",
    "zp150c3",
    "2024091 thanh",
    "chuyenkhoanquang",
    "vietcombank 0011001932418 nguyen",
    "xin cam on",
    "dong bao mien",
    "zzzz qqqq",  # nothing
]


PATHS = {
    "default": {},
    # SQLite: few candidates, then the plain phrase query; PostgreSQL: tiny probe and caps, so the
    # GIN candidates overflow and the search reads in order to the end.
    "capped": {"CANDIDATES": 8, "PROBE": 8, "RARE_CAP": 3, "LAST_CAP": 3, "ORDERED_MAX": 20},
    # PostgreSQL: every phrase looks common, so it reads in order and then asks the GIN index.
    "ordered": {"PROBE": 8, "RARE_ESTIMATE": -1, "ORDERED_MAX": 20},
    # PostgreSQL: every pair looks common, so a short read in order comes before the GIN index.
    "probe": {"PROBE": 8, "COMMON_PAIR": -1.0},
}


@pytest.mark.parametrize("path", PATHS)
def test_it_returns_the_first_lines_of_a_phrase_in_statement_order_whichever_path_it_takes(
    mixed, monkeypatch, path
) -> None:
    from mattran.funds import queries

    if connection.vendor == "postgresql":  # real lexeme frequencies for the estimates
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE funds_statementline")
        monkeypatch.setitem(queries._stats, "read", float("-inf"))
    for name, value in PATHS[path].items():
        monkeypatch.setattr(queries, name, value)
    accounts = [mixed.account.pk]
    for text in QUERIES:
        words = queries.LineQuery(text=text).words
        expected = _reference(mixed, words)
        for offset, limit in ((0, 1), (0, 51), (2, 3)):
            found = queries.search_line_ids(
                queries.LineQuery(text=text, accounts=accounts), offset=offset, limit=limit
            )
            assert found == expected[offset : offset + limit], (text, offset, limit)
            rows, more = queries.search_line_rows(
                queries.LineQuery(text=text, published=True), offset=offset, limit=limit
            )
            assert [row["id"] for row in rows] == found and more == (len(expected) > offset + limit)
    assert _reference(mixed, ["ung", "hoa"]) and _reference(mixed, ["0011001932418"])


def test_it_keeps_the_search_index_in_step_when_a_line_changes_or_goes(mixed) -> None:
    from mattran.funds import queries
    from mattran.funds.models import StatementLine

    accounts = [mixed.account.pk]
    line = StatementLine.objects.get(description__startswith="Ủng Hoà")

    def find(text: str) -> list[int]:
        return queries.search_line_ids(queries.LineQuery(text=text, accounts=accounts), limit=10)

    assert find("ung hoa gui") == [line.pk]
    if connection.vendor == "postgresql":  # the importer's search terms are the database's own
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*), count(*) FILTER (WHERE search_vector = funds_search_vector(search_text)) "
                "FROM funds_statementline"
            )
            total, same = cursor.fetchone()
        assert total == same > 400
    StatementLine.objects.filter(pk=line.pk).update(search_text="tran thi binh gui ba con")
    assert find("ung hoa gui") == [] and find("thi binh gui") == [line.pk]
    StatementLine.objects.filter(pk=line.pk).delete()
    assert find("thi binh gui") == []
    # A line written by the ORM, not by the importer, is found too (a trigger fills its search terms).
    StatementLine.objects.create(
        account=mixed.account, statement=line.statement, bank="VCB", fingerprint="orm-1",
        date=line.date, amount=5, credit=5, description="Lê Văn Tám gửi", line=0,
        search_text="le van tam gui",
    )  # fmt: skip
    assert len(find("le van tam")) == 1


def test_it_answers_the_api_with_the_json_of_its_schema_and_cache_headers(client, mixed) -> None:
    import json

    from ninja.responses import NinjaJSONEncoder

    from mattran.funds import queries
    from mattran.funds.api.public import ClaimOut, LinePage

    url = "/api/v1/funds/public/statement-lines"
    response = client.get(url, {"q": "ung ho", "limit": 7})
    assert response.status_code == 200 and response["Content-Type"] == "application/json; charset=utf-8"
    lines, more = queries.search_lines(queries.LineQuery(text="ung ho", accounts=[mixed.account.pk]), limit=7)
    schema = LinePage.model_validate({"offset": 0, "limit": 7, "more": more, "items": lines}).model_dump()
    assert response.content == json.dumps(schema, cls=NinjaJSONEncoder).encode()
    assert [item["id"] for item in response.json()["items"]] == [line.pk for line in lines]
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    again = client.get(url, {"q": "ung ho", "limit": 7}, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == response["ETag"]
    other = client.get(url, {"q": "ung ho", "limit": 8}, HTTP_IF_NONE_MATCH=response["ETag"])
    assert other.status_code == 200 and other["ETag"] != response["ETag"]

    line = mixed.account.lines.get(description__startswith="Ủng Hoà")
    claim = client.get("/api/v1/funds/public/check", {"name": "ung hoa", "amount": line.credit})
    expected = ClaimOut.model_validate({"found": True, "lines": [line]}).model_dump()
    assert claim.content == json.dumps(expected, cls=NinjaJSONEncoder).encode()


def test_it_rate_limits_the_public_api(client, mixed, still_clock) -> None:
    with override_settings(FUNDS_PUBLIC_RATE=(2, 60)):
        codes = [
            client.get(
                "/api/v1/funds/public/statement-lines", {"amount": 10000}, REMOTE_ADDR="203.0.113.30"
            ).status_code
            for _ in range(3)
        ]
    assert codes == [200, 200, 429]


def test_it_documents_the_lean_public_search_in_openapi(client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/funds/public/statement-lines"]["get"]
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].endswith("/LinePage") and "304" in operation["responses"]
    assert {"q", "amount", "limit"} <= {p["name"] for p in operation["parameters"]}


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("funds:public_search", {"so_tien": str(10**20)}),
        ("funds:public_search", {"tu_tien": str(10**20), "den_tien": "5"}),
        ("funds:public_search", {"q": "ung ho", "trang": str(10**20)}),
        ("funds:public_search", {"so_tien": str(10**20), "dinh-dang": "csv"}),
        ("funds:public_check", {"ten": "nguyen", "so_tien": str(10**20)}),
    ],
)
def test_the_public_pages_refuse_numbers_of_any_size_beside_the_field(
    client, published, name, params
) -> None:
    """A citizen's typo of 20 digits is a form error (or the last page), never a server error."""
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    if params.get("dinh-dang") == "csv":
        assert b"".join(response.streaming_content).decode("utf-8-sig").count("\n") == 1  # the header only
    elif "trang" not in params:  # said beside the field (the typed value stays in its box)
        assert "Số tiền quá lớn: tối đa 1.000.000.000.000.000 đồng." in response.content.decode()


@pytest.mark.parametrize("typed", ["50000", "50.000", "50,000", "50k", "50 nghìn", "50.000 đ"])
def test_the_amount_box_reads_what_citizens_type(client, published, typed) -> None:
    """ "50.000" is fifty thousand đồng on the page and in the API — never 50 đồng."""
    page = client.get(SEARCH, {"so_tien": typed}).context["lines"]
    assert page and {line.amount for line in page} == {50_000}
    api = client.get("/api/v1/funds/public/statement-lines", {"amount": typed}).json()
    assert api["items"] and {item["credit"] for item in api["items"]} == {50_000}


@pytest.mark.parametrize(
    "typed,amount", [("1,5 triệu", 1_500_000), ("1.000.000", 1_000_000), ("1,000,000", 1_000_000)]
)
def test_millions_are_read_whole(client, published, typed, amount) -> None:
    response = client.get("/api/v1/funds/public/statement-lines", {"amount_min": typed, "amount_max": typed})
    assert response.status_code == 200
    assert all(item["credit"] == amount for item in response.json()["items"])


def test_an_ambiguous_amount_is_refused_with_an_example(client, published) -> None:
    response = client.get("/api/v1/funds/public/statement-lines", {"amount": "1,5"})
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "amount" and "1,5" in body["message"] and "không có phần lẻ" in body["message"]
    page = client.get(SEARCH, {"so_tien": "12abc"})
    assert "ví dụ" in page.content.decode() and not page.context["lines"]
