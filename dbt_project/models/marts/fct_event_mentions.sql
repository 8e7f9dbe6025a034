-- grain: one row per event mention: a sentence of an article reporting an event (one dyad, one code).
with mentions as (
    select * from {{ ref('int_event_mentions') }}
),

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
    from mentions
)

select * from final
