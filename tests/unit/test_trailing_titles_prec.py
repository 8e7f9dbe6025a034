"""Trailing titles (issue 11): a role side the events stage gave to the office's holder of the day
is still the apposition of the name right before it («"علي أكبر صالحي" وزير الخارجية الإيراني
السابق» is Salehi, not the minister of the day)."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.event_rule_patterns import load_rule_patterns
from orchestration.transforms.event_rule_titles import trailing_titles

_SENTENCE = 'بأن "علي صالحي" وزير الخارجية الإيراني السابق أجرى اتصالا بالوزير'


def test_a_role_given_to_the_holder_of_the_day_is_the_name_before_it() -> None:
    role_at = _SENTENCE.find("وزير الخارجية")
    name_at = _SENTENCE.find("علي صالحي")
    c = pl.DataFrame(
        {
            "_row": [0],
            "sentence": [_SENTENCE],
            "actor1_entity_id": ["person:mohammad_javad_zarif"],
            "actor1_code": ["IRNGOV"],
            "actor1_char_offset": [role_at],
            "a1_rel": [role_at],
            "actor2_entity_id": ["country:EGY"],
            "actor2_code": ["EGY"],
            "actor2_char_offset": [len(_SENTENCE) - 6],
            "a2_rel": [len(_SENTENCE) - 6],
        }
    )
    m = pl.DataFrame(
        {
            "m_entity": ["person:ali_akbar_salehi", "actor:IRNGOV:foreign_minister"],
            "m_start": [name_at, role_at],
            "m_rel": [name_at, role_at],
            "m_end_rel": [name_at + len("علي صالحي"), role_at + len("وزير الخارجية الإيراني")],
            "m_code": ["IRNGOV", "IRNGOV"],
        }
    )
    out = trailing_titles(c, c.join(m, how="cross"), load_rule_patterns())
    assert out["actor1_entity_id"].to_list() == ["person:ali_akbar_salehi"]
    assert out["actor1_char_offset"].to_list() == [name_at]
