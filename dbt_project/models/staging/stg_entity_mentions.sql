with source as (
    select * from {{ source('landing', 'entity_mentions') }}
    {{ ingest_window('article_id, char_start, entity_id') }}
),

renamed as (
    select
        cast(article_id as {{ dbt.type_string() }}) as article_id,
        cast(entity_id as {{ dbt.type_string() }}) as entity_id,
        cast(entity_type as {{ dbt.type_string() }}) as entity_type,
        cast(surface as {{ dbt.type_string() }}) as surface,
        cast(char_start as bigint) as char_start,
        cast(char_end as bigint) as char_end,
        cast(sentence_index as bigint) as sentence_index,
        cast(method as {{ dbt.type_string() }}) as method,
        cast(confidence as double) as confidence,
        nullif(cast(actor_code as {{ dbt.type_string() }}), '') as actor_code,
        nullif(cast(role as {{ dbt.type_string() }}), '') as role
    from source
),

final as (
    select
        {{ short_hash("article_id || ':' || char_start || ':' || entity_id") }} as entity_mention_id,
        *
    from renamed
)

select * from final
