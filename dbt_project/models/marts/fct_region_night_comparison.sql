-- Grain: one row per region_code x claim_date x outcome x weapon (a region's night), with each
-- kind of claimant's figure side by side: "the ministry says 20 over Rostov, the governor says 11".
-- Built on fct_region_daily, so a figure repeated by several articles is counted once.
--
-- Roles, from the claimant (dim_claimant) and the region's country (dim_region):
--   ministry    a defence ministry or military command (air force, general staff) of the
--               region's own side
--   governor    a regional authority (governor, head of a regional military administration) of
--               the region's own side
--   other_side  any claimant whose country is known and is not the region's country
-- A claimant whose country is unknown counts with the region's own side. Everybody else
-- (mayors, media, unattributed ...) is in claimant_ids and the lowest/highest figures only.
-- When several claimants share a role, the role's figure is the highest of their figures.

with

region_daily as (

    select * from {{ ref('fct_region_daily') }}

),

claimants as (

    select * from {{ ref('dim_claimant') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

figures as (

    select
        region_daily.region_code,
        regions.region_name,
        regions.country_code as region_country,
        region_daily.claim_date,
        region_daily.outcome,
        region_daily.weapon,
        region_daily.claimant_id,
        region_daily.total_count,
        region_daily.claim_count,
        region_daily.article_count,
        case
            when claimants.country is not null and claimants.country <> regions.country_code
                then 'other_side'
            when claimants.kind in ('defence_ministry', 'military')
                then 'ministry'
            when claimants.kind = 'regional_authority'
                then 'governor'
        end as claimant_role

    from region_daily
    inner join regions
        on region_daily.region_code = regions.region_code
    left join claimants
        on region_daily.claimant_id = claimants.claimant_id

),

-- the figures of a region's night: plain aggregates, which DuckDB spills to disk when memory runs short
figure_totals as (

    select
        region_code,
        region_name,
        region_country,
        claim_date,
        outcome,
        weapon,
        max(total_count) filter (where claimant_role = 'ministry') as ministry_count,
        max(total_count) filter (where claimant_role = 'governor') as governor_count,
        max(total_count) filter (where claimant_role = 'other_side') as other_side_count,
        min(total_count) as lowest_count,
        max(total_count) as highest_count,
        count(total_count) as claimants_with_count,
        count(*) as claimant_count,
        sum(claim_count) as claim_count

    from figures
    group by region_code, region_name, region_country, claim_date, outcome, weapon

),

-- the claimants of a region's night by role, as window aggregates over the night (one row kept
-- per night): a grouped list aggregate keeps every night's lists in memory, a window spills
claimant_lists as (

    select
        region_code,
        claim_date,
        outcome,
        weapon,
        {{ sorted_list_over("case when claimant_role = 'ministry' then claimant_id end", 'region_code, claim_date, outcome, weapon') }}
            as ministry_claimant_ids,
        {{ sorted_list_over("case when claimant_role = 'governor' then claimant_id end", 'region_code, claim_date, outcome, weapon') }}
            as governor_claimant_ids,
        {{ sorted_list_over("case when claimant_role = 'other_side' then claimant_id end", 'region_code, claim_date, outcome, weapon') }}
            as other_side_claimant_ids,
        {{ sorted_list_over('claimant_id', 'region_code, claim_date, outcome, weapon') }} as claimant_ids,
        row_number() over (partition by region_code, claim_date, outcome, weapon order by claimant_id) as claimant_rank

    from figures

),

compared as (

    select
        figure_totals.*,
        claimant_lists.ministry_claimant_ids,
        claimant_lists.governor_claimant_ids,
        claimant_lists.other_side_claimant_ids,
        claimant_lists.claimant_ids

    from figure_totals
    inner join claimant_lists
        on
            figure_totals.region_code is not distinct from claimant_lists.region_code
            and figure_totals.claim_date is not distinct from claimant_lists.claim_date
            and figure_totals.outcome is not distinct from claimant_lists.outcome
            and figure_totals.weapon is not distinct from claimant_lists.weapon
    where claimant_lists.claimant_rank = 1

),

final as (

    select
        {{ surrogate_key(['region_code', 'claim_date', 'outcome', 'weapon']) }} as region_night_id,
        region_code,
        region_name,
        region_country,
        claim_date,
        outcome,
        weapon,
        cast(ministry_count as bigint) as ministry_count,
        cast(governor_count as bigint) as governor_count,
        cast(other_side_count as bigint) as other_side_count,
        cast(ministry_count - governor_count as bigint) as ministry_minus_governor_count,
        coalesce(lowest_count < highest_count, false) as is_disagreement,
        cast(lowest_count as bigint) as lowest_count,
        cast(highest_count as bigint) as highest_count,
        coalesce(ministry_claimant_ids, {{ empty_string_list() }}) as ministry_claimant_ids,
        coalesce(governor_claimant_ids, {{ empty_string_list() }}) as governor_claimant_ids,
        coalesce(other_side_claimant_ids, {{ empty_string_list() }}) as other_side_claimant_ids,
        claimant_ids,
        claimant_count,
        claimants_with_count,
        cast(claim_count as bigint) as claim_count

    from compared

)

select * from final
