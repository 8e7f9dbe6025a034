"""Stage 3: triggers, their surface, their clause region and the markers in their window.

A trigger's clause runs from the end of the previous trigger of the sentence to the start of the
next one, cut at a relative pronoun (الذي/التي …: a clause with its own verb) and stretched over
an event noun a condemnation governs ("أدانت حماس الغارات الإسرائيلية") and over an adverbial
possessed noun after a verb ("التقى X خلال زيارته لصنعاء Y"); it ends before a reporting verb
after و or a comma ("…، وقالت وزارة الخارجية").
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import FAR, KEYS, TRIGGERS, conform
from orchestration.transforms.events.protests import gate_protests
from orchestration.transforms.events.tokens import nearest_word
from orchestration.transforms.events.windows import shift_in_group
from orchestration.transforms.text import REMOVED_CHARS

# Disapprove/reject/condemn codes whose object may be an event noun right after the verb.
_OVER_NOUN_ROOTS = ["11", "12"]
_OVER_NOUN_GAP = 4
# An attack noun this close before an attack verb is the verb's subject (absorb_attack_verbs).
_ABSORB_GAP = 4
# What an attack verb fires may follow its subject ("قصف الطيران الحربي الإسرائيلي بخمسة صواريخ").
_INSTRUMENT_GAP = 6
# Relative pronouns (normalized) that open a clause with its own verb.
_CLAUSE_BOUNDARIES = ["الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان"]
# Words from a relative pronoun to a possessed noun that is still its clause's ("الذي أطلعه على
# نتائج زيارته": 4).
_REL_POSSESSED_GAP = 5
# ... except a relative clause that names the meeting's parties ("القمة التي جمعت X وY وZ"): its
# verb is a بين-like marker (event_markers.csv: جمع، ضم), and the parties are the trigger's.
_PARTY_RELATIVE = r"^(?:جمعت|جمع|ضمت|ضم)$"
# ... and a relative clause that names who committed what is condemned ("تنديدا بالجريمة التي
# ارتكبها الاحتلال", "أدانت المجازر التي يرتكبها X"): its agent is the protest's or condemnation's
# target. Only for those roots: a meeting that discusses "الجرائم التي ارتكبها X" is not with X.
_PERPETRATED_RELATIVE = r"^(?:ي|ت)?(?:ارتكب|رتكب|اقترف|قترف|نفذ|شن)(?:ت)?(?:ها|ه|هما)$"
_PERPETRATED_ROOTS = ["11", "12", "14"]
# The exchange verb (تبادل، وتبادل، تبادلا): a consultation only with وجهات النظر after it.
_EXCHANGE = r"^[وف]?تبادل(?:ا)?$"
# Markers of event_markers.csv that flag a trigger when found in its window.
_WINDOW_MARKERS = [
    "planned",
    "historical",
    "receive",
    "agent",
    "dyad_back",
    "main_subject",
    "adverbial",
    "in",
    "multi",
    "document",
    "address",
    "views",
]


def find_triggers(matches: pl.DataFrame, tokens: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Stage 3: one row per trigger match (contracts.TRIGGERS)."""
    triggers = matches.filter((pl.col("group") == "trigger") & (pl.col("marker") == "trigger"))
    # A bare march noun is a career or a path unless a verb of marching precedes it; storming is a
    # riot only next to a crowd noun; troops massing are no crowd (protests.py).
    triggers = gate_protests(_trigger_tokens(triggers, tokens), tokens)
    triggers = clause_regions(absorb_attack_verbs(triggers), tokens)
    triggers = _trigger_surface(triggers, articles)
    markers = matches.filter(pl.col("group") == "marker")
    triggers = over_adverbials(window_markers(cut_at_clauses(triggers, markers, tokens), markers))
    # A bare signing verb or noun (وقع، توقيع) is a signing only with its document after it
    # ("وقع X وY … اتفاقا"); otherwise وقع is "occurred" (وقع الهجوم).
    bare_signing = pl.col("event_code").str.starts_with("057") & (pl.col("end") == pl.col("start"))
    # تبادل is a consultation only with the views it exchanges after it ("تبادل X والسفير الفرنسي
    # وجهات النظر"); prisoners, fire or messages exchanged are no meeting.
    bare_exchange = pl.col("trigger").str.contains(_EXCHANGE) & ~pl.col("mk_views")
    # توجه/غادر (frame depart) with a thanks or appeal after it ("توجه X بالشكر إلى Y") is no trip.
    addressed = (pl.col("target") == "depart") & pl.col("mk_address")
    return conform(
        triggers.filter((~bare_signing | pl.col("mk_document")) & ~addressed & ~bare_exchange),
        TRIGGERS,
        "triggers",
    )


def _trigger_tokens(triggers: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """Offsets and first/last token of each trigger; a possessive or dual pronoun on a noun."""
    tok_pos = tokens.select("article_id", "token_index", "token", "char_start", "char_end")
    last = pl.col("last_tok").str.replace_all(REMOVED_CHARS, "")
    return (
        triggers.join(
            tok_pos.rename(
                {"token_index": "start", "char_start": "action_char_offset", "token": "first_tok"}
            ).drop("char_end"),
            on=["article_id", "start"],
        )
        .join(
            tok_pos.rename({"token_index": "end", "char_end": "t_char_end", "token": "last_tok"}).drop(
                "char_start"
            ),
            on=["article_id", "end"],
        )
        .with_columns(
            # A real pronoun suffix (ه not ة) on a noun: "لقائه" = his meeting.
            possessive=(pl.col("kind") == "noun") & last.str.contains("(?:ه|ها|هما|هم)$"),
            dual=last.str.contains("هما$"),
        )
    )


def absorb_attack_verbs(triggers: pl.DataFrame) -> pl.DataFrame:
    """An attack verb whose subject is the attack noun just before it is that noun's event:
    "الغارة الجوية الإسرائيلية الجديدة استهدفت مدينة غزة" is one air strike (195) on Gaza, and the
    noun's clause runs over the verb's object. What is fired (``aimed``: صواريخ) next to an attack
    verb is the verb's: "صاروخين استهدفا العاصمة", "قصف الجانب التركي بخمسة صواريخ موقعاً"."""
    root = pl.col("event_code").str.slice(0, 2)
    t = triggers.sort(*KEYS, "start").with_columns(
        p_kind=shift_in_group(pl.col("kind"), 1, KEYS),
        p_root=shift_in_group(root, 1, KEYS),
        p_target=shift_in_group(pl.col("target"), 1, KEYS),
        p_end=shift_in_group(pl.col("end"), 1, KEYS),
        n_kind=shift_in_group(pl.col("kind"), -1, KEYS),
        n_root=shift_in_group(root, -1, KEYS),
        n_start=shift_in_group(pl.col("start"), -1, KEYS),
    )
    aimed = pl.col("target") == "aimed"
    absorbed = (
        (
            (pl.col("kind") == "verb")
            & (root == "19")
            & (pl.col("p_kind") == "noun")
            & (pl.col("p_root") == "19")
            & (pl.col("p_target") != "aimed")
            & (pl.col("start") - pl.col("p_end") <= _ABSORB_GAP)
        )
        | (
            aimed
            & (pl.col("p_kind") == "verb")
            & (pl.col("p_root") == "19")
            & (pl.col("start") - pl.col("p_end") <= _INSTRUMENT_GAP)
        )
        | (
            aimed
            & (pl.col("n_kind") == "verb")
            & (pl.col("n_root") == "19")
            & (pl.col("n_start") - pl.col("end") <= _ABSORB_GAP)
        )
    ).fill_null(False)
    return t.filter(~absorbed).drop("p_kind", "p_root", "p_target", "p_end", "n_kind", "n_root", "n_start")


def clause_regions(triggers: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """region_start/region_end: the token span of each trigger's clause; adds t_id."""
    triggers = (
        triggers.sort(*KEYS, "start")
        .with_columns(
            region_start=(shift_in_group(pl.col("end"), 1, KEYS) + 1).fill_null(-FAR),
            # A condemnation's object is often another event and its agent ("أدانت X اقتحام قوات
            # الاحتلال المسجد", "أدانت حماس الغارات الإسرائيلية"): its clause runs over that noun's.
            region_end=pl.when(
                pl.col("event_code").str.slice(0, 2).is_in(_OVER_NOUN_ROOTS)
                & (shift_in_group(pl.col("kind"), -1, KEYS) == "noun")
                & (shift_in_group(pl.col("start"), -1, KEYS) - pl.col("end") <= _OVER_NOUN_GAP)
            )
            .then(shift_in_group(pl.col("start"), -2, KEYS) - 1)
            .otherwise(shift_in_group(pl.col("start"), -1, KEYS) - 1)
            .fill_null(FAR),
        )
        .with_row_index("t_id")
    )
    # A relative clause after the trigger ("... قبل القمة التي ستجمعه مع نظيريه") has its own verb:
    # partners named inside it are not the trigger's.
    triggers = nearest_word(triggers, tokens, _CLAUSE_BOUNDARIES, pl.col("start") - 1, "r_index", "backward")
    party_verbs = tokens.filter(pl.col("norm").str.contains(_PARTY_RELATIVE)).select(
        "article_id", b_index=pl.col("token_index") - 1, _party=pl.lit(True)
    )
    perpetrated = tokens.filter(pl.col("norm").str.contains(_PERPETRATED_RELATIVE)).select(
        "article_id", b_index=pl.col("token_index") - 1, _perp=pl.lit(True)
    )
    condemned = pl.col("_perp").fill_null(False) & pl.col("event_code").str.slice(0, 2).is_in(
        _PERPETRATED_ROOTS
    )
    return (
        nearest_word(triggers, tokens, _CLAUSE_BOUNDARIES, pl.col("end") + 1, "b_index", "forward")
        .join(party_verbs, on=["article_id", "b_index"], how="left")
        .join(perpetrated, on=["article_id", "b_index"], how="left")
        .with_columns(
            region_end=pl.min_horizontal(
                "region_end",
                pl.when(pl.col("_party").is_null() & ~condemned).then(pl.col("b_index")).fill_null(FAR) - 1,
            ),
            # A verb right after الذي/التي has the noun before the pronoun as its subject
            # ("الاعتداء الذي استهدف مدرسة"): roles take no other actor for it.
            relative=(pl.col("kind") == "verb") & (pl.col("r_index") == pl.col("start") - 1).fill_null(False),
            # A possessed noun a few words into a relative clause ("… أحمد معيتيق الذي أطلعه على
            # نتائج زيارته الأخيرة الى واشنطن"): the pronoun is the clause's subject, the antecedent.
            rel_at=pl.when(
                pl.col("possessive") & (pl.col("start") - pl.col("r_index") <= _REL_POSSESSED_GAP)
            ).then(pl.col("r_index")),
        )
        .drop("b_index", "r_index", "_party", "_perp")
        .sort(*KEYS, "start")
    )


def cut_at_clauses(triggers: pl.DataFrame, markers: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """A clause ends before a reporting verb (``clause`` markers) that follows و/ف or a comma:
    "أدانت السعودية الاقتحام، وقالت وزارة الخارجية …" — the ministry is not what was condemned.
    It ends as well before a subordinator (``boundary`` markers: حيث، منذ) wherever it stands:
    "زار ظريف الموقع حيث قتل سليماني" — who was killed there is not who was visited."""
    opens = (
        markers.filter(pl.col("marker") == "clause")
        .select("article_id", token_index="start")
        .join(tokens.select("article_id", "token_index", "norm", "gap"), on=["article_id", "token_index"])
        .filter(pl.col("norm").str.contains("^[وف]") | pl.col("gap").str.contains("[،,]"))
    )
    bounds = markers.filter(pl.col("marker") == "boundary").select("article_id", token_index="start")
    cuts = (
        pl.concat([opens.select("article_id", "token_index"), bounds])
        .select("article_id", cut="token_index")
        .sort("cut")
    )
    return (
        triggers.with_columns(_after=pl.col("end") + 1)
        .sort("_after")
        .join_asof(
            cuts,
            left_on="_after",
            right_on="cut",
            by="article_id",
            strategy="forward",
            check_sortedness=False,
        )
        .with_columns(
            region_end=pl.min_horizontal("region_end", pl.col("cut").fill_null(FAR) - 1).clip(
                lower_bound=pl.col("end")
            )
        )
        .drop("_after", "cut")
        .sort(*KEYS, "start")
    )


def over_adverbials(triggers: pl.DataFrame) -> pl.DataFrame:
    """A verb's clause runs over an adverbial possessed noun right after it: "التقى المبعوث خلال
    زيارته لصنعاء زعيم الجماعة" met the leader; the visit is a circumstance, not a new clause."""
    nxt = shift_in_group(pl.col("region_end"), -1, KEYS)
    over = (
        (pl.col("kind") == "verb")
        & shift_in_group(pl.col("adverbial") & pl.col("possessive"), -1, KEYS)
        & (pl.col("region_end") == shift_in_group(pl.col("start"), -1, KEYS) - 1)
    ).fill_null(False)
    triggers = triggers.sort(*KEYS, "start")
    return triggers.with_columns(region_end=pl.when(over).then(nxt).otherwise(pl.col("region_end")))


def _trigger_surface(triggers: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    body = articles.select("article_id", "body")
    return (
        triggers.join(body, on="article_id")
        .with_columns(
            trigger=pl.col("body").str.slice(
                pl.col("action_char_offset"), pl.col("t_char_end") - pl.col("action_char_offset")
            )
        )
        .drop("body", "first_tok", "last_tok")
    )


def window_markers(triggers: pl.DataFrame, markers: pl.DataFrame) -> pl.DataFrame:
    """mk_* flags: markers within their window before/after the trigger; passive, adverbial."""
    # A "later" marker before a perfect verb narrates a sequence ("وفي وقت لاحق، التقى الحريري
    # السفيرة"): it is no plan. Before an imperfect verb (يلتقي، تستقبل، نبحث) or after any trigger
    # ("للقمة التي تجمعهم ... في وقت لاحق") it still marks one.
    perfect_verb = (pl.col("kind") == "verb") & ~pl.col("trigger").str.contains(r"^[وف]?[يتنأ]")
    win = (
        triggers.select("t_id", *KEYS, "start", "end", _perfect=perfect_verb)
        .join(
            markers.select(*KEYS, "marker", "window_before", "window_after", m_start="start", m_end="end"),
            on=KEYS,
        )
        .filter(
            (
                (pl.col("m_end") < pl.col("start"))
                & (pl.col("start") - pl.col("m_end") <= pl.col("window_before"))
                & ~((pl.col("marker") == "planned") & pl.col("_perfect"))
            )
            | (
                (pl.col("m_start") > pl.col("end"))
                & (pl.col("m_start") - pl.col("end") <= pl.col("window_after"))
            )
        )
        .group_by("t_id")
        .agg(pl.col("marker").unique().alias("mk"))
    )
    return (
        triggers.join(win, on="t_id", how="left")
        .with_columns(
            **{f"mk_{name}": pl.col("mk").list.contains(name).fill_null(False) for name in _WINDOW_MARKERS}
        )
        .with_columns(
            passive=(pl.col("voice") == "passive") | pl.col("mk_receive"),
            # من طرف / من قبل after the verb: passive if it names an actor (passive.received)
            agentive=pl.col("mk_agent"),
            adverbial=((pl.col("kind") == "noun") & (pl.col("mk_adverbial") | pl.col("mk_in")))
            | (pl.col("kind") == "modifier"),
        )
    )
