-- Row conservation for every raw table: raw rows = clean rows + quarantined rows. A failure is
-- a bug in staging (a row lost or fanned out), so it always fails the build.
select * from {{ ref('int_dq_table_profiles') }}
where raw_row_count != clean_row_count + quarantined_row_count
