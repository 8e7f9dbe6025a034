-- grain: one row per event mention: a sentence of an article reporting an event (one dyad, one code).
-- Incremental: only new mentions, and mentions whose event changed, are merged.
{{
    config(
        materialized='incremental',
        unique_key='mention_id',
        incremental_strategy='delete+insert',
        pre_hook="{{ delete_retracted_articles() }}",
    )
}}

with mentions as (
    select * from {{ ref('int_event_clusters') }}
),

{% if is_incremental() %}
changed as (
    select mentions.*
    from mentions
    left join {{ this }} as existing using (mention_id)
    where existing.mention_id is null or existing.event_id <> mentions.event_id
),
{% else %}
changed as (
    select * from mentions
),
{% endif %}

final as (
    select
        mention_id,
        event_id,
        article_id,
        sentence_index,
        sentence,
        event_code,
        trigger_text,
        actor1_entity_id,
        actor2_entity_id,
        actor1_char_offset,
        actor2_char_offset,
        action_char_offset,
        location_entity_id,
        status,
        event_date,
        date_precision,
        confidence
    from changed
)

select * from final
