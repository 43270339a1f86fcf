import type { Migration } from './migrate';

/**
 * The kiosk's schema, one migration per change, never edited once shipped:
 * a kiosk in the field may be at any earlier version.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE configuration (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version TEXT NOT NULL,
        etag TEXT,
        config_json TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      );

      -- Payloads are AES-256-GCM ciphertext (payloadCipher.ts): PII lives nowhere else.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        tx_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        payload BLOB NOT NULL,
        size INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        last_error TEXT
      );
      CREATE INDEX outbox_due ON outbox (next_attempt_at, seq);

      -- Kept (still encrypted) so a technician can see what failed and why; never sent again by itself.
      CREATE TABLE dead_letter (
        tx_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        payload BLOB NOT NULL,
        code TEXT NOT NULL,
        detail TEXT,
        attempts INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        failed_at INTEGER NOT NULL
      );

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      CREATE TABLE device_counters (
        device TEXT NOT NULL,
        counter TEXT NOT NULL,
        value INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (device, counter)
      );

      CREATE TABLE central_cache (
        key TEXT PRIMARY KEY,
        etag TEXT,
        body TEXT NOT NULL,
        fetched_at INTEGER NOT NULL
      );

      -- Wrapped (encrypted) keys: the outbox data key and the kiosk's private key.
      CREATE TABLE wrapped_keys (
        name TEXT PRIMARY KEY,
        wrapped BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE kiosk_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        kiosk_id TEXT NOT NULL,
        certificate_pem TEXT NOT NULL,
        ca_pem TEXT,
        not_before INTEGER NOT NULL,
        not_after INTEGER NOT NULL,
        enrolled_at INTEGER NOT NULL
      );

      -- Remote commands seen, so each runs once and is acknowledged once even across restarts.
      CREATE TABLE remote_commands (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        executed_at INTEGER,
        outcome TEXT,
        acked_at INTEGER
      );
    `,
  },
];
