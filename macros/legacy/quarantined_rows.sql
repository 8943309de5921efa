{#-
    The quarantined rows of one base model in the common quarantine shape, so that every
    source system's quarantine model is a plain union of these. entity_key is the expression of
    the entity the row belongs to (a merchant, a hotel ...), kept as entity_id; a system without
    such an entity or without load timestamps (e.g. classicmodels) passes 'null' for them.
-#}
{% macro quarantined_rows(source_system, source_table, base_model, record_key, entity_key='merchant_id', loaded_at='loaded_at') -%}
    select
        '{{ source_system }}' as source_system,
        '{{ source_table }}' as source_table,
        cast({{ entity_key }} as {{ dbt.type_string() }}) as entity_id,
        cast({{ record_key }} as {{ dbt.type_string() }}) as record_key,
        quarantine_reason,
        cast({{ loaded_at }} as {{ dbt.type_timestamp() }}) as loaded_at
    from {{ ref(base_model) }}
    where quarantine_reason is not null
{%- endmacro %}
