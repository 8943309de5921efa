{#-
    The rows of a raw file as text, one column per name in header (the file's own columns, in
    file order). CSV lines the reader cannot parse (an unterminated quote, too many or too few
    fields, invalid UTF-8) are kept out of the rows and recorded in the rejects table
    rejects_name, which insert_rejected_lines turns into quarantine records.
-#}
{% macro raw_file_rows(relation, file_format, header, rejects_name) -%}
    {{ return(adapter.dispatch('raw_file_rows')(relation, file_format, header, rejects_name)) }}
{%- endmacro %}
