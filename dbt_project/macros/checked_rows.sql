{#-
    Which rows of an incremental table a row-local data test reads: on DuckDB, in a build that is
    not a whole rebuild, the rows whose article changed since the start of the last build that
    finished current (ops.builds, written by `skyledger build`); otherwise every row.

    Sound only for tests whose verdict on a row depends on nothing but that row's own article (its
    claim, extraction and text), and the model's SQL and reference data: those rows are rewritten
    with a newer source_changed_at whenever their article changes, and a change of SQL or reference
    data rebuilds the models whole (`--full-refresh`, which reads every row here). Why from the
    last build that finished, not from the model's own high-water mark: a build whose test failed
    has already written its rows (dbt tests a model after writing it), and is not recorded as
    finished, so the next build checks those rows again until one passes.
-#}
{% macro checked_rows(relation) -%}
    {%- set since = last_current_build_started() -%}
    {%- if since is none -%}
        {{ relation }}
    {%- else -%}
        (select * from {{ relation }} where source_changed_at >= cast('{{ since }}' as timestamp))
    {%- endif -%}
{%- endmacro %}


{#- The start (UTC) of the last build after which the warehouse was current, or none when every
    row must be read: a whole rebuild, another engine, no build recorded yet, or at parse time. -#}
{% macro last_current_build_started() -%}
    {#- Only 'built': a build with nothing to do compares its inputs with the last current build's,
        not the rows a failed build wrote since. -#}
    {%- if not execute or flags.FULL_REFRESH or target.type != 'duckdb' -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set found = run_query(
        "select count(*) from information_schema.tables where table_schema = 'ops' and table_name = 'builds'"
    ) -%}
    {%- if found.columns[0].values()[0] == 0 -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set started = run_query(
        "select strftime(max(started_at), '%Y-%m-%d %H:%M:%S.%f') from ops.builds "
        "where outcome = 'built'"
    ).columns[0].values()[0] -%}
    {{ return(started) }}
{%- endmacro %}
