with source as (
    select * from {{ source('landing', 'event_candidates') }}
),

renamed as (
    select
        cast(mention_id as varchar) as mention_id,
        cast(article_id as varchar) as article_id,
        cast(sentence_index as bigint) as sentence_index,
        cast(sentence as varchar) as sentence,
        cast(event_code as varchar) as event_code,
        cast(trigger as varchar) as trigger_text,
        cast(action_char_offset as bigint) as action_char_offset,
        cast(actor1_entity_id as varchar) as actor1_entity_id,
        cast(actor2_entity_id as varchar) as actor2_entity_id,
        cast(actor1_char_offset as bigint) as actor1_char_offset,
        cast(actor2_char_offset as bigint) as actor2_char_offset,
        nullif(cast(actor1_code as varchar), '') as actor1_code,
        nullif(cast(actor2_code as varchar), '') as actor2_code,
        nullif(cast(location_entity_id as varchar), '') as location_entity_id,
        cast(status as varchar) as status,
        cast(event_date as date) as event_date,
        cast(date_precision as varchar) as date_precision,
        cast(event_weekday as integer) as event_weekday,
        cast(confidence as double) as confidence
    from source
),

final as (
    select * from renamed
)

select * from final
