"""issue #12: two person words side by side, with no conjunction or punctuation between, are one
name (``bio._PERS_RESTART``): the tagger read طلعت زكريا as two persons, each a given name."""

from __future__ import annotations

from orchestration.transforms.openworld.bio import decode_spans, viterbi_labels
from orchestration.transforms.openworld.docstack import LABELS
from tests.unit.test_tagger import _rows

# حقق الفنان طلعت زكريا حلمه: زكريا scores higher as a new person than as the name's second word.
NAME = [{"B-PERS": 2.0, "O": 0.0}, {"B-PERS": 1.5, "I-PERS": 1.0, "O": 0.0}]


def test_a_person_word_after_a_person_word_continues_the_name() -> None:
    t = _rows(NAME, [True, True], [False, False])
    assert [LABELS[i] for i in viterbi_labels(t)] == ["B-PERS", "I-PERS"]
    assert decode_spans(t).select("s", "e", "entity_type").rows() == [(0, 1, "PERSON")]


def test_a_conjunction_or_a_comma_still_starts_the_next_person() -> None:
    # وزكريا: the next person of a list.
    t = _rows(NAME, [True, True], [False, True])
    assert [LABELS[i] for i in viterbi_labels(t)] == ["B-PERS", "B-PERS"]
    t = _rows(NAME, [True, False], [False, False])
    assert [LABELS[i] for i in viterbi_labels(t)] == ["B-PERS", "B-PERS"]


def test_other_types_side_by_side_stay_apart() -> None:
    # A place after a place (القاهرة الجيزة) is not forced into one span.
    t = _rows([{"B-LOC": 2.0}, {"B-LOC": 1.5, "I-LOC": 1.0, "O": 0.0}], [True, True], [False, False])
    assert [LABELS[i] for i in viterbi_labels(t)] == ["B-LOC", "B-LOC"]
