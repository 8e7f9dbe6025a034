-- grain: one row per CAMEO event code (2-, 3- and 4-digit), from the seed.
with source as (
    select * from {{ ref('cameo_event_codes') }}
),

renamed as (
    select
        cast(cameo_code as {{ dbt.type_string() }}) as event_code,
        label as event_label,
        cast(root_code as {{ dbt.type_string() }}) as event_root_code,
        coalesce(nullif(cast(base_code as {{ dbt.type_string() }}), ''), cast(cameo_code as {{ dbt.type_string() }})) as event_base_code,
        cast(quad_class as integer) as quad_class,
        cast(goldstein_scale as double) as goldstein_scale,
        goldstein_from
    from source
),

final as (
    select
        *,
        case quad_class
            when 1 then 'Verbal Cooperation'
            when 2 then 'Material Cooperation'
            when 3 then 'Verbal Conflict'
            when 4 then 'Material Conflict'
        end as quad_class_label,
        length(event_code) as code_level
    from renamed
)

select * from final
