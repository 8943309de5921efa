{#-
    Pre-hook of the incremental daily facts: a build with an earlier as_of than the last one
    (a backfill) removes the days after it, which its delete+insert of the lookback window
    would otherwise leave behind. Nothing on a full build, where the table is replaced.
-#}
{% macro delete_days_after_as_of(date_column='date_day') -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ date_column }} > {{ as_of_date() }}
    {%- endif -%}
{%- endmacro %}
