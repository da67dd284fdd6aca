"""The actor registry: who can speak in the corpus, under which names and role words.

A registry is a YAML file (read with ``quotelens.yaml_files.load_yaml``: safe, and a key
given twice is an error) holding ``actors:``, a list of mappings with ``name`` (canonical,
required), ``kind`` (person, organisation, state), ``side``, ``gender`` (m/f, persons),
``aliases`` and ``roles``, and optionally ``places:``, place names that are never speakers.
See data/actors/syria.yaml and, for every key, docs/registry.md.

A role is a lower-case phrase ("home secretary") or a mapping ``{role: ..., from: DATE, to:
DATE}`` when the office changed hands: `Registry.on(date)` keeps, for an article of that date,
only the actors who held each role then (`Registry.role_holders`).

Persons also answer to their surname with its particle ("de Mistura", "al-Jaafari") and to
the bare surname ("Jaafari"); these derived aliases are dropped when two actors share them
(ambiguous), while an explicit alias listed twice is an error.

Speakers missing from the registry are canonicalised within the corpus by `name_key`: the
surname with its particle, lower case, so "Talal Barazi" and "Barazi" become one speaker.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from quotelens import config
from quotelens.extract.lexicon.particles import PARTICLES
from quotelens.extract.lexicon.titles import TITLES
from quotelens.extract.registry_roles import RegistryError, RolePeriod, as_date, role_periods
from quotelens.yaml_files import load_yaml

KINDS = ("person", "organisation", "state")
GENDERS = ("m", "f")

_WORD = re.compile(r"[^\s]+")
_MODIFIER_PREFIX = re.compile(r"[\w.]+-(?:based|backed|run|linked|affiliated|born|controlled|held|allied)\s+")
# The first word of an alias or of a text position: letters, digits, dots and apostrophes
# ("U.N.", "Ja'afari"), starting where no word character or hyphen precedes.
_WORD_START = re.compile(r"(?<![\w\-'’.])[\w][\w.'’]*?(?=[\s,;:!?)\]\-\"“”«»/]|['’]s\b|$|\.(?:[\s\"“”]|$))")


@dataclass(frozen=True)
class Actor:
    """One registry entry. `roles` holds the role phrases; `role_periods` the same roles with
    the dates they were held (both None for a role given without dates)."""

    name: str
    kind: str = "person"
    side: str = ""
    gender: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    role_periods: tuple[RolePeriod, ...] = ()
    # Optional `speaks_for`: the registry actors this one speaks for (a spokesperson or director
    # and their organisation). Extraction does not read it; the co-quotation network leaves such
    # pairs out (quotelens.compare.networks.speaks_for_pairs).
    speaks_for: tuple[str, ...] = ()


@dataclass
class Registry:
    """Actors with a matcher over all their aliases.

    `alias_to_actor` maps an exact alias string to the actor's canonical name (matched as
    whole words, optionally with a possessive "'s" or genitive "s");
    `role_to_actors` maps a lower-case role phrase to the canonical names carrying it."""

    actors: dict[str, Actor] = field(default_factory=dict)
    places: frozenset[str] = frozenset()  # place names that never speak ("Aleppo", "Deir Ezzor")
    alias_to_actor: dict[str, str] = field(default_factory=dict)
    role_to_actors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = "<empty>"
    _index: dict[str, tuple[str, ...]] | None = None
    _start_pattern: re.Pattern | None = None

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """Registry mentions in text[start:end] as (start, end, canonical name); offsets are
        into `text` and cover the alias only (not a possessive ending). At each word start
        the longest alias wins; matches do not overlap.

        Aliases are looked up by their first word in a dict (one big regex alternation over
        hundreds of aliases is several times slower on long texts)."""
        if not self.alias_to_actor:
            return []
        end = len(text) if end is None else end
        index = self._by_first_word()
        out: list[tuple[int, int, str]] = []
        last_end = -1
        for m in self._starts().finditer(text, start, end):
            pos = m.start()
            if pos < last_end:
                continue
            mod = _MODIFIER_PREFIX.match(text, pos)
            if mod:
                # "UK-based Syrian Observatory ...", "Iran-backed Hezbollah": the place or
                # patron only modifies the name that follows
                last_end = mod.end()
                continue
            word = m.group().rstrip(".")
            candidates = index.get(word, ())
            if word.endswith("s") and word[:-1] in index:
                candidates = candidates + index[word[:-1]]  # "Syrias war" (apostrophe stripped upstream)
            for alias in candidates:
                stop = pos + len(alias)
                if stop > end or not text.startswith(alias, pos):
                    continue
                nxt = text[stop:stop + 2]
                if nxt[:1] and (nxt[:1].isalnum() or nxt[:1] == "-"):
                    # allow a possessive or plural-genitive ending ("Assad's", "Assads")
                    if not (nxt[:1] == "s" and (len(nxt) < 2 or not (nxt[1].isalnum() or nxt[1] == "-"))):
                        continue
                out.append((pos, stop, self.alias_to_actor[alias]))
                last_end = stop
                break
        return out

    def _starts(self) -> re.Pattern:
        """_WORD_START restricted to words that can open an alias: capitalised or digits, or
        one of the lower-case first words of aliases ("de", "al-Jaafari")."""
        if self._start_pattern is None:
            lower = sorted({k for k in self._by_first_word() if not (k[:1].isupper() or k[:1].isdigit())})
            alts = "|".join(re.escape(w) for w in lower)
            first = rf"(?=[A-Z0-9À-Þ]|(?:{alts})(?![\w]))" if alts else r"(?=[A-Z0-9À-Þ])"
            self._start_pattern = re.compile(r"(?<![\w\-'’.])" + first + _WORD_START.pattern[len(r"(?<![\w\-'’.])"):])
        return self._start_pattern

    def _by_first_word(self) -> dict[str, tuple[str, ...]]:
        if self._index is None:
            index: dict[str, list[str]] = {}
            for alias in self.alias_to_actor:
                first = _WORD_START.match(alias)
                if first:
                    index.setdefault(first.group().rstrip("."), []).append(alias)
            self._index = {k: tuple(sorted(v, key=lambda a: (-len(a), a))) for k, v in index.items()}
        return self._index

    def lookup(self, mention: str) -> Actor | None:
        """The actor whose alias is exactly `mention` (after stripping a possessive), or None."""
        m = mention.strip()
        for cand in (m, re.sub(r"['’]s$", "", m)):
            name = self.alias_to_actor.get(cand)
            if name:
                return self.actors[name]
        return None

    def __len__(self) -> int:
        return len(self.actors)

    @property
    def has_role_periods(self) -> bool:
        """Whether any role carries a date (only then does `on` change anything)."""
        return any(p.start is not None or p.end is not None for a in self.actors.values() for p in a.role_periods)

    def role_holders(self, role: str, on=None) -> tuple[str, ...]:
        """Canonical names of the actors carrying `role` (lower case); with `on` (a date,
        datetime, pandas Timestamp or "YYYY-MM-DD"), only those holding it on that day. A role
        given without dates is held on every day; a missing date (None, NaT) keeps every holder."""
        names = self.role_to_actors.get(role, ())
        day = as_date(on)
        if day is None:
            return names
        return tuple(n for n in names
                     if any(p.role == role and p.holds_on(day) for p in self.actors[n].role_periods))

    def on(self, day) -> "Registry":
        """The registry as it stood on `day` (see `role_holders`): the same actors, aliases and
        places, with each role mapped only to the actors who held it then; roles nobody held are
        dropped. Pass it the article's date when extracting ("the home secretary" in December
        2004 is the one in office then). Returns this registry itself when no role is dated or
        the day is unknown."""
        day = as_date(day)
        if day is None or not self.has_role_periods:
            return self
        held = {role: self.role_holders(role, day) for role in self.role_to_actors}
        view = replace(self, role_to_actors={r: n for r, n in held.items() if n})
        view._index, view._start_pattern = self._by_first_word(), self._starts()  # aliases are shared
        return view


def surname_forms(name: str) -> list[str]:
    """Derived aliases of a person's name: the surname with its particles ("de Mistura",
    "al-Jaafari"), its capitalised form ("De Mistura", "Al-Jaafari") and the bare surname
    ("Mistura", "Jaafari")."""
    words = name.split()
    if len(words) < 2:
        return []
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in PARTICLES:
        i -= 1
    surname = " ".join(words[i:])
    forms = [surname]
    if surname[:1].islower():
        forms.append(surname[:1].upper() + surname[1:])
    # "al-Jaafari" / "el-Sisi": the part after a hyphenated particle is used alone too.
    m = re.match(r"^(?:al|el|ul|Al|El)-(\w.*)$", surname)
    if m:
        forms.append(m.group(1))
    bare = words[-1]
    if bare not in forms and len(words) - i > 1:
        forms.append(bare)
    return forms


def name_key(name: str) -> str:
    """Corpus-wide key of a person-like name: the surname with its particles, lower case,
    titles stripped ("Mr. Talal Barazi" -> "barazi", "Staffan de Mistura" -> "de mistura",
    "Bashar al-Jaafari" -> "jaafari"). Organisation-like names (no person shape) keep all
    their words."""
    words = [w for w in name.replace("’", "'").split() if w.lower().strip(",") not in TITLES]
    if not words:
        return name.strip().lower()
    i = len(words) - 1
    while i > 0 and words[i - 1].lower() in PARTICLES:
        i -= 1
    key = " ".join(words[i:]).lower()
    key = re.sub(r"^(?:al|el|ul)-", "", key)
    return re.sub(r"'s$", "", key)


def strip_titles(name: str) -> str:
    """`name` without leading titles and role words ("Homs Governor Talal Barazi" keeps
    "Homs Governor Talal Barazi" only if no title is found; "President Bashar al-Assad" ->
    "Bashar al-Assad")."""
    words = name.split()
    last_title = -1
    for i, w in enumerate(words):
        if w.lower() in TITLES:
            last_title = i
    rest = words[last_title + 1 :]
    return " ".join(rest) if rest else name


def _as_list(value, path: str, actor: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RegistryError(f"{path}: actor {actor!r}: {key} must be a list of strings, got {value!r}")
    return list(value)


def build_registry(entries: list[dict], source: str = "<memory>") -> Registry:
    """A Registry from a list of actor mappings (the parsed ``actors:`` list of a YAML file).

    Raises RegistryError naming `source` and the entry for a missing name, an unknown kind or
    gender, a duplicate name, or an alias claimed by two actors."""
    reg = Registry(source=source)
    explicit: dict[str, str] = {}
    derived: dict[str, set[str]] = {}
    roles: dict[str, list[str]] = {}
    for i, entry in enumerate(entries):
        where = f"{source}: actor #{i + 1}"
        if not isinstance(entry, dict):
            raise RegistryError(f"{where}: expected a mapping with name, kind, ..., got {entry!r}")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise RegistryError(f"{where}: missing or empty 'name'")
        name = name.strip()
        unknown = set(entry) - {"name", "kind", "side", "gender", "aliases", "roles", "note", "speaks_for"}
        if unknown:
            raise RegistryError(f"{where} ({name}): unknown field(s) {sorted(unknown)}")
        kind = entry.get("kind", "person")
        if kind not in KINDS:
            raise RegistryError(f"{where} ({name}): kind must be one of {KINDS}, got {kind!r}")
        gender = entry.get("gender")
        if gender is not None and gender not in GENDERS:
            raise RegistryError(f"{where} ({name}): gender must be one of {GENDERS}, got {gender!r}")
        if name in reg.actors:
            raise RegistryError(f"{where}: duplicate actor name {name!r}")
        aliases = [a.strip() for a in _as_list(entry.get("aliases"), source, name, "aliases") if a.strip()]
        # A leading article is not part of a name ("The Syrian Observatory"): matching it would
        # let a short alias starting with "The" win over a longer one starting a word later.
        aliases = list(dict.fromkeys(re.sub(r"^[Tt]he\s+(?=\S)", "", a) for a in aliases))
        periods = role_periods(entry.get("roles"), f"{where} ({name})")
        role_words = list(dict.fromkeys(p.role for p in periods))
        actor = Actor(name=name, kind=kind, side=str(entry.get("side") or ""), gender=gender,
                      aliases=tuple(aliases), roles=tuple(role_words), role_periods=tuple(periods),
                      speaks_for=tuple(s.strip() for s in _as_list(entry.get("speaks_for"), source, name, "speaks_for")))
        reg.actors[name] = actor
        for alias in [name, *aliases]:
            other = explicit.get(alias)
            if other is not None and other != name:
                raise RegistryError(f"{where} ({name}): alias {alias!r} is already used by actor {other!r}")
            explicit[alias] = name
        if kind == "person":
            for form in surname_forms(name):
                derived.setdefault(form, set()).add(name)
        for r in role_words:
            roles.setdefault(r, []).append(name)
    alias_to_actor = dict(explicit)
    # "Russias Defence Ministry": some sources strip apostrophes upstream (FA-KES)
    for alias, name in list(explicit.items()):
        for apostrophe in ("'s ", "’s "):
            if apostrophe in alias:
                alias_to_actor.setdefault(alias.replace(apostrophe, "s "), name)
    # "Russian Defense ministry": news style often lower-cases the last word of an
    # organisation's name; accept that spelling unless it means someone else.
    for alias, name in list(explicit.items()):
        words = alias.split()
        if reg.actors[name].kind != "person" and len(words) >= 2 and words[-1][:1].isupper() and words[-1][1:].islower():
            variant = " ".join(words[:-1] + [words[-1].lower()])
            alias_to_actor.setdefault(variant, name)
    for form, names in derived.items():
        if form in alias_to_actor or len(names) != 1:
            continue  # explicit aliases win; a surname shared by two actors is ambiguous
        alias_to_actor[form] = next(iter(names))
    for actor in reg.actors.values():  # speaks_for names must be actors of this registry
        stray = [s for s in actor.speaks_for if s not in reg.actors]
        if stray:
            raise RegistryError(f"{source} ({actor.name}): speaks_for names no actor of the registry: {stray}")
    reg.alias_to_actor = alias_to_actor
    reg.role_to_actors = {r: tuple(n) for r, n in roles.items()}
    return reg


def load_registry(path: str | os.PathLike) -> Registry:
    """Read an actor registry YAML file (see module docstring).

    Raises RegistryError naming the file on unreadable YAML, a missing ``actors`` list or a
    bad entry."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: not valid YAML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"{path}: cannot read actor registry: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise RegistryError(f"{path}: expected a mapping with an 'actors:' list at the top level")
    unknown = set(data) - {"actors", "places"}
    if unknown:
        raise RegistryError(f"{path}: unknown top-level key(s) {sorted(unknown)}; expected 'actors' and 'places'")
    places = data.get("places") or []
    if not isinstance(places, list) or not all(isinstance(p, str) for p in places):
        raise RegistryError(f"{path}: 'places' must be a list of strings")
    try:
        reg = build_registry(data["actors"], source=str(path))
    except RegistryError as exc:
        # Point at the line the offending entry starts on.
        m = re.match(rf"{re.escape(str(path))}: actor #(\d+)", str(exc))
        lines = _entry_lines(text) if m else []
        if m and int(m.group(1)) <= len(lines):
            raise RegistryError(f"{exc} (actor #{m.group(1)} starts on line {lines[int(m.group(1)) - 1]})") from None
        raise
    reg.places = frozenset(p.strip() for p in places if p.strip())
    return reg


def _entry_lines(text: str) -> list[int]:
    """1-based line of each entry of the top-level ``actors:`` list, for error messages
    (composed, not constructed: no tags are run)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    for key, value in getattr(root, "value", []) if isinstance(root, yaml.MappingNode) else []:
        if getattr(key, "value", None) == "actors" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def default_registry_path() -> Path:
    """data/actors/syria.yaml, the registry of the embedded default corpus (configs/default.yaml
    names it). No function of the library falls back on it: a caller names it or has none."""
    return config.ACTORS_DIR / "syria.yaml"


def registry_from_option(path: str | os.PathLike | None) -> Registry:
    """The registry a notebook or command option names: an empty registry (no actors, no
    places: speakers are named as the articles write them) for "" or None, else the YAML file
    (a relative path is taken from the project root). RegistryError as for `load_registry`."""
    if path is None or str(path).strip() == "":
        return Registry(source="")
    return load_registry(config.resolve(path))


def as_registry(registry) -> Registry:
    """The registry `registry` names: itself when it is a Registry, else `registry_from_option`
    (an empty registry, speakers named as the articles write them, for None or ""; else the
    YAML file, a relative path taken from the project root). The library has no default
    corpus: the Syria registry (data/actors/syria.yaml) is used only when a caller or a config
    (configs/default.yaml) names it."""
    return registry if isinstance(registry, Registry) else registry_from_option(registry)
