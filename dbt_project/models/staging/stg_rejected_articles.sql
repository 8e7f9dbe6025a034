with ingest_rejects as (
    select * from {{ source('landing', 'rejected_articles') }}
),

clean_rejects as (
    select * from {{ source('landing', 'rejected_clean') }}
),

renamed as (
    select
        cast(source_file as varchar) as source_file,
        cast(record_index as bigint) as record_index,
        cast(file_size_bytes as bigint) as file_size_bytes,
        cast(reason as varchar) as reason,
        cast(message as varchar) as message,
        'ingest' as rejected_stage
    from ingest_rejects
    union all
    select
        cast(source_file as varchar),
        cast(record_index as bigint),
        cast(file_size_bytes as bigint),
        cast(reason as varchar),
        cast(message as varchar),
        'clean'
    from clean_rejects
),

final as (
    select
        md5(source_file || ':' || coalesce(cast(record_index as varchar), '*'))[:16] as reject_id,
        *,
        -- the start of the build that recorded the batch: one time per run, the same in every table
        cast('{{ run_started_at }}' as timestamp with time zone) as rejected_at
    from renamed
)

select * from final
