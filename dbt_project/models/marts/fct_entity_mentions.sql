-- grain: one row per entity mention (article, start offset, entity).
-- Incremental: mentions of retracted articles are deleted, then the batch is merged.
{{
    config(
        materialized='incremental',
        unique_key='entity_mention_id',
        incremental_strategy='delete+insert',
        pre_hook="{{ delete_retracted_articles() }}",
    )
}}
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
