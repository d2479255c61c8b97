-- Grain: one row per real-world claimant (claimant_id): every claimant_id that appears in claims,
-- every known claimant of the lexicon, and always 'unattributed'.

with

claimants as (

    select * from {{ ref('stg_skyledger__claimants') }}

),

claims as (

    select * from {{ ref('int_claims_resolved') }}

),

all_claimant_ids as (

    select claimant_id from claims
    union
    select claimant_id from claimants
    union
    select 'unattributed' as claimant_id

),

claim_stats as (

    select
        claimant_id,
        count(*) as claim_count,
        min(published_date) as first_published_date,
        max(published_date) as last_published_date,
        {{ sorted_list('claimant', distinct=true) }} as spellings

    from claims
    group by claimant_id

),

-- the most frequent value seen in claims, ties broken alphabetically, per attribute
spelling_ranked as (

    select
        claimant_id,
        claimant as spelling,
        row_number() over (
            partition by claimant_id order by count(*) desc, claimant
        ) as spelling_rank

    from claims
    where claimant is not null
    group by claimant_id, claimant

),

kind_ranked as (

    select
        claimant_id,
        claimant_kind,
        row_number() over (
            partition by claimant_id order by count(*) desc, claimant_kind
        ) as kind_rank

    from claims
    where claimant_kind is not null
    group by claimant_id, claimant_kind

),

country_ranked as (

    select
        claimant_id,
        claimant_country,
        row_number() over (
            partition by claimant_id order by count(*) desc, claimant_country
        ) as country_rank

    from claims
    where claimant_country is not null
    group by claimant_id, claimant_country

),

final as (

    select
        all_claimant_ids.claimant_id,
        coalesce(
            claimants.claimant_name,
            spelling_ranked.spelling,
            all_claimant_ids.claimant_id
        ) as name,
        coalesce(
            claimants.claimant_kind,
            kind_ranked.claimant_kind,
            case when all_claimant_ids.claimant_id = 'unattributed' then 'unattributed' end
        ) as kind,
        coalesce(claimants.claimant_country, country_ranked.claimant_country) as country,
        coalesce(claim_stats.spellings, {{ empty_string_list() }}) as spellings,
        coalesce(claim_stats.claim_count, 0) as claim_count,
        claim_stats.first_published_date,
        claim_stats.last_published_date,
        claimants.claimant_id is not null as is_known

    from all_claimant_ids
    left join claimants
        on all_claimant_ids.claimant_id = claimants.claimant_id
    left join claim_stats
        on all_claimant_ids.claimant_id = claim_stats.claimant_id
    left join spelling_ranked
        on all_claimant_ids.claimant_id = spelling_ranked.claimant_id
        and spelling_ranked.spelling_rank = 1
    left join kind_ranked
        on all_claimant_ids.claimant_id = kind_ranked.claimant_id
        and kind_ranked.kind_rank = 1
    left join country_ranked
        on all_claimant_ids.claimant_id = country_ranked.claimant_id
        and country_ranked.country_rank = 1

)

select * from final
