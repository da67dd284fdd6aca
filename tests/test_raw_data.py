"""data/raw is immutable: every file in the README table has the sha256 recorded there."""

from __future__ import annotations

import hashlib
import re

from quotelens import config

README = config.RAW_DIR / "README.md"
# A table row: | `relative/path` | source | licence | obtained | `sha256` |
ROW = re.compile(r"^\|\s*`(?P<path>[^`]+)`\s*\|.*\|\s*`(?P<sha>[0-9a-f]{64})`\s*\|\s*$")


def listed_files() -> dict[str, str]:
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        m = ROW.match(line)
        if m:
            rows[m.group("path")] = m.group("sha")
    return rows


def test_readme_lists_the_default_corpora():
    rows = listed_files()
    assert "fa-kes/FA-KES-Dataset.csv" in rows
    assert "../../seeds/000_aff2fd669e79066c.txt" in rows
    assert {"newsmtsc/train.jsonl", "newsmtsc/devtest_rw.jsonl", "newsmtsc/devtest_mt.jsonl"} <= set(rows)


def test_sha256_of_every_listed_file_matches():
    mismatched = {}
    for rel, expected in listed_files().items():
        path = (config.RAW_DIR / rel).resolve()
        assert path.is_file(), f"{rel} is listed in data/raw/README.md but missing"
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != expected:
            mismatched[rel] = actual
    assert not mismatched, f"files changed since data/raw/README.md was written: {mismatched}"


def test_every_data_file_is_listed():
    listed = {(config.RAW_DIR / rel).resolve() for rel in listed_files()}
    data_files = {
        p.resolve() for p in config.RAW_DIR.rglob("*")
        if p.is_file() and p.suffix.lower() in {".csv", ".jsonl", ".json", ".parquet", ".txt", ".zip", ".gz"}
    }
    assert data_files <= listed, f"unlisted data files: {sorted(map(str, data_files - listed))}"
