{#- An analysis runs against whichever warehouse file the reader opens (the published one, a copy,
    a test's), whose catalog is named after that file. Its refs therefore omit the catalog:
    "main"."fct_events", resolved in the connection's default database. Models keep the full name. -#}
{% macro ref() %}
    {%- set relation = builtins.ref(*varargs, **kwargs) -%}
    {%- if model is mapping and model.get('resource_type') == 'analysis' -%}
        {%- do return(relation.include(database=False)) -%}
    {%- endif -%}
    {%- do return(relation) -%}
{% endmacro %}
