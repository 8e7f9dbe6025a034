-- grain: one row per entity mention (article, start offset, entity).
with mentions as (
    select * from {{ ref('stg_entity_mentions') }}
),

final as (
    select
        entity_mention_id,
        article_id,
        entity_id,
        entity_type,
        surface,
        char_start,
        char_end,
        sentence_index,
        method,
        confidence,
        actor_code,
        role
    from mentions
)

select * from final
