-- Events by QuadClass (verbal/material cooperation/conflict) per month, with mean Goldstein score.
select
    date_trunc('month', event_date) as month,
    types.quad_class_label,
    count(*) as events,
    sum(num_mentions) as mentions,
    round(avg(events.goldstein_scale), 2) as avg_goldstein
from {{ ref('fct_events') }} as events
inner join {{ ref('dim_event_types') }} as types using (event_code)
where event_date is not null
group by all
order by month, types.quad_class_label
