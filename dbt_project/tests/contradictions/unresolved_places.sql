{{ config(
    severity='warn',
    store_failures=true,
    store_failures_as='table',
    schema='contradictions',
    alias='unresolved_places',
) }}

-- Claims whose place the extractor could not resolve to a region or country (is_place_resolved
-- = false): the place words are kept in place_text, and the gazetteer may need an entry.

with

claims as (

    select * from {{ ref('fct_claims') }}

),

final as (

    select
        claim_id,
        article_id,
        outlet,
        published_date,
        claimant,
        claimant_id,
        outcome,
        weapon,
        count,
        count_qualifier,
        place_text,
        place,
        scope,
        country,
        region_code,
        evidence_start,
        evidence_end,
        evidence_text

    from claims
    where is_place_resolved = false

)

select * from final
