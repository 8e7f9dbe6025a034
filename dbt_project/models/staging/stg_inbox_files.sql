with source as (
    select * from {{ source('landing', 'inbox_files') }}
),

renamed as (
    select
        cast(source_file as varchar) as source_file,
        cast(file_size_bytes as bigint) as file_size_bytes,
        cast(mtime_ns as bigint) as mtime_ns,
        cast(sha256 as varchar) as sha256,
        cast(pipeline_version as varchar) as pipeline_version,
        cast(change as varchar) as change
    from source
),

final as (
    select * from renamed
)

select * from final
