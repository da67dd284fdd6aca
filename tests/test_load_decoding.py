"""quotelens.load.decoding: bytes to text (BOMs, UTF-16, the cp1252/latin-1 fallback), gzip
recovery and content hashes, on real FA-KES articles re-encoded the way other tools save them."""

from __future__ import annotations

import gzip
import hashlib
import warnings

import pandas as pd
import pytest

from quotelens.config import FAKES_CSV
from quotelens.load.conventions import FALLBACK_ENCODINGS, UTF8_BOM
from quotelens.load.corpus import load_corpus
from quotelens.load.decoding import decode_bytes, read_input_bytes, sha256_text
from quotelens.load.errors import CorpusWarning, RejectedInput

# A TRT World article whose footer reads "Copyright \ufffd\ufffd 2018": FA-KES lost the
# copyright sign upstream (a cp1252 byte read as UTF-8, twice replaced). Restoring it gives
# the bytes such a site export held before the damage.
TRT_ID = "1924058079"


@pytest.fixture(scope="module")
def fakes() -> pd.DataFrame:
    return pd.read_csv(FAKES_CSV, dtype=str, keep_default_na=False).set_index("unit_id")


@pytest.fixture(scope="module")
def trt_text(fakes) -> str:
    text = fakes.loc[TRT_ID, "article_content"]
    assert "Copyright \ufffd\ufffd 2018" in text
    return text.replace("\ufffd\ufffd", "\u00a9")


def test_plain_utf8_is_silent(trt_text):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert decode_bytes(trt_text.encode("utf-8")) == (trt_text, "utf-8")


def test_utf8_bom_is_dropped_from_the_text(trt_text):
    text, encoding = decode_bytes(UTF8_BOM + trt_text.encode("utf-8"))
    assert (text, encoding) == (trt_text, "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_either_byte_order_mark(trt_text, codec):
    data = trt_text.encode(codec)
    if codec != "utf-16":  # the -le/-be codecs write no BOM; add the one each order uses
        data = ("\ufeff" + trt_text).encode(codec)
    assert decode_bytes(data) == (trt_text, "utf-16")


def test_utf16_without_byte_order_mark_is_binary(trt_text):
    with pytest.raises(RejectedInput, match="NUL bytes"):
        decode_bytes(trt_text.encode("utf-16-le"))


def test_cp1252_fallback_restores_the_sign_and_names_the_line(trt_text):
    data = ("unit_id,article_content\n" + f"{TRT_ID},\"{trt_text}\"\n").encode("cp1252")
    with pytest.warns(CorpusWarning, match=r"trt\.csv: not valid UTF-8 \(first bad byte 0xa9 on line 2\); decoded as cp1252"):
        text, encoding = decode_bytes(data, "trt.csv")
    assert encoding == "cp1252" == FALLBACK_ENCODINGS[0]
    assert "Copyright \u00a9 2018 TRT World" in text


def test_curly_quotes_saved_by_a_windows_editor(fakes):
    # "humanitarian \ufffd\ufffdpause" in FA-KES was a curly opening quote before the damage.
    original = fakes.loc["1923102890", "article_content"].replace("\ufffd\ufffd", "\u201c")
    with pytest.warns(CorpusWarning, match="0x93 on line 1"):
        assert decode_bytes(original.encode("cp1252")) == (original, "cp1252")


def test_bytes_cp1252_leaves_undefined_fall_back_to_latin1(trt_text):
    # 0x81 has no cp1252 character; latin-1 maps it to the C1 control U+0081 (one in the text,
    # far below the binary threshold).
    data = trt_text.encode("utf-8") + b"\x81"
    with pytest.warns(CorpusWarning, match="decoded as latin-1"):
        text, encoding = decode_bytes(data)
    assert encoding == "latin-1" and text.endswith("\u0081")


def test_cp1252_csv_loads_like_the_utf8_one(tmp_path, fakes, trt_text):
    rows = fakes.loc[[TRT_ID, "1923102890"]].reset_index()
    rows.loc[0, "article_content"] = trt_text
    rows.to_csv(tmp_path / "utf8.csv", index=False, encoding="utf-8")
    rows.to_csv(tmp_path / "cp1252.csv", index=False, encoding="cp1252", errors="replace")
    utf8 = load_corpus([tmp_path / "utf8.csv"]).articles
    with pytest.warns(CorpusWarning):
        cp = load_corpus([tmp_path / "cp1252.csv"]).articles
    # The second article still holds U+FFFD, which cp1252 cannot write ("?"); compare the first.
    assert cp["text"].iat[0] == utf8["text"].iat[0] == trt_text
    assert cp["encoding"].tolist() == ["cp1252", "cp1252"]


def test_empty_and_control_character_files_are_rejected():
    with pytest.raises(RejectedInput, match="empty file"):
        decode_bytes(b" \n\t ")
    with pytest.raises(RejectedInput, match="control characters"):
        decode_bytes(b"PK\x03\x04" + b"\x01\x02" * 10 + b"text")


def test_gzip_members_concatenated_and_zero_padding(tmp_path, trt_text):
    first, second = trt_text[:1000].encode(), trt_text[1000:].encode()
    path = tmp_path / "a.txt.gz"
    # Two members (what `cat a.gz b.gz` makes) and the zero padding tape archives leave.
    path.write_bytes(gzip.compress(first, mtime=0) + gzip.compress(second, mtime=0) + b"\x00" * 512)
    assert read_input_bytes(path) == (trt_text.encode(), None)


def test_truncated_gzip_returns_what_it_recovered(tmp_path, trt_text):
    packed = gzip.compress(trt_text.encode() * 20, mtime=0)
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(packed[: len(packed) // 2])
    data, damage = read_input_bytes(path)
    assert damage.startswith("gzip stream truncated")
    assert data and (trt_text.encode() * 20).startswith(data)


def test_gz_name_without_gzip_data(tmp_path):
    path = tmp_path / "plain.csv.gz"
    path.write_text("id,text\n1,Hello.\n")
    with pytest.raises(RejectedInput, match="not a gzip file"):
        read_input_bytes(path)


def test_sha256_text_hashes_the_utf8_bytes(trt_text):
    assert sha256_text(trt_text) == hashlib.sha256(trt_text.encode("utf-8")).hexdigest()
    # The same text read from a cp1252 file has the same hash: it names the text, not the file.
    with pytest.warns(CorpusWarning):
        assert sha256_text(decode_bytes(trt_text.encode("cp1252"))[0]) == sha256_text(trt_text)
