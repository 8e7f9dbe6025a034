with source as (
    select * from {{ source('landing', 'entities') }}
    {{ ingest_window('entity_id') }}
),

renamed as (
    select
        cast(entity_id as {{ dbt.type_string() }}) as entity_id,
        cast(entity_type as {{ dbt.type_string() }}) as entity_type,
        -- Persons found by title pattern have no English name yet: show the Arabic one.
        coalesce(nullif(cast(name_en as {{ dbt.type_string() }}), ''), cast(name_ar as {{ dbt.type_string() }})) as name_en,
        nullif(cast(name_ar as {{ dbt.type_string() }}), '') as name_ar,
        nullif(cast(country_iso3 as {{ dbt.type_string() }}), '') as country_iso3,
        nullif(cast(cameo_code as {{ dbt.type_string() }}), '') as cameo_code,
        cast(latitude as double) as latitude,
        cast(longitude as double) as longitude,
        cast(origin as {{ dbt.type_string() }}) as origin
    from source
),

final as (
    select * from renamed
)

select * from final
