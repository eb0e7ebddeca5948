-- Tables for the two sibling cron routes that already used the advisory-lock pattern.
create table availability_snapshots (
  id          bigserial primary key,
  taken_at    timestamptz not null default now(),
  open_jobs   integer     not null
);

create table calendar_health_checks (
  id          bigserial primary key,
  checked_at  timestamptz not null default now(),
  healthy     boolean     not null,
  detail      text        not null
);
