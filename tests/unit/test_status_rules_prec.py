"""Status rules on real sentence shapes (issue 11): intentions, schedule phrases before the trigger
and preparation nouns announce an event (planned); the same words after a reported event leave it
occurred."""

from __future__ import annotations

from tests.unit.test_event_rules import A, B, _run


def _status(sentence: str, trigger: str, code: str = "043") -> str:
    return _run(sentence, trigger, A, B, code=code)["status"][0]


def test_an_intention_verb_before_the_trigger_announces_it() -> None:
    # «أن ترامب يعتزم زيارة كولومبيا في نوفمبر»; titles with commas between verb and trigger.
    assert _status("وقال البيت الأبيض إن فيصل بن فرحان يعتزم زيارة سامح شكري", "زيارة", "042") == "planned"
    assert _status("ويعتزم وزير الخارجية، فيصل بن فرحان، لقاء سامح شكري", "لقاء") == "planned"
    assert _status("وأعلن فيصل بن فرحان عزمه لقاء سامح شكري", "لقاء") == "planned"
    # a sentence end between the intention and the trigger: another sentence's intention
    assert _status("التقى فيصل بن فرحان سامح شكري", "التقى") == "occurred"


def test_a_schedule_phrase_anywhere_before_the_trigger_announces_it() -> None:
    # «وينتظر إن يلتقي العربي … الرئيس التونسي», «كما أنه من المنتظر أن يلتقي …»
    lead = "ووصل فيصل بن فرحان إلى القاهرة أمس في زيارة رسمية للبلاد تستمر يومين، وينتظر إن يلتقي سامح شكري"
    assert _status(lead, "يلتقي") == "planned"
    far = "وبحث فيصل بن فرحان الأوضاع في المنطقة مع الوفد المرافق له، كما أنه من المنتظر أن يلتقي سامح شكري"
    assert _status(far, "يلتقي") == "planned"
    # the phrase after the trigger announces something else: the reported meeting stays
    after = "التقى فيصل بن فرحان سامح شكري أمس، ومن المنتظر أن يزور الرياض الأسبوع المقبل"
    assert _status(after, "التقى") == "occurred"


def test_a_preparation_noun_right_before_the_trigger_makes_it_planned() -> None:
    # «ودورهم القيام بالترتيب والإعداد لزيارة الرئيس إلى السعودية»
    sentence = "ودورهم القيام بالترتيب والإعداد لزيارة فيصل بن فرحان إلى سامح شكري"
    assert _status(sentence, "لزيارة", "042") == "planned"
    assert _status("وبحث الوفد التحضير للقاء فيصل بن فرحان و سامح شكري", "للقاء") == "planned"


def test_an_imperfect_light_verb_with_a_later_time_announces_the_noun_trigger() -> None:
    # «يؤدي أحمد أبو الغيط الأمين العام لجامعة الدول العربية زيارة الى تونس يومي 4 و 5 أبريل 2021»
    lead = "يؤدي فيصل بن فرحان وزير الخارجية زيارة إلى سامح شكري يومي 4 و 5 أبريل"
    assert _status(lead, "زيارة", "042") == "planned"
    # «البيان التالي: بدعوة كريمة من …، يقوم فخامة الرئيس/ جوزيف بايدن … بزيارة رسمية … يومي 16 و 17»
    statement = "البيان التالي: بدعوة من الملك، يقوم فيصل بن فرحان بزيارة رسمية إلى سامح شكري يومي 16 و 17"
    assert _status(statement, "بزيارة", "042") == "planned"
    # a past light verb reports
    assert _status("قام فيصل بن فرحان بزيارة إلى سامح شكري يومي 4 و 5 أبريل", "بزيارة", "042") == "occurred"
