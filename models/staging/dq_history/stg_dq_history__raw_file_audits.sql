-- What each raw file was when its base model last read it (file found, missing or empty; columns
-- the contract expects and the file lacks, extra ones; lines read and rejected), for the
-- enabled systems. A view: it is read when fct_dq_table_health is built, after every base model.
with

source as (

    select * from {{ source('dq_history', 'raw_file_audits') }}

),

final as (

    select
        source_system,
        source_table,
        file_path,
        file_format,
        file_status,
        nullif(missing_required_columns, '') as missing_required_columns,
        nullif(missing_optional_columns, '') as missing_optional_columns,
        nullif(extra_columns, '') as extra_columns,
        lines_read,
        lines_rejected,
        invocation_id
    from source
    where source_system in (
        {%- for system in var('source_systems') -%}
            '{{ system }}'{{ ', ' if not loop.last }}
        {%- else -%}
            ''
        {%- endfor -%}
    )

)

select * from final
