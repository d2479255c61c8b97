{#- The figures every daily aggregate of claims carries, over whatever grain it groups by:
    the summed count, how many claims had or lacked a number, and how many articles stood behind them.
    No trailing comma: the caller's select list continues or ends after it. -#}
{% macro claim_totals() %}
        sum(count) as total_count,
        count(count) as claims_with_count,
        count(*) - count(count) as claims_without_count,
        count(*) as claim_count,
        {{ count_distinct_in_lists('article_ids') }} as article_count
{% endmacro %}
