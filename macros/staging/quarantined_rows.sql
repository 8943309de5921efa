{#-
    The quarantined rows of one base model in the common quarantine shape, so that every
    source system's quarantine model is a plain union of these.
-#}
{% macro quarantined_rows(source_system, source_table, base_model, record_key) -%}
    select
        '{{ source_system }}' as source_system,
        '{{ source_table }}' as source_table,
        merchant_id,
        {{ record_key }} as record_key,
        quarantine_reason,
        loaded_at
    from {{ ref(base_model) }}
    where quarantine_reason is not null
{%- endmacro %}
