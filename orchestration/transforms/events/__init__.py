"""Event candidates: who did what to whom, when, from trigger words and entity mentions.

One module per stage, each a ``DataFrame -> DataFrame`` function named after its stage, with a
typed frame contract at each boundary (``contracts.py``). All vectorized, one pass over the batch;
the words come from the shared token table (``transforms.tokens``), never from a tokenizer here:

1. **Tokens** (``tokens.sentence_tokens``): words of the sentences that may hold a trigger.
2. **Lexicon matching** (``lexicon.match_lexicon``): triggers, markers and date words by joins
   on clitic-stripped token keys; the longest match per sentence wins.
3. **Triggers** (``triggers.find_triggers``): surface, clause region, markers in the window.
4. **Arguments** (``arguments.attach_arguments``): entity mentions placed on tokens, a person's
   span run over the tail of his name (بن X آل Y, ``names.py``), non-actors
   dropped (``mentions.py``), each with its span (titles and honorifics included, ``spans.py``),
   its list of coordinated actors (``parties.coordinated_chains``) and the partner marker (مع،
   بين، على/ضد، إلى، بـ) or trigger that governs it. The seam for clause-level argument rules.
5. **Roles** (``roles.resolve_roles``): per trigger, subject and targets (partner, بين pair,
   object, coordinated pair, clause pair; received calls swap them); the trigger's frame
   (``event_frames.csv``) says which markers introduce a partner; one dyad per item of a list and
   every pair of a meeting of three or more parties (``parties.expand_parties``).
   A fronted event noun (وفي اتصال هاتفي، بحث X مع Y) is read through the main clause after it
   (``fronted.fronted_events``).
6. **Dates and status** (``dates.date_expressions``, ``dates.attach_dates``,
   ``date_status.resolve_dates_and_status``): the nearest date expression of the sentence resolved
   against ``published_date``; planned/occurred/historical.
7. **Selection and output** (``selection.select_candidates``, ``selection.repeat_previous_event``,
   ``selection.locate``, ``selection.to_event_candidates``): one candidate per sentence, dyad and
   CAMEO root; "the two sides" repeat the previous event; location; confidence.
8. **Envoy lists** (``credentials.credential_events``, run by ``transforms.event_rules`` after the
   event rules): the host of a credentials or reception sentence meets every envoy listed in it
   and in the list sentences or lines right after it (``envoy_items.py``).

``pipeline.extract_event_candidates`` wires them. All dictionaries are CSVs in
``data/reference`` (see the "Event lexicons" section of ``data/reference/README.md``).
"""

from orchestration.transforms.events.contracts import EVENT_CANDIDATES_SCHEMA
from orchestration.transforms.events.date_status import text_publication_weekday
from orchestration.transforms.events.lexicon import EventLexicons, load_event_lexicons
from orchestration.transforms.events.pipeline import extract_event_candidates

__all__ = [
    "EVENT_CANDIDATES_SCHEMA",
    "EventLexicons",
    "extract_event_candidates",
    "load_event_lexicons",
    "text_publication_weekday",
]
