{#- The figures every daily aggregate of claims carries, over whatever grain it groups by:
    the summed count and how many claims had or lacked a number. How many articles stood behind
    them is article_counts() below, joined on the same grain.
    No trailing comma: the caller's select list continues or ends after it. -#}
{% macro claim_totals() %}
        sum(count) as total_count,
        count(count) as claims_with_count,
        count(*) - count(count) as claims_without_count,
        count(*) as claim_count
{% endmacro %}


{#- How many distinct articles the article_ids lists of `relation` hold together, per group of
    `group_columns`: the lists exploded to one row per (claim, article), then a distinct count.
    A plain aggregate, which DuckDB spills to disk when memory runs short; a list aggregate of
    the lists (flatten(list(article_ids))) keeps every group's list in memory, and ran out of
    memory at a million articles. -#}
{% macro article_counts(relation, group_columns) %}
    select
        {{ group_columns | join(',\n        ') }},
        count(distinct article_id) as article_count
    from (
        select
            {{ group_columns | join(',\n            ') }},
            {{ explode_list('article_ids') }} as article_id
        from {{ relation }}
    ) as reports
    group by {{ group_columns | join(', ') }}
{% endmacro %}


{#- `totals` with the article_count of its group from `counts` (article_counts() over the same
    grain), matched column by column, NULLs matching NULLs; 0 for a group with no article. -#}
{% macro with_article_count(totals, counts, group_columns) %}
    select
        {{ totals }}.*,
        coalesce({{ counts }}.article_count, 0) as article_count
    from {{ totals }}
    left join {{ counts }}
        on
        {%- for column in group_columns %}
            {% if not loop.first %}and {% endif %}{{ totals }}.{{ column }} is not distinct from {{ counts }}.{{ column }}
        {%- endfor %}
{% endmacro %}
