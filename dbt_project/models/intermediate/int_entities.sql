-- grain: one row per entity ever landed: the knowledge base, role actors and discovered persons.
-- Incremental: the batch's rows replace older versions of the same entity (knowledge-base edits win);
-- persons discovered in earlier runs stay.
{{
    config(
        materialized='incremental',
        unique_key='entity_id',
        incremental_strategy='delete+insert',
    )
}}

with batch as (
    select * from {{ ref('stg_entities') }}
),

final as (
    select * from batch
)

select * from final
