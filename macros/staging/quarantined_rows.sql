{#-
    The quarantined rows of one base model in the common quarantine shape, so that every
    source system's quarantine model is a plain union of these. entity_key names the column
    of the entity the row belongs to (a merchant, a hotel ...), kept as entity_id.
-#}
{% macro quarantined_rows(source_system, source_table, base_model, record_key, entity_key='merchant_id') -%}
    select
        '{{ source_system }}' as source_system,
        '{{ source_table }}' as source_table,
        {{ entity_key }} as entity_id,
        {{ record_key }} as record_key,
        quarantine_reason,
        loaded_at
    from {{ ref(base_model) }}
    where quarantine_reason is not null
{%- endmacro %}
