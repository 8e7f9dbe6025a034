"""Regular expressions of the event sanity and status rules, built from
``data/reference/event_rule_words.csv`` (words in the CSV, context in the code)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

from orchestration.transforms.reference import REFERENCE_DIR, read_table

WORDS_CSV = "event_rule_words.csv"
# A ruler's title between a proxy word and the name (بتكليف من الرئيس X، مبعوث صاحب السمو الشيخ X).
_RULER = r"(?:ال)?(?:رئيس|ملك|أمير|شيخ|سلطان)"


@dataclass(frozen=True)
class RulePatterns:
    """Regular expressions built from ``data/reference/event_rule_words.csv``."""

    footer: str
    attend_verb: str
    attend_noun: str
    greeting: str
    greeting_noun: str
    place_before: str
    postponed: str
    cancelled: str
    expected: str
    scheduled: str
    purpose: str
    imperfect: str
    later: str
    ongoing: str
    prepare: str
    awaited: str
    future_aux: str
    intend: str
    intend_after: str
    light_before: str
    light_first: str
    expected_before: str
    during_it: str
    org_place: str
    letter: str
    title_gap: str
    represented: str
    speech: str
    sideline: str
    invited: str
    chained: str
    light_time: str
    put_off: str
    called_off: str
    clause_open: str


@lru_cache(maxsize=4)
def load_rule_patterns(reference_dir: Path = REFERENCE_DIR) -> RulePatterns:
    rows = read_table(WORDS_CSV, reference_dir)
    words = {
        rule: "|".join(group)
        for rule, group in rows.group_by("rule", maintain_order=True).agg("pattern_ar").iter_rows()
    }
    w = {rule: f"(?:{alternatives})" for rule, alternatives in words.items()}
    start = r"(?:^|[\s،,.])"
    return RulePatterns(
        footer=rf"^\W*{w['footer']}",
        attend_verb=rf"{start}(?:و|ف)?{w['attend_verb']}\s",
        attend_noun=rf"{start}(?:و)?{w['attend_noun']}\s",
        greeting=rf"{start}(?:و|ف|فيما )?{w['greeting_verb']}\s[^.]{{0,80}}?{w['greeting_noun']}",
        greeting_noun=rf"{start}(?:ب|و)?(?:ال)?{w['greeting_noun']}",
        place_before=rf"(?:(?:^|\s){w['place_prep']}|{w['place_noun']})\s+(?:(?:ال)?{w['state_noun']}\s+)?$|(?:^|\s)و?ب$",
        postponed=w["postponed"],
        cancelled=w["cancelled"],
        expected=w["expected"],
        scheduled=rf"^\W*(?:و)?من\s+{w['scheduled']}\s+(?:أن|ان)\s",
        purpose=rf"(?:^|\s){w['purpose']}\s+(?:\S+\s+)?$",
        imperfect=rf"^(?:و|ف)?[يت]{w['imperfect_stem']}",
        # The time may follow the subject and its title: «يلتقي سامح شكري وزير الخارجية، اليوم».
        later=rf"^\S*\s+(?:[^\s.]+\s+){{0,5}}?{w['later_time']}(?:\s|$|[،,.])",
        ongoing=w["ongoing"],
        # Matched against the text before the trigger (its ل clitic is the trigger's own).
        prepare=rf"(?:^|\s)(?:و)?{w['prepare']}\s+$",
        # Matched against the text from the trigger on: the trigger word, at most one word, then it.
        awaited=rf"^\S+\s+(?:\S+\s+)?{w['awaited']}(?:\s|$|[،,.])",
        # Before the trigger: the auxiliary, then at most three words (its subject and title).
        future_aux=rf"(?:^|\s)(?:و|ف)?{w['future_aux']}\s+(?:[^\s.،,]+\s+){{0,3}}$",
        # Before the trigger in its sentence: the intention verb, then its subject and titles
        # (commas allowed: «يعتزم الرئيس الفلسطيني، محمود عباس، زيارة»), no sentence end.
        intend=rf"(?:^|\s)(?:و|ف)?{w['intend']}\s[^.!?؟]{{0,100}}$",
        # After a noun trigger in its clause: at most eight words, then the intention verb («زيارة
        # البرهان إلى تركيا تأتي ضمن جولة خارجية يعتزم …»، «الزيارة التي يعتزم الرئيس القيام بها»).
        intend_after=rf"^\S+(?:\s+[^\s.،,؛!?؟]+){{0,8}}?\s+(?:و|ف)?{w['intend']}\s",
        # Before a noun trigger: the light verb, then its subject and titles (up to ten words).
        light_before=rf"(?:^|\s)(?:و|ف)?{w['light_verb']}\s+(?:[^\s.]+\s+){{0,10}}(?:ب)?$",
        # ... opening the sentence or a clause after a colon or comma (البيان التالي: … ، يقوم
        # الرئيس … بزيارة): a headline puts its subject first.
        light_first=rf"(?:^\W*|[:،,]\s*)(?:و|ف)?{w['light_verb']}\s",
        expected_before=rf"(?:^|\s)(?:و|ف)?(?:كان\s+|كانت\s+)?{w['expected_before']}\s[^.!?؟]*$",
        # Text before an organization: «لدى جامعة الدول العربية» (accredited to), «في مكتبه بالديوان».
        org_place=rf"(?:^|\s)(?:{w['place_prep']}|و?(?:{w['office_noun']})\s+ب)\s*$",
        # «ويسلمه رسالة خطية من رئيس المجلس …»: a title chain may stand between من and the sender.
        letter=rf"(?:^|\s)(?:و|ب)?{w['letter']}\s+(?:[^\s.،,]+\s+){{0,2}}?من\s",
        during_it=rf"^\S+\s+(?:[^\s.،,]+\s+){{0,3}}?{w['during_it']}(?:\s|$|[،,.])",
        # A title chain may end in the و of the next title (ولي العهد ورئيس مجلس الوزراء).
        title_gap=rf"^[\s،,]*(?:(?:و|ل|ال|لل)?{w['title_word']}\S*\s+)+(?:ل|لل|و)?$",
        # Ends the text before a mention: «سفير »، «لتمثيل صاحب الجلالة »، «المبعوث الخاص لل». With
        # the article and no ل the word is the person's own title (السفير خالد اليماني).
        # The ruler's title may carry his state's nisba (مبعوث الرئيس الفلسطيني محمود عباس).
        # The proxy word may carry the preposition its verb governs («يلتقي بمستشار الرئيس الأمريكي X»).
        represented=rf"(?:^|\s)(?:و|ف)?(?:ب|ل)?(?:{w['proxy']}\s+(?:{w['honorific']}\s+)?(?:{_RULER}\s+(?:ال\S+ي\s+)?)?(?:ل|لل)?"
        rf"|ال{w['proxy']}\s+(?:(?:ال)?(?:خاص|خاصة|شخصي|شخصية)\s+)?(?:{w['honorific']}\s+)?(?:ل|لل))$",
        # قالت المتحدثة … زاخاروفا، إن وزير الخارجية سيقوم بزيارة: the speaker and a bare إن/أن,
        # or بأن after صرح/أفاد (صرح السفير X، المتحدث …، بأن سامح شكري أجرى); إنه/بأنه would make
        # the speaker the subject.
        speech=rf"{start}(?:و|ف)?{w['speech_verb']}\s[^.]{{0,160}}?\s(?:إن|أن|ان|بأن|بان|بأنّ)\s",
        sideline=rf"{start}(?:و)?{w['sideline']}\s",
        # Before a purpose trigger (لزيارة، للقاء، للقيام بزيارة): the invitation, its object and
        # titles, no clause end; «تلبية لدعوة» / «بدعوة من» accept one and stay events.
        invited=rf"(?:^|\s)(?:و|ف)?{w['invite']}\s[^.،؛!?؟]{{0,80}}?(?:لل(?:قيام|إجراء|اجراء)\s+)?$",
        # Before an imperfect trigger: the head of a chain of announced steps (a future verb, or an
        # imperfect verb opening the sentence), no sentence end, then the sequence word.
        chained=rf"(?:(?:^|\s)(?:و|ف)?س[يتن]{w['chain_stem']}|^\W*(?:و|ف)?[يت]{w['chain_stem']})[^.!?؟]*\s"
        rf"(?:و)?{w['sequence']}\s+$",
        # Before a noun trigger: the light verb, its subject, a later time, at most three words
        # («يعقد الرئيس …، بعد قليل، لقاءً»، «يعقد … ، اليوم الاثنين، اجتماعا»).
        light_time=rf"(?:^|\s)(?:و|ف)?{w['light_verb']}\s+(?:[^\s.]+\s+){{0,10}}?{w['later_time']}"
        rf"[\s،,]+(?:[^\s.]+\s+){{0,3}}$",
        # After the trigger of a scheduled event: the adversative, then the word, in the sentence.
        put_off=rf"(?:^|\s)(?:و)?{w['adversative']}\s[^.!?؟]*?{w['postponed']}",
        called_off=rf"(?:^|\s)(?:و)?{w['adversative']}\s[^.!?؟]*?{w['cancelled']}",
        # The text before a trigger that opens its sentence or a clause after a comma or colon.
        clause_open=r"(?:^\W*|[،,؛:]\s*)$",
    )


def country_of(code: pl.Expr) -> pl.Expr:
    """The state behind an actor code (``KWTGOV`` -> ``KWT``); null for IGOs and unknown codes."""
    return (
        pl.when(code.str.starts_with("IGO") | (code.str.len_chars() < 3))
        .then(None)
        .otherwise(code.str.slice(0, 3))
    )


def organization_of(code: pl.Expr) -> pl.Expr:
    """The international organization behind an actor code (``IGOARL``); null for states."""
    return pl.when(code.str.starts_with("IGO")).then(code)


def institutional(entity: pl.Expr) -> pl.Expr:
    """A state, its organs or a role of it: not a person of the knowledge base or of the text."""
    return ~entity.str.starts_with("person:")


@lru_cache(maxsize=4)
def person_homes(reference_dir: Path = REFERENCE_DIR) -> pl.DataFrame:
    """``entity_id -> home``: the state of each knowledge-base person. A person out of office on the
    article's date has no actor code, yet is still of his state (a king home from a trip)."""
    return (
        read_table("persons.csv", reference_dir)
        .select("entity_id", home="country_iso3")
        .filter(pl.col("home").is_not_null())
        .unique("entity_id", keep="first")
    )


def with_homes(df: pl.DataFrame, pairs: list[tuple[str, str, str]]) -> pl.DataFrame:
    """Adds, per ``(entity column, code column, name)``, the actor's code or else its person's state."""
    homes = person_homes()
    for entity, code, name in pairs:
        df = (
            df.join(
                homes.rename({"entity_id": entity, "home": "_home"}),
                on=entity,
                how="left",
                maintain_order="left",
            )
            .with_columns(pl.coalesce(code, "_home").alias(name))
            .drop("_home")
        )
    return df
