-- Clean time saved: the rows of base_ops__time_saved that passed every check.
with

time_saved as (

    select * from {{ ref('base_ops__time_saved') }}

),

final as (

    select
        merchant_id,
        time_saved_id,
        saved_date,
        category,
        minutes_saved,
        loaded_at
    from time_saved
    where quarantine_reason is null

)

select * from final
