{{ config(materialized='view') }}
-- grain: one row per event, with GDELT 2.0 Events column names and formats, for GDELT tooling.
with events as (
    select * from {{ ref('fct_events') }}
),

final as (
    select
        event_id as {{ adapter.quote("GLOBALEVENTID") }},
        cast({{ date_number('event_date', 'day') }} as integer) as {{ adapter.quote("SQLDATE") }},
        cast({{ date_number('event_date', 'month') }} as integer) as {{ adapter.quote("MonthYear") }},
        cast(year(event_date) as integer) as {{ adapter.quote("Year") }},
        round(year(event_date) + (dayofyear(event_date) - 1) / 365.0, 4) as {{ adapter.quote("FractionDate") }},
        actor1_code as {{ adapter.quote("Actor1Code") }},
        upper(actor1_name_en) as {{ adapter.quote("Actor1Name") }},
        actor1_country_iso3 as {{ adapter.quote("Actor1CountryCode") }},
        actor2_code as {{ adapter.quote("Actor2Code") }},
        upper(actor2_name_en) as {{ adapter.quote("Actor2Name") }},
        actor2_country_iso3 as {{ adapter.quote("Actor2CountryCode") }},
        1 as {{ adapter.quote("IsRootEvent") }},
        event_code as {{ adapter.quote("EventCode") }},
        event_base_code as {{ adapter.quote("EventBaseCode") }},
        event_root_code as {{ adapter.quote("EventRootCode") }},
        quad_class as {{ adapter.quote("QuadClass") }},
        goldstein_scale as {{ adapter.quote("GoldsteinScale") }},
        num_mentions as {{ adapter.quote("NumMentions") }},
        num_sources as {{ adapter.quote("NumSources") }},
        num_articles as {{ adapter.quote("NumArticles") }},
        case when location_entity_id is null then 0 else 4 end as {{ adapter.quote("ActionGeo_Type") }},
        location_name_en as {{ adapter.quote("ActionGeo_FullName") }},
        location_country_iso3 as {{ adapter.quote("ActionGeo_CountryCode") }},
        location_latitude as {{ adapter.quote("ActionGeo_Lat") }},
        location_longitude as {{ adapter.quote("ActionGeo_Long") }},
        cast({{ date_number('first_seen_date', 'day') }} as bigint) as {{ adapter.quote("DATEADDED") }}
    from events
)

select * from final
