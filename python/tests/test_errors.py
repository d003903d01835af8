"""Bad input gets a clear, typed Python exception; never a crash."""

from __future__ import annotations

import pickle

import pytest

import zhclaims


@pytest.fixture(scope="module")
def ex():
    return zhclaims.Extractor()


@pytest.mark.parametrize(
    "data,encoding,want_encoding,offset",
    [
        (b"\xe6\x96\xb0\xff", "utf-8", "UTF-8", 3),
        (b"\xef\xbb\xbf\xe6\x96\xb0\xff", "utf-8", "UTF-8", 6),  # BOM counted
        (b"ab\x81\x20cd", "gb18030", "GB18030", 2),
        (b"\xb7\x73\xbc\x57\xff\xff", "big5", "Big5", 4),
        ("增长".encode("utf-16-le") + b"A", "utf-16", "UTF-16LE", 4),  # odd trailing byte
    ],
)
def test_decode_error_has_offset_and_encoding(ex, data, encoding, want_encoding, offset):
    with pytest.raises(zhclaims.DecodeError) as info:
        ex.extract_bytes(data, encoding=encoding)
    e = info.value
    assert (e.encoding, e.offset) == (want_encoding, offset)
    assert f"byte {offset}" in str(e)
    assert isinstance(e, ValueError)
    with pytest.raises(zhclaims.DecodeError):
        zhclaims.decode(data, encoding)


def test_binary_file(ex):
    with pytest.raises(zhclaims.DecodeError, match="binary") as info:
        ex.extract_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00")
    assert info.value.encoding is None and info.value.offset == 7


def test_decode_error_pickles():
    e = zhclaims.DecodeError("input is not valid UTF-8 at byte 3", "UTF-8", 3)
    back = pickle.loads(pickle.dumps(e))
    assert (str(back), back.encoding, back.offset) == (str(e), "UTF-8", 3)


def test_unknown_encoding_is_a_lookup_error(ex):
    with pytest.raises(LookupError, match="latin1"):
        ex.extract_bytes(b"abc", encoding="latin1")
    with pytest.raises(LookupError):
        zhclaims.decode(b"abc", "ebcdic")


def test_encodings_detected(ex):
    text = "全區居民人均可支配收入32688.5元,同比增長6.2%。"
    want = ex.extract(text).to_dict()
    for codec, name in [("utf-8", "UTF-8"), ("big5", "Big5"), ("utf-16", "UTF-16LE")]:
        data = text.encode(codec)
        assert zhclaims.decode(data) == (text, name)
        assert ex.extract_bytes(data).to_dict() == want
    gbk = "新增床位1000张,投资22.86亿元。"
    assert zhclaims.decode(gbk.encode("gbk")) == (gbk, "GB18030")
    assert ex.extract_bytes(gbk.encode("gbk"), "gbk").to_dict() == ex.extract(gbk).to_dict()
    assert ex.extract_bytes(bytearray(gbk.encode("utf-8"))).to_dict() == ex.extract(gbk).to_dict()


def test_bad_units():
    with pytest.raises(ValueError, match="units line 2: unknown unit kind"):
        zhclaims.Extractor(units="标准箱\t标箱\tcount\n标准箱\t标箱\tweird")
    with pytest.raises(ValueError, match="units line 1"):
        zhclaims.Extractor(units="only-one-field")
    with pytest.raises(TypeError, match=r"units\[0\]"):
        zhclaims.Extractor(units=[("a", "b")])
    with pytest.raises(ValueError, match="tab"):
        zhclaims.Extractor(units=[("a\tb", "c", "count")])


def test_wrong_types(ex):
    with pytest.raises(TypeError):
        ex.extract(b"bytes are for extract_bytes")
    with pytest.raises(TypeError):
        ex.extract(None)
    with pytest.raises(TypeError, match="not one str"):
        ex.extract_many("a single text")
    with pytest.raises(TypeError, match=r"texts\[1\] is a int"):
        ex.extract_many(["a", 3])
    with pytest.raises(TypeError, match=r"texts\[0\] is a NoneType"):
        ex.extract_many([None])
    with pytest.raises(TypeError):
        ex.extract_bytes("str is for extract")
    with pytest.raises(ValueError, match="threads"):
        ex.extract_many(["a"], threads=0)
    with pytest.raises(OverflowError):
        ex.extract_many(["a"], threads=-1)
    with pytest.raises(TypeError):
        zhclaims.Extractor(reporting_year="2023")


def test_lone_surrogates_are_a_unicode_error(ex):
    with pytest.raises(UnicodeEncodeError):
        ex.extract("新增\ud800床位1000张")
    with pytest.raises(UnicodeEncodeError):
        ex.extract_many(["ok", "\udcff"])


def test_records_cannot_be_built_or_changed_from_python(ex):
    c = ex.extract("新增床位1000张。").claims[0]
    with pytest.raises(AttributeError):
        c.value = 1
    with pytest.raises(TypeError):
        zhclaims.Claim()
    with pytest.raises(ValueError, match="not a valid record"):
        zhclaims.Claim._from_json("{}")
