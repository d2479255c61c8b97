{#-
    The SQL that DuckDB and Spark spell differently, one macro each, dispatched on the adapter
    (adapter.dispatch): models call these and contain no engine-only syntax themselves
    (tests/test_portable_sql.py lists the functions every model uses and fails on engine-only ones).

    Lists: DuckDB keeps NULL elements in list() and Spark's collect_list() drops them, and an
    aggregate over no rows is NULL in DuckDB but [] in Spark. Both implementations below leave NULL
    values out and return NULL when nothing is left, so the engines agree row for row.
-#}


{#- The values of `expression` in the group as a list sorted by value (distinct when asked),
    only over rows where `where` holds; NULL when there is no non-null value. -#}
{% macro sorted_list(expression, distinct=false, where=none) -%}
    {{ return(adapter.dispatch('sorted_list', 'skyledger')(expression, distinct, where)) }}
{%- endmacro %}

{% macro default__sorted_list(expression, distinct, where) -%}
    list({{ 'distinct ' if distinct }}{{ expression }} order by {{ expression }})
        filter (where {{ expression }} is not null{% if where %} and ({{ where }}){% endif %})
{%- endmacro %}

{% macro spark__sorted_list(expression, distinct, where) -%}
    {%- set value = expression if not where else 'case when ' ~ where ~ ' then ' ~ expression ~ ' end' -%}
    case
        when count({{ value }}) > 0
            then array_sort({{ 'collect_set' if distinct else 'collect_list' }}({{ value }}))
    end
{%- endmacro %}


{#- sorted_list as a window aggregate: every row gets the sorted values (distinct when asked) of
    `expression` over its partition `partition_by`; NULL when the partition has no non-null value.
    A window's partitions are sorted and spilled to disk when memory runs short; a grouped list
    aggregate's states are not (DuckDB keeps every group's list in memory). -#}
{% macro sorted_list_over(expression, partition_by, distinct=false) -%}
    {{ return(adapter.dispatch('sorted_list_over', 'skyledger')(expression, partition_by, distinct)) }}
{%- endmacro %}

{% macro default__sorted_list_over(expression, partition_by, distinct) -%}
    {%- set values -%}
        list({{ expression }}) filter (where {{ expression }} is not null) over (partition by {{ partition_by }})
    {%- endset -%}
    list_sort({{ 'list_distinct(' ~ values ~ ')' if distinct else values }})
{%- endmacro %}

{% macro spark__sorted_list_over(expression, partition_by, distinct) -%}
    case
        when count({{ expression }}) over (partition by {{ partition_by }}) > 0
            then array_sort(
                {{ 'collect_set' if distinct else 'collect_list' }}({{ expression }}) over (partition by {{ partition_by }})
            )
    end
{%- endmacro %}


{#- The values of `expression` in the group as a list ordered by the columns `order_by`
    (ties must not occur: end the list with a key). NULL values are left out. -#}
{% macro ordered_list(expression, order_by) -%}
    {{ return(adapter.dispatch('ordered_list', 'skyledger')(expression, order_by)) }}
{%- endmacro %}

{% macro default__ordered_list(expression, order_by) -%}
    list({{ expression }} order by {{ order_by | join(', ') }}) filter (where {{ expression }} is not null)
{%- endmacro %}

{% macro spark__ordered_list(expression, order_by) -%}
    {#- Sort structs of (keys..., value) and keep the value: collect_list has no order of its own. -#}
    case
        when count({{ expression }}) > 0
            then transform(
                array_sort(collect_list(
                    case when {{ expression }} is not null then named_struct(
                        {%- for column in order_by %}
                        'k{{ loop.index }}', {{ column }},
                        {%- endfor %}
                        'v', {{ expression }}
                    ) end
                )),
                item -> item.v
            )
    end
{%- endmacro %}


{#- An empty list of strings (the value of a list column that has nothing to hold). -#}
{% macro empty_string_list() -%}
    {{ return(adapter.dispatch('empty_string_list', 'skyledger')()) }}
{%- endmacro %}

{% macro default__empty_string_list() -%}
    cast([] as varchar[])
{%- endmacro %}

{% macro spark__empty_string_list() -%}
    cast(array() as array<string>)
{%- endmacro %}


{#- One row per element of the list column `expression` (in a select list). -#}
{% macro explode_list(expression) -%}
    {{ return(adapter.dispatch('explode_list', 'skyledger')(expression)) }}
{%- endmacro %}

{% macro default__explode_list(expression) -%}
    unnest({{ expression }})
{%- endmacro %}

{% macro spark__explode_list(expression) -%}
    explode({{ expression }})
{%- endmacro %}


{#- `expression` split at the one-character `separator`, each part trimmed, empty parts dropped. -#}
{% macro split_trimmed(expression, separator) -%}
    {{ return(adapter.dispatch('split_trimmed', 'skyledger')(expression, separator)) }}
{%- endmacro %}

{% macro default__split_trimmed(expression, separator) -%}
    list_filter(
        list_transform(string_split(coalesce({{ expression }}, ''), '{{ separator }}'), lambda part: trim(part)),
        lambda part: part <> ''
    )
{%- endmacro %}

{% macro spark__split_trimmed(expression, separator) -%}
    {#- split() takes a pattern: the separator inside a character class is literal, with no backslashes. -#}
    filter(
        transform(split(coalesce({{ expression }}, ''), '[{{ separator }}]'), part -> trim(part)),
        part -> part <> ''
    )
{%- endmacro %}
