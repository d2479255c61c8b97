{#
    md5 of the given columns, null-safe: a null and an empty string hash differently,
    and no two columns can run together (a separator between them).
    Usage: {{ surrogate_key(['region_code', 'claim_date']) }}
#}
{% macro surrogate_key(columns) -%}
    md5(
        {%- for column in columns %}
        coalesce(cast({{ column }} as {{ dbt.type_string() }}), '<null>'){% if not loop.last %} || '|' ||{% endif %}
        {%- endfor %}
    )
{%- endmacro %}
