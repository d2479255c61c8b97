-- Claims without a day to count them on, and why: what the daily marts leave out.

with

claims as (

    select * from {{ ref('fct_claims') }}

),

final as (

    select
        claim_id,
        article_id,
        outlet,
        claimant_id,
        outcome,
        weapon,
        count,
        region_code,
        time_text,
        undated_reason,
        evidence_text

    from claims
    where claim_date is null

)

select * from final
