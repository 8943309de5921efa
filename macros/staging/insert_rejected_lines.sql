{#-
    Post-hook of every base model: the lines of its raw file that the reader rejected (an
    unterminated quote, too many or too few fields, invalid UTF-8) become rows of the base table
    with quarantine_reason malformed_line, their line number, the reader's error and the line
    itself, so raw lines = clean rows + quarantined rows holds for every file. One row per line
    (its first error).
-#}
{% macro insert_rejected_lines() -%}
    {{ return(adapter.dispatch('insert_rejected_lines')()) }}
{%- endmacro %}
