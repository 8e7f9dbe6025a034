with source as (
    select * from {{ source('landing', 'articles') }}
    {{ ingest_window('article_id') }}
),

renamed as (
    select
        cast(article_id as {{ dbt.type_string() }}) as article_id,
        cast(source_file as {{ dbt.type_string() }}) as source_file,
        cast(record_index as bigint) as record_index,
        cast(encoding as {{ dbt.type_string() }}) as encoding,
        nullif(trim(title), '') as title,
        cast(published_date as date) as published_date,
        cast(published_date_source as {{ dbt.type_string() }}) as published_date_source,
        nullif(trim(source_name), '') as source_name,
        nullif(trim(section), '') as section,
        nullif(trim(dateline), '') as dateline,
        nullif(trim(url), '') as url,
        cast(body as {{ dbt.type_string() }}) as body,
        cast(n_chars as bigint) as n_chars
    from source
),

final as (
    select * from renamed
)

select * from final
