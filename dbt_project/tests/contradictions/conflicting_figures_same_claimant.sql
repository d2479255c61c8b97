{{ config(
    severity='warn',
    store_failures=true,
    store_failures_as='table',
    schema='contradictions',
    alias='conflicting_figures_same_claimant',
) }}

-- One claimant giving different figures about the same thing -- same place (region_code, or the
-- same country or sea when there is no region), outcome, weapon (and weapon model) and resolved
-- window -- one row per such group, with every figure listed. Unattributed statements have no
-- claimant to contradict, and claims with no place or no resolved window cannot be said to cover
-- the same thing. Figures from one sentence are parts of one list, not a contradiction: a group
-- needs two statements (article, sentence) and two figures. A breakdown part in its own total's
-- group is a part, not a rival figure, and is left out.
-- Grouped, never a pairwise self-join: the table grows with the groups, not with their squares.

{% set group_key = [
    'claimant_id', 'outcome', 'weapon', 'weapon_model', 'scope', 'country', 'region_code',
    'period_start', 'period_end',
] %}

with

claims as (

    select * from {{ ref('fct_claims') }}

),

comparable as (

    select
        *,
        {{ surrogate_key(group_key) }} as figure_group_id
    from claims
    where
        claimant_id <> 'unattributed'
        and count is not null
        and scope in ('region', 'country', 'sea')
        and period_start is not null
        and period_end is not null

),

-- a part whose total falls in the same group ("11 missiles", then "four of them over Kursk"
-- with the same place) is not a second figure for the same thing
rivals as (

    select comparable.*
    from comparable
    left join comparable as parents
        on comparable.parent_claim_id = parents.claim_id
        and comparable.figure_group_id = parents.figure_group_id
    where parents.claim_id is null

),

grouped as (

    select
        figure_group_id,
        {{ group_key | join(',\n        ') }},
        min(claimant) as claimant,
        count(distinct count) as figure_count,
        min(count) as lowest_count,
        max(count) as highest_count,
        {{ sorted_list('count', distinct=true) }} as figures,
        count(*) as claim_count,
        count(distinct article_id) as article_count,
        count(distinct article_id || ':' || cast(evidence_start as {{ dbt.type_string() }})) as statement_count,
        {{ sorted_list('article_id', distinct=true) }} as article_ids,
        {{ sorted_list('outlet', distinct=true) }} as outlets,
        min(published_date) as first_published_date,
        max(published_date) as last_published_date,
        {{ ordered_list('claim_id', ['count', 'claim_id']) }} as claim_ids,
        {{ ordered_list(
            "cast(count as " ~ dbt.type_string() ~ ") || ': ' || evidence_text",
            ['count', 'claim_id'],
        ) }} as figure_evidence
    from rivals
    group by
        figure_group_id,
        {{ group_key | join(',\n        ') }}

),

final as (

    select
        figure_group_id,
        claimant_id,
        claimant,
        outcome,
        weapon,
        weapon_model,
        scope,
        country,
        region_code,
        period_start,
        period_end,
        period_end as claim_date,
        figure_count,
        lowest_count,
        highest_count,
        highest_count - lowest_count as spread,
        figures,
        article_count = 1 as is_same_article,
        claim_count,
        article_count,
        statement_count,
        first_published_date,
        last_published_date,
        article_ids,
        outlets,
        claim_ids,
        figure_evidence
    from grouped
    where
        figure_count > 1
        and statement_count > 1

)

select * from final
