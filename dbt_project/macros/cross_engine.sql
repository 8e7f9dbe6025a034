{#- SQL that differs between engines (DuckDB, Spark), so that one set of models runs on both.
    Portable forms are used where one exists; the rest dispatch on the adapter. -#}

{#- The first 16 hex digits of the MD5 of `expr`: readable ids that every engine computes alike. -#}
{% macro short_hash(expr) -%}
    substr(md5(cast({{ expr }} as {{ dbt.type_string() }})), 1, 16)
{%- endmacro %}

{#- A date as text at a precision: '2024-03-01', '2024-03' or '2024'. Casting a date to text gives
    ISO 8601 on every engine, so no engine-specific format string is needed. -#}
{% macro date_key(date_expr, precision) -%}
    {%- set length = {'day': 10, 'month': 7, 'year': 4}[precision] -%}
    substr(cast({{ date_expr }} as {{ dbt.type_string() }}), 1, {{ length }})
{%- endmacro %}

{#- A date as the number GDELT uses: 20240301 (day) or 202403 (month). -#}
{% macro date_number(date_expr, precision) -%}
    {%- if precision == 'day' -%}
    (year({{ date_expr }}) * 10000 + month({{ date_expr }}) * 100 + dayofmonth({{ date_expr }}))
    {%- else -%}
    (year({{ date_expr }}) * 100 + month({{ date_expr }}))
    {%- endif -%}
{%- endmacro %}

{#- ISO day of the week, Monday = 1 ... Sunday = 7. -#}
{% macro iso_weekday(date_expr) -%}
    {{ return(adapter.dispatch('iso_weekday', 'akhbar')(date_expr)) }}
{%- endmacro %}

{% macro default__iso_weekday(date_expr) -%}
    isodow({{ date_expr }})
{%- endmacro %}

{% macro spark__iso_weekday(date_expr) -%}
    extract(dayofweek_iso from {{ date_expr }})
{%- endmacro %}

{#- Every column of `relation_alias` but `columns`. -#}
{% macro star_except(relation_alias, columns) -%}
    {{ return(adapter.dispatch('star_except', 'akhbar')(relation_alias, columns)) }}
{%- endmacro %}

{% macro default__star_except(relation_alias, columns) -%}
    {{ relation_alias }}.* exclude ({{ columns | join(', ') }})
{%- endmacro %}

{% macro spark__star_except(relation_alias, columns) -%}
    {{ relation_alias }}.* except ({{ columns | join(', ') }})
{%- endmacro %}

{#- A timestamp with its time zone (DuckDB `timestamptz`); Spark's `timestamp` is already instant-based. -#}
{% macro type_timestamp_tz() -%}
    {{ return(adapter.dispatch('type_timestamp_tz', 'akhbar')()) }}
{%- endmacro %}

{% macro default__type_timestamp_tz() -%}
    timestamp with time zone
{%- endmacro %}

{% macro spark__type_timestamp_tz() -%}
    timestamp
{%- endmacro %}
