{#- Fails for every value outside its column's accepted set, one row per (column, value) with its
    count: one query per model for all its columns, where dbt's `accepted_values` runs one node per
    column. `values` maps a column to its accepted values (strings are quoted, their apostrophes doubled;
    numbers are not). -#}
{% test accepted_values_columns(model, values) %}

{%- for column, accepted in values.items() %}
select '{{ column }}' as column_name, cast({{ column }} as {{ dbt.type_string() }}) as value, count(*) as n_rows
from {{ model }}
where {{ column }} is not null
    and {{ column }} not in (
        {%- for v in accepted %}{% if v is string %}'{{ v | replace("'", "''") }}'{% else %}{{ v }}{% endif %}{{ ", " if not loop.last }}{% endfor -%}
    )
group by {{ column }}
{{ "union all" if not loop.last }}
{%- endfor %}

{% endtest %}
