"""The actor registry: loading, error messages naming the file, alias matching."""

from __future__ import annotations

import pytest

from quotelens.extract.registry import (
    RegistryError, build_registry, default_registry_path, load_registry, name_key, strip_titles, surname_forms,
)
from quotelens.config import SEEDS_DIR


@pytest.fixture(scope="module")
def registry():
    return load_registry(default_registry_path())


def write(tmp_path, body: str):
    path = tmp_path / "actors.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_default_registry_covers_the_recurring_speakers(registry):
    for name in ["Staffan de Mistura", "Sergei Lavrov", "Syrian Observatory for Human Rights", "Rami Abdel Rahman",
                 "SANA", "Bashar al-Assad", "Recep Tayyip Erdogan", "John Kerry", "Pentagon", "Vladimir Putin",
                 "Barack Obama", "Donald Trump", "Rex Tillerson", "Maria Zakharova", "Bashar al-Jaafari",
                 "Walid al-Muallem", "Nasr al-Hariri", "High Negotiations Committee", "White Helmets",
                 "World Health Organization", "United Nations", "Russia", "United States", "Turkey"]:
        assert name in registry.actors, name
    assert registry.actors["Staffan de Mistura"].side == "UN"
    assert registry.actors["Maria Zakharova"].gender == "f"
    assert registry.actors["Russia"].kind == "state"


@pytest.mark.parametrize("spelling", ["Jaafari", "al-Jaafari", "Al-Jaafari", "Ja'afari", "Jafari", "Bashar al-Jaafari"])
def test_spellings_of_jaafari(registry, spelling):
    text = f"Syria's envoy {spelling} said the talks were useful."
    hits = [(text[s:e], n) for s, e, n in registry.find(text)]
    assert (spelling, "Bashar al-Jaafari") in hits


def test_find_particles_possessives_and_capitals(registry):
    text = ("De Mistura met Moscow's envoy; de Mistura's team, Assads forces and the U.N. said so. "
            "The Syrian Observatory for Human Rights said.")
    hits = [(text[s:e], n) for s, e, n in registry.find(text)]
    assert hits == [("De Mistura", "Staffan de Mistura"), ("Moscow", "Russia"), ("de Mistura", "Staffan de Mistura"),
                    ("Assad", "Bashar al-Assad"), ("U.N.", "United Nations"),
                    ("Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights")]


def test_find_on_the_seed_text(registry):
    text = (SEEDS_DIR / "000_aff2fd669e79066c.txt").read_text(encoding="utf-8")
    names = [n for _, _, n in registry.find(text)]
    assert names.count("Staffan de Mistura") == 6
    assert "Francois Delattre" in names and "Bashar al-Jaafari" in names


def test_surname_forms_and_keys():
    assert surname_forms("Staffan de Mistura") == ["de Mistura", "De Mistura", "Mistura"]
    assert surname_forms("Bashar al-Jaafari") == ["al-Jaafari", "Al-Jaafari", "Jaafari"]
    assert surname_forms("Mohammed bin Salman") == ["bin Salman", "Bin Salman", "Salman"]
    assert name_key("Mr. Talal Barazi") == "barazi"
    assert name_key("Jan van der Berg") == name_key("Van der Berg") == "van der berg"
    assert name_key("Bashar al-Jaafari") == name_key("Jaafari") == "jaafari"
    assert strip_titles("President Bashar al-Assad") == "Bashar al-Assad"


def test_shared_derived_surname_is_ambiguous_not_an_error():
    reg = build_registry([{"name": "Bashar al-Assad"}, {"name": "Hafez al-Assad"}])
    assert "Assad" not in reg.alias_to_actor
    assert reg.alias_to_actor["Bashar al-Assad"] == "Bashar al-Assad"


def test_bad_yaml_names_the_file(tmp_path):
    path = write(tmp_path, "actors:\n  - name: [unclosed\n")
    with pytest.raises(RegistryError, match="actors.yaml: not valid YAML"):
        load_registry(path)


def test_missing_name_names_file_and_entry(tmp_path):
    path = write(tmp_path, "actors:\n  - name: Lavrov\n  - kind: person\n")
    with pytest.raises(RegistryError, match=r"actors.yaml: actor #2: missing or empty 'name'"):
        load_registry(path)


def test_duplicate_alias_across_actors(tmp_path):
    path = write(tmp_path, "actors:\n  - name: Russia\n    kind: state\n    aliases: [Moscow]\n"
                           "  - name: Moscow city\n    kind: state\n    aliases: [Moscow]\n")
    with pytest.raises(RegistryError, match=r"actors.yaml: actor #2 \(Moscow city\): alias 'Moscow' is already used by actor 'Russia'"):
        load_registry(path)


def test_duplicate_name_unknown_kind_and_field(tmp_path):
    with pytest.raises(RegistryError, match="duplicate actor name 'A B'"):
        build_registry([{"name": "A B"}, {"name": "A B"}], source="x.yaml")
    with pytest.raises(RegistryError, match="x.yaml: actor #1 \\(A B\\): kind must be one of"):
        build_registry([{"name": "A B", "kind": "planet"}], source="x.yaml")
    with pytest.raises(RegistryError, match="unknown field"):
        build_registry([{"name": "A B", "alias": ["C"]}], source="x.yaml")
    with pytest.raises(RegistryError, match="aliases must be a list of strings"):
        build_registry([{"name": "A B", "aliases": [1, 2]}], source="x.yaml")


def test_top_level_must_hold_actors(tmp_path):
    path = write(tmp_path, "- name: Lavrov\n")
    with pytest.raises(RegistryError, match="actors.yaml: expected a mapping with an 'actors:' list"):
        load_registry(path)
    with pytest.raises(RegistryError, match="cannot read actor registry"):
        load_registry(tmp_path / "missing.yaml")


def test_places_are_read_and_never_speak(tmp_path, registry):
    assert {"Aleppo", "Deir Ezzor"} <= registry.places
    from quotelens.extract.statements import extract_article_statements

    # FA-KES style: a place right before the cue is not a speaker
    sts = extract_article_statements("Residents in eastern Aleppo said the bread ran out.", "t", registry)
    assert all(st["speaker"] not in ("Aleppo", "eastern Aleppo") for st in sts)
    path = write(tmp_path, "actors:\n  - name: Lavrov\nplaces: Aleppo\n")
    with pytest.raises(RegistryError, match="actors.yaml: 'places' must be a list of strings"):
        load_registry(path)
    path = write(tmp_path, "actors:\n  - name: Lavrov\nplace: [Aleppo]\n")
    with pytest.raises(RegistryError, match="unknown top-level key"):
        load_registry(path)
