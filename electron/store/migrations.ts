/**
 * The case file's schema, as numbered append-only migrations. Never edit or reorder a
 * shipped migration: its checksum is recorded in every case it touched, and a case whose
 * recorded migrations differ from these is refused (see `migrate.ts`). Add a new one instead.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'initial case schema',
    sql: `
CREATE TABLE case_meta (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  case_id TEXT NOT NULL,
  name TEXT NOT NULL,
  analyst TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  display_tz TEXT NOT NULL DEFAULT 'UTC'
) STRICT;

CREATE TABLE evidence (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  format TEXT,
  parent_id INTEGER REFERENCES evidence(id),
  imported_at INTEGER NOT NULL,
  events INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX evidence_by_sha256 ON evidence(sha256);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  user TEXT NOT NULL,
  outcome TEXT NOT NULL,
  factor TEXT,
  vendor TEXT NOT NULL,
  vendor_event TEXT NOT NULL,
  reason TEXT,
  user_display TEXT,
  user_vendor_id TEXT,
  src_ip TEXT,
  src_city TEXT,
  src_region TEXT,
  src_country TEXT,
  src_lat REAL,
  src_lon REAL,
  src_geo_source TEXT,
  src_asn INTEGER,
  src_as_org TEXT,
  dev_ip TEXT,
  dev_name TEXT,
  dev_city TEXT,
  dev_region TEXT,
  dev_country TEXT,
  dev_lat REAL,
  dev_lon REAL,
  dev_geo_source TEXT,
  user_agent TEXT,
  device TEXT,
  app TEXT,
  session_id TEXT,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  line INTEGER,
  record INTEGER NOT NULL,
  dedup_key BLOB NOT NULL UNIQUE,
  raw TEXT NOT NULL
) STRICT;
CREATE INDEX events_by_user_time ON events(user, time, id);
CREATE INDEX events_by_time ON events(time);

CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
  user TEXT,
  source TEXT,
  users TEXT NOT NULL DEFAULT '[]',
  start_time INTEGER NOT NULL,
  end_time INTEGER NOT NULL,
  summary TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE TABLE finding_events (
  finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
  event_id INTEGER NOT NULL REFERENCES events(id),
  PRIMARY KEY (finding_id, event_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE annotations (
  id INTEGER PRIMARY KEY,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('event', 'finding', 'user', 'entity')),
  target TEXT NOT NULL,
  starred INTEGER NOT NULL DEFAULT 0,
  tags TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT '',
  analyst TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (target_kind, target)
) STRICT;

CREATE TABLE custody_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE TRIGGER custody_log_no_update BEFORE UPDATE ON custody_log
BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
CREATE TRIGGER custody_log_no_delete BEFORE DELETE ON custody_log
BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
`,
  },
  {
    id: 2,
    name: 'evidence import: containers, rejected records, responder ASN, vendor ids',
    sql: `
ALTER TABLE evidence ADD COLUMN container TEXT;
ALTER TABLE evidence ADD COLUMN compression TEXT;
ALTER TABLE evidence ADD COLUMN records INTEGER NOT NULL DEFAULT 0;
CREATE INDEX evidence_by_parent ON evidence(parent_id);

ALTER TABLE events ADD COLUMN dev_asn INTEGER;
ALTER TABLE events ADD COLUMN dev_as_org TEXT;
ALTER TABLE events ADD COLUMN vendor_uid TEXT;

CREATE TABLE evidence_errors (
  id INTEGER PRIMARY KEY,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id),
  line INTEGER,
  record INTEGER,
  message TEXT NOT NULL
) STRICT;
CREATE INDEX evidence_errors_by_evidence ON evidence_errors(evidence_id, id);
`,
  },
  {
    id: 3,
    name: 'detection results, settings and runs',
    sql: `
ALTER TABLE findings ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX findings_by_uid ON findings(uid);
CREATE INDEX findings_by_user ON findings(user);
CREATE INDEX finding_events_by_event ON finding_events(event_id);

CREATE TABLE user_assessments (
  user TEXT PRIMARY KEY,
  risk INTEGER NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('compromised', 'attacked', 'suspicious', 'clear')),
  reasons TEXT NOT NULL,
  finding_ids TEXT NOT NULL,
  events INTEGER NOT NULL,
  challenges INTEGER NOT NULL,
  denied INTEGER NOT NULL,
  timeouts INTEGER NOT NULL,
  approved INTEGER NOT NULL,
  fraud INTEGER NOT NULL
) STRICT;
CREATE INDEX user_assessments_by_risk ON user_assessments(risk DESC, user);

CREATE TABLE detection_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  config TEXT NOT NULL
) STRICT;

CREATE TABLE detection_runs (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  engine_version TEXT NOT NULL,
  config TEXT NOT NULL,
  stats TEXT NOT NULL
) STRICT;
`,
  },
  {
    id: 4,
    name: 'verbatim records in their own table',
    // Records are kilobytes while the normalised columns are a few hundred bytes: kept inline,
    // they spread the events over ten times the pages and every ordered read (detection,
    // timelines) paid for them. Only detail views and report appendices read them.
    sql: `
CREATE TABLE event_raw (
  event_id INTEGER PRIMARY KEY REFERENCES events(id),
  raw TEXT NOT NULL
) STRICT;
INSERT INTO event_raw (event_id, raw) SELECT id, raw FROM events;
ALTER TABLE events DROP COLUMN raw;
`,
  },
  {
    id: 5,
    name: 'report text: client, reference and narrative',
    sql: `
CREATE TABLE report_text (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  client TEXT NOT NULL,
  reference TEXT NOT NULL,
  narrative TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
`,
  },
  {
    id: 6,
    name: 'full-text index of the original records',
    // External-content FTS5 over event_raw: the index stores no second copy of the records.
    // It is filled by its own worker job after import (never by triggers), so the import's
    // hot path pays nothing; `search_index` records how far the event ids are indexed.
    sql: `
CREATE VIRTUAL TABLE event_raw_fts USING fts5(raw, content = 'event_raw', content_rowid = 'event_id');
CREATE TABLE search_index (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_through INTEGER NOT NULL,
  indexed INTEGER NOT NULL
) STRICT;
INSERT INTO search_index (id, indexed_through, indexed) VALUES (1, 0, 0);
`,
  },
  {
    id: 7,
    name: 'analyst-entered events',
    // Not rows of `events`: those are evidence (each has an evidence file, and detection reads
    // them all). An analyst's account of what happened stays beside the evidence, never in it.
    sql: `
CREATE TABLE analyst_events (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  user TEXT NOT NULL,
  outcome TEXT NOT NULL,
  factor TEXT,
  description TEXT NOT NULL,
  analyst TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX analyst_events_by_user_time ON analyst_events(user, time);
CREATE INDEX analyst_events_by_time ON analyst_events(time);
`,
  },
  {
    id: 8,
    name: 'events by user and time, covering what detection reads',
    // Detection reads every event ordered by (user, time, id). Through a bare (user, time, id)
    // index each row cost a lookup of its table page, in random order: most of detection's time.
    // With the columns detection reads (electron/store/events.ts DETECTION_COLUMNS) in the index,
    // that pass is one sequential scan of it. Timelines and report queries by user use it too.
    sql: `
CREATE INDEX events_by_user_time_covering ON events(
  user, time, id, outcome, factor, vendor_event, reason, session_id,
  src_ip, src_city, src_country, src_lat, src_lon, src_geo_source, src_asn, src_as_org,
  dev_ip, dev_city, dev_country, dev_lat, dev_lon, dev_geo_source, dev_asn, dev_as_org
);
DROP INDEX events_by_user_time;
`,
  },
  {
    id: 9,
    name: 'evidence: how its times were read and the SIEM re-export it came in',
    // The zone zone-less times were read in (--tz), the day/month order of numeric dates, and the
    // SIEM re-export the vendor records were read out of: each changes what an event's time or
    // origin means, so the report states them per file. Null for files read without them.
    sql: `
ALTER TABLE evidence ADD COLUMN time_zone TEXT;
ALTER TABLE evidence ADD COLUMN date_order TEXT;
ALTER TABLE evidence ADD COLUMN reexport TEXT;
`,
  },
  {
    id: 10,
    name: 'content digest and signed custody entries',
    // Every custody entry seals a digest of the case's content and is signed with the analyst's
    // key (electron/store/content-digest.ts, electron/integrity/analyst-key.ts). content_chunks
    // caches the digests of runs of rows so a change re-hashes only what it touched; the
    // triggers name the tables written since the last seal. The tables that only ever grow
    // (events, their records, rejected records) have no insert trigger, which would cost the
    // import a write per row: their new rows are those past the last sealed key. A table a
    // later migration adds is covered too: without triggers it is re-hashed at every change,
    // so add its content_dirty triggers with it. schema_migrations (created by migrate.ts, not
    // here) has none: only migrations write it, and the case/upgrade entry re-hashes everything.
    sql: `
ALTER TABLE custody_log ADD COLUMN digest TEXT;
ALTER TABLE custody_log ADD COLUMN tables TEXT;
ALTER TABLE custody_log ADD COLUMN key_id TEXT;
ALTER TABLE custody_log ADD COLUMN signature TEXT;

CREATE TABLE analyst_keys (
  fingerprint TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  analyst TEXT NOT NULL,
  added_at INTEGER NOT NULL
) STRICT;

CREATE TABLE content_chunks (
  tbl TEXT NOT NULL,
  chunk INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  keys TEXT NOT NULL,
  hashes BLOB NOT NULL,
  digest TEXT NOT NULL,
  PRIMARY KEY (tbl, chunk)
) STRICT;
CREATE TABLE content_dirty (tbl TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;

-- The custody entry before the newest, as content: removing the newest entry (which the
-- chain alone cannot show) leaves content that names an entry the log no longer has.
CREATE TABLE custody_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
) STRICT;

CREATE TRIGGER content_dirty_case_meta_ins AFTER INSERT ON case_meta BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('case_meta'); END;
CREATE TRIGGER content_dirty_case_meta_upd AFTER UPDATE ON case_meta BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('case_meta'); END;
CREATE TRIGGER content_dirty_case_meta_del AFTER DELETE ON case_meta BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('case_meta'); END;
CREATE TRIGGER content_dirty_evidence_ins AFTER INSERT ON evidence BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('evidence'); END;
CREATE TRIGGER content_dirty_evidence_upd AFTER UPDATE ON evidence BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('evidence'); END;
CREATE TRIGGER content_dirty_evidence_del AFTER DELETE ON evidence BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('evidence'); END;
CREATE TRIGGER content_dirty_findings_ins AFTER INSERT ON findings BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('findings'); END;
CREATE TRIGGER content_dirty_findings_upd AFTER UPDATE ON findings BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('findings'); END;
CREATE TRIGGER content_dirty_findings_del AFTER DELETE ON findings BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('findings'); END;
CREATE TRIGGER content_dirty_finding_events_ins AFTER INSERT ON finding_events BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('finding_events'); END;
CREATE TRIGGER content_dirty_finding_events_upd AFTER UPDATE ON finding_events BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('finding_events'); END;
CREATE TRIGGER content_dirty_finding_events_del AFTER DELETE ON finding_events BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('finding_events'); END;
CREATE TRIGGER content_dirty_annotations_ins AFTER INSERT ON annotations BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('annotations'); END;
CREATE TRIGGER content_dirty_annotations_upd AFTER UPDATE ON annotations BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('annotations'); END;
CREATE TRIGGER content_dirty_annotations_del AFTER DELETE ON annotations BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('annotations'); END;
CREATE TRIGGER content_dirty_user_assessments_ins AFTER INSERT ON user_assessments BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('user_assessments'); END;
CREATE TRIGGER content_dirty_user_assessments_upd AFTER UPDATE ON user_assessments BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('user_assessments'); END;
CREATE TRIGGER content_dirty_user_assessments_del AFTER DELETE ON user_assessments BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('user_assessments'); END;
CREATE TRIGGER content_dirty_detection_settings_ins AFTER INSERT ON detection_settings BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('detection_settings'); END;
CREATE TRIGGER content_dirty_detection_settings_upd AFTER UPDATE ON detection_settings BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('detection_settings'); END;
CREATE TRIGGER content_dirty_detection_settings_del AFTER DELETE ON detection_settings BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('detection_settings'); END;
CREATE TRIGGER content_dirty_detection_runs_ins AFTER INSERT ON detection_runs BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('detection_runs'); END;
CREATE TRIGGER content_dirty_detection_runs_upd AFTER UPDATE ON detection_runs BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('detection_runs'); END;
CREATE TRIGGER content_dirty_detection_runs_del AFTER DELETE ON detection_runs BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('detection_runs'); END;
CREATE TRIGGER content_dirty_report_text_ins AFTER INSERT ON report_text BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('report_text'); END;
CREATE TRIGGER content_dirty_report_text_upd AFTER UPDATE ON report_text BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('report_text'); END;
CREATE TRIGGER content_dirty_report_text_del AFTER DELETE ON report_text BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('report_text'); END;
CREATE TRIGGER content_dirty_analyst_events_ins AFTER INSERT ON analyst_events BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('analyst_events'); END;
CREATE TRIGGER content_dirty_analyst_events_upd AFTER UPDATE ON analyst_events BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('analyst_events'); END;
CREATE TRIGGER content_dirty_analyst_events_del AFTER DELETE ON analyst_events BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('analyst_events'); END;
CREATE TRIGGER content_dirty_analyst_keys_ins AFTER INSERT ON analyst_keys BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('analyst_keys'); END;
CREATE TRIGGER content_dirty_analyst_keys_upd AFTER UPDATE ON analyst_keys BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('analyst_keys'); END;
CREATE TRIGGER content_dirty_analyst_keys_del AFTER DELETE ON analyst_keys BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('analyst_keys'); END;
CREATE TRIGGER content_dirty_events_upd AFTER UPDATE ON events BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('events'); END;
CREATE TRIGGER content_dirty_events_del AFTER DELETE ON events BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('events'); END;
CREATE TRIGGER content_dirty_event_raw_upd AFTER UPDATE ON event_raw BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('event_raw'); END;
CREATE TRIGGER content_dirty_event_raw_del AFTER DELETE ON event_raw BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('event_raw'); END;
CREATE TRIGGER content_dirty_evidence_errors_upd AFTER UPDATE ON evidence_errors BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('evidence_errors'); END;
CREATE TRIGGER content_dirty_evidence_errors_del AFTER DELETE ON evidence_errors BEGIN INSERT OR IGNORE INTO content_dirty (tbl) VALUES ('evidence_errors'); END;
`,
  },
  {
    id: 11,
    name: 'content_dirty without a key',
    // A statement that fires the triggers with its own conflict policy (an upsert, INSERT OR
    // ABORT) overrides the triggers' OR IGNORE, so a second change to a table in one statement
    // failed on the key. Names may repeat now; readers take them as a set and clear them all.
    sql: `
DROP TABLE content_dirty;
CREATE TABLE content_dirty (tbl TEXT NOT NULL) STRICT;
`,
  },
  {
    id: 12,
    name: 'persons: identities, their links and the analyst decisions',
    // Events keep the identity they name (`user`); persons are derived. `identity_sightings`
    // sums the events by identity, vendor and the alias a record carries beside its user (an id or
    // an e-mail), read incrementally up to `identity_scan.scanned_through`; `person_identities`
    // is the applied grouping, rewritten whenever links change, read by detection and the screens.
    // All of them are case content (the links and the analyst's decisions change who is one person,
    // so what detection finds): the content digest covers them, with their content_dirty triggers.
    sql: `
ALTER TABLE events ADD COLUMN user_email TEXT;
CREATE TABLE identity_sightings (
  identity TEXT NOT NULL,
  vendor TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('user', 'vendor-id', 'email')),
  alias TEXT NOT NULL,
  events INTEGER NOT NULL,
  first_event INTEGER NOT NULL,
  PRIMARY KEY (identity, vendor, kind, alias)
) STRICT, WITHOUT ROWID;
CREATE TABLE identity_scan (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  scanned_through INTEGER NOT NULL
) STRICT;
INSERT INTO identity_scan (id, scanned_through) VALUES (1, 0);
CREATE TABLE identity_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  domains TEXT NOT NULL
) STRICT;
CREATE TABLE identity_decisions (
  a TEXT NOT NULL,
  b TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('link', 'reject')),
  analyst TEXT NOT NULL,
  decided_at INTEGER NOT NULL,
  PRIMARY KEY (a, b),
  CHECK (a < b)
) STRICT, WITHOUT ROWID;
CREATE TABLE person_identities (
  identity TEXT PRIMARY KEY,
  person TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX person_identities_by_person ON person_identities(person, identity);
CREATE TRIGGER content_dirty_identity_sightings_ins AFTER INSERT ON identity_sightings BEGIN INSERT INTO content_dirty (tbl) VALUES ('identity_sightings'); END;
CREATE TRIGGER content_dirty_identity_sightings_upd AFTER UPDATE ON identity_sightings BEGIN INSERT INTO content_dirty (tbl) VALUES ('identity_sightings'); END;
CREATE TRIGGER content_dirty_identity_sightings_del AFTER DELETE ON identity_sightings BEGIN INSERT INTO content_dirty (tbl) VALUES ('identity_sightings'); END;
CREATE TRIGGER content_dirty_identity_scan_ins AFTER INSERT ON identity_scan BEGIN INSERT INTO content_dirty (tbl) VALUES ('identity_scan'); END;
CREATE TRIGGER content_dirty_identity_scan_upd AFTER UPDATE ON identity_scan BEGIN INSERT INTO content_dirty (tbl) VALUES ('identity_scan'); END;
CREATE TRIGGER content_dirty_identity_scan_del AFTER DELETE ON identity_scan BEGIN INSERT INTO content_dirty (tbl) VALUES ('identity_scan'); END;
CREATE TRIGGER content_dirty_identity_settings_ins AFTER INSERT ON identity_settings BEGIN INSERT INTO content_dirty (tbl) VALUES ('identity_settings'); END;
CREATE TRIGGER content_dirty_identity_settings_upd AFTER UPDATE ON identity_settings BEGIN INSERT INTO content_dirty (tbl) VALUES ('identity_settings'); END;
CREATE TRIGGER content_dirty_identity_settings_del AFTER DELETE ON identity_settings BEGIN INSERT INTO content_dirty (tbl) VALUES ('identity_settings'); END;
CREATE TRIGGER content_dirty_identity_decisions_ins AFTER INSERT ON identity_decisions BEGIN INSERT INTO content_dirty (tbl) VALUES ('identity_decisions'); END;
CREATE TRIGGER content_dirty_identity_decisions_upd AFTER UPDATE ON identity_decisions BEGIN INSERT INTO content_dirty (tbl) VALUES ('identity_decisions'); END;
CREATE TRIGGER content_dirty_identity_decisions_del AFTER DELETE ON identity_decisions BEGIN INSERT INTO content_dirty (tbl) VALUES ('identity_decisions'); END;
CREATE TRIGGER content_dirty_person_identities_ins AFTER INSERT ON person_identities BEGIN INSERT INTO content_dirty (tbl) VALUES ('person_identities'); END;
CREATE TRIGGER content_dirty_person_identities_upd AFTER UPDATE ON person_identities BEGIN INSERT INTO content_dirty (tbl) VALUES ('person_identities'); END;
CREATE TRIGGER content_dirty_person_identities_del AFTER DELETE ON person_identities BEGIN INSERT INTO content_dirty (tbl) VALUES ('person_identities'); END;
`,
  },
];
