{#- The most frequent non-null `column` per event among `relation`'s rows, preferring rows that
    satisfy `prefer`; ties break on the value itself so that rebuilds are deterministic.
    The counts are computed before ranking: Spark resolves a window's ORDER BY against the grouped
    output only, so aggregates over other columns cannot appear there. -#}
{% macro most_frequent(relation, column, prefer) -%}
    select event_id, {{ column }}
    from (
        select
            event_id,
            {{ column }},
            count(case when {{ prefer }} then 1 end) as n_preferred,
            count(*) as n_rows
        from {{ relation }}
        where {{ column }} is not null
        group by event_id, {{ column }}
    ) as counted
    qualify row_number() over (partition by event_id order by n_preferred desc, n_rows desc, {{ column }}) = 1
{%- endmacro %}
