-- One row per distinct claim: the same claim reported by several articles (same claimant,
-- outcome, weapon, count, place and period -- or, with no period, the same published date)
-- collapses to one row. The earliest report is the representative; the group keeps how many
-- reports, articles and outlets carried it, and the ids of every report.

{% set claim_key = [
    'claimant_id', 'outcome', 'weapon', 'count',
    'region_code', 'scope', 'country',
    'period_start', 'period_end', 'unperiodised_date',
] %}

with

claims as (

    select * from {{ ref('int_claims_resolved') }}

),

keyed as (

    select
        *,
        -- with no period at all, the published date stands in for the window
        case
            when period_start is null and period_end is null then published_date
        end as unperiodised_date,

    from claims

),

grouped as (

    select
        *,
        {{ surrogate_key(claim_key) }} as claim_group_id,

    from keyed

),

ranked as (

    select
        *,
        row_number() over (
            partition by claim_group_id
            order by
                published_at asc nulls last,
                published_date asc nulls last,
                loaded_at asc nulls last,
                article_id,
                evidence_start,
                claim_id
        ) as report_rank,

    from grouped

),

group_stats as (

    select
        claim_group_id,
        count(*) as report_count,
        count(distinct article_id) as article_count,
        count(distinct outlet) as outlet_count,
        min(published_date) as first_published_date,
        list(distinct article_id order by article_id) as article_ids,
        list(claim_id order by claim_id) as claim_ids,

    from grouped
    group by claim_group_id

),

representatives as (

    select * from ranked
    where report_rank = 1

),

final as (

    select
        representatives.claim_group_id,
        representatives.claim_id,
        representatives.article_id,
        representatives.claimant,
        representatives.claimant_id,
        representatives.claimant_name,
        representatives.claimant_kind,
        representatives.claimant_country,
        representatives.outcome,
        representatives.weapon,
        representatives.weapon_model,
        representatives.weapon_origin,
        representatives.count,
        representatives.count_qualifier,
        representatives.country,
        representatives.region_code,
        representatives.region_name,
        representatives.scope,
        representatives.place,
        representatives.time_text,
        representatives.period_start,
        representatives.period_end,
        representatives.claim_date,
        representatives.parent_claim_id,
        representatives.evidence_text,
        representatives.published_date,
        group_stats.report_count,
        group_stats.article_count,
        group_stats.outlet_count,
        group_stats.first_published_date,
        group_stats.article_ids,
        group_stats.claim_ids,

    from representatives
    inner join group_stats
        on representatives.claim_group_id = group_stats.claim_group_id

)

select * from final
