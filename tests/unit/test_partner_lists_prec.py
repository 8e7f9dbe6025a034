"""Partner lists (issue 11): an item whose titles open with و continues the list after words the
previous name left unmatched («مع الملك سلمان بن عبدالعزيز آل سعود ونظيره السعودي عادل الجبير»)."""

from __future__ import annotations

import pytest

from tests.unit.test_events import ENTITIES, dyads, run


def test_a_titled_item_after_unmatched_name_words_stays_in_the_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ENTITIES, "عادل الجبير", ("person:adel_al_jubeir", "PERSON"))
    out = run(
        "بوتين سيلتقي في موسكو مع بشار الأسد آل فلان ونظيره السوري عادل الجبير وبعد ذلك يتوجه "
        "إلى مصر حيث سيجري مباحثات مع الرئيس السيسي."
    )
    assert ("040", "vladimir_putin", "adel_al_jubeir") in dyads(out)
    # the second partner is no subject of the later talks
    assert ("040", "vladimir_putin", "abdel_fattah_el_sisi") in dyads(out)
    assert not any(d[1] == "adel_al_jubeir" for d in dyads(out))
