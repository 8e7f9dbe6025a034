{#- Use the custom schema name as-is (staging, intermediate, reference) and keep marts in
    `main`, so analysts query `fct_events` rather than `main_marts.fct_events`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
