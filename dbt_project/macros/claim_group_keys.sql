{#- The columns that identify a distinct claim across articles (int_claims_deduplicated): same
    claimant, outcome, weapon, count, place and period -- or, with no period, the same published
    date -- and the n-th such claim of its article (key_occurrence, in text order). -#}
{% macro claim_group_key_columns() -%}
    {{ return([
        'claimant_id', 'outcome', 'weapon', 'count',
        'region_code', 'scope', 'country',
        'period_start', 'period_end', 'unperiodised_date',
        'key_occurrence',
    ]) }}
{%- endmacro %}


{#- Every row of `relation` (claims of int_claims_resolved, whole articles) with its
    unperiodised_date, key_occurrence and claim_group_id. A claim's group id depends on its own
    article only, so it can be computed for some articles without the rest. -#}
{% macro claim_group_keys(relation) -%}
    {%- set claim_key = claim_group_key_columns() -%}
    select
        occurrences.*,
        {{ surrogate_key(claim_key) }} as claim_group_id
    from (
        select
            keyed.*,
            row_number() over (
                partition by
                    article_id,
                    {{ claim_key[:-1] | join(', ') }}
                order by evidence_start, claim_id
            ) as key_occurrence
        from (
            select
                *,
                -- with no period at all, the published date stands in for the window; with no
                -- published date either, the article does (undated reports are not merged)
                case
                    when period_start is null and period_end is null
                        then coalesce(cast(published_date as {{ dbt.type_string() }}), 'article:' || article_id)
                end as unperiodised_date
            from {{ relation }}
        ) as keyed
    ) as occurrences
{%- endmacro %}
