-- API keys for machine clients (integrations, the benchmark) in embedded mode. They sign in with HTTP Basic as
-- `key id : secret`, checked by the same Elytron jdbc-realm as app_user (config/wildfly/configure-h2.cli,
-- configure-postgres.cli), which reads these two tables on every request: a revoked or expired key stops working at
-- the next one. The id is public (`lk_` and 20 letters or digits); the realm looks keys and users up by the same
-- name, so no user may be named like a key. The secret is random and shown once; only its salted SHA-256 digest
-- is kept, digest and salt hex-encoded. A single fast digest is enough for a secret of 256 random bits, which no
-- dictionary holds, and spares each call the ~90 ms of a bcrypt verification.
-- Revoking sets revoked_at and keeps the row, so the list and the audit trail can still name the key.
create table api_key (
    id             varchar(64)              primary key,
    workspace_id   varchar(64)              not null references workspace (id),
    name           varchar(200)             not null,
    secret_digest  varchar(64)              not null,
    secret_salt    varchar(64)              not null,
    created_by     varchar(255)             not null,
    created_at     timestamp with time zone not null,
    expires_at     timestamp with time zone,
    revoked_at     timestamp with time zone
);

create index ix_api_key_workspace on api_key (workspace_id, created_at);

-- The roles a key carries, one row each, read into the realm's Roles attribute like app_user_role.
create table api_key_role (
    key_id     varchar(64) not null references api_key (id),
    role_name  varchar(64) not null,
    primary key (key_id, role_name)
);
