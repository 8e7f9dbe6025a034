"""issue #12: the edges of found person spans (``openworld/person_edges.py``): a given name before a
patronymic, a kunya particle before a name, and the ordinary words a span ran into. Shapes from
ANERcorp's tuning part (the tagger's spans there)."""

from __future__ import annotations

from typing import Any

import polars as pl

from orchestration.transforms.openworld.person_edges import trim_person_edges, widen_over_patronyms
from orchestration.transforms.text import normalize_text

FLAGS = ("stop", "title", "speech", "office", "org_head", "given", "family", "connector", "latin")
FLAGS += ("al", "suffixed", "cov", "verbish", "clitic_prep")


def _w(words: list[tuple[str, dict[str, Any]]]) -> pl.DataFrame:
    """A per-word table (``features.word_table`` columns the edge rules read) of one article."""
    rows = []
    for bare, flags in words:
        row: dict[str, Any] = dict.fromkeys(FLAGS, False)
        row |= {"bare": normalize_text(bare), "zipf": 0.0, "rest_zipf": 0.0, "cov_kind": None, "aidx": 0}
        row |= {"arabic": True, "joined": True, "al": bare.startswith("ال")}
        rows.append(row | flags)
    return pl.DataFrame(rows, schema_overrides={"cov_kind": pl.String})


def _spans(*se: tuple[int, int], etype: str = "PERSON") -> pl.DataFrame:
    return pl.DataFrame(
        {
            "aidx": [0] * len(se),
            "s": [s for s, _ in se],
            "e": [e for _, e in se],
            "entity_type": [etype] * len(se),
        }
    )


def _se(spans: pl.DataFrame) -> list[tuple[int, int]]:
    return spans.sort("s").select("s", "e").rows()


def test_a_name_cut_on_a_patronymic_takes_the_given_name_before_it() -> None:
    # ورفض معاوية بن أبي سفيان بيعة علي: the tagger found بن أبي سفيان (words 2-4).
    w = _w(
        [
            ("ورفض", {"zipf": 4.6}),
            ("معاوية", {"zipf": 4.42}),
            ("بن", {"connector": True}),
            ("أبي", {"connector": True}),
            ("سفيان", {"given": True}),
            ("بيعة", {"zipf": 4.5}),
        ]
    )
    assert _se(widen_over_patronyms(_spans((2, 4)), w)) == [(1, 4)]


def test_a_kunya_particle_before_a_name_belongs_to_it() -> None:
    # واستخلف عليها أبا هريرة: the tagger found هريرة; عائشة بنت أبي بكر found as أبي بكر takes
    # بنت, then the given name before it.
    w = _w([("عليها", {"stop": True}), ("أبا", {"connector": True}), ("هريرة", {})])
    assert _se(widen_over_patronyms(_spans((2, 2)), w)) == [(1, 2)]
    w = _w(
        [
            ("رأسهم", {"suffixed": True}),
            ("عائشة", {"given": True}),
            ("بنت", {"connector": True}),
            ("أبي", {"connector": True}),
            ("بكر", {"given": True}),
        ]
    )
    assert _se(widen_over_patronyms(_spans((3, 4)), w)) == [(1, 4)]


def test_no_widening_over_punctuation_grammar_another_span_or_a_kb_match() -> None:
    # الحسن بن علي where الحسن is another span, or a known match, or after a comma, or a grammar word.
    base = [("الحسن", {"given": True}), ("بن", {"connector": True}), ("علي", {"given": True})]
    w = _w(base)
    assert _se(widen_over_patronyms(_spans((0, 0), (1, 2)), w)) == [(0, 0), (1, 2)]
    assert _se(widen_over_patronyms(_spans((1, 2)), _w([(base[0][0], {"cov": True}), *base[1:]]))) == [(1, 2)]
    assert _se(widen_over_patronyms(_spans((1, 2)), w.with_columns(joined=pl.lit(False)))) == [(1, 2)]
    w = _w([("في", {"stop": True}), *base[1:]])
    assert _se(widen_over_patronyms(_spans((1, 2)), w)) == [(1, 2)]
    # Only persons: an organization is left as it is.
    assert _se(widen_over_patronyms(_spans((1, 2), etype="ORG"), _w(base))) == [(1, 2)]


def test_grammar_and_frequent_words_at_the_edges_are_cut() -> None:
    # أكد جلال محمود عضو لجنة الكرة: the span ran into the role noun after the name.
    w = _w([("جلال", {"given": True}), ("محمود", {"given": True}), ("عضو", {"zipf": 5.14})])
    assert _se(trim_person_edges(_spans((0, 2)), w)) == [(0, 1)]
    # أمره محمد أن يجلس: the conjunction after the name.
    w = _w([("محمد", {"given": True}), ("أن", {"stop": True, "zipf": 6.9})])
    assert _se(trim_person_edges(_spans((0, 1)), w)) == [(0, 0)]
    # الرئيس المؤقت عبد الله يوسف: the definite adjective before the name.
    w = _w(
        [
            ("المؤقت", {"zipf": 4.5}),
            ("عبد", {"connector": True}),
            ("الله", {"zipf": 6.5}),
            ("يوسف", {"given": True}),
        ]
    )
    assert _se(trim_person_edges(_spans((0, 3)), w)) == [(1, 3)]
    # واللاعب الكونغولي شاباني نوندا: the nationality adjective before the name.
    w = _w([("الكونغولي", {"cov_kind": "nisba"}), ("شاباني", {}), ("نوندا", {})])
    assert _se(trim_person_edges(_spans((0, 2)), w)) == [(1, 2)]


def test_names_that_look_like_words_are_kept() -> None:
    # نصر الله، محمد الخامس، الحسن بن علي، جون كندي (a nisba after a name is a family name),
    # طارق السيد (a title after a name is a family name), a lone word is never cut.
    cases = [
        [("نصر", {"given": True}), ("الله", {"zipf": 6.5})],
        [("محمد", {"given": True}), ("الخامس", {"zipf": 4.9, "stop": True})],
        [("الحسن", {"zipf": 4.93}), ("بن", {"connector": True}), ("علي", {"stop": True})],
        [("جون", {"zipf": 5.27}), ("كندي", {"zipf": 3.6, "cov_kind": "nisba"})],
        [("طارق", {"given": True}), ("السيد", {"zipf": 5.6, "title": True})],
        [("عضو", {"zipf": 5.14})],
    ]
    for words in cases:
        n = len(words) - 1
        assert _se(trim_person_edges(_spans((0, n)), _w(words))) == [(0, n)], words


def test_a_name_starting_with_b_l_or_k_is_no_preposition_on_a_word() -> None:
    # وقال بلير لمحطة تلفزيون: بلير opens a name (لير is no likelier word); كريستيانو likewise;
    # لحسن النوايا is ل + حسن (the rest is the likelier word) and opens none.
    from orchestration.transforms.openworld.people import _start_ok

    w = pl.DataFrame(
        {
            "bare": ["بلير", "كريستيانو", "لحسن"],
            "zipf": [3.4, 4.08, 3.3],
            "rest_zipf": [2.1, 0.0, 5.3],
            "clitic_prep": [True, True, True],
        }
    ).with_columns(
        nw=pl.lit(True),
        **{f: pl.lit(False) for f in ("connector", "al", "family", "given", "conj", "verbish")},
    )
    assert w.select(_start_ok())["nw"].to_list() == [True, True, False]


def test_a_lone_inflected_word_is_no_person() -> None:
    from orchestration.transforms.openworld.person_edges import drop_inflected_lone_words

    # طالبا عدم كشف هويته (a pronoun suffix), ان ينفذ بتأييد دولي (a preposition on a likelier
    # word), فالأيطاليون يرجحون فوز (an imperfect verb): the tagger read each as a person.
    w = _w(
        [
            ("هويته", {"suffixed": True, "zipf": 3.9}),
            ("بتأييد", {"clitic_prep": True, "zipf": 2.5, "rest_zipf": 4.5}),
            ("يرجحون", {"verbish": True, "zipf": 2.2}),
            # بلير is no ب + لير; يوسف is a listed name; a two-word span is left to the edges.
            ("بلير", {"clitic_prep": True, "zipf": 3.4, "rest_zipf": 2.1}),
            ("يوسف", {"verbish": True, "zipf": 4.4, "given": True}),
            ("هويته", {"suffixed": True, "zipf": 3.9}),
            ("جوشن", {}),
        ]
    ).with_columns(pl.col("rest_zipf").fill_null(0.0))
    spans = _spans((0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 6))
    assert _se(drop_inflected_lone_words(spans, w)) == [(3, 3), (4, 4), (5, 6)]


def test_a_tagged_place_opening_on_a_given_name_is_a_person() -> None:
    from orchestration.transforms.openworld.person_edges import given_name_places

    # ان محامي احمد سليم حمدان ، المعتقل في غوانتانامو: the tagger read the name as a place.
    w = _w([("احمد", {"given": True}), ("سليم", {"given": True}), ("حمدان", {}), ("القاهرة", {"cov": True})])
    spans = pl.DataFrame(
        {
            "aidx": [0, 0],
            "s": [0, 3],
            "e": [2, 3],
            "entity_type": ["PLACE", "PLACE"],
            "method": ["model", "model"],
        }
    )
    assert given_name_places(spans, w)["entity_type"].to_list() == ["PERSON", "PLACE"]
    # A known place word opening it, or a rule's place (a designator), stays a place.
    w2 = w.with_columns(cov=pl.Series([True, False, False, True]))
    assert given_name_places(spans, w2)["entity_type"].to_list() == ["PLACE", "PLACE"]
    assert given_name_places(spans.with_columns(method=pl.lit("head-noun")), w)["entity_type"][0] == "PLACE"
