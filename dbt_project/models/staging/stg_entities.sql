with source as (
    select * from {{ source('landing', 'entities') }}
),

renamed as (
    select
        cast(entity_id as varchar) as entity_id,
        cast(entity_type as varchar) as entity_type,
        -- Persons found by title pattern have no English name yet: show the Arabic one.
        coalesce(nullif(cast(name_en as varchar), ''), cast(name_ar as varchar)) as name_en,
        nullif(cast(name_ar as varchar), '') as name_ar,
        nullif(cast(country_iso3 as varchar), '') as country_iso3,
        nullif(cast(cameo_code as varchar), '') as cameo_code,
        cast(latitude as double) as latitude,
        cast(longitude as double) as longitude,
        cast(origin as varchar) as origin
    from source
),

final as (
    select * from renamed
)

select * from final
