-- Grain: one row per region_code x claim_date x claimant_id x outcome x weapon,
-- over distinct claims (int_claims_deduplicated) whose scope is region: a figure repeated by
-- several articles is counted once. Claims with no date at all (no period, no published date)
-- cannot be placed on a day and are left out.

with

claims as (

    select * from {{ ref('int_claims_deduplicated') }}

),

regional_claims as (

    select * from claims
    where
        scope = 'region'
        and region_code is not null
        and claim_date is not null

),

totals as (

    select
        region_code,
        claim_date,
        claimant_id,
        outcome,
        weapon,
        {{ claim_totals() }}

    from regional_claims
    group by region_code, claim_date, claimant_id, outcome, weapon

),

article_counts as (

    {{ article_counts('regional_claims', ['region_code', 'claim_date', 'claimant_id', 'outcome', 'weapon']) }}

),

aggregated as (

    {{ with_article_count('totals', 'article_counts', ['region_code', 'claim_date', 'claimant_id', 'outcome', 'weapon']) }}

),

final as (

    select
        {{ surrogate_key(['region_code', 'claim_date', 'claimant_id', 'outcome', 'weapon']) }}
            as region_daily_id,
        region_code,
        claim_date,
        claimant_id,
        outcome,
        weapon,
        cast(total_count as bigint) as total_count,
        claims_with_count,
        claims_without_count,
        claim_count,
        article_count

    from aggregated

)

select * from final
