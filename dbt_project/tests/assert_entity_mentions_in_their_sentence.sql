{{ config(meta={'dagster': {'ref': {'name': 'fct_entity_mentions'}}}) }}
-- Every entity mention lies inside the sentence it claims (offsets into the same body).
select mentions.entity_mention_id
from {{ ref('fct_entity_mentions') }} as mentions
inner join {{ source('landing', 'sentences') }} as sentences
    using (article_id, sentence_index)
where mentions.char_start < sentences.char_start
    or mentions.char_end > sentences.char_end
