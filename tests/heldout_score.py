"""Scoring of the held-out suite (tests/fixtures/heldout): the event chain on texts nobody tuned on.

Three splits share one chain run:
- ``hand``: the hand-written articles (``h*.txt``, ``wire.jsonl``; ``expected_events.csv``);
- ``real``: real published articles (``real/*.txt``; ``real/expected_events.csv``,
  ``real/sources.csv``), kept verbatim with their boilerplate;
- ``real_test``: more real published articles laid out like ``real/`` (``real_test/``). Nobody tunes
  rules on them: they are scored only on their own, never inside the ``all`` figure
  (``all`` = ``hand`` + ``real``, the suite that rules are developed against).

``python -m tests.heldout_score --split {hand,real,real_test,all}`` prints a split's report.

Matching rules (dyad + family level, per article, actors unordered):
- a name of the knowledge base matches on the normalized English name plus the country code;
- a country's own English name (``Israel``) accepts any actor of that country (the state, its
  government, ministry or army: GDELT codes them all ISR/ISRGOV/ISRMIL);
- a person absent from the knowledge base accepts any non-country actor of that country (a
  title-pattern person or a country+role actor);
- an empty country (officials of international organizations) matches on the name alone, or at pair
  level on the organization's CAMEO code (``igo_code``; ``IGOGCC|IGOEU`` gives actor1's and actor2's
  codes when both are officials of organizations);
- family: call = 041; meeting = 040/042/043/044; otherwise the two-digit CAMEO root.

Expected rows carry a ``status`` (default ``occurred``): ``must=yes`` rows are the events a coder
must find (recall); ``planned``/``postponed``/``cancelled`` rows are right only with that status,
``not_event`` rows name traps (attendance, conveyed greetings, own-country pairs, footers) and
``any`` rows are optional. A predicted (article, dyad, family) is an error when it matches no row,
only ``not_event`` rows, or only status rows with another status.

Named-actor recall is stricter: an expected actor counts only when a matching event names it
(the same knowledge-base person, the organization's name, or the country itself for a country).
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
REAL = HELDOUT / "real"
REAL_TEST = HELDOUT / "real_test"
SPLITS = ("hand", "real", "real_test", "all")
_STATUS_ROWS = {"planned", "postponed", "cancelled"}


def norm(name: str | None) -> str:
    ascii_name = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    return " ".join("".join(c if c.isalnum() else " " for c in ascii_name.casefold()).split())


def family(code: str) -> str:
    base = code[:3]
    if base == "041":
        return "call"
    if base in {"040", "042", "043", "044"}:
        return "meeting"
    return base[:2]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@dataclass
class Chain:
    articles: pl.DataFrame
    mentions: pl.DataFrame
    entities: pl.DataFrame
    events: pl.DataFrame
    kb_person_names: set[str] = field(default_factory=set)
    country_names: dict[str, str] = field(default_factory=dict)


@cache
def run_chain() -> Chain:
    from orchestration.transforms.clean import clean_articles
    from orchestration.transforms.entities import extract_entity_mentions
    from orchestration.transforms.event_rules import extract_ruled_events
    from orchestration.transforms.ingest import read_inbox
    from orchestration.transforms.reference import load_kb
    from orchestration.transforms.sentences import split_sentences

    raw, _, rejected = read_inbox(HELDOUT)
    assert rejected.is_empty(), rejected
    cleaned = clean_articles(raw)
    articles = cleaned[0] if isinstance(cleaned, tuple) else cleaned
    # The article key: the file stem for .txt (any folder), the record's own id for .jsonl.
    key = (
        pl.when(pl.col("source_file").str.ends_with(".txt"))
        .then(pl.col("source_file").str.replace(r"\.txt$", "").str.replace(r"^.*/", ""))
        .otherwise(pl.col("meta_id"))
    )
    keys = raw.select("article_id", article=key).unique("article_id")
    articles = articles.join(keys, on="article_id")
    kb = load_kb()
    sentences = split_sentences(articles)
    mentions, entities = extract_entity_mentions(articles, kb, sentences)
    # The one chain of the plain and daily modes (body events, then headline-only events).
    events = extract_ruled_events(articles, sentences, mentions, kb)
    names = entities.select("entity_id", "name_en", "country_iso3")
    events = (
        events.join(articles.select("article_id", "article"), on="article_id")
        .join(
            names.rename({"entity_id": "actor1_entity_id", "name_en": "a1", "country_iso3": "c1"}),
            on="actor1_entity_id",
            how="left",
        )
        .join(
            names.rename({"entity_id": "actor2_entity_id", "name_en": "a2", "country_iso3": "c2"}),
            on="actor2_entity_id",
            how="left",
        )
    )
    return Chain(
        articles=articles,
        mentions=mentions,
        entities=entities,
        events=events,
        # Persons the matcher can find by name: generated office holders (Wikidata) have no Arabic
        # name, so in text they are as unknown as anyone outside the knowledge base.
        kb_person_names={norm(n) for n in kb.persons.filter(pl.col("name_ar").is_not_null())["name_en"]},
        country_names={r["iso3"]: norm(r["name_en"]) for r in kb.countries.iter_rows(named=True)},
    )


@cache
def expected_rows() -> tuple[dict[str, str], ...]:
    rows = [{**r, "status": "occurred"} for r in read_csv(HELDOUT / "expected_events.csv")]
    rows += read_csv(REAL / "expected_events.csv")
    rows += read_csv(REAL_TEST / "expected_events.csv")
    return tuple(rows)


@cache
def real_articles() -> frozenset[str]:
    return frozenset(r["article"] for r in read_csv(REAL / "sources.csv"))


@cache
def real_test_articles() -> frozenset[str]:
    return frozenset(r["article"] for r in read_csv(REAL_TEST / "sources.csv"))


def split_articles(split: str) -> frozenset[str]:
    """The article keys of a split; ``all`` is hand + real and never includes ``real_test``."""
    if split == "real":
        return real_articles()
    if split == "real_test":
        return real_test_articles()
    everything = frozenset(run_chain().articles["article"].to_list())
    hand = everything - real_articles() - real_test_articles()
    if split == "hand":
        return hand
    if split == "all":
        return hand | real_articles()
    raise ValueError(f"unknown split {split!r}; one of {', '.join(SPLITS)}")


def actor_ok(
    chain: Chain,
    exp_name: str,
    exp_iso3: str,
    entity_id: str,
    name: str | None,
    iso3: str | None,
    code: str | None = None,
    *,
    igo: str = "",
    strict: bool = False,
) -> bool:
    if not exp_iso3:
        # An official of an international organization acts for it (CAMEO IGOUNO, IGOARL...):
        # the organization itself is the right actor at pair level, not by name.
        return norm(name) == norm(exp_name) or (not strict and bool(igo) and (code or "").startswith(igo))
    if (iso3 or "") != exp_iso3:
        return False
    if norm(name) == norm(exp_name):
        return True
    if chain.country_names.get(exp_iso3) == norm(exp_name):
        # By name, a country is the state or one of its organizations, not one of its people.
        return not (strict and entity_id.startswith("person:"))
    if strict:
        return False
    # A person outside the knowledge base: any non-country actor of the country.
    return (
        norm(exp_name) not in chain.kb_person_names
        and not entity_id.startswith(("country:", "place:"))
        and not (entity_id.startswith("person:") and not entity_id.startswith("person:new:"))
    )


def _sides(row: dict) -> tuple[tuple, tuple]:
    return (
        (row["actor1_entity_id"], row["a1"], row["c1"], row["actor1_code"]),
        (row["actor2_entity_id"], row["a2"], row["c2"], row["actor2_code"]),
    )


def event_ok(chain: Chain, exp: dict[str, str], row: dict, *, strict: bool = False) -> bool:
    if exp["article"] != row["article"] or family(exp["cameo"]) != family(row["event_code"]):
        return False
    a, b = _sides(row)
    e1 = (exp["actor1_en"], exp["actor1_iso3"])
    e2 = (exp["actor2_en"], exp["actor2_iso3"])
    # One code serves whichever actor is an organization's official; two ("IGOGCC|IGOEU") are the
    # codes of actor1's and actor2's organizations when both are.
    codes = (exp.get("igo_code") or "").split("|")
    k1 = {"igo": codes[0], "strict": strict}
    k2 = {"igo": codes[-1], "strict": strict}
    return (actor_ok(chain, *e1, *a, **k1) and actor_ok(chain, *e2, *b, **k2)) or (
        actor_ok(chain, *e1, *b, **k1) and actor_ok(chain, *e2, *a, **k2)
    )


def _named_actors(chain: Chain, exp: dict[str, str], hits: list[dict]) -> int:
    """How many of the row's two actors some hit names (strictly), in either slot."""
    found = 0
    for name, iso3 in ((exp["actor1_en"], exp["actor1_iso3"]), (exp["actor2_en"], exp["actor2_iso3"])):
        if any(actor_ok(chain, name, iso3, *side, strict=True) for h in hits for side in _sides(h)):
            found += 1
    return found


@dataclass
class EventScore:
    must: int
    recall: float
    precision: float
    named_actor_recall: float
    both_named: float
    date_accuracy: float
    igo_coded: tuple[int, int]
    misses: list[str]
    extras: list[str]
    wrong_status: list[str]
    wrong_dates: list[str]
    # Error class (the expected rows' ``error_class``) -> count, for misses and for false events
    # (extras and wrong statuses); a false event that matches no expected row is "unexpected".
    miss_classes: dict[str, int] = field(default_factory=dict)
    false_classes: dict[str, int] = field(default_factory=dict)


def _describe(r: dict) -> str:
    return (
        f"{r['article']}: {r['event_code']} {r['a1'] or r['actor1_entity_id']} -> "
        f"{r['a2'] or r['actor2_entity_id']} ({r['trigger']}, {r['status']}) {r['event_date']}"
    )


def _count(classes: dict[str, int], rows: list[dict[str, str]]) -> None:
    key = "/".join(sorted({e.get("error_class") or "unclassified" for e in rows})) or "unexpected"
    classes[key] = classes.get(key, 0) + 1


def _precision_errors(
    chain: Chain, expected: list[dict[str, str]], rows: list[dict]
) -> tuple[int, list[str], list[str], dict[str, int]]:
    """Distinct (article, unordered dyad, family) predictions -> (count, extras, wrong statuses,
    error classes of the false ones)."""
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        dyad = tuple(sorted([r["actor1_entity_id"], r["actor2_entity_id"]]))
        groups.setdefault((r["article"], dyad, family(r["event_code"])), []).append(r)
    extras, wrong_status = [], []
    classes: dict[str, int] = {}
    for group in groups.values():
        first = group[0]
        matched = [e for e in expected if event_ok(chain, e, first)]
        if not matched or all(e["status"] == "not_event" for e in matched):
            extras.append(_describe(first))
            _count(classes, matched)
            continue
        if all(e["status"] in _STATUS_ROWS for e in matched):
            want = {e["status"] for e in matched}
            got = {r["status"] for r in group}
            if not (want & got) or "occurred" in got:
                wrong_status.append(f"{_describe(first)} want {'/'.join(sorted(want))}")
                _count(classes, matched)
    return len(groups), extras, wrong_status, classes


def score(articles: frozenset[str] | None = None) -> EventScore:
    """Score the articles given (by default the ``all`` split: hand + real, never real_test)."""
    chain = run_chain()
    if articles is None:
        articles = split_articles("all")
    expected = [e for e in expected_rows() if e["article"] in articles]
    must = [e for e in expected if e["must"] == "yes"]
    rows = [r for r in chain.events.to_dicts() if r["article"] in articles]
    misses, wrong_dates = [], []
    miss_classes: dict[str, int] = {}
    dated = dated_ok = named = both = igo = igo_ok = 0
    for exp in must:
        hits = [r for r in rows if event_ok(chain, exp, r)]
        if not hits:
            misses.append(f"{exp['article']}: {exp['cameo']} {exp['actor1_en']} / {exp['actor2_en']}")
            _count(miss_classes, [exp])
            continue
        n = _named_actors(chain, exp, hits)
        named += n
        both += n == 2 and any(event_ok(chain, exp, h, strict=True) for h in hits)
        if exp.get("igo_code"):
            igo += 1
            igo_ok += any(
                (h["actor1_code"] or "").startswith("IGO") or (h["actor2_code"] or "").startswith("IGO")
                for h in hits
            )
        if exp["event_date"]:
            dated += 1
            got = {str(r["event_date"]) if r["event_date"] else None for r in hits}
            if exp["event_date"] in got:
                dated_ok += 1
            else:
                wrong_dates.append(
                    f"{exp['article']}: {exp['actor1_en']} / {exp['actor2_en']} want {exp['event_date']} got {got}"
                )
    n_pred, extras, wrong_status, false_classes = _precision_errors(chain, expected, rows)
    return EventScore(
        must=len(must),
        recall=1 - len(misses) / max(len(must), 1),
        precision=1 - (len(extras) + len(wrong_status)) / max(n_pred, 1),
        named_actor_recall=named / max(2 * len(must), 1),
        both_named=both / max(len(must), 1),
        date_accuracy=dated_ok / max(dated, 1),
        igo_coded=(igo_ok, igo),
        misses=misses,
        extras=extras,
        wrong_status=wrong_status,
        wrong_dates=wrong_dates,
        miss_classes=miss_classes,
        false_classes=false_classes,
    )


def report(label: str, s: EventScore) -> str:
    lines = [
        f"{label}: {s.must} events, recall {s.recall:.2f}, precision {s.precision:.2f}, "
        f"named-actor recall {s.named_actor_recall:.2f}, both actors named {s.both_named:.2f}, "
        f"date accuracy {s.date_accuracy:.2f}, IGO-coded {s.igo_coded[0]}/{s.igo_coded[1]}"
    ]
    for title, items in (
        ("missed", s.misses),
        ("not an expected event", s.extras),
        ("wrong status", s.wrong_status),
        ("wrong date", s.wrong_dates),
    ):
        lines.append(f"{title} ({len(items)}):")
        lines.extend(f"  {item}" for item in items)
    for title, classes in (
        ("misses by error class", s.miss_classes),
        ("false events by error class", s.false_classes),
    ):
        ranked = sorted(classes.items(), key=lambda kv: (-kv[1], kv[0]))
        lines.append(f"{title}: " + (", ".join(f"{k} {v}" for k, v in ranked) or "none"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m tests.heldout_score", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--split",
        choices=SPLITS,
        default="all",
        help="hand-written, real, real_test (never tuned on) or all (hand + real; excludes real_test)",
    )
    args = parser.parse_args(argv)
    print(report(f"held-out split {args.split}", score(split_articles(args.split))))


if __name__ == "__main__":
    main()
