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
-- Within a memory limit at any size: the groups are found with plain aggregates over narrow rows
-- (DuckDB spills those), and only the contested groups' claims are listed, without a grouped list
-- aggregate on DuckDB (macros/figure_group_lists.sql).

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
        claim_id,
        parent_claim_id,
        claimant,
        {{ group_key | join(',\n        ') }},
        count,
        article_id,
        outlet,
        published_date,
        evidence_start,
        evidence_text,
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
        count(*) as claim_count,
        count(distinct article_id) as article_count,
        count(distinct article_id || ':' || cast(evidence_start as {{ dbt.type_string() }})) as statement_count,
        min(published_date) as first_published_date,
        max(published_date) as last_published_date
    from rivals
    group by
        figure_group_id,
        {{ group_key | join(',\n        ') }}

),

contested_groups as (

    select * from grouped
    where
        figure_count > 1
        and statement_count > 1

),

contested_claims as (

    select
        figure_group_id,
        claim_id,
        count,
        article_id,
        outlet,
        evidence_text
    from rivals
    where figure_group_id in (select figure_group_id from contested_groups)

),

lists as (

    {{ figure_group_lists('contested_claims') }}

),

final as (

    select
        contested_groups.figure_group_id,
        contested_groups.claimant_id,
        contested_groups.claimant,
        contested_groups.outcome,
        contested_groups.weapon,
        contested_groups.weapon_model,
        contested_groups.scope,
        contested_groups.country,
        contested_groups.region_code,
        contested_groups.period_start,
        contested_groups.period_end,
        contested_groups.period_end as claim_date,
        contested_groups.figure_count,
        contested_groups.lowest_count,
        contested_groups.highest_count,
        contested_groups.highest_count - contested_groups.lowest_count as spread,
        lists.figures,
        contested_groups.article_count = 1 as is_same_article,
        contested_groups.claim_count,
        contested_groups.article_count,
        contested_groups.statement_count,
        contested_groups.first_published_date,
        contested_groups.last_published_date,
        lists.article_ids,
        lists.outlets,
        lists.claim_ids,
        lists.figure_evidence
    from contested_groups
    inner join lists
        on contested_groups.figure_group_id = lists.figure_group_id

)

select * from final
