"""Departures (issue 11): «غادر X أرض الوطن في اتجاه Y», «غادر X متوجها إلى Y» and «توجه X اليوم
إلى Y» are visits of X to Y. The frame (``depart``) reads only إلى and the heading markers
(متوجها إلى، في اتجاه، قاصدا), and only a place or a state: «توجه X بالشكر إلى Y» is thanks."""

from __future__ import annotations

import polars as pl

from tests.unit.test_events import dyads, run


def _visits(out) -> set[tuple[str, str, str]]:
    return {d for d in dyads(out) if d[0] == "042"}


def test_departure_in_the_direction_of_a_state() -> None:
    # r409 shape: the object of غادر (أرض الوطن) is the origin, في اتجاه names the destination
    out = run("غادر الرئيس السيسي، بعد ظهر اليوم الاثنين، أرض الوطن في اتجاه روسيا تلبية لدعوة من بوتين.")
    assert ("042", "abdel_fattah_el_sisi", "RUS") in dyads(out)


def test_departure_heading_to_a_city() -> None:
    out = run("غادر الرئيس السيسي مصر اليوم متوجها إلى موسكو للمشاركة في القمة.")
    visits = _visits(out)
    assert ("042", "abdel_fattah_el_sisi", "RUS") in visits
    # the city he leaves is no destination
    assert not any(d[2] == "EGY" for d in visits)


def test_heading_to_a_state_after_subject_and_time() -> None:
    # r289 shape: «توجه رئيس مجلس السيادة … اليوم إلى سوريا للمشاركة في القمة»
    out = run("توجه الرئيس السيسي اليوم إلى سوريا للمشاركة في القمة.")
    assert ("042", "abdel_fattah_el_sisi", "SYR") in dyads(out)


def test_thanks_addressed_to_a_state_is_no_visit() -> None:
    out = run("توجه الرئيس السيسي بالشكر إلى روسيا على دعمها.")
    assert not _visits(out)


def test_heading_to_a_person_is_no_visit() -> None:
    out = run("توجه الرئيس السيسي إلى الرئيس الروسي فلاديمير بوتين بنداء لوقف الحرب.")
    assert not _visits(out)


def test_return_home_is_no_visit() -> None:
    # «غادر X القاهرة عائدا إلى موسكو»: the leader goes home, no visit to his own country
    out = run("غادر الرئيس بوتين مصر عائدا إلى موسكو.")
    assert not _visits(out)


def test_planned_departure_follows_status_rules() -> None:
    out = run("يتوجه الرئيس السيسي غدا إلى موسكو.")
    assert out.filter(pl.col("event_code") == "042")["status"].to_list() == ["planned"]


def test_heading_to_a_city_named_after_its_head_noun() -> None:
    # r182 shape: «غادر أمير الكويت … بلاده، عصر اليوم الثلاثاء، متوجها إلى مدينة جدة»: a head noun
    # (مدينة) may stand between the heading marker and the place, as after إلى
    out = run("غادر الرئيس السيسي بلاده، عصر اليوم الثلاثاء، متوجها إلى مدينة موسكو في زيارة رسمية.")
    assert ("042", "abdel_fattah_el_sisi", "RUS") in dyads(out)
