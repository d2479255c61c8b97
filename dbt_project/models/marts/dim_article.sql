-- Grain: one row per article (article_id), the version currently stored.

with

articles as (

    select * from {{ ref('stg_skyledger__articles') }}

),

duplicates as (

    select * from {{ ref('stg_skyledger__article_duplicates') }}

),

claims as (

    select * from {{ ref('int_claims_resolved') }}

),

claims_per_article as (

    select
        article_id,
        count(*) as claim_count

    from claims
    group by article_id

),

duplicates_per_article as (

    select
        article_id,
        count(*) as duplicate_count

    from duplicates
    group by article_id

),

final as (

    select
        articles.article_id,
        articles.outlet,
        articles.url,
        articles.title,
        articles.published_at,
        articles.published_date,
        articles.language,
        articles.source_path,
        articles.source_line,
        articles.source_format,
        articles.char_count,
        articles.content_hash,
        articles.loaded_at,
        coalesce(claims_per_article.claim_count, 0) as claim_count,
        coalesce(duplicates_per_article.duplicate_count, 0) as duplicate_count

    from articles
    left join claims_per_article
        on articles.article_id = claims_per_article.article_id
    left join duplicates_per_article
        on articles.article_id = duplicates_per_article.article_id

)

select * from final
