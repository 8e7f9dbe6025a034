"""Deterministic synthetic Arabic news corpus with ground truth, for benchmarks.

The corpus imitates what the pipeline meets in the wild: several outlets reporting one
real-world event with different wording, actors written as names, short names, misspelt names
or role references (``الرئيس الفرنسي``, ``نظيره الروسي``) resolved against the office holder of
the event date, wire datelines, Hijri dates, Arabic-Indic digits, no-break spaces, boilerplate,
related-headline lists, missing dates, JSONL feeds and a few bad files for the reject path.

Actors come from the reference knowledge base (``data/reference``: persons, office_spells,
countries, places); wording comes from the CSVs beside this module. The format of the output is
described in ``bench/README.md``. Usage::

    uv run python -m bench.generate --n 1000 --out data/bench/corpus_1k --seed 0
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import multiprocessing as mp
import os
import random
import shutil
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

import polars as pl

BENCH_DIR = Path(__file__).resolve().parent
REFERENCE_DIR = BENCH_DIR.parent / "data" / "reference"

# Events are dated in this window unless the caller narrows it; the KB spells must cover it.
DEFAULT_DATE_RANGE = (date(2012, 1, 1), date(2024, 12, 31))
# An actor is drawn only if his spell covers the event date +- this margin, so that every
# publication date of the event (planned events are announced up to ~3 weeks ahead) sees the
# same office holder.
SPELL_MARGIN_DAYS = 25

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
NBSP = "\u00a0"

EVENT_COLUMNS = [
    "event_key",
    "kind",
    "event_code",
    "codes_accepted",
    "status",
    "actor1_entity_id",
    "actor1_name_en",
    "actor1_iso3",
    "actor1_code",
    "actor2_entity_id",
    "actor2_name_en",
    "actor2_iso3",
    "actor2_code",
    "event_date",
    "date_precision",
    "true_date",
    "location_entity_id",
    "location_name_ar",
    "n_articles",
    "article_keys",
]
ARTICLE_COLUMNS = [
    "article_key",
    "source_file",
    "record_index",
    "file_format",
    "encoding",
    "outlet",
    "title",
    "published_date",
    "published_date_source",
    "source_name",
    "dateline",
    "event_keys",
    "main_event_key",
    "related_event_keys",
    "digits",
    "has_typo",
    "n_chars",
]
MENTION_COLUMNS = [
    "article_key",
    "event_key",
    "slot",
    "entity_id",
    "surface",
    "form",
    "office",
    "country_iso3",
    "typo_of",
]
REJECT_COLUMNS = [
    "source_file",
    "record_index",
    "outcome",
    "reason",
    "duplicate_of_file",
    "duplicate_of_record",
]


# ---------------------------------------------------------------------------------------------
# Reference data


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _alts(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _lam(name: str) -> str:
    """The preposition ل glued to a name: ل + العراق is written للعراق."""
    return "لل" + name[2:] if name.startswith("ال") else "ل" + name


def _feminine(nisba: str) -> str:
    # الروسي -> الروسية, الكوري الجنوبي -> الكورية الجنوبية
    return " ".join(w + "ة" if w.endswith("ي") else w for w in nisba.split(" "))


@dataclass(frozen=True)
class Place:
    entity_id: str
    name_ar: str
    iso3: str
    place_type: str


@dataclass(frozen=True)
class Country:
    iso3: str
    name_en: str
    name_ar: str
    nisba: str  # masculine singular with article, '' when the KB has none
    capital: Place | None
    fem: str = ""  # feminine nisba (القوات الروسية)

    @property
    def entity_id(self) -> str:
        return f"country:{self.iso3}"


@dataclass(frozen=True)
class Person:
    entity_id: str
    name_en: str
    name_ar: str
    variants: tuple[str, ...]  # full-name spellings (name_ar first)
    shorts: tuple[str, ...]  # short names usable after the first mention
    iso3: str


@dataclass(frozen=True)
class OfficeStyle:
    group: str
    titles: tuple[str, ...]
    constructs: tuple[str, ...]
    honorific: str


@dataclass(frozen=True)
class Spell:
    person: Person
    office: str
    country: Country
    cameo_code: str
    start: int  # ordinals; end is inclusive
    end: int
    style: OfficeStyle


@dataclass
class Vocab:
    templates: dict[tuple[str, str], list[str]]
    kinds: list[dict[str, str]]
    kind_weights: list[float]
    fillers: list[str]
    noise: dict[str, list[str]]
    words: dict[str, list[str]]
    months: dict[str, dict[int, list[str]]]
    weekdays: dict[int, list[str]]
    outlets: list[dict[str, str]]
    outlet_weights: list[float]
    conflicts: list[tuple[str, str]]
    conflict_weights: list[float]
    name_stops: frozenset[str]


@dataclass
class KB:
    countries: dict[str, Country]
    places_by_country: dict[str, list[Place]]
    spells_by_group: dict[str, list[Spell]]
    all_spells: list[Spell]
    nisba_countries: list[Country]
    date_range: tuple[date, date]
    country_weights: dict[str, float]


def load_vocab(bench_dir: Path = BENCH_DIR) -> Vocab:
    templates: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in _read_csv(bench_dir / "templates.csv"):
        templates[(row["kind"], row["part"])].append(row["template"])
    kinds = _read_csv(bench_dir / "event_kinds.csv")
    noise: dict[str, list[str]] = defaultdict(list)
    for row in _read_csv(bench_dir / "noise.csv"):
        noise[row["kind"]].append(row["template"])
    words: dict[str, list[str]] = defaultdict(list)
    months: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    weekdays: dict[int, list[str]] = defaultdict(list)
    for row in _read_csv(bench_dir / "vocab.csv"):
        if row["kind"].startswith("month_"):
            months[row["kind"].removeprefix("month_")][int(row["key"])].append(row["value"])
        elif row["kind"] == "weekday":
            weekdays[int(row["key"])].append(row["value"])
        else:
            words[row["kind"]].append(row["value"])
    outlets = _read_csv(bench_dir / "outlets.csv")
    conflicts = _read_csv(bench_dir / "conflict_pairs.csv")
    return Vocab(
        templates=dict(templates),
        kinds=kinds,
        kind_weights=[float(k["weight"]) for k in kinds],
        fillers=[r["template"] for r in _read_csv(bench_dir / "fillers.csv")],
        noise=dict(noise),
        words=dict(words),
        months={k: dict(v) for k, v in months.items()},
        weekdays=dict(weekdays),
        outlets=outlets,
        outlet_weights=[float(o["weight"]) for o in outlets],
        conflicts=[(c["attacker_iso3"], c["target_iso3"]) for c in conflicts],
        conflict_weights=[float(c["weight"]) for c in conflicts],
        name_stops=frozenset(words.get("name_stop", [])),
    )


def _short_names(name_ar: str, aliases: list[str], stops: frozenset[str]) -> tuple[str, ...]:
    single = [a for a in aliases if " " not in a]
    if single:
        return tuple(single)
    tokens = name_ar.split()
    # 'سلمان بن عبد العزيز' is never shortened to its last word; such names keep their full form.
    if len(tokens) >= 2 and "بن" not in tokens and tokens[-1] not in stops and len(tokens[-1]) > 2:
        return (tokens[-1],)
    return (name_ar,)


def load_kb(
    reference_dir: Path = REFERENCE_DIR,
    bench_dir: Path = BENCH_DIR,
    date_range: tuple[date, date] = DEFAULT_DATE_RANGE,
    vocab: Vocab | None = None,
) -> KB:
    """Read persons, office spells, countries and places (columns as in docs/contracts.md)."""
    vocab = vocab or load_vocab(bench_dir)
    places: dict[str, Place] = {}
    places_by_country: dict[str, list[Place]] = defaultdict(list)
    if (reference_dir / "places.csv").exists():
        for row in _read_csv(reference_dir / "places.csv"):
            if not row.get("name_ar") or not row.get("country_iso3"):
                continue
            place = Place(row["entity_id"], row["name_ar"], row["country_iso3"], row.get("place_type", ""))
            places[place.entity_id] = place
            if place.place_type in ("city", "capital", "governorate", ""):
                places_by_country[place.iso3].append(place)
    countries_path = reference_dir / "countries.csv"
    if not countries_path.exists():
        countries_path = reference_dir / "countries_supplement.csv"
    countries: dict[str, Country] = {}
    for row in _read_csv(countries_path):
        nisbas = _alts(row.get("nisba_ar", ""))
        # The first nisba form is the masculine singular (الروسي); skip plural-only lists.
        nisba = next((n for n in nisbas if n.startswith("ال") and n.endswith("ي")), "")
        countries[row["iso3"]] = Country(
            iso3=row["iso3"],
            name_en=row.get("name_en") or row["iso3"],
            name_ar=row["name_ar"],
            nisba=nisba,
            capital=places.get(row.get("capital_place_id", "")),
            fem=_feminine(nisba) if nisba else "",
        )
    styles: dict[tuple[str, str], OfficeStyle] = {}
    for row in _read_csv(bench_dir / "offices.csv"):
        styles[(row["title"], row["country_iso3"])] = OfficeStyle(
            group=row["group"],
            titles=tuple(_alts(row["title_ar"])),
            constructs=tuple(_alts(row["construct_ar"])),
            honorific=row["honorific_ar"],
        )
    honorifics = tuple(f"{h} " for h in vocab.words.get("honorific", []))
    persons: dict[str, Person] = {}
    for row in _read_csv(reference_dir / "persons.csv"):
        # Titles are added by the generator from the office; names in the KB may carry one.
        names = [row["name_ar"], *_alts(row.get("aliases_ar", ""))]
        bare = [n for n in names if not n.startswith(honorifics)]
        stripped = [n.split(" ", 1)[1] for n in names if n.startswith(honorifics) and " " in n]
        base = bare[0] if bare and bare[0] == row["name_ar"] else (stripped or bare or names)[0]
        full = tuple(dict.fromkeys([base, *[n for n in bare if " " in n]]))
        persons[row["entity_id"]] = Person(
            entity_id=row["entity_id"],
            name_en=row["name_en"],
            name_ar=base,
            variants=full,
            shorts=_short_names(base, bare, vocab.name_stops),
            iso3=row.get("country_iso3", ""),
        )
    spells: list[Spell] = []
    seen: set[tuple[str, str, str, str]] = set()
    for row in _read_csv(reference_dir / "office_spells.csv"):
        person = persons.get(row["entity_id"])
        country = countries.get(row["country_iso3"])
        title = row.get("title") or row["office"]
        style = styles.get((title, row["country_iso3"])) or styles.get((title, ""))
        if person is None or country is None or style is None or not row["start_date"]:
            continue
        # Acting and rival holders make role references ambiguous; the USA files its president
        # as head of state and of government: one spell is enough.
        key = (row["entity_id"], title, row["country_iso3"], row["start_date"])
        if row.get("status") or key in seen:
            continue
        seen.add(key)
        end = date.fromisoformat(row["end_date"]) if row.get("end_date") else date(2100, 1, 1)
        spells.append(
            Spell(
                person=person,
                office=row["office"],
                country=country,
                cameo_code=row.get("cameo_code") or f"{country.iso3}GOV",
                start=date.fromisoformat(row["start_date"]).toordinal(),
                end=end.toordinal(),
                style=style,
            )
        )
    if not spells:
        raise ValueError(f"no usable office spells in {reference_dir} (offices known: bench/offices.csv)")
    weights = {r["iso3"]: float(r["weight"]) for r in _read_csv(bench_dir / "country_weights.csv")}
    default_weight = weights.pop("*", 1.0)
    weights = {iso3: weights.get(iso3, default_weight) for iso3 in countries}
    by_group: dict[str, list[Spell]] = defaultdict(list)
    for spell in spells:
        by_group[spell.style.group].append(spell)
    return KB(
        countries=countries,
        places_by_country=dict(places_by_country),
        spells_by_group=dict(by_group),
        all_spells=spells,
        nisba_countries=[c for c in countries.values() if c.nisba],
        date_range=date_range,
        country_weights=weights,
    )


# ---------------------------------------------------------------------------------------------
# Dates


def _islamic_to_jd(year: int, month: int, day: int) -> float:
    return day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30 + 1948439.5 - 1


def to_hijri(d: date) -> tuple[int, int, int]:
    """Tabular (arithmetic) Islamic calendar; within a day or two of Umm al-Qura."""
    jd = d.toordinal() + 1721424.5
    year = math.floor((30 * (jd - 1948439.5) + 10646) / 10631)
    month = min(12, math.ceil((jd - (29 + _islamic_to_jd(year, 1, 1))) / 29.5) + 1)
    day = int(jd - _islamic_to_jd(year, month, 1) + 1)
    return year, month, day


# ---------------------------------------------------------------------------------------------
# Planning: events and their actors


@dataclass
class Actor:
    entity_id: str
    name_en: str
    iso3: str
    code: str
    country: Country
    spell: Spell | None = None


@dataclass
class Event:
    key: str
    kind: dict[str, str]
    date: date
    status: str
    actor1: Actor
    actor2: Actor
    location: Place | None
    location_name: str
    slots: dict[str, str]
    precision: str = "day"
    derivable: bool = False
    article_keys: list[str] = field(default_factory=list)
    title_hint: str = ""


@dataclass
class ArticleOut:
    key: str
    text: str
    title: str | None
    meta_title: str | None
    published_date: date | None
    published_source: str | None
    source_name: str | None
    dateline: str | None
    outlet: dict[str, str]
    event_keys: list[str]
    main_event_key: str | None
    related_keys: list[str]
    digits: str
    has_typo: bool
    pub_for_meta: date


class Generator:
    def __init__(self, kb: KB, vocab: Vocab, seed: int, chunk: int = 0) -> None:
        self.kb = kb
        self.v = vocab
        self.rng = random.Random(seed)
        self.chunk = chunk
        self.events: list[Event] = []
        self.event_by_key: dict[str, Event] = {}
        self.mentions: list[tuple] = []
        self.recent_titles: list[tuple[str, str]] = []  # (title, event_key)
        self._active_cache: dict[tuple[str, int], tuple[list[Spell], list[float]]] = {}
        self.kinds_by_name = {k["kind"]: k for k in vocab.kinds}
        self.main_kinds = [k for k in vocab.kinds]
        self.secondary_kinds = [k for k in vocab.kinds if k["status"] == "occurred"]
        self.secondary_weights = [float(k["weight"]) for k in self.secondary_kinds]
        self.strides = [k for k in range(1, len(vocab.fillers)) if math.gcd(k, len(vocab.fillers)) == 1]
        lo, hi = kb.date_range
        self.day_lo, self.day_hi = lo.toordinal(), hi.toordinal()

    # -- helpers ------------------------------------------------------------------------------
    def pick(self, seq: Sequence[str]) -> str:
        # random() is one C call; randrange() costs several Python frames per draw.
        return seq[int(self.rng.random() * len(seq))]

    def active(self, group: str, day: int) -> tuple[list[Spell], list[float]]:
        """Spells of a group covering the day (with margin) and their cumulative draw weights."""
        key = (group, day)
        hit = self._active_cache.get(key)
        if hit is None:
            lo, hi = day - SPELL_MARGIN_DAYS, day + SPELL_MARGIN_DAYS
            cands = [s for s in self.kb.spells_by_group.get(group, []) if s.start <= lo and s.end >= hi]
            cum = list(accumulate(self.kb.country_weights.get(s.country.iso3, 1.0) for s in cands))
            hit = (cands, cum)
            self._active_cache[key] = hit
        return hit

    def draw_spell(self, group: str, day: int, not_country: str = "") -> Spell | None:
        cands, cum = self.active(group, day)
        if not cands:
            return None
        for _ in range(30):
            spell = self.rng.choices(cands, cum_weights=cum)[0]
            if spell.country.iso3 != not_country:
                return spell
        return None

    def place_in(self, country: Country, prefer_city: bool = False) -> tuple[Place | None, str]:
        places = self.kb.places_by_country.get(country.iso3, [])
        if prefer_city:
            cities = [p for p in places if p.place_type != "capital"]
            if cities:
                place = cities[self.rng.randrange(len(cities))]
                return place, place.name_ar
        if country.capital is not None:
            return country.capital, country.capital.name_ar
        if places:
            place = places[self.rng.randrange(len(places))]
            return place, place.name_ar
        return None, country.name_ar

    def fill_words(self, text: str) -> str:
        if "{crisis}" in text:
            text = text.replace("{crisis}", self.pick(self.v.words["crisis"]))
        return text

    # -- events -------------------------------------------------------------------------------
    def _group_pair(self, kind: dict[str, str]) -> tuple[str, str]:
        options = []
        weights = []
        # 'leader-fm:4|fm-fm:2' (or a single group 'leader:2' for one-person kinds)
        for part in _alts(kind["office_pairs"]):
            pair, _, weight = part.partition(":")
            groups = pair.split("-")
            options.append((groups[0], groups[-1]))
            weights.append(float(weight or 1))
        return self.rng.choices(options, weights)[0]

    def _person_actor(self, spell: Spell) -> Actor:
        return Actor(
            spell.person.entity_id,
            spell.person.name_en,
            spell.country.iso3,
            spell.cameo_code,
            spell.country,
            spell,
        )

    def _country_actor(self, country: Country, suffix: str) -> Actor:
        return Actor(country.entity_id, country.name_en, country.iso3, country.iso3 + suffix, country)

    def new_event(self, kind: dict[str, str], day: int | None = None) -> Event | None:
        """Draw actors for one event; None when the KB has nobody for this kind on that day."""
        rng = self.rng
        day = day if day is not None else rng.randint(self.day_lo, self.day_hi)
        actors = kind["actors"]
        slots: dict[str, str] = {}
        location: Place | None = None
        location_name = ""
        if actors == "person-person":
            ga, gb = self._group_pair(kind)
            sa = self.draw_spell(ga, day)
            sb = self.draw_spell(gb, day, not_country=sa.country.iso3) if sa else None
            if sa is None or sb is None:
                return None
            a1, a2 = self._person_actor(sa), self._person_actor(sb)
        elif actors == "person-country":
            sa = self.draw_spell(self._group_pair(kind)[0], day)
            if sa is None:
                return None
            attacker, target = rng.choices(self.v.conflicts, self.v.conflict_weights)[0]
            if sa.country.iso3 in (attacker, target) or attacker not in self.kb.countries:
                return None
            a1 = self._person_actor(sa)
            a2 = self._country_actor(self.kb.countries[attacker], "MIL")
            if not a2.country.nisba or target not in self.kb.countries:
                return None
            location, location_name = self.place_in(self.kb.countries[target], prefer_city=True)
        else:
            attacker, target = rng.choices(self.v.conflicts, self.v.conflict_weights)[0]
            if attacker not in self.kb.countries or target not in self.kb.countries:
                return None
            att, tgt = self.kb.countries[attacker], self.kb.countries[target]
            if not att.nisba:
                return None
            location, location_name = self.place_in(tgt, prefer_city=True)
            if kind["kind"].startswith("condemn"):
                others = [c for c in self.kb.nisba_countries if c.iso3 not in (attacker, target)]
                condemner = others[rng.randrange(len(others))]
                a1, a2 = self._country_actor(condemner, "GOV"), self._country_actor(att, "MIL")
            else:
                a1, a2 = self._country_actor(att, "MIL"), self._country_actor(tgt, "")
        where = kind["location"]
        if where in ("either_capital", "a_capital", "b_capital"):
            host = a1 if where == "a_capital" else a2 if where == "b_capital" else rng.choice((a1, a2))
            location, location_name = self.place_in(host.country)
        elif where == "third_city":
            others = [c for c in self.kb.nisba_countries if c.iso3 not in (a1.iso3, a2.iso3) and c.capital]
            if others:
                third = others[rng.randrange(len(others))]
                location, location_name = third.capital, third.capital.name_ar  # type: ignore[union-attr]
        slots["target_place"] = location_name
        for word in ("topic", "topic_short", "field", "field_goal", "occasion", "summit"):
            slots[word] = self.fill_words(self.pick(self.v.words[word]))
        key = f"E{self.chunk:04d}{len(self.events) + 1:05d}"
        event = Event(
            key=key,
            kind=kind,
            date=date.fromordinal(day),
            status=kind["status"],
            actor1=a1,
            actor2=a2,
            location=location,
            location_name=location_name,
            slots=slots,
        )
        self.events.append(event)
        self.event_by_key[key] = event
        return event

    def draw_event(self, kinds: list[dict[str, str]], weights: list[float], day: int | None = None) -> Event:
        for _ in range(200):
            kind = self.rng.choices(kinds, weights)[0]
            event = self.new_event(kind, day)
            if event is not None:
                return event
            day = None if day is None else day + self.rng.randint(-3, 3)
        raise ValueError("the knowledge base has too few office holders in the date range to draw events")

    def historical_event(self, before: date) -> Event | None:
        kind = dict(self.kinds_by_name["visit"])
        kind.update(kind="historical", status="historical", codes_accepted="040|042|043|044")
        day = before.toordinal() - self.rng.randint(200, 2500)
        if day < self.day_lo - 3650:
            return None
        return self.new_event(kind, day)

    # -- wording ------------------------------------------------------------------------------
    def month_name(self, style: str, month: int) -> str:
        if style == "combined":
            return f"{self.pick(self.v.months['egyptian'][month])}/{self.v.months['levantine'][month][0]}"
        table = self.v.months.get(style) or self.v.months["egyptian"]
        return self.pick(table[month])

    def weekday(self, d: date) -> str:
        return self.pick(self.v.weekdays[d.isoweekday()])

    def when_phrase(self, event_date: date, pub: date, style: str) -> tuple[str, str]:
        """Time expression for an event seen from the publication date.

        Returns (phrase, how) with how = 'alone' (states the full date), 'pub' (needs the
        publication date) or 'never' (no day can be derived).
        """
        rng = self.rng
        delta = (pub - event_date).days
        month = self.month_name("egyptian" if style == "hijri" else style, event_date.month)
        wd = self.weekday(event_date)
        r = rng.random()
        if r < 0.08:
            return f"في {event_date.day} {month} {event_date.year}", "alone"
        if r < 0.16 and delta <= 0:
            return f"يوم {wd} {event_date.day} {month}", "pub"
        if delta == 0:
            options = [f"اليوم {wd}", "اليوم", "صباح اليوم", f"مساء اليوم {wd}", wd, ""]
        elif delta == 1:
            options = [f"أمس {wd}", "أمس", "مساء أمس", f"يوم أمس {wd}", wd]
        elif delta > 1:
            options = [f"يوم {wd} الماضي", f"{wd} الماضي", f"في {event_date.day} {month} الجاري"]
            if event_date.month != pub.month:
                options[2] = f"في {event_date.day} {month} الماضي"
        elif delta == -1:
            options = [f"غداً {wd}", "غداً", "يوم غد", f"غدا {wd}"]
        elif delta >= -6:
            options = [f"يوم {wd} المقبل", f"{wd} المقبل"]
        else:
            suffix = "الجاري" if event_date.month == pub.month else "المقبل"
            options = [f"في {event_date.day} {month} {suffix}", f"يوم {event_date.day} من {month} {suffix}"]
            if rng.random() < 0.25:
                return self.pick(["الأسبوع المقبل", "خلال الأيام المقبلة", "قريباً"]), "never"
        return self.pick(options), "pub"

    def date_line(self, pub: date, outlet: dict[str, str], hour: int) -> str:
        rng = self.rng
        style = outlet["month_style"]
        month = self.month_name("egyptian" if style == "hijri" else style, pub.month)
        wd = self.weekday(pub)
        fmt = rng.randrange(8)
        if fmt == 0:
            return f"{wd}، {pub.day} {month} {pub.year}"
        if fmt == 1:
            return f"{pub.day} {month} {pub.year}"
        if fmt == 2:
            return f"نشر في: {pub.year}/{pub.month:02d}/{pub.day:02d} - {hour:02d}:{rng.randrange(60):02d}"
        if fmt == 3:
            return f"تاريخ النشر: {pub.day:02d}/{pub.month:02d}/{pub.year}"
        if fmt == 4:
            return f"● {self.pick(self.v.noise['section'])} {pub.day} {month} {pub.year}"
        if fmt == 5:
            return (
                f"آخر تحديث: {wd} {pub.day} {month} {pub.year} - {hour % 12 or 12}:{rng.randrange(60):02d} م"
            )
        if fmt == 6:
            return f"{pub.year}-{pub.month:02d}-{pub.day:02d} {hour:02d}:{rng.randrange(60):02d}"
        hy, hm, hd = to_hijri(pub)
        return f"{wd} {hd} {self.v.months['hijri'][hm][0]} {hy} هـ - {pub.day} {month} {pub.year}"

    def wire_dateline(self, outlet: dict[str, str], pub: date) -> tuple[str, bool]:
        """A wire dateline; second value tells whether it states the publication date."""
        rng = self.rng
        city, agency = outlet["dateline_city"], outlet["agency"]
        if outlet["style"] == "wire_site" and outlet["month_style"] == "hijri":
            hy, hm, hd = to_hijri(pub)
            month = self.month_name("egyptian", pub.month)
            return (
                f"{city} {hd} {self.v.months['hijri'][hm][0]} {hy} هـ الموافق {pub.day} {month} {pub.year} م {agency}",
                True,
            )
        if agency == "وكالات" and rng.random() < 0.5:
            return self.pick(["عواصم ـ وكالات", "عواصم - وكالات", "عواصم - (وكالات)"]), False
        sep = self.pick([" - ", " ـ ", " – "])
        if rng.random() < 0.3:
            return f"{city}{sep}({agency})", False
        return f"{city}{sep}{agency}", False

    # -- actor references ---------------------------------------------------------------------
    def _typo(self, name: str) -> str:
        rng = self.rng
        letters = [i for i, ch in enumerate(name) if ch != " "]
        if len(letters) < 4:
            return name
        i = letters[rng.randrange(1, len(letters))]
        op = rng.randrange(4)
        if op == 0:  # deletion
            return name[:i] + name[i + 1 :]
        if op == 1:  # substitution by a letter that differs by dots only
            swaps = {"ن": "ت", "ت": "ن", "ب": "ي", "ي": "ب", "ر": "ز", "ز": "ر", "د": "ذ", "س": "ش", "ف": "ق"}
            return name[:i] + swaps.get(name[i], "ن") + name[i + 1 :]
        if op == 2 and i + 1 < len(name) and name[i + 1] != " ":  # transposition
            return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        return name[:i] + name[i] + name[i:]  # doubled letter

    def person_ref(
        self,
        actor: Actor,
        ctx: _ArticleCtx,
        slot: str,
        first: bool,
        counterpart_ok: bool,
        title: bool = False,
    ) -> str:
        spell = actor.spell
        assert spell is not None
        rng = self.rng
        person, style, country = spell.person, spell.style, spell.country
        title_word = self.pick(style.titles)
        nisba = country.nisba
        role = f"{title_word} {nisba}" if nisba else f"{self.pick(style.constructs)} {country.name_ar}"
        r = rng.random()
        if title:
            form = "short" if r < 0.7 else "role"
        elif ctx.historical:
            # Past events are written with names: the role holder of today may be someone else.
            form = "name" if first else "short"
        elif first:
            if counterpart_ok and r < 0.35:
                form = "counterpart_name" if rng.random() < 0.6 else "counterpart"
            elif r < 0.55:
                form = "role_name"
            elif r < 0.72:
                form = "name"
            elif r < 0.87:
                form = "role"
            else:
                form = "construct_name"
        else:
            form = "short" if r < 0.6 else "title_short" if r < 0.8 else "role"
        typo_of = ""
        name = ""
        if form in ("counterpart_name", "role_name", "name", "construct_name"):
            name = self.pick(person.variants)
            if style.honorific and rng.random() < 0.5 and not name.startswith(style.honorific):
                name = f"{style.honorific} {name}"
            if ctx.typo_slot == slot and not ctx.typo_done:
                typo_of, name = name, self._typo(name)
                ctx.typo_done = typo_of != name
                if not ctx.typo_done:
                    typo_of = ""
        if form == "short":
            surface = self.pick(person.shorts)
        elif form == "title_short":
            surface = f"{title_word} {self.pick(person.shorts)}"
        elif form == "role":
            surface = role
        elif form == "name":
            surface = name
        elif form == "role_name":
            surface = f"{role}، {name}" if rng.random() < 0.25 else f"{role} {name}"
        elif form == "construct_name":
            surface = f"{self.pick(style.constructs)} {country.name_ar} {name}"
        else:
            surface = f"نظيره {nisba}" if nisba else "نظيره"
            if form == "counterpart_name":
                surface = f"{surface} {name}"
        self.mentions.append(
            (
                ctx.key,
                ctx.event_key,
                slot,
                actor.entity_id,
                surface,
                form,
                spell.office,
                country.iso3,
                typo_of or None,
            )
        )
        return surface

    def slot_values(self, event: Event, ctx: _ArticleCtx, title: bool) -> dict[str, str]:
        a1, a2 = event.actor1, event.actor2
        values = dict(event.slots)
        values.update(
            place=event.location_name or a2.country.name_ar,
            country_a=a1.country.name_ar,
            country_b=a2.country.name_ar,
            nisba_a=a1.country.nisba,
            nisba_b=a2.country.nisba,
            fem_a=a1.country.fem,
            fem_b=a2.country.fem,
        )
        return values

    def render(
        self, event: Event, part: str, ctx: _ArticleCtx, when: str = "", template: str | None = None
    ) -> str:
        template = template or self.pick(self.v.templates[(event.kind["kind"], part)])
        values = self.slot_values(event, ctx, title=part == "title")
        values["when"] = when
        values["when_title"] = ""
        values["hist_date"] = ctx.hist_date
        same_office = (
            event.actor1.spell is not None
            and event.actor2.spell is not None
            and event.actor1.spell.style.titles == event.actor2.spell.style.titles
        )
        if event.actor1.spell is not None:
            a_pos, b_pos = template.find("{A}"), template.find("{B}")
            a_second = a_pos > b_pos >= 0
            first = part == "lead"
            if "{A}" in template:
                values["A"] = self.person_ref(
                    event.actor1, ctx, "actor1", first, same_office and a_second and not ctx.historical
                )
            if "{a}" in template:
                values["a"] = self.person_ref(
                    event.actor1, ctx, "actor1", False, False, title=part == "title"
                )
        if event.actor2.spell is not None:
            first = part == "lead"
            if "{B}" in template:
                a_pos, b_pos = template.find("{A}"), template.find("{B}")
                b_second = b_pos > a_pos >= 0
                values["B"] = self.person_ref(
                    event.actor2, ctx, "actor2", first, same_office and b_second and not ctx.historical
                )
            if "{b}" in template:
                values["b"] = self.person_ref(
                    event.actor2, ctx, "actor2", False, False, title=part == "title"
                )
        for slot in ("country_a", "country_b"):
            if f"ل{{{slot}}}" in template:
                template = template.replace(f"ل{{{slot}}}", values[slot] and _lam(values[slot]))
        text = template.format_map(values)
        return text.replace("  ", " ").replace("،،", "،").replace(" ،", "،").replace("، .", ".")

    def wrap_when(self, phrase: str) -> str:
        if not phrase:
            return ""
        return f"، {phrase}،" if self.rng.random() < 0.4 else f" {phrase}"

    def filler(self, a: Country, b: Country, index: int | None) -> str:
        rng = self.rng
        text = self.v.fillers[index] if index is not None else self.pick(self.v.fillers)
        if "{place" in text or "{country_of_place}" in text:
            c = a if rng.random() < 0.5 else b
            _place, pname = self.place_in(c, prefer_city=True)
            text = text.replace("{place}", pname).replace("{country_of_place}", c.name_ar)
        text = (
            text.replace("ل{country_a}", _lam(a.name_ar))
            .replace("{country_a}", a.name_ar)
            .replace("{country_b}", b.name_ar)
            .replace("{fem_a}", a.fem or "الرسمية")
            .replace("{capital_a}", a.capital.name_ar if a.capital else a.name_ar)
            .replace("{n}", str(rng.randint(2, 95)))
            .replace("{year_future}", str(rng.choice((2030, 2035, 2040))))
        )
        return text

    # -- articles -----------------------------------------------------------------------------
    def _filler_paragraph(self, a: Country, b: Country, deck: list[int]) -> str:
        # deck = [next position, start, stride]: walks the filler list in a per-article order with
        # a stride coprime to its length, so no sentence repeats within an article.
        n_fillers = len(self.v.fillers)
        n = (1, 1, 2, 2, 3)[int(self.rng.random() * 5)]
        picked = []
        for _ in range(n):
            if deck[0] >= n_fillers:
                break
            picked.append(self.filler(a, b, (deck[1] + deck[0] * deck[2]) % n_fillers))
            deck[0] += 1
        return " ".join(picked) if picked else self.filler(a, b, None)

    def _mention_event(
        self, event: Event, ctx: _ArticleCtx, pub: date | None, style: str, pub_known: bool
    ) -> str:
        """Lead (+ follow-ups) of an event inside an article; updates the event's date knowledge."""
        ctx.event_key = event.key
        if pub is None:
            # Embedded related story: its own publication date is unknown to the reader.
            phrase, how = self.when_phrase(
                event.date, event.date + timedelta(days=self.rng.choice((0, 1))), style
            )
            derivable = how == "alone"
        else:
            phrase, how = self.when_phrase(event.date, pub, style)
            derivable = how == "alone" or (how == "pub" and pub_known)
        event.derivable = event.derivable or derivable
        text = self.render(event, "lead", ctx, self.wrap_when(phrase))
        follows = self.v.templates.get((event.kind["kind"], "follow"), [])
        chosen = self.rng.sample(follows, min(len(follows), self.rng.choice((0, 1, 1, 2))))
        extra = [self.render(event, "follow", ctx, template=t) for t in chosen]
        if extra and self.rng.random() < 0.5:
            return " ".join([text, *extra])
        return "\n\n".join([text, *extra])

    def article(
        self, key: str, event: Event | None, outlet: dict[str, str], pub: date, is_json: bool
    ) -> ArticleOut:
        rng, v = self.rng, self.v
        ctx = _ArticleCtx(key=key)
        style = outlet["month_style"]
        hour = rng.randint(8, 20)
        meta_pub = is_json and rng.random() < 0.7
        text_date = rng.random() < (0.2 if is_json else 0.68)
        dateline: str | None = None
        dateline_dated = False
        if outlet["agency"] and rng.random() < 0.35:
            dateline, dateline_dated = self.wire_dateline(outlet, pub)
        pub_in_text = text_date or dateline_dated
        pub_known = meta_pub or pub_in_text
        event_keys: list[str] = []
        related: list[str] = []
        a_country = (
            event.actor1.country
            if event
            else self.kb.nisba_countries[rng.randrange(len(self.kb.nisba_countries))]
        )
        b_country = (
            event.actor2.country
            if event
            else self.kb.nisba_countries[rng.randrange(len(self.kb.nisba_countries))]
        )

        title_mentions = (0, 0)
        # Body paragraphs (the part a cleaner must keep).
        deck = [0, int(rng.random() * len(v.fillers)), self.pick(self.strides)]
        paragraphs: list[str] = []
        title: str | None
        if event is not None:
            if rng.random() < 0.08:
                persons = [s for s, a in (("actor1", event.actor1), ("actor2", event.actor2)) if a.spell]
                ctx.typo_slot = rng.choice(persons) if persons else ""
            ctx.event_key = event.key
            title_mentions = len(self.mentions)
            title = self.render(event, "title", ctx)
            title_mentions = (title_mentions, len(self.mentions))
            paragraphs.extend(self._mention_event(event, ctx, pub, style, pub_known).split("\n\n"))
            event_keys.append(event.key)
        else:
            topic = self.fill_words(self.pick(v.words["topic_short"]))
            title = f"{a_country.name_ar}.. {topic} في صدارة الاهتمام"
            paragraphs.append(self._filler_paragraph(a_country, b_country, deck))
        target = int(rng.triangular(450, 1900, 850))
        extras: list[str] = []
        if event is not None and rng.random() < 0.2:
            day = pub.toordinal() - rng.choice((0, 0, 1))
            for _ in range(20):
                kind = rng.choices(self.secondary_kinds, self.secondary_weights)[0]
                second = self.new_event(kind, day)
                if second is not None:
                    lead = self._mention_event(second, ctx, pub, style, pub_known)
                    extras.append(self.pick(v.templates[("secondary", "lead")]) + " " + lead)
                    event_keys.append(second.key)
                    break
        if event is not None and event.actor1.spell is not None and rng.random() < 0.08:
            hist = self.historical_event(event.date)
            if hist is not None:
                ctx.historical, ctx.event_key = True, hist.key
                d = hist.date
                month = self.month_name("egyptian" if style == "hijri" else style, d.month)
                if rng.random() < 0.6:
                    ctx.hist_date = f"{d.day} {month} {d.year}"
                else:
                    ctx.hist_date, hist.precision = f"{month} {d.year}", "month"
                hist.derivable = True
                extras.append(self.render(hist, "lead", ctx))
                ctx.historical = False
                event_keys.append(hist.key)
        size = sum(len(p) for p in paragraphs) + sum(len(p) for p in extras)
        fillers: list[str] = []
        while size < target:
            para = self._filler_paragraph(a_country, b_country, deck)
            fillers.append(para)
            size += len(para)
        for extra in extras:
            fillers.insert(rng.randint(0, len(fillers)), extra)
        paragraphs.extend(fillers)
        if event is not None and not is_json and rng.random() < 0.03 and self.recent_titles:
            old_title, old_key = self.recent_titles[rng.randrange(len(self.recent_titles))]
            old = self.event_by_key[old_key]
            if old_key not in event_keys:
                paragraphs.append(self.pick(v.noise["read_also"]))
                paragraphs.append(old_title)
                paragraphs.extend(self._mention_event(old, ctx, None, style, False).split("\n\n"))
                paragraphs.append(self._filler_paragraph(old.actor1.country, old.actor2.country, deck))
                event_keys.append(old_key)

        # Inline "read also" link between paragraphs.
        if self.recent_titles and rng.random() < 0.15 and len(paragraphs) > 2:
            old_title, old_key = self.recent_titles[rng.randrange(len(self.recent_titles))]
            if old_key not in event_keys:
                paragraphs.insert(
                    rng.randint(1, len(paragraphs) - 1), f"{self.pick(v.noise['read_also'])} {old_title}"
                )
                related.append(old_key)

        # Source and date furniture.
        source_name: str | None = None
        byline = footer = None
        if is_json:
            if rng.random() < 0.95:
                source_name = outlet["name_ar"]
        elif outlet["style"] == "aggregator":
            original = rng.choice([o for o in v.outlets if o["style"] != "aggregator"])
            source_name = original["name_ar"]
            footer = self.pick(v.noise["aggregator"]).format(source=source_name, aggregator=outlet["name_ar"])
        else:
            r = rng.random()
            if r < 0.3:
                byline = self.pick(v.noise["byline"]).format(source=outlet["name_ar"])
                source_name = outlet["name_ar"]
            elif r < 0.55:
                footer = self.pick(v.noise["copyright"]).format(source=outlet["name_ar"], year=pub.year)
                source_name = outlet["name_ar"]
        date_text = self.date_line(pub, outlet, hour) if text_date else None
        date_top = rng.random() < 0.75
        digits = "latin"
        if date_text and rng.random() < 0.12:
            date_text, digits = date_text.translate(ARABIC_INDIC), "mixed"

        head: list[str] = []
        title_in_text = False
        if not is_json:
            if rng.random() < 0.08 and self.recent_titles:
                head += [self.pick(v.noise["ticker"]), f"{self.recent_titles[-1][0]} -"]
                related.append(self.recent_titles[-1][1])
            if rng.random() < 0.08:
                head.append(self.pick(v.noise["breadcrumb"]))
            if rng.random() < 0.93:
                head += [title] * rng.choices((1, 2, 3), (70, 20, 10))[0]
                title_in_text = True
            else:
                title = None
            if rng.random() < 0.15:
                head.append(self.pick(v.noise["section"]))
        elif rng.random() < 0.1:
            head.append(title)
            title_in_text = True
        if date_text and date_top:
            head.append(date_text)
        if dateline:
            if rng.random() < 0.6:
                head.append(dateline)
            else:
                paragraphs[0] = f"{dateline}: {paragraphs[0]}"

        if not title_in_text:
            # mentions.csv lists what is written in the text; a metadata-only title is not.
            del self.mentions[title_mentions[0] : title_mentions[1]]
        tail: list[str] = []
        if date_text and not date_top:
            tail.append(date_text)
        if byline:
            tail.append(byline)
        if rng.random() < (0.1 if is_json else 0.3):
            tail.append(self.pick(v.noise["share"]))
        if not is_json and rng.random() < 0.35 and self.recent_titles:
            tail.append(self.pick(v.noise["read_also"] + v.noise["related"]))
            bullet = self.pick(["  • ", "- ", "• ", ""])
            for _ in range(rng.randint(2, 7)):
                old_title, old_key = self.recent_titles[rng.randrange(len(self.recent_titles))]
                tail.append(f"{bullet}{old_title}")
                if old_key not in related:
                    related.append(old_key)
        if footer:
            tail.append(footer)
        if not is_json and rng.random() < 0.3:
            tail.extend(rng.sample(v.noise["footer"], rng.randint(1, 3)))

        # Character-level noise on the body only; the title in the ground truth stays clean.
        if not is_json and rng.random() < 0.15:
            paragraphs = [self._nbsp(p) for p in paragraphs]
        sep = rng.choices(("\n\n", "\n", "\n \n", f"\n{NBSP}\n"), (55, 25, 12, 8))[0]
        text = sep.join([*head, *paragraphs, *tail])
        if rng.random() < 0.12:
            text, digits = text.translate(ARABIC_INDIC), "arabic_indic"
        if event is not None and title:
            self.recent_titles.append((title, event.key))
        if len(self.recent_titles) > 300:
            del self.recent_titles[:100]
        published_source = "metadata" if meta_pub else "text" if pub_in_text else None
        return ArticleOut(
            key=key,
            text=text,
            title=title,
            meta_title=title if is_json and (title_in_text or rng.random() < 0.95) else None,
            published_date=pub if pub_known else None,
            published_source=published_source,
            source_name=source_name,
            dateline=dateline,
            outlet=outlet,
            event_keys=event_keys,
            main_event_key=event.key if event else None,
            related_keys=[k for k in related if k not in event_keys],
            digits=digits,
            has_typo=ctx.typo_done,
            pub_for_meta=pub,
        )

    def _nbsp(self, paragraph: str) -> str:
        rng = self.rng
        words = paragraph.split(" ")
        out = [words[0]]
        for w in words[1:]:
            out.append((NBSP if rng.random() < 0.1 else " ") + w)
        return "".join(out) + (" " + NBSP if rng.random() < 0.3 else "")


@dataclass
class _ArticleCtx:
    key: str
    event_key: str = ""
    typo_slot: str = ""
    typo_done: bool = False
    typo_recorded: bool = False
    historical: bool = False
    hist_date: str = ""


# ---------------------------------------------------------------------------------------------
# Driver

# Articles are generated in fixed-size chunks, each with its own random stream, so that the output
# does not depend on how many worker processes render them.
CHUNK_ARTICLES = 1000


@dataclass(frozen=True)
class GroundTruth:
    """What a perfect pipeline would find in the generated corpus (also written as CSV)."""

    out_dir: Path
    inbox: Path
    events: pl.DataFrame
    articles: pl.DataFrame
    mentions: pl.DataFrame
    expected_rejects: pl.DataFrame
    n_files: int
    n_bytes: int
    seconds: float


@dataclass(frozen=True)
class _ChunkSpec:
    index: int
    first_article: int
    n_articles: int
    seed: int
    jsonl_share: float
    inbox: Path
    reference_dir: Path
    date_range: tuple[date, date]
    bad: dict[str, int]


@dataclass
class _ChunkResult:
    events: list[tuple]
    articles: list[dict[str, object]]
    mentions: list[tuple]
    rejects: list[dict[str, object]]
    n_files: int
    n_bytes: int


_CONTEXT: dict[tuple[str, tuple[date, date]], tuple[KB, Vocab]] = {}

_ENGLISH_FILLER = (
    "The quarterly report shows that revenue grew by 4 percent compared with the same period last year. "
    "Analysts expect the trend to continue as demand recovers in the second half.\n"
)
_BINARY_HEADERS = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
    b"PK\x03\x04\x14\x00",
)


def _context(reference_dir: Path, date_range: tuple[date, date]) -> tuple[KB, Vocab]:
    key = (str(reference_dir), date_range)
    if key not in _CONTEXT:
        vocab = load_vocab()
        _CONTEXT[key] = (load_kb(reference_dir, date_range=date_range, vocab=vocab), vocab)
    return _CONTEXT[key]


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if encoding == "utf-16":
        return text.encode("utf-16")  # with BOM
    return text.encode(encoding)


def _pick_outlets(rng: random.Random, vocab: Vocab, k: int) -> list[dict[str, str]]:
    chosen: list[dict[str, str]] = []
    while len(chosen) < k:
        outlet = rng.choices(vocab.outlets, vocab.outlet_weights)[0]
        if outlet not in chosen:
            chosen.append(outlet)
    return chosen


def _iso_pub(rng: random.Random, d: date, hour: int) -> str:
    r = rng.random()
    if r < 0.5:
        return f"{d.isoformat()}T{hour:02d}:{rng.randrange(60):02d}:00+0{rng.choice((2, 3))}:00"
    if r < 0.8:
        return f"{d.isoformat()} {hour:02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}"
    return d.isoformat()


def _reject(
    rel: str,
    index: int | None,
    outcome: str,
    reason: str,
    dup_file: str | None = None,
    dup_record: int | None = None,
) -> dict[str, object]:
    return {
        "source_file": rel,
        "record_index": index,
        "outcome": outcome,
        "reason": reason,
        "duplicate_of_file": dup_file,
        "duplicate_of_record": dup_record,
    }


def _draw_articles(gen: Generator, spec: _ChunkSpec) -> list[tuple[ArticleOut, bool]]:
    rng, vocab = gen.rng, gen.v
    weights = [float(k["weight"]) for k in gen.main_kinds]
    arts: list[tuple[ArticleOut, bool]] = []

    def key() -> str:
        return f"A{spec.first_article + len(arts) + 1:07d}"

    while len(arts) < spec.n_articles:
        if rng.random() < 0.04:  # an article without any event of interest
            outlet = _pick_outlets(rng, vocab, 1)[0]
            day = date.fromordinal(rng.randint(gen.day_lo, gen.day_hi))
            is_json = rng.random() < spec.jsonl_share
            arts.append((gen.article(key(), None, outlet, day, is_json), is_json))
            continue
        event = gen.draw_event(gen.main_kinds, weights)
        k = min(spec.n_articles - len(arts), rng.choices((1, 2, 3, 4, 5), (35, 25, 20, 12, 8))[0])
        for outlet in _pick_outlets(rng, vocab, k):
            if event.status == "planned":
                ahead = rng.choices((1, rng.randint(2, 6), rng.randint(7, 20)), (30, 40, 30))[0]
                pub = event.date - timedelta(days=ahead)
            else:
                pub = event.date + timedelta(days=rng.choices((0, 1, 2), (55, 40, 5))[0])
            is_json = rng.random() < spec.jsonl_share
            arts.append((gen.article(key(), event, outlet, pub, is_json), is_json))
    return arts


def _generate_chunk(spec: _ChunkSpec) -> _ChunkResult:
    kb, vocab = _context(spec.reference_dir, spec.date_range)
    gen = Generator(kb, vocab, spec.seed * 1_000_003 + spec.index, spec.index)
    rng = gen.rng
    arts = _draw_articles(gen, spec)

    files: dict[str, bytes] = {}
    article_rows: list[dict[str, object]] = []
    rejects: list[dict[str, object]] = []
    n_txt = 0

    def txt_path() -> str:
        nonlocal n_txt
        n_txt += 1
        return f"txt/{spec.index:04d}/{n_txt - 1:05d}_{rng.getrandbits(64):016x}.txt"

    def add_row(art: ArticleOut, rel: str, index: int, fmt: str, encoding: str, title: str | None) -> None:
        article_rows.append(
            {
                "article_key": art.key,
                "source_file": rel,
                "record_index": index,
                "file_format": fmt,
                "encoding": encoding,
                "outlet": art.outlet["name_ar"],
                "title": title,
                "published_date": art.published_date,
                "published_date_source": art.published_source,
                "source_name": art.source_name,
                "dateline": art.dateline,
                "event_keys": "|".join(art.event_keys) or None,
                "main_event_key": art.main_event_key,
                "related_event_keys": "|".join(art.related_keys) or None,
                "digits": art.digits,
                "has_typo": art.has_typo,
                "n_chars": len(art.text),
            }
        )
        for event_key in art.event_keys:
            gen.event_by_key[event_key].article_keys.append(art.key)

    feeds: list[list[ArticleOut]] = [[]]
    feed_size = rng.randint(5, 40)
    for art, is_json in arts:
        if is_json:
            if len(feeds[-1]) >= feed_size:
                feeds.append([])
                feed_size = rng.randint(5, 40)
            feeds[-1].append(art)
            continue
        rel = txt_path()
        text = art.text.replace("\n", "\r\n") if rng.random() < 0.08 else art.text
        r = rng.random()
        encoding = (
            "utf-8-sig" if r < 0.03 else "windows-1256" if r < 0.05 else "utf-16" if r < 0.06 else "utf-8"
        )
        try:
            data = _encode(text, encoding)
        except UnicodeEncodeError:  # Arabic-Indic digits have no windows-1256 code
            encoding, data = "utf-8", text.encode("utf-8")
        files[rel] = data
        add_row(art, rel, 0, "txt", encoding, art.title)

    broken = spec.bad["json"]
    for j, records in enumerate(f for f in feeds if f):
        as_array = rng.random() < 0.12
        ascii_escapes = rng.random() < 0.2
        rel = f"feeds/{spec.index:04d}_{j:03d}.{'json' if as_array else 'jsonl'}"
        entries: list[tuple[str, ArticleOut | None, str]] = []  # (line, article, reject reason)
        for art in records:
            domain = art.outlet["domain"]
            obj: dict[str, object] = {"id": f"{domain.split('.')[0]}-{rng.randrange(10**7):07d}"}
            obj["url"] = f"https://{domain}/news/{rng.randrange(10**8)}"
            if art.meta_title is not None:
                obj["title"] = art.meta_title
            r = rng.random()
            if art.published_source == "metadata":
                obj["published_at"] = _iso_pub(rng, art.pub_for_meta, rng.randint(8, 20))
            elif r < 0.3:
                obj["published_at"] = None
            elif r < 0.4:
                obj["published_at"] = ""
            if art.source_name is not None:
                obj["source"] = art.source_name
            obj["text"] = art.text
            entries.append((json.dumps(obj, ensure_ascii=ascii_escapes), art, ""))
            if not as_array and broken and rng.random() < 0.1:
                broken -= 1
                empty = {
                    "id": f"x-{rng.randrange(10**7)}",
                    "url": obj["url"],
                    "title": art.meta_title,
                    "text": "",
                }
                entries.append((json.dumps(empty, ensure_ascii=False), None, "no_body"))
                line = entries[-2][0]
                entries.append((line[: rng.randint(20, max(21, len(line) // 2))], None, "malformed_json"))
        for index, (_line, art, reason) in enumerate(entries):
            if art is None:
                rejects.append(_reject(rel, index, "rejected", reason))
            else:
                add_row(art, rel, index, "json" if as_array else "jsonl", "utf-8", art.meta_title)
        lines = [line for line, _art, _reason in entries]
        body = "[\n" + ",\n".join(lines) + "\n]\n" if as_array else "\n".join(lines) + "\n"
        files[rel] = body.encode("utf-8")

    # Bad files: each kind is a small share of the corpus (see generate_corpus).
    txt_files = [str(a["source_file"]) for a in article_rows if a["file_format"] == "txt"]
    for _ in range(spec.bad["empty"]):
        rel = txt_path()
        files[rel] = rng.choice((b"", b"\n", b"  \n\n ", "\n\u00a0\n".encode()))
        rejects.append(_reject(rel, None, "rejected", "empty"))
    for _ in range(spec.bad["binary"]):
        rel = txt_path()
        files[rel] = rng.choice(_BINARY_HEADERS) + rng.randbytes(rng.randint(200, 3000))
        rejects.append(_reject(rel, None, "rejected", "binary"))
    for _ in range(spec.bad["not_arabic"]):
        rel = txt_path()
        files[rel] = (_ENGLISH_FILLER * rng.randint(3, 10)).encode()
        rejects.append(_reject(rel, None, "rejected", "not_arabic"))
    for _ in range(spec.bad["duplicate"] if txt_files else 0):
        original = txt_files[rng.randrange(len(txt_files))]
        rel = txt_path()
        files[rel] = files[original]
        rejects.append(_reject(rel, 0, "duplicate", "duplicate", original, 0))

    for folder in sorted({(spec.inbox / rel).parent for rel in files}):
        folder.mkdir(parents=True, exist_ok=True)
    # File creation is kernel time that releases the GIL: a few threads overlap it.
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda item: (spec.inbox / item[0]).write_bytes(item[1]), files.items()))

    return _ChunkResult(
        events=[_event_row(e) for e in gen.events],
        articles=article_rows,
        mentions=gen.mentions,
        rejects=rejects,
        n_files=len(files),
        n_bytes=sum(len(b) for b in files.values()),
    )


def _event_row(e: Event) -> tuple:
    event_date = e.date.replace(day=1) if e.precision == "month" else e.date
    return (
        e.key,
        e.kind["kind"],
        e.kind["event_code"],
        e.kind["codes_accepted"],
        e.status,
        e.actor1.entity_id,
        e.actor1.name_en,
        e.actor1.iso3,
        e.actor1.code,
        e.actor2.entity_id,
        e.actor2.name_en,
        e.actor2.iso3,
        e.actor2.code,
        event_date if e.derivable else None,
        e.precision if e.derivable else "unknown",
        e.date,
        e.location.entity_id if e.location else None,
        e.location_name or None,
        len(e.article_keys),
        "|".join(sorted(e.article_keys)),
    )


_ARTICLE_SCHEMA: dict[str, pl.DataType] = {
    "article_key": pl.String(),
    "source_file": pl.String(),
    "record_index": pl.Int64(),
    "file_format": pl.String(),
    "encoding": pl.String(),
    "outlet": pl.String(),
    "title": pl.String(),
    "published_date": pl.Date(),
    "published_date_source": pl.String(),
    "source_name": pl.String(),
    "dateline": pl.String(),
    "event_keys": pl.String(),
    "main_event_key": pl.String(),
    "related_event_keys": pl.String(),
    "digits": pl.String(),
    "has_typo": pl.Boolean(),
    "n_chars": pl.Int64(),
}
_REJECT_SCHEMA: dict[str, pl.DataType] = {
    "source_file": pl.String(),
    "record_index": pl.Int64(),
    "outcome": pl.String(),
    "reason": pl.String(),
    "duplicate_of_file": pl.String(),
    "duplicate_of_record": pl.Int64(),
}
_EVENT_SCHEMA: dict[str, pl.DataType] = {
    **dict.fromkeys(EVENT_COLUMNS, pl.String()),
    "event_date": pl.Date(),
    "true_date": pl.Date(),
    "n_articles": pl.Int64(),
}


def _shares(total: int, n_chunks: int) -> list[int]:
    return [total * (c + 1) // n_chunks - total * c // n_chunks for c in range(n_chunks)]


def generate_corpus(
    out_dir: Path,
    n_articles: int,
    seed: int = 0,
    jsonl_share: float = 0.3,
    reference_dir: Path = REFERENCE_DIR,
    date_range: tuple[date, date] = DEFAULT_DATE_RANGE,
    workers: int | None = None,
) -> GroundTruth:
    """Write ``out_dir/inbox`` (the corpus) and ``out_dir/ground_truth`` (CSV answers).

    ``n_articles`` counts the good article records (.txt files plus JSON records); bad files,
    broken JSON lines and exact duplicates come on top and are listed in expected_rejects.csv.
    The same arguments give byte-identical output whatever the number of ``workers``.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    _context(reference_dir, date_range)  # fail early, and forked workers inherit the loaded KB
    inbox, gt_dir = out_dir / "inbox", out_dir / "ground_truth"
    for folder in (inbox, gt_dir):
        if folder.exists():
            shutil.rmtree(folder)
    n_chunks = max(1, math.ceil(n_articles / CHUNK_ARTICLES))
    sizes = _shares(n_articles, n_chunks)
    n_json = round(n_articles * jsonl_share)
    bad_totals = {
        "empty": max(1, n_articles // 200),
        "binary": max(1, n_articles // 250),
        "not_arabic": max(1, n_articles // 500),
        "duplicate": max(1, n_articles // 100),
        "json": max(1, n_json // 200) if n_json else 0,
    }
    bad_shares = {kind: _shares(total, n_chunks) for kind, total in bad_totals.items()}
    specs = [
        _ChunkSpec(
            index=c,
            first_article=sum(sizes[:c]),
            n_articles=sizes[c],
            seed=seed,
            jsonl_share=jsonl_share,
            inbox=inbox,
            reference_dir=reference_dir,
            date_range=date_range,
            bad={kind: shares[c] for kind, shares in bad_shares.items()},
        )
        for c in range(n_chunks)
    ]
    workers = min(workers or os.cpu_count() or 1, n_chunks)
    if workers <= 1:
        results = [_generate_chunk(spec) for spec in specs]
    else:
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork")) as pool:
            results = list(pool.map(_generate_chunk, specs))

    events = pl.DataFrame([r for res in results for r in res.events], schema=_EVENT_SCHEMA, orient="row")
    articles = pl.DataFrame([r for res in results for r in res.articles], schema=_ARTICLE_SCHEMA).sort(
        "article_key"
    )
    mentions = pl.DataFrame(
        [r for res in results for r in res.mentions],
        schema=dict.fromkeys(MENTION_COLUMNS, pl.String()),
        orient="row",
    )
    rejects = pl.DataFrame([r for res in results for r in res.rejects], schema=_REJECT_SCHEMA).sort(
        "source_file", "record_index"
    )
    gt_dir.mkdir(parents=True, exist_ok=True)
    events.write_csv(gt_dir / "events.csv")
    articles.write_csv(gt_dir / "articles.csv")
    mentions.write_csv(gt_dir / "mentions.csv")
    rejects.write_csv(gt_dir / "expected_rejects.csv")
    return GroundTruth(
        out_dir=out_dir,
        inbox=inbox,
        events=events,
        articles=articles,
        mentions=mentions,
        expected_rejects=rejects,
        n_files=sum(r.n_files for r in results),
        n_bytes=sum(r.n_bytes for r in results),
        seconds=time.perf_counter() - started,
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Generate a synthetic Arabic news corpus with ground truth.")
    parser.add_argument("--n", type=int, default=1000, help="number of good articles")
    parser.add_argument("--out", type=Path, default=Path("data/bench/corpus_1k"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jsonl-share", type=float, default=0.3, help="share of articles in JSON feeds")
    parser.add_argument("--reference-dir", type=Path, default=REFERENCE_DIR)
    parser.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    args = parser.parse_args(argv)
    gt = generate_corpus(
        args.out, args.n, args.seed, args.jsonl_share, args.reference_dir, workers=args.workers
    )
    mb = gt.n_bytes / 1e6
    print(
        f"{gt.articles.height} articles, {gt.events.height} events, {gt.expected_rejects.height} "
        f"expected rejects/duplicates; {gt.n_files} files, {mb:.1f} MB under {gt.inbox}; "
        f"{gt.seconds:.2f} s ({mb / gt.seconds:.1f} MB/s)"
    )


if __name__ == "__main__":
    main()
