with ingest_rejects as (
    select * from {{ source('landing', 'rejected_articles') }}
    {{ ingest_window() }}
),

clean_rejects as (
    select * from {{ source('landing', 'rejected_clean') }}
    {{ ingest_window() }}
),

renamed as (
    select
        cast(source_file as {{ dbt.type_string() }}) as source_file,
        cast(record_index as bigint) as record_index,
        cast(file_size_bytes as bigint) as file_size_bytes,
        cast(reason as {{ dbt.type_string() }}) as reason,
        cast(message as {{ dbt.type_string() }}) as message,
        'ingest' as rejected_stage
    from ingest_rejects
    union all
    select
        cast(source_file as {{ dbt.type_string() }}),
        cast(record_index as bigint),
        cast(file_size_bytes as bigint),
        cast(reason as {{ dbt.type_string() }}),
        cast(message as {{ dbt.type_string() }}),
        'clean'
    from clean_rejects
),

final as (
    select
        {{ short_hash("source_file || ':' || coalesce(cast(record_index as " ~ dbt.type_string() ~ "), '*')") }} as reject_id,
        *,
        -- the start of the build that recorded the batch: one time per run, the same in every table
        cast('{{ run_started_at }}' as {{ type_timestamp_tz() }}) as rejected_at
    from renamed
)

select * from final
