-- One actor's timeline: every event they took part in, in date order (undated events last).
-- Parameter `actor_name_en` (default Vladimir Putin), bound as a DuckDB variable, never spliced:
--   .venv/bin/akhbar analyses actor_timeline --var "actor_name_en=Vladimir Putin"
with params as (
    select coalesce(getvariable('actor_name_en'), 'Vladimir Putin') as actor
),

events as (
    select * from {{ ref('fct_events') }}
),

types as (
    select * from {{ ref('dim_event_types') }}
),

final as (
    select
        events.event_date,
        events.date_precision,
        events.status,
        events.event_code,
        types.event_label,
        case
            when events.actor1_name_en = params.actor then events.actor2_name_en
            else events.actor1_name_en
        end as counterpart,
        events.location_name_en,
        events.num_mentions
    from events
    cross join params
    left join types using (event_code)
    where params.actor in (events.actor1_name_en, events.actor2_name_en)
)

select * from final
order by event_date nulls last, event_code
