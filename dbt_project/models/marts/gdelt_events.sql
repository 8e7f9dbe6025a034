{{ config(materialized='view') }}
-- grain: one row per event, with GDELT 2.0 Events column names and formats, for GDELT tooling.
with events as (
    select * from {{ ref('fct_events') }}
),

final as (
    select
        event_id as "GLOBALEVENTID",
        cast(strftime(event_date, '%Y%m%d') as integer) as "SQLDATE",
        cast(strftime(event_date, '%Y%m') as integer) as "MonthYear",
        cast(year(event_date) as integer) as "Year",
        round(year(event_date) + (dayofyear(event_date) - 1) / 365.0, 4) as "FractionDate",
        actor1_code as "Actor1Code",
        upper(actor1_name_en) as "Actor1Name",
        actor1_country_iso3 as "Actor1CountryCode",
        actor2_code as "Actor2Code",
        upper(actor2_name_en) as "Actor2Name",
        actor2_country_iso3 as "Actor2CountryCode",
        1 as "IsRootEvent",
        event_code as "EventCode",
        event_base_code as "EventBaseCode",
        event_root_code as "EventRootCode",
        quad_class as "QuadClass",
        goldstein_scale as "GoldsteinScale",
        num_mentions as "NumMentions",
        num_sources as "NumSources",
        num_articles as "NumArticles",
        case when location_entity_id is null then 0 else 4 end as "ActionGeo_Type",
        location_name_en as "ActionGeo_FullName",
        location_country_iso3 as "ActionGeo_CountryCode",
        location_latitude as "ActionGeo_Lat",
        location_longitude as "ActionGeo_Long",
        cast(strftime(first_seen_date, '%Y%m%d') as bigint) as "DATEADDED"
    from events
)

select * from final
