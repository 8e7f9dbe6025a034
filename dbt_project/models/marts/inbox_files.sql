-- grain: one row per file currently in the inbox, as the last successful build saw it.
-- It is the pipeline's state: the ingest asset reads it to process only new or changed files.
-- Built after the facts (see depends_on) so that a failed build leaves it behind and the next run
-- redoes the batch.
-- depends_on: {{ ref('fct_events') }}
-- depends_on: {{ ref('fct_entity_mentions') }}
{{
    config(
        materialized='incremental',
        unique_key='source_file',
        incremental_strategy='delete+insert',
        post_hook="{% if is_incremental() %}delete from {{ this }} where change = 'deleted'{% endif %}",
    )
}}

with batch as (
    select * from {{ ref('stg_inbox_files') }}
),

final as (
    select
        source_file,
        file_size_bytes,
        mtime_ns,
        sha256,
        pipeline_version,
        change
    from batch
    {% if not is_incremental() %}
    -- a first (or full) build has nothing to retract: a deleted file is simply absent
    where change <> 'deleted'
    {% endif %}
)

select * from final
