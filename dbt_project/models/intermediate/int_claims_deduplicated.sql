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

-- Incremental on DuckDB, keyed on the group (macros/incremental.sql): a build recomputes the
-- groups a changed article's claims join or leave, from the claims of every article in them, and
-- keeps the rest. A claim's group id depends on its own article only, and a group's articles are
-- listed in article_ids, so those articles are all a recomputed group can hold.

{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='replace_articles',
    unique_key='claim_group_id',
    article_column='article_ids',
    on_schema_change='fail',
) }}
-- depends_on: {{ ref('stg_skyledger__articles') }}
-- depends_on: {{ ref('stg_skyledger__extractions') }}

with

{% if is_incremental() %}
changed_articles as (

    {{ changed_article_ids(this) }}

),

changed_claims as (

    select * from {{ ref('int_claims_resolved') }}
    where article_id in (select article_id from changed_articles)

),

changed_keys as (

    {{ claim_group_keys('changed_claims') }}

),

-- every (group, article) the table holds
stored_reports as (

    select
        claim_group_id,
        {{ explode_list('article_ids') }} as article_id
    from {{ this }}

),

-- the groups a changed article's claims join now or belonged to before
affected_groups as (

    select claim_group_id from changed_keys
    union
    select claim_group_id from stored_reports
    where article_id in (select article_id from changed_articles)

),

candidate_articles as (

    select article_id from changed_articles
    union
    select article_id from stored_reports
    where claim_group_id in (select claim_group_id from affected_groups)

),

{% endif %}
claims as (

    select * from {{ ref('int_claims_resolved') }}
    {% if is_incremental() %}
    where article_id in (select article_id from candidate_articles)
    {% endif %}

),

-- Only the columns that group, rank and count the reports: the windows and the grouping below
-- sort and hash these narrow rows (and spill them to disk when they do not fit in memory); the
-- representative's long texts join back at the end, by claim_id.
report_columns as (

    select
        claim_id,
        article_id,
        claimant_id,
        outcome,
        weapon,
        count,
        region_code,
        scope,
        country,
        period_start,
        period_end,
        published_date,
        published_at,
        loaded_at,
        outlet,
        evidence_start,
        source_changed_at

    from claims

),

grouped as (

    select * from ({{ claim_group_keys('report_columns') }}) as keyed
    {% if is_incremental() %}
    where claim_group_id in (select claim_group_id from affected_groups)
    {% endif %}

),

-- The lists of a group's reports are window aggregates over its partition, not list aggregates
-- of a GROUP BY: DuckDB cannot spill a grouped list() to disk (it ran out of memory at 1 and 3 GB
-- over ten million claims), while a window's partitions are sorted and spilled like any sort.
ranked as (

    select
        claim_group_id,
        claim_id,
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
        {{ sorted_list_over('article_id', 'claim_group_id', distinct=true) }} as article_ids,
        {{ sorted_list_over('claim_id', 'claim_group_id') }} as claim_ids

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
        max(source_changed_at) as source_changed_at

    from grouped
    group by claim_group_id

),

representatives as (

    select
        claims.*,
        ranked.claim_group_id,
        ranked.article_ids,
        ranked.claim_ids

    from ranked
    inner join claims
        on ranked.claim_id = claims.claim_id
    where ranked.report_rank = 1

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
        representatives.article_ids,
        representatives.claim_ids,
        group_stats.source_changed_at

    from representatives
    inner join group_stats
        on representatives.claim_group_id = group_stats.claim_group_id

)

select * from final
