"""The explorer's filters (06_explore) on real statements, and the widgets driven from code."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

import report_fixtures as fx
from quotelens.compare import comparisons as cmp
from quotelens.compare import explore
from quotelens.config import PROJ_ROOT


@pytest.fixture(scope="module")
def ctx():
    groups = cmp.load_outlet_groups(PROJ_ROOT / "data" / "outlets.yaml")
    articles, statements = fx.corpus()
    return cmp.statements_in_context(statements, articles, groups)


def test_no_filter_keeps_everything(ctx):
    assert explore.filter_statements(ctx).equals(ctx)


def test_actor_outlet_group_and_type_filters(ctx):
    sel = explore.filter_statements(ctx, actors=["Staffan de Mistura"], types="direct")
    assert len(sel) == 3 and set(sel["type"]) == {"direct"}
    assert explore.filter_statements(ctx, outlets="etilaf")["speaker"].tolist() == ["Anas al-Abdah"] * 2
    assert len(explore.filter_statements(ctx, outlets=[cmp.UNKNOWN_SOURCE])) == 12
    sel = explore.filter_statements(ctx, groups=["international_regional", "turkish"])
    assert sorted(sel["speaker"]) == ["Rami Abdel Rahman", "Russia", "United States", "World Health Organization"]
    # Filters combine with AND: an actor never quoted by that outlet gives nothing.
    assert explore.filter_statements(ctx, actors="Russia", outlets="etilaf").empty


def test_date_filters_are_inclusive_and_drop_undated(ctx):
    sel = explore.filter_statements(ctx, start="2016-09", end="2016-10")
    assert sel["article_id"].tolist() == ["1926479003", "1926478910"]  # 17 Sep and 6 Oct 2016
    assert explore.filter_statements(ctx, start="2016-04-23", end="2016-04-23")["article_id"].tolist() == ["1926478914"]
    assert explore.filter_statements(ctx, end="2016-04-22").empty
    assert not explore.filter_statements(ctx, start="2000-01").isin({"article_id": [fx.SEED_ID]})["article_id"].any()


def test_search_is_literal_and_case_insensitive(ctx):
    sel = explore.filter_statements(ctx, search="TERRORISM")
    assert sel["quote"].tolist() == ["the fight against terrorism is our number one priority"]
    assert explore.filter_statements(ctx, search="(HNC)")["speaker"].tolist() == ["Staffan de Mistura"]
    assert explore.filter_statements(ctx, search="abdah")["speaker"].unique().tolist() == ["Anas al-Abdah"]
    assert explore.filter_statements(ctx, search=".*").empty
    assert explore.filter_statements(ctx, search="  ").equals(ctx)


def test_selection_summary_counts_and_means(ctx):
    scored = ctx.assign(sentiment=np.where(ctx["speaker"] == "Francois Delattre", 0.5, np.nan))
    summary = explore.summarise_selection(explore.filter_statements(scored, outlets=[cmp.UNKNOWN_SOURCE]), top_k=2)
    assert summary["speaker"].tolist() == ["Staffan de Mistura", "Francois Delattre"]
    assert summary["n_statements"].tolist() == [8, 3]
    assert summary["n_scored"].tolist() == [0, 3]
    assert summary["mean_sentiment"].iloc[1] == pytest.approx(0.5)
    assert explore.summarise_selection(ctx.iloc[:0]).empty
    with pytest.raises(ValueError, match="empty selection"):
        explore.plot_selection(explore.summarise_selection(ctx.iloc[:0]), "t")


def test_widgets_drive_the_linked_table_and_chart(ctx):
    ex = explore.Explorer(ctx, top_k=5, rows=5)
    assert len(ex.filtered) == len(ctx)
    ex.search.value = "terrorism"
    assert ex.filtered["speaker"].tolist() == ["Francois Delattre"]
    assert "<b>1</b> of 19" in ex.count.value
    ex.search.value = ""
    ex.actors.value = tuple(o for o in ex.actors.options if o.startswith("Anas al-Abdah"))
    assert ex.actors.value == ("Anas al-Abdah (2)",)
    assert len(ex.filtered) == 2
    ex.months.value = ("2016-09", ex.months.options[-1])
    assert ex.filtered["article_id"].tolist() == ["1926479003"]
    ex.outlets.value = ("sana",)
    assert ex.filtered.empty
