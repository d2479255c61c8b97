-- One row per distinct claim: the same claim reported by several articles (same claimant,
-- outcome, weapon, count, place and period -- or, with no period, the same published date)
-- collapses to one row. The earliest report is the representative; the group keeps how many
-- reports, articles and outlets carried it, the ids of every report, and when the claim was
-- first published and first loaded.
--
-- Within one article, claims are already distinct (the extractor merges repeats), so two claims
-- of one article never collapse: "an apartment block and a shop were damaged" is two claims with
-- the same key. The n-th claim with a key in one article matches the n-th in another
-- (key_occurrence, in text order).

{% set claim_key = [
    'claimant_id', 'outcome', 'weapon', 'count',
    'region_code', 'scope', 'country',
    'period_start', 'period_end', 'unperiodised_date',
    'key_occurrence',
] %}

with

claims as (

    select * from {{ ref('int_claims_resolved') }}

),

keyed as (

    select
        *,
        -- with no period at all, the published date stands in for the window; with no
        -- published date either, the article does (undated reports are not merged)
        case
            when period_start is null and period_end is null
                then coalesce(cast(published_date as {{ dbt.type_string() }}), 'article:' || article_id)
        end as unperiodised_date

    from claims

),

occurrences as (

    select
        *,
        row_number() over (
            partition by
                article_id,
                {{ claim_key[:-1] | join(', ') }}
            order by evidence_start, claim_id
        ) as key_occurrence

    from keyed

),

grouped as (

    select
        *,
        {{ surrogate_key(claim_key) }} as claim_group_id

    from occurrences

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
        ) as report_rank

    from grouped

),

group_stats as (

    select
        claim_group_id,
        count(*) as report_count,
        count(distinct article_id) as article_count,
        count(distinct outlet) as outlet_count,
        min(published_date) as first_published_date,
        min(published_at) as first_published_at,
        min(loaded_at) as first_loaded_at,
        {{ sorted_list('article_id', distinct=true) }} as article_ids,
        {{ sorted_list('claim_id') }} as claim_ids

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
        representatives.published_at,
        representatives.loaded_at,
        representatives.outlet,
        group_stats.report_count,
        group_stats.article_count,
        group_stats.outlet_count,
        group_stats.first_published_date,
        group_stats.first_published_at,
        group_stats.first_loaded_at,
        group_stats.article_ids,
        group_stats.claim_ids

    from representatives
    inner join group_stats
        on representatives.claim_group_id = group_stats.claim_group_id

)

select * from final
