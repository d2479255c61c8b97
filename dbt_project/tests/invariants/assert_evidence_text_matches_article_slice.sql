-- Reads two models: attach the check to fct_claims for Dagster (dagster-dbt asset checks).
{{ config(meta={'dagster': {'ref': {'name': 'fct_claims'}}}) }}

-- Every claim's evidence is exactly text[evidence_start:evidence_end] of its article, and the
-- offsets lie inside the text. DuckDB substr() is 1-based and counts characters (code points),
-- as Python's slicing does, so Python offset s maps to substr position s + 1.

with

claims as (

    -- the claims of changed articles (macros/checked_rows.sql)
    select * from {{ checked_rows(ref('fct_claims')) }}

),

articles as (

    select * from {{ ref('stg_skyledger__articles') }}

),

checked as (

    select
        claims.claim_id,
        claims.article_id,
        claims.evidence_start,
        claims.evidence_end,
        length(articles.article_text) as text_length,
        claims.evidence_text,
        substr(
            articles.article_text,
            claims.evidence_start + 1,
            claims.evidence_end - claims.evidence_start
        ) as article_slice

    from claims
    inner join articles
        on claims.article_id = articles.article_id

),

final as (

    select * from checked
    where
        evidence_start is null
        or evidence_end is null
        or evidence_start < 0
        or evidence_end <= evidence_start
        or evidence_end > text_length
        or evidence_text is distinct from article_slice

)

select * from final
