"""Tours (issue 11): «جولة عربية تشمل السعودية والأردن» is one visit (042) per stop; a round of
talks (جولة مباحثات مع X) stays talks."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_a_tour_gives_one_visit_per_stop() -> None:
    # «يبدأ سيرجي لافروف، وزير الخارجية الروسي، غدًا السبت، جولة عربية تشمل السعودية والأردن»
    out = run("يبدأ بوتين غدا جولة عربية تشمل سوريا ومصر.")
    assert dyads(out) == {("042", "vladimir_putin", "SYR"), ("042", "vladimir_putin", "EGY")}
    assert set(out["status"]) == {"planned"}
    assert dyads(run("بدأ بوتين جولة إلى سوريا ومصر.")) == {
        ("042", "vladimir_putin", "SYR"),
        ("042", "vladimir_putin", "EGY"),
    }


def test_the_stops_of_a_visit_after_tashmal_are_its_destinations() -> None:
    # «وكان من المقرر أن يجري بينس زيارة لدول المنطقة، تشمل إسرائيل ومصر والأردن»
    out = run("وأجرى بوتين زيارة لدول المنطقة، تشمل سوريا ومصر.")
    assert ("042", "vladimir_putin", "EGY") in dyads(out)
    assert not any(d[1] in {"SYR", "EGY"} for d in dyads(out))


def test_a_round_of_talks_is_no_tour() -> None:
    assert dyads(run("وعقد بوتين جولة مباحثات مع ترامب في موسكو.")) == {
        ("040", "vladimir_putin", "donald_trump")
    }
