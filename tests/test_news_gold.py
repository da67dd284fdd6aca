"""The news gold (data/gold/news): the annotation converter and the committed files' invariants."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO / "data" / "gold" / "news"
SEED_ID = "000_aff2fd669e79066c"

# scripts/ is not a package; load the converter the way an annotator runs it.
_spec = importlib.util.spec_from_file_location("gold_offsets", REPO / "scripts" / "gold_offsets.py")
gold_offsets = importlib.util.module_from_spec(_spec)
sys.modules["gold_offsets"] = gold_offsets  # dataclasses look their module up here
_spec.loader.exec_module(gold_offsets)


@pytest.fixture(scope="module")
def articles() -> dict[str, dict]:
    return gold_offsets.load_articles(NEWS / "articles.jsonl")


def line(**over) -> dict:
    row = {"speaker": "de Mistura", "speaker_kind": "person", "speaker_mention": "de Mistura",
           "type": "direct", "cue": "said", "content": "No breakthrough, no breakdown, no one walking out",
           "quoted": "", "continuation": False}
    row.update(over)
    return row


def write(tmp_path: Path, rows: list[dict], article_id: str = SEED_ID) -> Path:
    path = tmp_path / f"{article_id}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_direct_and_mixed_on_the_seed(tmp_path, articles):
    text = articles[SEED_ID]["text"]
    mixed = line(speaker="Francois Delattre", speaker_mention="Delattre", type="mixed", cue="stressed",
                 content='"the fight against terrorism is our number one priority" and the only way to '
                         'get rid of terrorists "is through a negotiated political solution"',
                 quoted=["the fight against terrorism is our number one priority",
                         "is through a negotiated political solution"])
    direct, mix = gold_offsets.convert_file(write(tmp_path, [line(), mixed]), articles)
    assert text[direct["start"]:direct["end"]] == direct["quote"]
    # the mention and cue picked are the ones right after the quote, not the other "de Mistura"s
    assert text[direct["speaker_start"]:direct["cue_end"]] == "de Mistura said"
    assert direct["end"] < direct["speaker_start"] < direct["end"] + 5
    assert mix["quoted"] == mixed["quoted"] and len(mix["quoted_spans"]) == 2
    assert (mix["quoted_start"], mix["quoted_end"]) == (mix["quoted_spans"][0][0], mix["quoted_spans"][1][1])
    assert text[mix["cue_start"]:mix["cue_end"]] == "stressed"
    assert mix["split"] == "dev" and mix["statement_id"] == f"{SEED_ID}:002"


def test_pronoun_mention_is_the_nearest_outside_the_content(tmp_path, articles):
    text = articles[SEED_ID]["text"]
    row = line(speaker_mention="he", content="But what I do believe is that what are going to be the next "
               "steps of the worldwide community in wanting to see an acceleration of the end of this "
               "conflict may help the government to be ready to address the political process")
    (st,) = gold_offsets.convert_file(write(tmp_path, [row]), articles)
    assert text[st["speaker_start"]:st["cue_end"]] == "he said"
    assert st["speaker_start"] > st["end"]


def test_continuation_has_no_tag(tmp_path, articles):
    row = line(speaker_mention="", cue="", continuation=True)
    (st,) = gold_offsets.convert_file(write(tmp_path, [row]), articles)
    assert st["speaker_start"] is None and st["cue_start"] is None and st["continuation"]


def test_pull_quote_has_no_cue_and_may_have_a_mention(tmp_path, articles):
    """An unrepeated pull quote (README, section 1): pull_quote true, cue "", the mention is the
    name of the box's attribution line if it has one, else ""."""
    bare = line(speaker_mention="", cue="", pull_quote=True)
    (st,) = gold_offsets.convert_file(write(tmp_path, [bare]), articles)
    assert st["pull_quote"] and not st["qa"] and not st["continuation"]
    assert st["cue_start"] is None and st["speaker_start"] is None
    named = line(cue="", pull_quote=True)
    (st,) = gold_offsets.convert_file(write(tmp_path, [named]), articles)
    assert st["cue_start"] is None and st["speaker_start"] is not None


def test_nested_quote_mark_at_the_edge_of_direct_content(tmp_path):
    """A mark at the start or end of a direct content stays when it belongs to a quotation nested
    inside it; the enclosing marks never do (README, section 2)."""
    text = ('Stan said, "When he was winning, I thought, \'OK, I\'ll do a Santorum\'." '
            'He added: "It mimicked the meaning of "santorum."" Then he left.')
    arts = {"t_nested": {"id": "t_nested", "text": text, "split": "dev"}}
    ok = [line(speaker="Stan", speaker_mention="Stan",
               content="When he was winning, I thought, 'OK, I'll do a Santorum'"),
          line(speaker="Stan", speaker_mention="He", cue="added",
               content='It mimicked the meaning of "santorum."')]
    assert len(gold_offsets.convert_file(write(tmp_path, ok, "t_nested"), arts)) == 2
    for content in ("\"When he was winning, I thought, 'OK, I'll do a Santorum'.\"",
                    "When he was winning, I thought, 'OK, I'll do a Santorum'.\"",
                    "\"When he was winning"):
        path = write(tmp_path, [line(speaker="Stan", speaker_mention="Stan", content=content)], "t_nested")
        with pytest.raises(gold_offsets.AnnotationError, match="without the marks"):
            gold_offsets.convert_file(path, arts)


@pytest.mark.parametrize("over, message", [
    ({"content": "No breakthrough, no breakdown, nobody walking out"}, "content not found"),
    ({"content": "de Mistura"}, "occurs"),                       # ambiguous without occurrence
    ({"content": "de Mistura", "occurrence": 99}, "occurrence 99"),
    ({"speaker_mention": "Kofi Annan"}, "speaker_mention"),
    ({"type": "quote"}, "type"),
    ({"speaker_kind": "human"}, "speaker_kind"),
    ({"type": "mixed"}, "quoted"),                               # mixed needs its fragment
    ({"content": '"No breakthrough, no breakdown, no one walking out"'}, "without the marks"),
    ({"cue": ""}, "required"),
    ({"continuation": True}, "no tag"),
    ({"pull_quote": True}, "pull quote has no cue"),                      # cue must be ""
    ({"pull_quote": True, "cue": "", "type": "indirect"}, "of type direct"),
    ({"pull_quote": True, "cue": "", "speaker_mention": "", "qa": True}, "at most one"),
    ({"content": "No breakthrough, no breakdown, no one walking out\""}, "without the marks"),
    ({"quotd": ""}, "unknown field"),
])
def test_errors_name_file_line_and_problem(tmp_path, articles, over, message):
    path = write(tmp_path, [line(), line(**over)])
    with pytest.raises(gold_offsets.AnnotationError) as exc:
        gold_offsets.convert_file(path, articles)
    assert any(p.startswith(f"{path}:2:") and message in p for p in exc.value.problems), exc.value.problems


def test_unknown_article_and_bad_json(tmp_path, articles):
    with pytest.raises(gold_offsets.AnnotationError, match="no article"):
        gold_offsets.convert_file(write(tmp_path, [line()], article_id="nope"), articles)
    path = tmp_path / f"{SEED_ID}.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(gold_offsets.AnnotationError, match=r":1: not valid JSON"):
        gold_offsets.convert_file(path, articles)


def test_articles_file_is_well_formed(articles):
    assert len(articles) >= 80
    for art in articles.values():
        assert {"id", "title", "text", "source", "date", "url", "origin", "split"} <= art.keys()
        assert art["split"] in {"dev", "test"}
    assert articles[SEED_ID]["split"] == "dev"  # the worked example is seen, so never test


def test_committed_statements_match_their_articles(articles):
    path = NEWS / "statements.jsonl"
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert rows, "statements.jsonl is empty"
    for st in rows:
        text = articles[st["article_id"]]["text"]
        assert text[st["start"]:st["end"]] == st["quote"], st["statement_id"]
        gold_offsets.assert_offsets(st, text)
        assert st["split"] == articles[st["article_id"]]["split"]


def test_readme_figures_are_up_to_date():
    """The README's tables are what scripts/gold_stats.py gives for the committed files."""
    spec = importlib.util.spec_from_file_location("gold_stats", REPO / "scripts" / "gold_stats.py")
    gold_stats = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gold_stats)
    assert gold_stats.main(["--check"]) == 0


def test_committed_statements_are_up_to_date(articles):
    """statements.jsonl is exactly what the annotation files give (annotators ran build)."""
    built = gold_offsets.build(NEWS / "annotations", articles)
    committed = [json.loads(x) for x in (NEWS / "statements.jsonl").read_text(encoding="utf-8").splitlines()]
    assert built == committed
