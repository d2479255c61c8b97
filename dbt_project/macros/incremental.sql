{#-
    Incremental models keyed on the article: on DuckDB, a build rewrites only the rows of the
    articles whose claims changed since the model was last built; on Spark (Parquet tables, no
    row-level delete) the same models are plain tables.

    What changed is read from the raw tables' own timestamps: an article is changed when it was
    loaded (a new or edited text) or extracted (a new extractor version) after the newest
    `source_changed_at` the model holds. Those timestamps are written by the one writer before
    dbt runs and grow from build to build, so every change of a later build is newer than every
    row of an earlier one. An article reprocessed twice costs a little work, never a wrong row:
    its rows are deleted and written again.

    What timestamps cannot show (the SQL of a model, the reference data it joins, the way
    undated articles are dated) is handled by the caller: a build runs `dbt build --full-refresh`
    when the dbt project or the reference data changed since the last one (orchestration/defs/dbt.py).
-#}

{% macro incremental_materialization() -%}
    {{ return('incremental' if target.type == 'duckdb' else 'table') }}
{%- endmacro %}


{#- The ids of the articles whose claims changed since `relation` (a model holding
    source_changed_at) was last built. -#}
{% macro changed_article_ids(relation) -%}
    {%- set watermark -%}
        (select coalesce(max(source_changed_at), cast('1900-01-01' as timestamp)) from {{ relation }})
    {%- endset -%}
    select article_id from {{ ref('stg_skyledger__articles') }} where loaded_at > {{ watermark }}
    union
    select article_id from {{ ref('stg_skyledger__extractions') }} where extracted_at > {{ watermark }}
{%- endmacro %}


{#- The custom incremental strategy `replace_articles`: delete the rows whose unique_key the new
    batch holds and every row of a changed article (one that now has no claim leaves no row in the
    batch to name it), then insert the batch. A row's articles are its `article_column` (config;
    default article_id), or the elements of that column when it is a list (article_ids). The
    changed articles are read before the insert, from the same state the batch was computed from.
    (Not `incremental_predicates`: a config value is rendered when the project is parsed, before
    ref() points at the staging models.) -#}
{% macro get_incremental_replace_articles_sql(arg_dict) -%}
    {%- set target_relation = arg_dict['target_relation'] -%}
    {%- set temp_relation = arg_dict['temp_relation'] -%}
    {%- set key = arg_dict['unique_key'] -%}
    {%- set article_column = config.get('article_column', 'article_id') -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ target_relation }}
    where
        {{ key }} in (select {{ key }} from {{ temp_relation }})
        {%- if article_column == 'article_id' %}
        or article_id in ({{ changed_article_ids(target_relation) }})
        {%- else %}
        or {{ key }} in (
            select {{ key }}
            from (select {{ key }}, {{ explode_list(article_column) }} as article_id from {{ target_relation }}) as reports
            where article_id in ({{ changed_article_ids(target_relation) }})
        )
        {%- endif %};
    insert into {{ target_relation }} ({{ columns }})
    select {{ columns }} from {{ temp_relation }}
{%- endmacro %}
