"""Stage 4c: dropped subjects. A verb whose subject is a title naming nobody.

Wire copy names an actor once and then refers back to him by his office alone: "كما التقى وزير
الخارجية، اليوم، سفير الولايات المتحدة …", "وقد التقى المبعوث الأممي خلال زيارته …", "وتلقى صاحب
السمو رئيس الدولة اتصالاً هاتفياً من …". The title right after the verb is the subject; the first
actor after it is the verb's object, never its subject. The subject is carried from the nearest
earlier trigger of the article with a named subject, a few sentences back at most.

A title is bare only when its chain visibly ends before any name: at a comma, at another trigger,
or at a preposition or time word ("المبعوث الأممي بالعاصمة …", "… خلال زيارته"). A chain that
merely breaks at an unknown word ("وزير الخارجية والتعاون الدولي الصومالي أحمد …") may still lead
to its name, and is left alone.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import ACTOR_COLS, KEYS, SENTENCE_STRIDE
from orchestration.transforms.events.spans import is_title, load_connectors, load_title_words
from orchestration.transforms.events.windows import all_so_far

# Sentences back from which a subject may be carried: further on, the article has moved on.
_CARRY_SENTENCES = 6
# The longest title chain looked at after a verb ("صاحب السمو رئيس الدولة").
_MAX_CHAIN = 6
# Words that end a title chain: prepositions, time adverbs, a place ("بالعاصمة"); not ل/ب/في,
# which build titles ("الممثل الأعلى للسياسة الخارجية والأمنية في الاتحاد الأوروبي X").
_BREAK_WORD = r"^[وف]?(?:خلال|عقب|قبل|بعد|اليوم|امس|مساء|صباح|الليله|بالعاصمه|بمدينه|بمقر|بقصر|وصول|مغادر)"
_COMMA = r"[،,]"
# Time adverbs may stand between a subject and the noun of a light verb ("تلقى الأمير سلطان أمس اتصالاً").
_TIME_WORD = r"^[وف]?(?:اليوم|امس|مساء|صباح|الليله)$"
_NISBA = r"^(?:ال)?..+(?:ي|يه)$"
# Honorific pronouns (normalized) that refer back to a dignitary: "استقبال معاليه" = his reception.
# A possessed noun this close to its sentence's start refers back across the sentence boundary
# within its first three words ("وكان في استقباله", "وخلال زيارته", "وفي ختام زيارته").
_LEADING_POSSESSED = 2
_HONORIFIC_PRONOUNS = ["معاليه", "سموه", "فخامته", "سيادته", "جلالته", "دولته", "سعادته"]


def mark_bare_subjects(
    triggers: pl.DataFrame,
    actors: pl.DataFrame,
    tokens: pl.DataFrame,
    markers: pl.DataFrame | None = None,
    title_words: pl.Series | None = None,
) -> pl.DataFrame:
    """``triggers`` with ``bare_subject``: a verb followed at once by a title chain that names nobody
    (see the module docstring)."""
    words = load_title_words() if title_words is None else title_words
    covered = (
        actors.select(
            "article_id", tok=pl.int_ranges(pl.min_horizontal("t_start", "a_start"), pl.col("a_end") + 1)
        )
        .explode("tok")
        .unique()
        .select("article_id", token_index="tok", covered=pl.lit(True))
    )
    starts = triggers.select("article_id", token_index="start", at_trigger=pl.lit(True)).unique()
    toks = tokens.select("article_id", "token_index", "norm", "gap", "char_start")
    # The words after each verb first (a few per trigger), then what covers them: joining the
    # coverage onto every token of the trigger sentences cost more than the rest of the stage.
    after = (
        pl.concat(
            [
                triggers.filter(pl.col("kind") == "verb").select(
                    "t_id", "article_id", "sentence_index", first=pl.col("end") + 1
                ),
                _light_verb_nouns(triggers, markers),
            ]
        )
        .with_columns(pos=pl.int_ranges(pl.col("first"), pl.col("first") + 1 + _MAX_CHAIN))
        .explode("pos")
        .filter(pl.col("pos") // SENTENCE_STRIDE == pl.col("sentence_index"))
        .join(toks, left_on=["article_id", "pos"], right_on=["article_id", "token_index"])
        .join(covered, left_on=["article_id", "pos"], right_on=["article_id", "token_index"], how="left")
        .join(starts, left_on=["article_id", "pos"], right_on=["article_id", "token_index"], how="left")
        .with_columns(pl.col("covered").fill_null(False), pl.col("at_trigger").fill_null(False))
        .sort("t_id", "pos")
        .with_columns(n=pl.col("pos") - pl.col("first"))
    )
    # A word of a person named earlier in the article may stand in the chain: a short name of the
    # same actor ("كما تلقى الأمير سلطان أمس اتصالاً" after "الأمير سلطان بن عبدالعزيز").
    known = _earlier_person_words(actors, tokens, words)
    after = (
        after.join(known, on=["article_id", "norm"], how="left")
        .join(_word_classes(after["norm"], words), on="norm", how="left")
        .with_columns(known=(pl.col("first_seen") < pl.col("pos")).fill_null(False))
    )
    # The chain: the run of uncovered title words (and nisbas, connectors, known names) right after
    # the verb, each joined to the previous one without a comma.
    in_chain = (
        (pl.col("chain_word") | ((pl.col("n") > 0) & (pl.col("known") | pl.col("time_word"))))
        & ~pl.col("covered")
        & ~pl.col("at_trigger")
        & ((pl.col("n") == 0) | ~pl.col("gap").str.contains(_COMMA))
    )
    after = after.with_columns(chain=all_so_far(in_chain, ["t_id"]))
    first = after.filter(pl.col("n") == 0)
    first_ok = first.filter(pl.col("chain") & pl.col("title")).select(
        "t_id", bare_start="pos", bare_char="char_start"
    )
    run = after.filter("chain").group_by("t_id").agg(run=pl.len())
    nxt = after.join(run, on="t_id").filter(pl.col("n") == pl.col("run"))
    ends = nxt.filter(
        ~pl.col("covered")
        & (pl.col("gap").str.contains(_COMMA) | pl.col("at_trigger") | pl.col("break_word"))
    ).select("t_id", bare_end=pl.col("pos") - 1)
    # A known name in the chain says whom it refers back to.
    named = (
        after.filter(pl.col("chain") & pl.col("known") & (pl.col("n") > 0))
        .group_by("t_id")
        # The first known name of the chain (by position, then id: the joins give no row order).
        .agg(bare_person=pl.col("named").sort_by("pos", "named").first())
    )
    bare = first_ok.join(ends, on="t_id").join(named, on="t_id", how="left")
    surname = _surname_subjects(after, known).join(bare, on="t_id", how="anti")
    bare = pl.concat([bare, surname], how="diagonal_relaxed")
    pronoun = _honorific_pronouns(triggers, toks).join(bare, on="t_id", how="anti")
    bare = pl.concat([bare, pronoun], how="diagonal_relaxed")
    possessed = _leading_possessed(triggers, actors).join(bare, on="t_id", how="anti")
    bare = pl.concat([bare, possessed], how="diagonal_relaxed")
    return triggers.join(bare, on="t_id", how="left").with_columns(
        bare_subject=pl.col("bare_start").is_not_null()
    )


def _word_classes(norm: pl.Series, words: pl.Series) -> pl.DataFrame:
    """``norm`` -> ``title``, ``chain_word``, ``time_word``, ``break_word``: the regex and lexicon
    tests of a chain, once per distinct word form (a verb's next words repeat a few hundred forms)."""
    title = is_title(pl.col("norm"), words)
    return (
        norm.unique()
        .to_frame()
        .with_columns(
            title=title,
            chain_word=title
            | pl.col("norm").str.contains(_NISBA)
            | pl.col("norm").is_in(load_connectors().implode()),
            time_word=pl.col("norm").str.contains(_TIME_WORD),
            break_word=pl.col("norm").str.contains(_BREAK_WORD),
        )
    )


def _honorific_pronouns(triggers: pl.DataFrame, toks: pl.DataFrame) -> pl.DataFrame:
    """(t_id, bare_start, bare_end, bare_char): a noun trigger followed by an honorific pronoun
    ("وكان في استقبال معاليه لدى وصوله الوزير …", "استقبال سموه"): the pronoun is the actor named
    earlier in the article, carried as for a bare title; the name after it is the other party."""
    return (
        triggers.filter(pl.col("kind") == "noun")
        .select("t_id", "article_id", token_index=pl.col("end") + 1)
        .join(
            toks.select("article_id", "token_index", "norm", "char_start"), on=["article_id", "token_index"]
        )
        .filter(pl.col("norm").is_in(_HONORIFIC_PRONOUNS))
        .select("t_id", bare_start="token_index", bare_end="token_index", bare_char="char_start")
    )


def _leading_possessed(triggers: pl.DataFrame, actors: pl.DataFrame) -> pl.DataFrame:
    """(t_id, bare_start, bare_end, bare_char): a possessed noun that opens its sentence, no actor
    before it ("وكان في استقباله لدى وصوله مطار الخرطوم عبد الله حمدوك" after "وصل رئيس الوزراء
    المصري، مصطفى مدبولي، … إلى السودان"): its pronoun is the person the article named last, carried
    as for a bare title; the name after it is the other party."""
    first = actors.group_by(KEYS).agg(first_actor=pl.min_horizontal("t_start", "a_start").min())
    return (
        triggers.filter(
            (pl.col("kind") == "noun")
            & pl.col("possessive")
            & ~pl.col("dual")
            & (pl.col("start") % SENTENCE_STRIDE <= _LEADING_POSSESSED)
        )
        .join(first, on=KEYS, how="left")
        .filter(pl.col("first_actor").is_null() | (pl.col("first_actor") > pl.col("end")))
        .select("t_id", bare_start="start", bare_end="end", bare_char="action_char_offset")
    )


def _surname_subjects(after: pl.DataFrame, known: pl.DataFrame) -> pl.DataFrame:
    """(t_id, bare_start, bare_end, bare_char, bare_person): a verb followed at once by the surname
    alone of a person named earlier ("حيث استقبل السوداني كلا من: سفير …" after "رئيس مجلس الوزراء
    محمد شياع السوداني"). The entity stage leaves such a word unlinked (it reads as a nisba); the
    subject is that person, as for a bare title."""
    surnames = known.filter("surname").select("article_id", "norm", s_seen="first_seen", s_named="named")
    return (
        after.filter((pl.col("n") == 0) & ~pl.col("covered") & ~pl.col("at_trigger"))
        .join(surnames, on=["article_id", "norm"])
        .filter(pl.col("s_seen") < pl.col("pos"))
        .select(
            "t_id",
            bare_start="pos",
            bare_char="char_start",
            bare_end="pos",
            bare_person=pl.col("s_named"),
        )
    )


def _light_verb_nouns(triggers: pl.DataFrame, markers: pl.DataFrame | None) -> pl.DataFrame:
    """(t_id, article_id, sentence_index, first): a noun trigger after a light verb (تلقى، أجرى، or a
    verb trigger: "واستقبل الأمير سلطان اتصالاً هاتفياً"), its subject slot starting after the verb."""
    verbs = triggers.filter(pl.col("kind") == "verb").select("article_id", "sentence_index", v_end="end")
    if markers is not None:
        receive = markers.filter(pl.col("marker").is_in(["receive", "light"])).select(
            "article_id", "sentence_index", v_end="end"
        )
        verbs = pl.concat([verbs, receive])
    nouns = triggers.filter(pl.col("kind") == "noun").select("t_id", "article_id", "sentence_index", "start")
    return (
        nouns.join(verbs, on=["article_id", "sentence_index"])
        .filter((pl.col("v_end") < pl.col("start")) & (pl.col("start") - pl.col("v_end") <= _MAX_CHAIN + 1))
        .group_by("t_id", "article_id", "sentence_index")
        .agg(first=pl.col("v_end").max() + 1)
    )


def _earlier_person_words(actors: pl.DataFrame, tokens: pl.DataFrame, words: pl.Series) -> pl.DataFrame:
    """(article_id, norm, first_seen, named, surname): the words of the names of known or new
    persons (not of offices: "رئيس دولة أريتريا"), where each first occurs, whom it named there and
    whether it ended that name. A role phrase resolved to its holder (all its words titles or
    nisbas: "ومن رئيس الجمهورية اليمنية …") names nobody by its words: a later bare title with the
    same office word ("وتلقى صاحب السمو رئيس الدولة …") does not refer to him."""
    spans = actors.filter(pl.col("entity_id").str.starts_with("person:")).select(
        "article_id",
        "entity_id",
        "a_start",
        "a_end",
        token_index=pl.int_ranges("a_start", pl.col("a_end") + 1),
    )
    span = ["article_id", "entity_id", "a_start", "a_end"]
    named = spans.explode("token_index").join(
        tokens.select("article_id", "token_index", "norm"), on=["article_id", "token_index"]
    )
    # The title and nisba tests once per distinct word form, joined back (the words of names repeat
    # a few thousand forms over hundreds of thousands of name words).
    office = (
        named.select("norm")
        .unique()
        .with_columns(_office=is_title(pl.col("norm"), words) | pl.col("norm").str.contains(_NISBA))
    )
    # The person a word names is the one it first introduced (the full name opens the article).
    return (
        named.join(office, on="norm", how="left", maintain_order="left")
        .filter(~pl.col("_office").all().over(span))
        .drop("_office")
        .filter(pl.col("norm").str.len_chars() >= 3)
        # First occurrence; on one word, the longer name, then the id (a total order).
        .sort(["token_index", "a_end", "entity_id"], descending=[False, True, False])
        .group_by("article_id", "norm")
        .agg(
            first_seen=pl.col("token_index").first(),
            named=pl.col("entity_id").first(),
            # the word that ends the name where it first occurs: the surname
            surname=(pl.col("token_index") == pl.col("a_end")).first(),
        )
    )


def carried_subjects(t: pl.DataFrame, subj: pl.DataFrame) -> pl.DataFrame:
    """(t_id, sc_*) for the bare-subject triggers of ``t``: the named subject (``subj``) of the
    nearest earlier trigger of the article, within ``_CARRY_SENTENCES`` sentences. The actor is
    placed on its title in the trigger's sentence (that is where this sentence names it)."""
    s_cols = [f"s_{c}" for c in ACTOR_COLS]
    sources = (
        t.filter(~pl.col("bare_subject"))
        .select("t_id", "article_id", src_start="start")
        .join(subj.select("t_id", *s_cols), on="t_id")
        .drop("t_id")
        .sort("src_start")
    )
    bare = (
        t.filter(pl.col("bare_subject"))
        .select(
            "t_id",
            "article_id",
            "bare_start",
            "bare_end",
            "bare_char",
            "bare_person",
            key=pl.col("start") - 1,
        )
        .sort("key")
    )
    # A chain with a known name ("الأمير سلطان") takes that person's latest mention as subject.
    by_name = bare.filter(pl.col("bare_person").is_not_null()).join_asof(
        sources.with_columns(bare_person="s_entity_id"),
        left_on="key",
        right_on="src_start",
        by=["article_id", "bare_person"],
        strategy="backward",
        check_sortedness=False,
    )
    near = (pl.col("key") // SENTENCE_STRIDE - pl.col("src_start") // SENTENCE_STRIDE) <= _CARRY_SENTENCES

    def latest(src: pl.DataFrame) -> pl.DataFrame:
        return (
            bare.filter(pl.col("bare_person").is_null())
            .join_asof(
                src,
                left_on="key",
                right_on="src_start",
                by="article_id",
                strategy="backward",
                check_sortedness=False,
            )
            .filter(pl.col("s_entity_id").is_not_null() & near)
        )

    # An office or an honorific pronoun refers back to a person: the latest named person subject,
    # else the latest subject of any kind ("زيارته لسلطنة عمان" may have left a country there).
    persons = latest(sources.filter(pl.col("s_entity_type") == "PERSON"))
    anyone = pl.concat(
        [persons, latest(sources).join(persons, on="t_id", how="anti")], how="diagonal_relaxed"
    )
    found = pl.concat([by_name, anyone], how="diagonal_relaxed")
    found = found.filter(pl.col("s_entity_id").is_not_null() & near).with_columns(
        s_char_start="bare_char", s_a_start="bare_start", s_a_end="bare_end"
    )
    return found.select("t_id", *[pl.col(c).alias(f"sc_{c[2:]}") for c in s_cols])
