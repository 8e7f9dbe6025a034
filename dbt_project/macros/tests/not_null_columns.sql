{#- A model's column constraints in one test node: fails for every `columns` entry that holds a NULL
    (one row with its count of NULL rows) and every `unique` entry that holds a value twice (one row
    with its count of repeated values; NULLs are not compared, as in dbt's `unique`). A `not_null`
    test per column made dbt run one node and one query per column (116 of the project's 199 nodes),
    and a `unique` test per key another 21 nodes, each ~50 ms of dbt and Dagster overhead. -#}
{% test not_null_columns(model, columns, unique=[]) %}

with null_counts as (
    select
    {%- for column in columns %}
        sum(case when {{ column }} is null then 1 else 0 end) as n_{{ loop.index }}{{ "," if not loop.last }}
    {%- endfor %}
    from {{ model }}
),

checked as (
    {%- for column in columns %}
    select '{{ column }}' as column_name, 'null' as failure, n_{{ loop.index }} as failing_rows from null_counts
    {{- " union all" if not loop.last }}
    {%- endfor %}
    {%- for column in unique %}
    union all
    select '{{ column }}', 'duplicate', count(*) from (
        select {{ column }} from {{ model }} where {{ column }} is not null group by {{ column }} having count(*) > 1
    )
    {%- endfor %}
)

select * from checked where failing_rows > 0

{% endtest %}
