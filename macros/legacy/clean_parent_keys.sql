{#-
    The keys of a parent base model with whether each has at least one clean (unquarantined)
    copy: a child row is only as usable as its parent, so base models left join this to mark
    orphan_key (no parent) or parent_quarantined (no clean parent).
-#}
{% macro clean_parent_keys(base_model, key_columns, flag_name) -%}
    select
        {% for column in key_columns -%}
            {{ column }},
        {% endfor -%}
        {{ dbt.bool_or('quarantine_reason is null') }} as {{ flag_name }}
    from {{ ref(base_model) }}
    where {{ key_columns | join(' is not null and ') }} is not null
    group by {{ key_columns | join(', ') }}
{%- endmacro %}
