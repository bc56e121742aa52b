-- Console sign-ins (issue 21). The browser holds a random token in a cookie; only its SHA-256 is stored, so a copy
-- of this table signs nobody in. A row is found by the token before any workspace is known (like app_user), and
-- carries the workspace and roles the sign-in verified, so every node of a cluster can serve the session.
--   csrf_token:   the synchronizer token every console form carries back; random, per session.
--   last_seen_at: sessions idle for longer than the idle timeout are refused and purged.
create table console_session (
    token_hash    varchar(64)  not null primary key,
    username      varchar(255) not null,
    workspace_id  varchar(64)  not null,
    roles         varchar(255) not null,
    csrf_token    varchar(64)  not null,
    created_at    timestamp with time zone not null,
    last_seen_at  timestamp with time zone not null,
    expires_at    timestamp with time zone not null
);
create index console_session_expiry on console_session (expires_at);
