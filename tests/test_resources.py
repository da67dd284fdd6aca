"""quotelens.sentiment.resources: NLTK's own VADER loads offline from the project-local nltk_data."""

from __future__ import annotations

import socket
import urllib.request
import zipfile

import nltk
import pytest

from quotelens import config

from quotelens.sentiment import resources

SEED_QUOTE = "No breakthrough, no breakdown, no one walking out"


@pytest.fixture
def offline(monkeypatch):
    """Any attempt to open a network connection raises."""

    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    with pytest.raises(OSError):
        urllib.request.urlopen("http://example.org", timeout=1)


@pytest.fixture
def fresh_nltk(monkeypatch):
    """An nltk.data.path without the project folder and an empty resource cache, restored after."""
    monkeypatch.setattr(nltk.data, "path", [p for p in nltk.data.path if p != str(config.NLTK_DATA_DIR)])
    monkeypatch.setattr(nltk.data, "_resource_cache", {})


def test_vader_loads_from_fresh_folder_offline(tmp_path, offline, fresh_nltk):
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    root = resources.ensure_nltk_data(tmp_path / "nltk_data")
    assert root == tmp_path / "nltk_data"
    assert nltk.data.path[0] == str(root)
    found = nltk.data.find("sentiment/vader_lexicon.zip")
    assert str(found).startswith(str(root))
    with zipfile.ZipFile(root / resources.VADER_ZIP) as zf:
        assert zf.namelist() == [resources.VADER_MEMBER]
        assert zf.read(resources.VADER_MEMBER) == resources.vader_lexicon_text()
    analyzer = SentimentIntensityAnalyzer(lexicon_file=f"sentiment/vader_lexicon.zip/{resources.VADER_MEMBER}")
    scores = analyzer.polarity_scores(SEED_QUOTE)
    assert scores["compound"] < -0.3 and scores["neg"] > scores["pos"]
    assert analyzer.polarity_scores("The talks were a great success.")["compound"] > 0.3


def test_nltk_vader_helper_offline(offline):
    analyzer = resources.nltk_vader()
    assert analyzer.polarity_scores(SEED_QUOTE)["compound"] < 0
    assert str(config.NLTK_DATA_DIR) == nltk.data.path[0]


def test_build_is_byte_identical_and_repairs_stale_files(tmp_path, fresh_nltk):
    first = tmp_path / "a"
    second = tmp_path / "b"
    resources.ensure_nltk_data(first)
    resources.ensure_nltk_data(second)
    zip_a = (first / resources.VADER_ZIP).read_bytes()
    assert zip_a == (second / resources.VADER_ZIP).read_bytes()
    # A damaged zip with a stale stamp is rebuilt.
    (first / resources.VADER_ZIP).write_bytes(b"damaged")
    (first / resources.VADER_ZIP).with_suffix(".sha256").write_text("stale\n")
    resources.ensure_nltk_data(first)
    assert (first / resources.VADER_ZIP).read_bytes() == zip_a
    # Calling again does not put the folder on the path twice.
    assert nltk.data.path.count(str(first)) == 1
