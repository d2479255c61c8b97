{{ config(
    severity='warn',
    store_failures=true,
    store_failures_as='table',
    schema='contradictions',
    alias='breakdown_parts_exceed_total',
) }}

-- A total whose parts (the claims that name it as parent, with the same outcome) add up to more
-- than the total itself. Totals stated as a lower bound ("at least", "more than") are not
-- contradicted by larger parts and are left out. One row per total.

with

claims as (

    select * from {{ ref('fct_claims') }}

),

parents as (

    select * from claims
    where
        count is not null
        and count_qualifier not in ('at_least', 'more_than')

),

children as (

    select * from claims
    where parent_claim_id is not null

),

-- the sum of each total's parts: plain aggregates, which DuckDB spills to disk when memory runs short
part_sums as (

    select
        parents.claim_id as parent_claim_id,
        cast(sum(children.count) as bigint) as parts_count,
        count(*) as part_claims,
        count(children.count) as parts_with_count

    from parents
    inner join children
        on parents.claim_id = children.parent_claim_id
        and parents.outcome = children.outcome
    group by parents.claim_id

),

exceeded as (

    select part_sums.*
    from part_sums
    inner join parents
        on part_sums.parent_claim_id = parents.claim_id
    where part_sums.parts_count > parents.count

),

-- the lists of the parts, for the totals they exceed only: a grouped list aggregate keeps every
-- group's list in memory, so it reads no more rows than this test reports
parts as (

    select
        exceeded.parent_claim_id,
        exceeded.parts_count,
        exceeded.part_claims,
        exceeded.parts_with_count,
        {{ ordered_list('children.claim_id', ['children.evidence_start', 'children.claim_id']) }} as part_claim_ids,
        {{ ordered_list(
            "coalesce(children.region_code, children.place_text, children.scope) || ': ' || "
            ~ "coalesce(cast(children.count as " ~ dbt.type_string() ~ "), '?')",
            ['children.evidence_start', 'children.claim_id'],
        ) }} as part_counts,
        {{ sorted_list('children.evidence_text', distinct=true) }} as part_evidence_texts

    from exceeded
    inner join parents
        on exceeded.parent_claim_id = parents.claim_id
    inner join children
        on parents.claim_id = children.parent_claim_id
        and parents.outcome = children.outcome
    group by
        exceeded.parent_claim_id,
        exceeded.parts_count,
        exceeded.part_claims,
        exceeded.parts_with_count

),

final as (

    select
        parents.article_id,
        parents.outlet,
        parents.published_date,
        parents.claim_id as parent_claim_id,
        parents.claimant,
        parents.claimant_id,
        parents.outcome,
        parents.weapon,
        parents.count as parent_count,
        parents.count_qualifier as parent_count_qualifier,
        parts.parts_count,
        parts.parts_count - parents.count as excess,
        parts.part_claims,
        parts.parts_with_count,
        parts.part_claim_ids,
        parts.part_counts,
        parents.evidence_text as parent_evidence_text,
        parts.part_evidence_texts

    from parts
    inner join parents
        on parts.parent_claim_id = parents.claim_id
    where parts.parts_count > parents.count

)

select * from final
