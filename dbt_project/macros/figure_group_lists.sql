{#-
    The lists of contradictions.conflicting_figures_same_claimant: one row per figure_group_id of
    `relation` (the claims of the contested groups: figure_group_id, claim_id, count, article_id,
    outlet, evidence_text) with
      figures          its distinct counts, sorted;
      article_ids      its distinct articles, sorted;
      outlets          its distinct outlets, sorted (NULL when none is known);
      claim_ids        its claims, ordered by count, then claim_id;
      figure_evidence  "<count>: <evidence_text>" of each claim, in the order of claim_ids
                       (a claim without evidence left out; NULL when none has any).

    On DuckDB, without a grouped list aggregate: DuckDB keeps every group's list() state in memory
    and never spills it, and these lists hold the contested claims' sentences (about 250 MB of text
    at a million articles, out of memory at a 1GB limit). A window spills. A window list over the
    whole group would give every row of a group its whole list (the group's size squared, 994
    claims in the largest group at 100,000 articles); here the frame of every row but the group's
    last is that row alone, and the last row's frame is the whole group, so the window writes as
    many list elements as twice the claims, and only the last row is kept.
    On Spark, grouped lists (Spark spills them).
-#}

{% macro figure_group_lists(relation) -%}
    {{ return(adapter.dispatch('figure_group_lists', 'skyledger')(relation)) }}
{%- endmacro %}

{% macro default__figure_group_lists(relation) -%}
    select
        figure_group_id,
        list_sort(list_distinct(list_transform(group_claims, claim -> claim.count))) as figures,
        list_sort(list_distinct(list_transform(group_claims, claim -> claim.article_id))) as article_ids,
        nullif(list_sort(list_distinct(list_transform(group_claims, claim -> claim.outlet))), []) as outlets,
        list_transform(group_claims, claim -> claim.claim_id) as claim_ids,
        nullif(
            list_filter(list_transform(group_claims, claim -> claim.evidence), evidence -> evidence is not null),
            []
        ) as figure_evidence
    from (
        select
            figure_group_id,
            -- sorted by (count, claim_id), the struct's first two fields, whatever order the frame gave
            list_sort(list(struct_pack(
                count := count,
                claim_id := claim_id,
                article_id := article_id,
                outlet := outlet,
                evidence := cast(count as varchar) || ': ' || evidence_text
            )) over (
                partition by figure_group_id
                order by position
                rows between (case when position = group_size then group_size - 1 else 0 end) preceding
                    and current row
            )) as group_claims,
            position,
            group_size
        from (
            select
                *,
                row_number() over (partition by figure_group_id order by count, claim_id) as position,
                count(*) over (partition by figure_group_id) as group_size
            from {{ relation }}
        )
        qualify position = group_size
    )
{%- endmacro %}

{% macro spark__figure_group_lists(relation) -%}
    select
        figure_group_id,
        {{ sorted_list('count', distinct=true) }} as figures,
        {{ sorted_list('article_id', distinct=true) }} as article_ids,
        {{ sorted_list('outlet', distinct=true) }} as outlets,
        {{ ordered_list('claim_id', ['count', 'claim_id']) }} as claim_ids,
        {{ ordered_list(
            "cast(count as " ~ dbt.type_string() ~ ") || ': ' || evidence_text",
            ['count', 'claim_id'],
        ) }} as figure_evidence
    from {{ relation }}
    group by figure_group_id
{%- endmacro %}
