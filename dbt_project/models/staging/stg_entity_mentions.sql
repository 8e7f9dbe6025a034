with source as (
    select * from {{ source('landing', 'entity_mentions') }}
),

renamed as (
    select
        cast(article_id as varchar) as article_id,
        cast(entity_id as varchar) as entity_id,
        cast(entity_type as varchar) as entity_type,
        cast(surface as varchar) as surface,
        cast(char_start as bigint) as char_start,
        cast(char_end as bigint) as char_end,
        cast(sentence_index as bigint) as sentence_index,
        cast(method as varchar) as method,
        cast(confidence as double) as confidence,
        nullif(cast(actor_code as varchar), '') as actor_code,
        nullif(cast(role as varchar), '') as role
    from source
),

final as (
    select
        md5(article_id || ':' || char_start || ':' || entity_id)[:16] as entity_mention_id,
        *
    from renamed
)

select * from final
