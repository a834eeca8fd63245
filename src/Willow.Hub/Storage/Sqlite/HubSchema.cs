namespace Willow.Hub.Storage.Sqlite;

/// <summary>The hub's SQLite schema, as append-only migrations (see <see cref="Willow.Sqlite.SqliteDatabase.Migrate"/>).</summary>
internal static class HubSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE households (
            id          TEXT PRIMARY KEY,
            name        TEXT NOT NULL,
            time_zone   TEXT NOT NULL,
            created_at  INTEGER NOT NULL
        );

        CREATE TABLE gateways (
            household_id      TEXT NOT NULL REFERENCES households (id),
            gateway_id        TEXT NOT NULL,
            connection_id     TEXT NULL,
            connected         INTEGER NOT NULL DEFAULT 0,
            last_connected_at INTEGER NULL,
            last_seen_at      INTEGER NULL,
            PRIMARY KEY (household_id, gateway_id)
        );

        CREATE TABLE devices (
            household_id  TEXT NOT NULL REFERENCES households (id),
            device_id     TEXT NOT NULL,
            name          TEXT NOT NULL,
            capabilities  TEXT NOT NULL,
            link          TEXT NOT NULL,
            gateway_id    TEXT NULL,
            online        INTEGER NOT NULL,
            last_seen_at  INTEGER NULL,
            version       TEXT NULL,
            registered_at INTEGER NOT NULL,
            PRIMARY KEY (household_id, device_id)
        );
        CREATE INDEX ix_devices_gateway ON devices (household_id, gateway_id);

        CREATE TABLE commands (
            id               TEXT PRIMARY KEY,
            household_id     TEXT NOT NULL REFERENCES households (id),
            device_id        TEXT NOT NULL,
            kind             TEXT NOT NULL,
            args             TEXT NOT NULL,
            issued_by        TEXT NOT NULL,
            issued_at        INTEGER NOT NULL,
            expires_at       INTEGER NOT NULL,
            dose_id          TEXT NULL,
            idempotency_key  TEXT NULL,
            override_reason  TEXT NULL,
            override_by      TEXT NULL,
            state            TEXT NOT NULL,
            state_source     TEXT NOT NULL,
            updated_at       INTEGER NOT NULL
        );
        CREATE INDEX ix_commands_device ON commands (household_id, device_id, state, issued_at);
        CREATE INDEX ix_commands_household ON commands (household_id, issued_at);
        CREATE INDEX ix_commands_expiry ON commands (state, expires_at);

        CREATE TABLE command_events (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            command_id  TEXT NOT NULL REFERENCES commands (id),
            state       TEXT NOT NULL,
            at          INTEGER NOT NULL,
            source      TEXT NOT NULL,
            detail      TEXT NULL
        );
        CREATE INDEX ix_command_events_command ON command_events (command_id, seq);

        CREATE TABLE idempotency_keys (
            household_id  TEXT NOT NULL,
            caller        TEXT NOT NULL,
            key           TEXT NOT NULL,
            request_hash  TEXT NOT NULL,
            command_id    TEXT NULL,
            claimed_at    INTEGER NOT NULL,
            PRIMARY KEY (household_id, caller, key)
        );
        CREATE INDEX ix_idempotency_claimed ON idempotency_keys (claimed_at);
        """,
        """
        CREATE TABLE pets (
            id            TEXT PRIMARY KEY,
            household_id  TEXT NOT NULL REFERENCES households (id),
            name          TEXT NOT NULL,
            species       TEXT NULL,
            created_at    INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX ix_pets_household_name ON pets (household_id, name);

        CREATE TABLE regimens (
            id            TEXT PRIMARY KEY,
            household_id  TEXT NOT NULL REFERENCES households (id),
            pet_id        TEXT NOT NULL REFERENCES pets (id),
            created_at    INTEGER NOT NULL,
            created_by    TEXT NOT NULL
        );
        CREATE INDEX ix_regimens_household ON regimens (household_id);

        CREATE TABLE regimen_versions (
            regimen_id      TEXT NOT NULL REFERENCES regimens (id),
            version         INTEGER NOT NULL,
            effective_from  INTEGER NOT NULL,
            terms           TEXT NOT NULL,
            paused          INTEGER NOT NULL,
            ended           INTEGER NOT NULL,
            changed_by      TEXT NOT NULL,
            PRIMARY KEY (regimen_id, version)
        );

        CREATE TABLE doses (
            id            TEXT PRIMARY KEY,
            household_id  TEXT NOT NULL REFERENCES households (id),
            regimen_id    TEXT NOT NULL REFERENCES regimens (id),
            scheduled_at  INTEGER NOT NULL,
            state         TEXT NOT NULL,
            state_source  TEXT NOT NULL,
            command_id    TEXT NULL,
            detail        TEXT NULL,
            confirmed_by  TEXT NULL,
            confirmed_at  INTEGER NULL,
            updated_at    INTEGER NOT NULL
        );
        CREATE INDEX ix_doses_household_time ON doses (household_id, scheduled_at);

        CREATE TABLE dose_events (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            dose_id     TEXT NOT NULL REFERENCES doses (id),
            state       TEXT NOT NULL,
            at          INTEGER NOT NULL,
            source      TEXT NOT NULL,
            command_id  TEXT NULL,
            detail      TEXT NULL
        );
        CREATE INDEX ix_dose_events_dose ON dose_events (dose_id, seq);

        ALTER TABLE devices ADD COLUMN capacity INTEGER NULL;
        ALTER TABLE devices ADD COLUMN remaining INTEGER NULL;

        CREATE TABLE refills (
            seq           INTEGER PRIMARY KEY AUTOINCREMENT,
            household_id  TEXT NOT NULL,
            device_id     TEXT NOT NULL,
            at            INTEGER NOT NULL,
            by            TEXT NOT NULL,
            capacity      INTEGER NULL,
            remaining     INTEGER NOT NULL
        );

        ALTER TABLE gateways ADD COLUMN clock_trusted INTEGER NULL;
        ALTER TABLE gateways ADD COLUMN clock_reason TEXT NULL;
        ALTER TABLE gateways ADD COLUMN clock_at INTEGER NULL;
        """,
        """
        CREATE TABLE users (
            id             TEXT PRIMARY KEY,
            email          TEXT NOT NULL UNIQUE,
            display_name   TEXT NOT NULL,
            password_hash  TEXT NOT NULL,
            created_at     INTEGER NOT NULL
        );

        CREATE TABLE sessions (
            id          TEXT PRIMARY KEY,
            user_id     TEXT NOT NULL REFERENCES users (id),
            created_at  INTEGER NOT NULL,
            expires_at  INTEGER NOT NULL,
            revoked_at  INTEGER NULL
        );

        CREATE TABLE access_tokens (
            id            TEXT PRIMARY KEY,
            user_id       TEXT NOT NULL REFERENCES users (id),
            name          TEXT NOT NULL,
            token_hash    TEXT NOT NULL UNIQUE,
            created_at    INTEGER NOT NULL,
            expires_at    INTEGER NULL,
            last_used_at  INTEGER NULL,
            revoked_at    INTEGER NULL
        );
        CREATE INDEX ix_access_tokens_user ON access_tokens (user_id);

        CREATE TABLE memberships (
            household_id  TEXT NOT NULL REFERENCES households (id),
            user_id       TEXT NOT NULL REFERENCES users (id),
            role          TEXT NOT NULL,
            ends_at       INTEGER NULL,
            added_by      TEXT NOT NULL,
            created_at    INTEGER NOT NULL,
            PRIMARY KEY (household_id, user_id)
        );
        CREATE INDEX ix_memberships_user ON memberships (user_id);

        CREATE TABLE invitations (
            id                  TEXT PRIMARY KEY,
            household_id        TEXT NOT NULL REFERENCES households (id),
            code_hash           TEXT NOT NULL UNIQUE,
            role                TEXT NOT NULL,
            membership_ends_at  INTEGER NULL,
            expires_at          INTEGER NOT NULL,
            note                TEXT NULL,
            created_by          TEXT NOT NULL,
            created_at          INTEGER NOT NULL,
            accepted_by         TEXT NULL,
            accepted_at         INTEGER NULL,
            revoked_at          INTEGER NULL
        );
        CREATE INDEX ix_invitations_household ON invitations (household_id);

        ALTER TABLE gateways ADD COLUMN token_hash TEXT NULL;
        ALTER TABLE gateways ADD COLUMN enrolled_at INTEGER NULL;
        ALTER TABLE gateways ADD COLUMN revoked_at INTEGER NULL;
        ALTER TABLE gateways ADD COLUMN code_hash TEXT NULL;
        ALTER TABLE gateways ADD COLUMN code_expires_at INTEGER NULL;
        ALTER TABLE gateways ADD COLUMN created_by TEXT NULL;
        CREATE UNIQUE INDEX ix_gateways_token ON gateways (token_hash) WHERE token_hash IS NOT NULL;
        CREATE UNIQUE INDEX ix_gateways_code ON gateways (code_hash) WHERE code_hash IS NOT NULL;

        CREATE TABLE device_credentials (
            household_id  TEXT NOT NULL REFERENCES households (id),
            device_id     TEXT NOT NULL,
            token_hash    TEXT NOT NULL UNIQUE,
            created_by    TEXT NOT NULL,
            created_at    INTEGER NOT NULL,
            revoked_at    INTEGER NULL,
            PRIMARY KEY (household_id, device_id)
        );

        CREATE TABLE audit (
            seq           INTEGER PRIMARY KEY AUTOINCREMENT,
            household_id  TEXT NOT NULL,
            at            INTEGER NOT NULL,
            actor         TEXT NOT NULL,
            via           TEXT NOT NULL,
            action        TEXT NOT NULL,
            target        TEXT NULL,
            detail        TEXT NULL
        );
        CREATE INDEX ix_audit_household ON audit (household_id, seq);
        """,
            """
        ALTER TABLE devices ADD COLUMN locked_until INTEGER NULL;
        """,
        """
        CREATE TABLE readings (
            household_id  TEXT NOT NULL,
            id            TEXT NOT NULL,
            device_id     TEXT NOT NULL,
            metric        TEXT NOT NULL,
            value         REAL NOT NULL,
            at            INTEGER NOT NULL,
            PRIMARY KEY (household_id, id)
        );
        CREATE INDEX ix_readings_series ON readings (household_id, device_id, metric, at);
        CREATE INDEX ix_readings_household_at ON readings (household_id, at);
        """,
        """
        CREATE TABLE photos (
            household_id  TEXT NOT NULL,
            id            TEXT NOT NULL,
            device_id     TEXT NOT NULL,
            dose_id       TEXT NULL,
            taken_at      INTEGER NOT NULL,
            width         INTEGER NOT NULL,
            height        INTEGER NOT NULL,
            bytes         INTEGER NOT NULL,
            jpeg          BLOB NOT NULL,
            PRIMARY KEY (household_id, id)
        );
        CREATE INDEX ix_photos_taken ON photos (household_id, taken_at);
        CREATE INDEX ix_photos_device ON photos (household_id, device_id, taken_at);
        CREATE INDEX ix_photos_dose ON photos (household_id, dose_id) WHERE dose_id IS NOT NULL;

        ALTER TABLE devices ADD COLUMN sounds TEXT NULL;
        """,
        """
        CREATE TABLE alerts (
            household_id     TEXT NOT NULL,
            id               TEXT NOT NULL,
            kind             TEXT NOT NULL,
            cause_key        TEXT NOT NULL,
            severity         TEXT NOT NULL,
            state            TEXT NOT NULL,
            title            TEXT NOT NULL,
            next_step        TEXT NOT NULL,
            path             TEXT NOT NULL,
            opened_at        INTEGER NOT NULL,
            acknowledged_at  INTEGER NULL,
            acknowledged_by  TEXT NULL,
            resolved_at      INTEGER NULL,
            resolution       TEXT NULL,
            escalation_step  INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (household_id, id)
        );
        CREATE INDEX ix_alerts_opened ON alerts (household_id, opened_at);
        CREATE INDEX ix_alerts_unresolved ON alerts (household_id, state) WHERE state <> 'resolved';

        -- The cause an alert holds: one row per cause, so opening the same cause twice (two nodes) gives one alert.
        CREATE TABLE alert_causes (
            household_id  TEXT NOT NULL,
            cause_key     TEXT NOT NULL,
            alert_id      TEXT NOT NULL,
            PRIMARY KEY (household_id, cause_key)
        );

        CREATE TABLE alert_channels (
            household_id  TEXT NOT NULL,
            id            TEXT NOT NULL,
            user_id       TEXT NOT NULL,
            kind          TEXT NOT NULL,
            name          TEXT NOT NULL,
            target        TEXT NOT NULL,
            secret        TEXT NULL,
            enabled       INTEGER NOT NULL,
            created_at    INTEGER NOT NULL,
            PRIMARY KEY (household_id, id)
        );

        CREATE TABLE alert_settings (
            household_id  TEXT NOT NULL,
            subject       TEXT NOT NULL,
            value         TEXT NOT NULL,
            PRIMARY KEY (household_id, subject)
        );

        CREATE TABLE alert_deliveries (
            id            TEXT PRIMARY KEY,
            household_id  TEXT NOT NULL,
            alert_id      TEXT NOT NULL,
            channel_id    TEXT NOT NULL,
            user_id       TEXT NOT NULL,
            created_at    INTEGER NOT NULL,
            due_at        INTEGER NOT NULL,
            attempts      INTEGER NOT NULL DEFAULT 0,
            state         TEXT NOT NULL,
            sent_at       INTEGER NULL,
            last_error    TEXT NULL,
            claim_id      TEXT NULL
        );
        CREATE INDEX ix_alert_deliveries_due ON alert_deliveries (due_at) WHERE state = 'pending';
        CREATE INDEX ix_alert_deliveries_alert ON alert_deliveries (household_id, alert_id);
        """,
];
}
