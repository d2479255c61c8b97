-- Grain: one row per claim (of the current version of its article).
-- The columns of the claims spec come first, in the spec's order; extra columns follow.

with

claims as (

    select * from {{ ref('int_claims_resolved') }}

),

final as (

    select
        -- the spec's columns (shared/claims-spec.md), in order
        claim_id,
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
        parent_claim_id,
        evidence_start,
        evidence_end,
        evidence_text,
        -- extras
        published_date,
        published_at,
        loaded_at,
        outlet,
        claim_date,
        is_place_resolved,
        is_hedged,
        count_text,
        place_text,
        region_name,

    from claims

)

select * from final
