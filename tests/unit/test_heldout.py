"""Held-out articles (tests/fixtures/heldout): entity and event extraction on texts nobody tuned on.

Hand-written articles imitate many outlets, countries and years (2012-2024): Gulf wire styles with
Hijri datelines, Maghreb month names, Arabic-Indic digits, undated texts, IGO heads, female
officials, movements. ``real/`` holds real published items kept verbatim (87 outlets, see
``real/sources.csv``). Expected results are hand-made; the matching rules are in
``tests/heldout_score.py``.

Run ``uv run pytest tests/unit/test_heldout.py -q -s`` to see every miss and extra event, or
``python -m tests.heldout_score --split {hand,real,real_test,all}`` for one split. ``real_test/`` is a
second real split nobody tunes on: it is scored on its own and never enters the whole-suite figure.
"""

from __future__ import annotations

from functools import cache

import polars as pl
import pytest

from tests.heldout_score import (
    HELDOUT,
    REAL,
    REAL_TEST,
    EventScore,
    actor_ok,
    expected_rows,
    main,
    read_csv,
    real_articles,
    real_test_articles,
    report,
    run_chain,
    score,
    split_articles,
)

# Floors actually reached (see the report printed by the tests); raise them as the rules improve.
# Measured 2026-12-02 (after event_rules): hand-written R 0.90 P 0.93 named 0.88; real R 0.44 P 0.73
# named 0.38 (both actors named 0.33; before the rules R 0.42 P 0.57 named 0.37); whole suite R 0.60
# P 0.81 named 0.55. After merging main's open-world entities (c5f70cf): real R 0.46 P 0.64 named 0.39,
# whole suite R 0.61 P 0.74 named 0.56 (new persons without a country become partners). Names found
# only by their shape no longer become parties: real R 0.46 P 0.70 named 0.39; whole R 0.61 P 0.79.
# Clause-level arguments (title spans, trigger frames, lists, every pair of a multi-party meeting):
# hand-written R 0.93 P 0.93 named 0.90; real R 0.53 P 0.71 named 0.46; whole R 0.66 P 0.79 named 0.61.
# Signing verbs with their document, markers inside titles: hand R 0.95 P 0.93 named 0.93; real
# R 0.58 P 0.72 named 0.51; whole R 0.71 P 0.79 named 0.65.
# 2026-12-03 (stop 21, c6c2387; real 215 articles / 261 events): hand R 1.00 P 0.96 named 0.99; real
# R 0.73 P 0.88 named 0.66; whole R 0.77 P 0.89 named 0.71. Floors about 0.03 below.
# 2026-12-03 (helper actb, +30 real items r290-r319 / 53 events, 314 in all): real R 0.71 P 0.89
# named 0.63; whole R 0.75 P 0.89 named 0.67. Floors about 0.03 below.
# 2026-12-03 (stop 23; real 333 articles / 418 events): hand R 1.00 P 0.98 named 0.99; real R 0.78
# P 0.93 named 0.67; whole R 0.80 P 0.93 named 0.70. Floors about 0.03 below.
# 2026-12-03 (helper multi, +16 real items r411-r426 / 71 events of receptions of several partners,
# issue 11): real R 0.70 P 0.92 named 0.61; whole R 0.72 P 0.92 named 0.64. Floors about 0.03 below.
# After helper multi's list rules (e1a5a56): real R 0.73 P 0.92 named 0.63; whole R 0.75 P 0.93 named 0.65.
# 2026-12-03 (helper creds, +6 real items r470-r475 / 38 credentials events, issue 11, scored with the
# code unchanged: 0 of 38 found): real R 0.70 (0.698) P 0.94 named 0.60 (0.596); whole R 0.72 (0.719) P 0.94.
# After helper creds's credentials frames (events/credentials.py, envoy_items.py, ambassador state
# linkers): real R 0.78 (0.784) P 0.94 named 0.64; whole R 0.80 (0.799) P 0.94 named 0.67.
# Hand-written articles alone.
EVENT_RECALL_FLOOR = 0.93
EVENT_PRECISION_FLOOR = 0.91
ENTITY_RECALL_FLOOR = 0.9
# Real published articles alone (issue 11 targets: 0.85 / 0.85 / 0.75).
REAL_RECALL_FLOOR = 0.75
REAL_PRECISION_FLOOR = 0.9
REAL_NAMED_ACTOR_FLOOR = 0.61
# The whole suite.
ALL_RECALL_FLOOR = 0.77
ALL_PRECISION_FLOOR = 0.9
ALL_NAMED_ACTOR_FLOOR = 0.63


def _hand_written() -> frozenset[str]:
    return split_articles("hand")


@cache
def entity_misses() -> tuple[int, list[str]]:
    chain = run_chain()
    found = (
        chain.mentions.join(chain.articles.select("article_id", "article"), on="article_id")
        .join(chain.entities.select("entity_id", "name_en", "country_iso3"), on="entity_id")
        .select("article", "entity_id", "name_en", "country_iso3")
        .unique()
        .to_dicts()
    )
    must = [e for e in read_csv(HELDOUT / "expected_entities.csv") if e["must"] == "yes"]
    misses = [
        f"{e['article']}: {e['name_en']} ({e['surface_example']})"
        for e in must
        if not any(
            f["article"] == e["article"]
            and actor_ok(chain, e["name_en"], e["iso3"], f["entity_id"], f["name_en"], f["country_iso3"])
            for f in found
        )
    ]
    return len(must), misses


# The statuses an expected row may have (`tests.heldout_score`: "any" rows are optional, "not_event" rows are traps).
STATUSES = frozenset(("occurred", "planned", "postponed", "cancelled", "any", "not_event"))
# The error classes of issue 11 that each real split covers with at least one annotated row.
ISSUE_11_CLASSES = frozenset(
    (
        "attachment",
        "other_hand",
        "later_clause",
        "verb_first",
        "relative_clause",
        "dropped_subject",
        "passive_call",
        "own_country",
        "attendance",
        "greetings",
        "background",
        "footer",
        "postponed",
        "cancelled",
        "future",
        "igo",
        "name_variant",
        "multi_party",
    )
)


def test_event_recall_and_precision_floors() -> None:
    s = score(_hand_written())
    print("\n" + report("hand-written held-out events", s))
    assert s.recall >= EVENT_RECALL_FLOOR
    assert s.precision >= EVENT_PRECISION_FLOOR


def _check(s: EventScore, recall: float, precision: float, named: float) -> None:
    assert s.recall >= recall, s.misses
    assert s.precision >= precision, s.extras + s.wrong_status
    assert s.named_actor_recall >= named


def test_real_articles_floors() -> None:
    s = score(real_articles())
    print("\n" + report("real published articles", s))
    _check(s, REAL_RECALL_FLOOR, REAL_PRECISION_FLOOR, REAL_NAMED_ACTOR_FLOOR)


# real_test: real published articles nobody tunes on (issue 11), floors = main's scores when the split
# was built minus a margin, so that a rule tuned on real/ that breaks real news elsewhere shows here.
# Measured 2026-12-02 on main (0a04b4d) with 73 articles / 86 must events: R 0.43 P 0.58 named 0.36
# (both actors named 0.30, IGO-coded 9/10); the floors are 0.05 below.
# 2026-12-03 (stop 21, c6c2387; 76 articles / 86 must events): R 0.72 P 0.78 named 0.65 (IGO-coded
# 19/19); floors 0.04 below.
REAL_TEST_RECALL_FLOOR = 0.68
REAL_TEST_PRECISION_FLOOR = 0.74
REAL_TEST_NAMED_ACTOR_FLOOR = 0.61


def test_real_test_floors() -> None:
    s = score(real_test_articles())
    print("\n" + report("real published articles, test split (never tuned on)", s))
    _check(s, REAL_TEST_RECALL_FLOOR, REAL_TEST_PRECISION_FLOOR, REAL_TEST_NAMED_ACTOR_FLOOR)


def test_real_test_stays_out_of_the_whole_suite() -> None:
    """The whole-suite figure that rules are tuned against never sees real_test."""
    assert not (split_articles("all") & real_test_articles())
    assert split_articles("all") == split_articles("hand") | real_articles()
    assert real_test_articles() <= set(run_chain().articles["article"].to_list())


@pytest.mark.parametrize("split", ["hand", "real", "real_test", "all"])
def test_split_selector(split: str, capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m tests.heldout_score --split X`` reports that split alone."""
    main(["--split", split])
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"held-out split {split}: {score(split_articles(split)).must} events")
    with pytest.raises(SystemExit):
        main(["--split", "everything"])


def test_real_test_is_disjoint_from_real() -> None:
    """real_test holds other articles than real/: other keys, other addresses."""
    real = read_csv(REAL / "sources.csv")
    test = read_csv(REAL_TEST / "sources.csv")
    assert not ({s["article"] for s in real} & {s["article"] for s in test})
    assert not ({s["url"] for s in real} & {s["url"] for s in test})
    rows = read_csv(REAL_TEST / "expected_events.csv")
    assert {r["article"] for r in rows} <= {s["article"] for s in test}
    assert {r["status"] for r in rows} <= STATUSES
    assert all(r["must"] in {"yes", "no"} and (r["must"] == "no" or r["status"] == "occurred") for r in rows)


def test_real_test_breadth() -> None:
    """real_test is broad too: at least 40 items, 15 outlets, 8 countries, 5 years (issue 11)."""
    sources = read_csv(REAL_TEST / "sources.csv")
    assert len(sources) >= 40
    assert len({s["outlet"] for s in sources}) >= 15
    assert len({s["country"] for s in sources if s["country"]}) >= 8
    assert len({s["year"] for s in sources if s["year"]}) >= 5
    rows = read_csv(REAL_TEST / "expected_events.csv")
    assert sum(r["must"] == "yes" for r in rows) >= 40
    # Every issue 11 error class, as in real/.
    assert ISSUE_11_CLASSES | {"attack"} <= {r["error_class"] for r in rows}


def test_whole_suite_floors() -> None:
    s = score()
    print("\n" + report("whole held-out suite", s).splitlines()[0])
    _check(s, ALL_RECALL_FLOOR, ALL_PRECISION_FLOOR, ALL_NAMED_ACTOR_FLOOR)


def test_real_suite_breadth() -> None:
    """The real part stays broad: outlets, countries, years, and every error class of issue 11."""
    sources = read_csv(REAL / "sources.csv")
    assert len(sources) >= 40
    assert len({s["outlet"] for s in sources}) >= 8
    assert len({s["country"] for s in sources if s["country"]}) >= 5
    assert len({s["year"] for s in sources if s["year"]}) >= 5
    rows = read_csv(REAL / "expected_events.csv")
    assert {r["article"] for r in rows} <= {s["article"] for s in sources}
    assert {r["status"] for r in rows} <= STATUSES
    assert {r["error_class"] for r in rows} >= ISSUE_11_CLASSES


def test_entity_recall_floor() -> None:
    n, misses = entity_misses()
    print(f"\nheld-out entities: {n - len(misses)}/{n} found; missed:")
    for m in misses:
        print(f"  {m}")
    assert 1 - len(misses) / n >= ENTITY_RECALL_FLOOR


def test_every_article_is_read() -> None:
    chain = run_chain()
    expected = {e["article"] for e in expected_rows()}
    assert expected <= set(chain.articles["article"].to_list())


@pytest.mark.parametrize(
    ("article", "surface"),
    [
        ("h23_undated", "الرئيس الأسبق باراك أوباما"),  # a former president named in an undated article
        ("h25_female_2022", "تيريزا ماي"),  # a former PM: no event with her
    ],
)
def test_former_office_holders_take_no_event(article: str, surface: str) -> None:
    chain = run_chain()
    # Only the article's phone call is checked: a historical visit by the former president is real.
    rows = chain.events.filter((pl.col("article") == article) & pl.col("event_code").str.starts_with("041"))
    names = set(rows["a1"].drop_nulls().to_list()) | set(rows["a2"].drop_nulls().to_list())
    assert not ({"Barack Obama", "Theresa May"} & names), surface
