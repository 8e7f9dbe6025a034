"""A scheduled event put off later in its sentence (issue 11): «وكان من المقرر أن يجري بينس زيارة
لدول المنطقة …، إلا أنه تم تأجيلها مجددا» is postponed (cancelled with a cancellation word), however
far the adversative clause stands from the trigger; without the schedule phrase it stays as it was."""

from __future__ import annotations

from tests.unit.test_event_rules import A, B, _run

_HEADLINE = ("عنوان الخبر",)
_LONG = "بعد قرار الاعتراف بالقدس عاصمة لدولة الاحتلال منتصف ديسمبر الماضي في ظل الأزمة"


def _status(sentence: str, trigger: str, code: str = "042") -> str:
    return _run(sentence, trigger, A, B, code=code, before=_HEADLINE)["status"][0]


def test_a_scheduled_visit_put_off_by_an_adversative_clause_is_postponed() -> None:
    sentence = f"وكان من المقرر أن يجري فيصل بن فرحان زيارة إلى سامح شكري، {_LONG}، إلا أنه تم تأجيلها مجددا"
    assert _status(sentence, "زيارة") == "postponed"


def test_a_scheduled_meeting_called_off_by_an_adversative_clause_is_cancelled() -> None:
    sentence = f"وكان من المقرر أن يلتقي فيصل بن فرحان سامح شكري، {_LONG}، لكن اللقاء ألغي في اللحظة الأخيرة"
    assert _status(sentence, "يلتقي", "043") == "cancelled"


def test_a_reported_visit_stays_occurred_when_something_else_is_put_off() -> None:
    # no schedule phrase: the postponement is another event's
    sentence = f"وزار فيصل بن فرحان سامح شكري أمس، {_LONG}، إلا أن توقيع الاتفاقية تم تأجيله"
    assert _status(sentence, "وزار") == "occurred"


def test_a_postponement_typed_with_persian_letters_is_postponed() -> None:
    # «تأجیل زیارة الکاظمی إلی السعودیة» (ILNA): Persian yeh in تأجیل
    assert _status("أعلنت الوزارة تأجیل زیارة فيصل بن فرحان إلی سامح شكري", "زیارة") == "postponed"
