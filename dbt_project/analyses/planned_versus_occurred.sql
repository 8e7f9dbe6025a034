-- Planned versus occurred: how many announced events per code family, and how many were reported as happening.
select
    events.event_root_code,
    types.event_label as root_label,
    count(*) filter (where status = 'planned') as planned,
    count(*) filter (where status = 'occurred') as occurred,
    count(*) filter (where status = 'historical') as historical
from {{ ref('fct_events') }} as events
left join {{ ref('dim_event_types') }} as types on types.event_code = events.event_root_code
group by all
order by events.event_root_code
