{{ config(
    severity='warn',
    store_failures=true,
    store_failures_as='table',
    schema='contradictions',
    alias='conflicting_figures_same_claimant',
) }}

-- Two different claims by the same claimant about the same thing -- same place (region_code,
-- or the same country or sea when there is no region), outcome, weapon and resolved window --
-- that give different figures. Unattributed statements have no claimant to contradict, and
-- claims with no place or no resolved window cannot be said to cover the same thing.
-- One row per pair (a before b), whether in one article (a correction) or in two; figures from the
-- same sentence are parts of one list, not a contradiction.

with

claims as (

    select * from {{ ref('fct_claims') }}

),

comparable as (

    select * from claims
    where
        claimant_id <> 'unattributed'
        and count is not null
        and scope in ('region', 'country', 'sea')
        and period_start is not null
        and period_end is not null

),

pairs as (

    select
        a.claimant_id,
        coalesce(a.claimant, b.claimant) as claimant,
        a.outcome,
        a.weapon,
        a.scope,
        a.country,
        a.region_code,
        a.period_start,
        a.period_end,
        a.article_id = b.article_id as is_same_article,
        a.claim_id as claim_id_a,
        b.claim_id as claim_id_b,
        a.article_id as article_id_a,
        b.article_id as article_id_b,
        a.outlet as outlet_a,
        b.outlet as outlet_b,
        a.published_date as published_date_a,
        b.published_date as published_date_b,
        a.count as count_a,
        b.count as count_b,
        a.count_qualifier as count_qualifier_a,
        b.count_qualifier as count_qualifier_b,
        a.time_text as time_text_a,
        b.time_text as time_text_b,
        a.evidence_text as evidence_text_a,
        b.evidence_text as evidence_text_b,

    from comparable as a
    inner join comparable as b
        on a.claimant_id = b.claimant_id
        and a.outcome = b.outcome
        and a.weapon = b.weapon
        and a.scope = b.scope
        and a.country is not distinct from b.country
        and a.region_code is not distinct from b.region_code
        and a.period_start = b.period_start
        and a.period_end = b.period_end
        and a.count <> b.count
        and a.claim_id < b.claim_id
        -- one sentence listing several kinds of one class ("nine houses, an apartment block and a
        -- shop were damaged") gives different counts without contradicting itself
        and not (a.article_id = b.article_id and a.evidence_start = b.evidence_start)
        -- a total and its parts ("11 missiles": "seven Kh-101 and four Iskander-M"), or two models,
        -- are figures about different things
        and a.claim_id is distinct from b.parent_claim_id
        and b.claim_id is distinct from a.parent_claim_id
        and not (a.weapon_model is not null and b.weapon_model is not null and a.weapon_model <> b.weapon_model)

),

final as (

    select * from pairs

)

select * from final
