"""Entity extraction and resolution against the knowledge base (pure, vectorized Polars).

One module per stage; ``pipeline.extract_entity_mentions`` runs them in order and its docstring
lists them. Frame contracts between stages are in ``contracts``.
"""

from orchestration.transforms.entities.contracts import ENTITY_SCHEMA, MENTION_SCHEMA
from orchestration.transforms.entities.fuzzy import FUZZY_MIN_LEN, fuzzy_corrections
from orchestration.transforms.entities.lexicon import build_lexicon, kb_entities
from orchestration.transforms.entities.pipeline import extract_entity_mentions
from orchestration.transforms.entities.selection import AMBIGUOUS_CONFIDENCE, CONFIDENCE, NISBA_CONFIDENCE

__all__ = [
    "AMBIGUOUS_CONFIDENCE",
    "CONFIDENCE",
    "ENTITY_SCHEMA",
    "FUZZY_MIN_LEN",
    "MENTION_SCHEMA",
    "NISBA_CONFIDENCE",
    "build_lexicon",
    "extract_entity_mentions",
    "fuzzy_corrections",
    "kb_entities",
]
