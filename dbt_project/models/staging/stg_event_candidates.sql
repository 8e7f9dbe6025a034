with source as (
    select * from {{ source('landing', 'event_candidates') }}
    {{ ingest_window('mention_id') }}
),

renamed as (
    select
        cast(mention_id as {{ dbt.type_string() }}) as mention_id,
        cast(article_id as {{ dbt.type_string() }}) as article_id,
        cast(sentence_index as bigint) as sentence_index,
        cast(sentence as {{ dbt.type_string() }}) as sentence,
        cast(event_code as {{ dbt.type_string() }}) as event_code,
        cast(trigger as {{ dbt.type_string() }}) as trigger_text,
        cast(action_char_offset as bigint) as action_char_offset,
        cast(actor1_entity_id as {{ dbt.type_string() }}) as actor1_entity_id,
        cast(actor2_entity_id as {{ dbt.type_string() }}) as actor2_entity_id,
        cast(actor1_char_offset as bigint) as actor1_char_offset,
        cast(actor2_char_offset as bigint) as actor2_char_offset,
        nullif(cast(actor1_code as {{ dbt.type_string() }}), '') as actor1_code,
        nullif(cast(actor2_code as {{ dbt.type_string() }}), '') as actor2_code,
        nullif(cast(location_entity_id as {{ dbt.type_string() }}), '') as location_entity_id,
        cast(status as {{ dbt.type_string() }}) as status,
        cast(event_date as date) as event_date,
        cast(date_precision as {{ dbt.type_string() }}) as date_precision,
        cast(event_weekday as integer) as event_weekday,
        cast(confidence as double) as confidence
    from source
),

final as (
    select * from renamed
)

select * from final
