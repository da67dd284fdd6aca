"""Parameters given to the real notebooks: unknown, misspelled or ill-typed ones stop the run
before any notebook starts, naming every valid parameter with its type.

tests/test_report.py checks the runner's mechanics on tiny notebooks; this file checks the
project's own notebooks and configs, including element types inside lists and dicts and None.
"""

from __future__ import annotations

import copy
import datetime

import pytest
import yaml

from quotelens import cli
from quotelens import config as qconfig
from quotelens.report import runner as report
from quotelens.report.runner import ReportConfigError, type_matches

CONFIGS = ["default.yaml", "smoke.yaml"]


@pytest.fixture
def no_kernels(monkeypatch):
    """Fail loudly if anything tries to execute a notebook."""

    def refuse(*args, **kwargs):
        raise AssertionError("a notebook was started")

    monkeypatch.setattr(report.papermill, "execute_notebook", refuse)


def smoke_with(tmp_path, notebook: str, **params):
    data = yaml.safe_load((qconfig.CONFIGS_DIR / "smoke.yaml").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    for key in ("processed_dir", "figures_dir", "reports_dir"):
        data[key] = str(tmp_path / "out" / key)
    data["notebooks"][notebook].update(params)
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def problems_for(tmp_path, notebook: str, **params) -> str:
    with pytest.raises(ReportConfigError) as err:
        report.plan(report.load_config(smoke_with(tmp_path, notebook, **params)))
    return str(err.value)


@pytest.mark.parametrize("name", CONFIGS)
def test_committed_configs_pass(name):
    runs, skipped = report.plan(report.load_config(qconfig.CONFIGS_DIR / name))
    assert [r.name for r in runs] == [n for n in report.NOTEBOOK_ORDER if (qconfig.NOTEBOOKS_DIR / f"{n}.ipynb").exists()]


def test_every_declared_parameter_has_a_checkable_type():
    """Bare `list`/`dict` without a typed default would accept any elements."""
    loose = []
    for name in report.NOTEBOOK_ORDER:
        path = qconfig.NOTEBOOKS_DIR / f"{name}.ipynb"
        for param in report.declared_parameters(path).values():
            annotation = report.effective_annotation(param)
            if annotation in (None, "list", "dict"):
                loose.append(f"{name}.{param.name}: {param.annotation} = {param.default}")
    assert loose == []


def test_misspelled_parameter_stops_before_anything_runs(tmp_path, no_kernels, capsys):
    cfg = smoke_with(tmp_path, "04_keywords", top_kk=8)
    assert cli.main(["report", "--config", str(cfg)]) == 2
    err = capsys.readouterr().err
    assert "04_keywords: unknown parameter 'top_kk' (did you mean 'top_k'?)" in err
    assert "04_keywords declares: processed_dir: str, figures_dir: str," in err
    assert "top_k: int" in err and "also_by: list[str]" in err
    assert not (tmp_path / "out").exists()  # no output folder was even created


@pytest.mark.parametrize(
    "notebook, params, expected",
    [
        ("01_articles", {"corpus_paths": [1]}, "parameter 'corpus_paths' expects list[str], got list [1]"),
        ("01_articles", {"corpus_paths": "seeds"}, "parameter 'corpus_paths' expects list[str], got str 'seeds'"),
        ("01_articles", {"columns": {"id": 3}}, "parameter 'columns' expects dict[str, str], got dict {'id': 3}"),
        ("01_articles", {"sample": None}, "parameter 'sample' expects int, got NoneType None"),
        ("01_articles", {"drop_duplicates": "no"}, "parameter 'drop_duplicates' expects bool, got str 'no'"),
        ("04_keywords", {"top_k": True}, "parameter 'top_k' expects int, got bool True"),
        ("04_keywords", {"top_k": 8.5}, "parameter 'top_k' expects int, got float 8.5"),
        ("04_keywords", {"also_by": ["source", None]}, "parameter 'also_by' expects list[str], got list ['source', None]"),
        ("04_keywords", {"prior_scale": "0.1"}, "parameter 'prior_scale' expects float, got str '0.1'"),
        ("06_explore", {"preview_actors": [["nested"]]}, "parameter 'preview_actors' expects list[str], got list [['nested']]"),
        ("03_sentiment", {"dictionary_paths": [{"a": 1}]}, "parameter 'dictionary_paths' expects list[str]"),
        ("00_report", {"key_figures": [7]}, "parameter 'key_figures' expects list[str], got list [7]"),
        ("01_articles", {"sample": datetime.date(2017, 12, 1)}, "has a value of type date (quote dates in YAML)"),
        # YAML reads `1: credible` with a number key, which papermill cannot pass on
        ("05_comparisons", {"compare_labels": {"labels": {"name": "x", "values": {1: "credible"}}}},
         "parameter 'compare_labels' has a key that is not text (YAML reads 1: as a number"),
        ("05_comparisons", {"compare_labels": {"labels": "credible"}},
         "parameter 'compare_labels' expects dict[str, dict], got dict {'labels': 'credible'}"),
    ],
)
def test_ill_typed_values_are_named_with_the_expected_type(tmp_path, no_kernels, notebook, params, expected):
    message = problems_for(tmp_path, notebook, **params)
    assert expected in message
    assert "nothing was run" in message
    assert f"{notebook} declares: processed_dir: str, figures_dir: str" in message


def test_all_problems_are_listed_together(tmp_path, no_kernels):
    data = yaml.safe_load((qconfig.CONFIGS_DIR / "smoke.yaml").read_text(encoding="utf-8"))
    data["notebooks"]["01_articles"]["corpus_path"] = ["seeds"]
    data["notebooks"]["04_keywords"]["n_boot"] = "fifty"
    data["notebooks"]["00_report"]["min_statments"] = 2
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ReportConfigError) as err:
        report.plan(report.load_config(path))
    message = str(err.value)
    for part in ("unknown parameter 'corpus_path' (did you mean 'corpus_paths'?)",
                 "parameter 'n_boot' expects int, got str 'fifty'",
                 "unknown parameter 'min_statments' (did you mean 'min_statements'?)"):
        assert part in message


@pytest.mark.parametrize(
    "annotation, value, ok",
    [
        ("list[list[str]]", [["a"], ["b"]], True), ("list[list[str]]", [["a"], [1]], False),
        ("dict[str, list[int]]", {"a": [1, 2]}, True), ("dict[str, list[int]]", {"a": [1, "2"]}, False),
        ("str | None", None, True), ("str | None", "x", True), ("str | None", 3, False),
        ("Optional[list[str]]", None, True), ("Optional[list[str]]", [None], False),
        ("list[str] | None", [2], False), ("float", 2, True), ("int", False, False), ("None", None, True),
    ],
)
def test_nested_and_optional_annotations(annotation, value, ok):
    assert type_matches(annotation, value) is ok


def test_bare_list_takes_its_element_type_from_the_default():
    param = report.Parameter("x", "list", "['a', 'b']", "", 1)
    assert report.effective_annotation(param) == "list[str]"
    assert report.effective_annotation(report.Parameter("x", "list", "[]", "", 1)) == "list"
    assert report.effective_annotation(report.Parameter("x", "list", "['a', 1]", "", 1)) == "list"
    assert report.effective_annotation(report.Parameter("x", "dict", "{'a': 1.0}", "", 1)) == "dict[str, float]"
    assert report.effective_annotation(report.Parameter("x", "list[int]", "['a']", "", 1)) == "list[int]"
