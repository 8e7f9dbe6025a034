with source as (
    select source_file, record_index, article_id, duplicate_of_file, duplicate_of_record
    from {{ source('landing', 'duplicate_articles') }}
    {{ ingest_window() }}
    {{ later_day_copies() }}
),

renamed as (
    select
        cast(source_file as {{ dbt.type_string() }}) as source_file,
        cast(record_index as bigint) as record_index,
        cast(article_id as {{ dbt.type_string() }}) as article_id,
        cast(duplicate_of_file as {{ dbt.type_string() }}) as duplicate_of_file,
        cast(duplicate_of_record as bigint) as duplicate_of_record
    from source
),

final as (
    select * from renamed
)

select * from final
