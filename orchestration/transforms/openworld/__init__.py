"""Open-world entities: persons and organizations that the knowledge base does not list.

Stages (each a pure DataFrame -> DataFrame module): ``features`` (one row per word), ``people``
(titles, roles, speech verbs, name-shaped runs), ``orgs`` (head noun + complement chain, Latin
script), ``tagger`` (a linear BIO token model), ``arbitrate`` (where the tagger and a rule overlap,
the tagger's span wins and takes the rule's country and role), ``coref`` (surnames within an
article), then ``resolve`` (stable ids, the entities table) and ``merge`` (with the known matches,
where a known entity always wins).
"""

from orchestration.transforms.openworld.merge import merge_found
from orchestration.transforms.openworld.resolve import FOUND_CONFIDENCE, FOUND_ORIGIN, find_open_world

__all__ = ["FOUND_CONFIDENCE", "FOUND_ORIGIN", "find_open_world", "merge_found"]
