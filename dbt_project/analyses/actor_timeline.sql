-- One actor's timeline: every event they took part in, in date order (undated events last).
{% set actor = var('actor_name_en', 'Vladimir Putin') %}
select
    event_date,
    date_precision,
    status,
    event_code,
    types.event_label,
    case when actor1_name_en = '{{ actor }}' then actor2_name_en else actor1_name_en end as counterpart,
    location_name_en,
    num_mentions
from {{ ref('fct_events') }} as events
left join {{ ref('dim_event_types') }} as types using (event_code)
where '{{ actor }}' in (actor1_name_en, actor2_name_en)
order by event_date nulls last, event_code
