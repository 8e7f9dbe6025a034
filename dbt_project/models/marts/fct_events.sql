-- grain: one row per real-world event (see int_event_clusters for the deduplication rule).
-- Every count is recomputed from the mentions on each build, so it is always current.
with mentions as (
    select * from {{ ref('int_event_clusters') }}
),

articles as (
    select article_id, published_date, source_id from {{ ref('dim_articles') }}
),

entities as (
    select entity_id, name_en, country_iso3, cameo_code, latitude, longitude from {{ ref('dim_entities') }}
),

event_types as (
    select * from {{ ref('dim_event_types') }}
),

mentions_with_articles as (
    select mentions.*, articles.published_date, articles.source_id
    from mentions
    left join articles using (article_id)
),

-- The event's orientation (who is actor1) and actor codes come from one representative mention:
-- occurred before planned, day-precise dates first, then the most confident.
representative as (
    select
        event_id,
        actor1_entity_id,
        actor2_entity_id,
        actor1_code,
        actor2_code
    from mentions
    qualify row_number() over (
        partition by event_id
        order by status = 'occurred' desc, date_precision = 'day' desc, confidence desc, mention_id
    ) = 1
),

-- The event's code, date and place are the most frequent among its mentions (occurred mentions and
-- day-precise dates first); ties break on the value so that rebuilds are deterministic.
event_codes as (
    {{ most_frequent('mentions', 'event_code', "status = 'occurred'") }}
),

event_dates as (
    {{ most_frequent('mentions', 'event_date', "date_precision = 'day'") }}
),

event_places as (
    {{ most_frequent('mentions', 'location_entity_id', "status = 'occurred'") }}
),

aggregated as (
    select
        event_id,
        any_value(event_key) as event_key,
        case
            when count(*) filter (where date_precision = 'day') > 0 then 'day'
            when count(*) filter (where date_precision = 'month') > 0 then 'month'
            when count(*) filter (where date_precision = 'year') > 0 then 'year'
            else 'unknown'
        end as date_precision,
        -- The status respects the planned mentions: a cancellation or postponement stands unless a
        -- later article reports the event as having happened, and one occurred mention does not
        -- outweigh more planned ones published as late or later (issue 11).
        case
            when bool_or(status = 'cancelled')
                and coalesce(max(published_date) filter (where status = 'occurred'), date '0001-01-01')
                <= coalesce(max(published_date) filter (where status = 'cancelled'), date '9999-12-31')
                then 'cancelled'
            when bool_or(status = 'postponed')
                and coalesce(max(published_date) filter (where status = 'occurred'), date '0001-01-01')
                <= coalesce(max(published_date) filter (where status = 'postponed'), date '9999-12-31')
                then 'postponed'
            when count(*) filter (where status = 'occurred') > 0
                and (
                    count(*) filter (where status = 'occurred') >= count(*) filter (where status = 'planned')
                    or max(published_date) filter (where status = 'occurred')
                    > max(published_date) filter (where status = 'planned')
                )
                then 'occurred'
            when bool_or(status = 'planned') then 'planned'
            when bool_or(status = 'historical') then 'historical'
            else 'occurred'
        end as status,
        count(*) as num_mentions,
        count(distinct article_id) as num_articles,
        -- An article that names no outlet counts as a source of its own.
        count(distinct coalesce(source_id, 'article:' || article_id)) as num_sources,
        min(published_date) as first_seen_date,
        max(published_date) as last_seen_date,
        avg(confidence) as avg_confidence
    from mentions_with_articles
    group by event_id
),

oriented as (
    select
        aggregated.*,
        representative.* exclude (event_id),
        event_codes.event_code,
        event_dates.event_date,
        event_places.location_entity_id
    from aggregated
    inner join representative using (event_id)
    inner join event_codes using (event_id)
    left join event_dates using (event_id)
    left join event_places using (event_id)
),

final as (
    select
        oriented.event_id,
        oriented.event_code,
        event_types.event_base_code,
        event_types.event_root_code,
        event_types.quad_class,
        event_types.goldstein_scale,
        oriented.event_date,
        oriented.date_precision,
        oriented.status,
        oriented.actor1_entity_id,
        actor1.name_en as actor1_name_en,
        actor1.country_iso3 as actor1_country_iso3,
        coalesce(oriented.actor1_code, actor1.cameo_code) as actor1_code,
        oriented.actor2_entity_id,
        actor2.name_en as actor2_name_en,
        actor2.country_iso3 as actor2_country_iso3,
        coalesce(oriented.actor2_code, actor2.cameo_code) as actor2_code,
        oriented.location_entity_id,
        place.name_en as location_name_en,
        place.country_iso3 as location_country_iso3,
        place.latitude as location_latitude,
        place.longitude as location_longitude,
        oriented.num_mentions,
        oriented.num_articles,
        oriented.num_sources,
        oriented.first_seen_date,
        oriented.last_seen_date,
        oriented.avg_confidence,
        oriented.event_key
    from oriented
    left join event_types on event_types.event_code = oriented.event_code
    left join entities as actor1 on actor1.entity_id = oriented.actor1_entity_id
    left join entities as actor2 on actor2.entity_id = oriented.actor2_entity_id
    left join entities as place on place.entity_id = oriented.location_entity_id
)

select * from final
