import type { Connection } from './connection';

/**
 * Versioned schema. Each entry runs once, in order, inside a transaction, and
 * how far the database has come is recorded (SQLite: PRAGMA user_version;
 * PostgreSQL: central_schema, store/postgresDatabase.ts). Written in SQLite's
 * dialect; store/dialect.ts translates it for PostgreSQL. Append only:
 * never edit a migration that has shipped.
 */
/**
 * The clear-text SMS outbox's columns: migration 1 made the table in every
 * profile, migration 2 moved its rows to sms_log and left the table to the
 * demo profile, which makes it again (store/demo.ts). Frozen with migration 1.
 */
export const SMS_OUTBOX_COLUMNS = `
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    to_mobile TEXT NOT NULL,
    purpose TEXT NOT NULL,
    text TEXT NOT NULL,
    code TEXT,
    sent_at INTEGER NOT NULL
  `;

export const MIGRATIONS: readonly string[] = [
  // 1: registry, accounts, kiosks, idempotency, OTP, SMS
  `
  CREATE TABLE persons (
    id_number TEXT PRIMARY KEY,
    holder_type TEXT NOT NULL CHECK (holder_type IN ('citizen', 'resident')),
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    nationality TEXT NOT NULL,
    mobile TEXT,
    email TEXT,
    id_card_type TEXT NOT NULL,
    id_card_issued_on TEXT NOT NULL,
    id_card_expiry TEXT NOT NULL
  );
  CREATE TABLE accounts (
    id_number TEXT PRIMARY KEY REFERENCES persons (id_number),
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('registered', 'pending_bank', 'active')),
    mobile TEXT UNIQUE,
    email TEXT,
    language TEXT NOT NULL,
    security_question_ar TEXT,
    security_question_en TEXT,
    security_answer_hash TEXT,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    address_json TEXT,
    created_at INTEGER NOT NULL,
    activated_at INTEGER,
    bank_requested_at INTEGER,
    bank_ref TEXT
  );
  CREATE TABLE fingerprints (
    id_number TEXT NOT NULL REFERENCES persons (id_number),
    finger TEXT NOT NULL,
    template BLOB NOT NULL,
    PRIMARY KEY (id_number, finger)
  );
  CREATE TABLE bank_cards (
    pan_last4 TEXT NOT NULL,
    id_number TEXT NOT NULL REFERENCES persons (id_number),
    bank_code TEXT NOT NULL,
    expiry TEXT NOT NULL
  );
  CREATE TABLE visas (
    visa_number TEXT PRIMARY KEY,
    id_number TEXT NOT NULL REFERENCES persons (id_number),
    type TEXT NOT NULL, status TEXT NOT NULL, issued_on TEXT NOT NULL, valid_until TEXT NOT NULL, duration_days INTEGER NOT NULL
  );
  CREATE TABLE violations (
    violation_number TEXT PRIMARY KEY,
    id_number TEXT NOT NULL REFERENCES persons (id_number),
    occurred_at TEXT NOT NULL, description_ar TEXT NOT NULL, description_en TEXT NOT NULL,
    city TEXT NOT NULL, plate TEXT NOT NULL, amount_sar REAL NOT NULL, status TEXT NOT NULL
  );
  CREATE TABLE objections (
    objection_id TEXT PRIMARY KEY,
    violation_number TEXT NOT NULL UNIQUE REFERENCES violations (violation_number),
    reason TEXT NOT NULL, filed_at INTEGER NOT NULL, kiosk_id TEXT NOT NULL
  );
  CREATE TABLE documents (
    id_number TEXT NOT NULL REFERENCES persons (id_number),
    type TEXT NOT NULL, number TEXT NOT NULL, issued_on TEXT NOT NULL, expires_on TEXT NOT NULL
  );
  CREATE TABLE kiosks (
    kiosk_id TEXT PRIMARY KEY,
    enrolled_at INTEGER NOT NULL,
    last_seen_at INTEGER,
    app_state TEXT,
    queue_depth INTEGER,
    clock_skew_ms INTEGER,
    status_json TEXT
  );
  CREATE TABLE certificates (
    serial TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL REFERENCES kiosks (kiosk_id),
    not_before INTEGER NOT NULL,
    not_after INTEGER NOT NULL,
    revoked_at INTEGER
  );
  CREATE TABLE enrolment_codes (
    code_hash TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    used_by TEXT
  );
  CREATE TABLE commands (
    command_id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL REFERENCES kiosks (kiosk_id),
    type TEXT NOT NULL,
    body_json TEXT NOT NULL,
    issued_at INTEGER NOT NULL,
    acked_at INTEGER,
    outcome TEXT,
    detail TEXT
  );
  CREATE INDEX commands_pending ON commands (kiosk_id) WHERE acked_at IS NULL;
  CREATE TABLE outbox_events (
    kiosk_id TEXT NOT NULL,
    tx_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, tx_id)
  );
  CREATE TABLE idempotency (
    kiosk_id TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    body_json TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, key)
  );
  CREATE TABLE challenges (
    challenge_id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    purpose TEXT NOT NULL,
    id_number TEXT NOT NULL,
    mobile TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    resend_after INTEGER NOT NULL,
    wrong_entries INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL CHECK (state IN ('open', 'used', 'voided')),
    payload_json TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE otp_sends (id_number TEXT NOT NULL, sent_at INTEGER NOT NULL);
  CREATE INDEX otp_sends_by_id ON otp_sends (id_number, sent_at);
  CREATE TABLE verification_tokens (
    token_hash TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    id_number TEXT NOT NULL,
    method TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE TABLE fingerprint_failures (
    kiosk_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    failures INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, session_id)
  );
  CREATE TABLE citizen_sessions (
    token_hash TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    id_number TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    ended_at INTEGER
  );
  CREATE TABLE sms_outbox (${SMS_OUTBOX_COLUMNS});
  CREATE INDEX sms_by_mobile ON sms_outbox (to_mobile, id);
  `,
  // 2: secrets at rest. SMS text (codes, usernames, temporary passwords) leaves the shared schema: every profile keeps
  // only who/what/when in sms_log; the clear-text outbox is the demo profile's own table (store/demo.ts).
  // login_attempts counts failures per thing typed (username, ID number, ID + mobile), account or not, so a
  // refusal reads the same for an unknown ID as for a known one (RULES.md).
  // Databases from before this migration were all seeded with the demo population: they are marked demo.
  `
  CREATE TABLE sms_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    to_mobile TEXT NOT NULL,
    purpose TEXT NOT NULL,
    sent_at INTEGER NOT NULL
  );
  CREATE INDEX sms_log_by_mobile ON sms_log (to_mobile, id);
  INSERT INTO sms_log (to_mobile, purpose, sent_at) SELECT to_mobile, purpose, sent_at FROM sms_outbox ORDER BY id;
  DROP TABLE sms_outbox;
  CREATE TABLE demo_profile (marked_at INTEGER NOT NULL);
  INSERT INTO demo_profile (marked_at) SELECT 0 WHERE EXISTS (SELECT 1 FROM persons);
  DELETE FROM idempotency WHERE body_json LIKE '%sessionToken%' OR body_json LIKE '%verificationToken%';
  CREATE TABLE login_attempts (
    login_hash TEXT PRIMARY KEY,
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER,
    updated_at INTEGER NOT NULL
  );
  `,
  // 3: bank attestations (ATM mode) are single use: each (bank, jti) that activated an account is kept until the
  // attestation has expired (plus the clock skew allowed), when it could not be used again anyway.
  `
  CREATE TABLE bank_attestations_used (
    bank_code TEXT NOT NULL,
    jti TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER NOT NULL,
    PRIMARY KEY (bank_code, jti)
  );
  CREATE INDEX bank_attestations_used_by_expiry ON bank_attestations_used (expires_at);
  `,
  // 4: results with a receipt that a kiosk completed (its transaction id names them), for the receipt by SMS when
  // the kiosk's printer cannot print it: whose result it was, and whether its SMS went.
  `
  CREATE TABLE receipt_results (
    kiosk_id TEXT NOT NULL,
    reference TEXT NOT NULL,
    kind TEXT NOT NULL,
    id_number TEXT NOT NULL,
    completed_at INTEGER NOT NULL,
    sms_sent_at INTEGER,
    PRIMARY KEY (kiosk_id, reference)
  );
  CREATE INDEX receipt_results_by_time ON receipt_results (completed_at);
  `,
  // 5: fleet telemetry. Each kiosk's audit-chain head as its heartbeat last reported it, and a problem found with it
  // (kept once set); the audit links central has ingested with telemetry events; uploaded log parts.
  `
  ALTER TABLE kiosks ADD COLUMN audit_seq INTEGER;
  ALTER TABLE kiosks ADD COLUMN audit_hash TEXT;
  ALTER TABLE kiosks ADD COLUMN audit_problem TEXT;
  ALTER TABLE kiosks ADD COLUMN audit_problem_at INTEGER;
  ALTER TABLE kiosks ADD COLUMN audit_reported_at INTEGER;
  CREATE TABLE audit_links (
    kiosk_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, seq)
  );
  CREATE TABLE kiosk_logs (
    kiosk_id TEXT NOT NULL,
    upload_id TEXT NOT NULL,
    part INTEGER NOT NULL,
    last INTEGER NOT NULL,
    text TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, upload_id, part)
  );
  CREATE INDEX outbox_events_by_kiosk_kind ON outbox_events (kiosk_id, kind, occurred_at);
  `,
  // 6: maintenance mode: technicians (central's PIN hash, and the other one kiosks get), and every PIN check a kiosk asked for.
  `
  CREATE TABLE technicians (
    technician_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    pin_hash TEXT NOT NULL,
    offline_pin_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
  );
  CREATE TABLE technician_pin_checks (
    kiosk_id TEXT NOT NULL,
    technician_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    checked_at INTEGER NOT NULL
  );
  `,
  // 7: the answers of the catalogue's inquiries that have no table of their own (demo data; issue 14).
  `
  CREATE TABLE service_records (
    service_id TEXT NOT NULL,
    id_number TEXT NOT NULL REFERENCES persons (id_number),
    body TEXT NOT NULL,
    PRIMARY KEY (service_id, id_number)
  );
  `,
  // 8: central locks a technician number after wrong PINs from any kiosk, replayed from its checks since the last right
  // one (technicians/pinLock.ts): found by technician and in order.
  `
  CREATE INDEX technician_pin_checks_by_technician ON technician_pin_checks (technician_id, outcome);
  `,
  // 9: a pending change's payload (a new password's hash, an e-mail, a mobile, a registration's hashes) is cleared
  // when the change ends (citizens/challenges.ts): the ones already used lose theirs now; the rest as they lapse.
  `
  UPDATE challenges SET payload_json = 'null' WHERE state = 'used';
  CREATE INDEX challenges_pending_by_expiry ON challenges (expires_at) WHERE state != 'used' AND payload_json != 'null';
  `,
  // 10: rate-limit counters shared by every central instance (http/rateLimitStore.ts): keyed hashes of what is counted.
  `
  CREATE TABLE rate_limits (
    key_hash TEXT PRIMARY KEY,
    hits INTEGER NOT NULL,
    window_ends_at INTEGER NOT NULL
  );
  CREATE INDEX rate_limits_by_window_end ON rate_limits (window_ends_at);
  `,
  // 11: the offline maintenance check needs the technician's card (issue 13): the hash of the PIN alone that kiosks got
  // goes; kiosks get a verifier of PIN and card secret (technicians/cardVerifier.ts), made when a card is issued
  // (`technicians issue-card`), and when that card was issued. NULL until then: no offline check for that technician.
  `
  ALTER TABLE technicians DROP COLUMN offline_pin_hash;
  ALTER TABLE technicians ADD COLUMN card_verifier TEXT;
  ALTER TABLE technicians ADD COLUMN card_issued_at INTEGER;
  `,
];

export async function migrate(connection: Connection): Promise<number> {
  const row = await connection.get('PRAGMA user_version');
  const current = typeof row?.user_version === 'number' ? row.user_version : 0;
  for (let version = current; version < MIGRATIONS.length; version += 1) {
    await connection.exec('BEGIN IMMEDIATE');
    try {
      await connection.exec(MIGRATIONS[version] ?? '');
      await connection.exec(`PRAGMA user_version = ${version + 1}`);
      await connection.exec('COMMIT');
    } catch (error) {
      await connection.exec('ROLLBACK');
      throw error;
    }
  }
  return MIGRATIONS.length;
}
