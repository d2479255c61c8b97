-- Grain: one row per distinct claim (a claim reported by several articles counted once),
-- keyed by the claim_id of its earliest report.
-- Bitemporal: period_start/period_end/claim_date say when it happened; published_at, loaded_at
-- (the representative report) and first_published_at, first_loaded_at (the earliest of all its
-- reports) say when we learned it.

with

deduplicated as (

    select * from {{ ref('int_claims_deduplicated') }}

),

final as (

    select
        claim_id,
        claim_group_id,
        article_id,
        claimant,
        claimant_id,
        claimant_kind,
        claimant_country,
        outcome,
        weapon,
        weapon_model,
        weapon_origin,
        count,
        count_qualifier,
        country,
        region_code,
        scope,
        place,
        time_text,
        period_start,
        period_end,
        claim_date,
        parent_claim_id,
        evidence_text,
        outlet,
        published_date,
        published_at,
        loaded_at,
        first_published_date,
        first_published_at,
        first_loaded_at,
        report_count,
        article_count,
        outlet_count,
        article_ids,
        claim_ids

    from deduplicated

)

select * from final
