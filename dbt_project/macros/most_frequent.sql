{#- The most frequent non-null `column` per event among `relation`'s rows, preferring rows that
    satisfy `prefer`; ties break on the value itself so that rebuilds are deterministic. -#}
{% macro most_frequent(relation, column, prefer) -%}
    select event_id, {{ column }}
    from {{ relation }}
    where {{ column }} is not null
    group by event_id, {{ column }}
    qualify row_number() over (
        partition by event_id
        order by count(*) filter (where {{ prefer }}) desc, count(*) desc, {{ column }}
    ) = 1
{%- endmacro %}
