with source as (
    select * from {{ source('landing', 'inbox_files') }}
    {{ ingest_window() }}
),

renamed as (
    select
        cast(source_file as {{ dbt.type_string() }}) as source_file,
        cast(file_size_bytes as bigint) as file_size_bytes,
        cast(mtime_ns as bigint) as mtime_ns,
        cast(sha256 as {{ dbt.type_string() }}) as sha256,
        cast(pipeline_version as {{ dbt.type_string() }}) as pipeline_version,
        cast(change as {{ dbt.type_string() }}) as change
    from source
),

final as (
    select * from renamed
)

select * from final
