//! The relay's one SQLite file: organisations' databases, device tokens (only their hashes),
//! the sealed documents in arrival order, and `_local` checkpoints.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

/// A document as stored: its id, revision and the JSON body (with `_id` and `_rev`).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredDoc {
    pub seq: i64,
    pub id: String,
    pub rev: String,
    pub body: Value,
}

/// Where failed joins with a short code are counted: it names no organisation (and no
/// database can have this name).
const ANY_DATABASE: &str = "*";

/// A device of an organisation, as the device list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct DeviceInfo {
    pub id: String,
    pub name: String,
    /// Whether it is the device asking.
    pub this: bool,
    /// Its X25519 public key (hex), once it has registered one.
    pub public_key: Option<String>,
}

/// The outcome of using an invitation.
#[derive(Clone, Debug, PartialEq)]
pub enum Joined {
    /// The new device's token, the organisation's database and, for an invitation made
    /// with a short code, the invitation the inviting phone sealed (the relay cannot open it).
    Token {
        token: String,
        db: String,
        sealed: Option<String>,
    },
    Unknown,
    Used,
    Expired,
}

/// What happened to one document of a `_bulk_docs` request.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// New, or the very same document again (a retried push).
    Ok { id: String, rev: String },
    /// The id exists with other content: change documents are never edited.
    Conflict { id: String },
}

pub struct Store {
    connection: Mutex<Connection>,
}

/// A `docs` row selected as (seq, id, rev, body).
fn stored_doc(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredDoc> {
    let body: String = row.get(3)?;
    Ok(StoredDoc {
        seq: row.get(0)?,
        id: row.get(1)?,
        rev: row.get(2)?,
        body: serde_json::from_str(&body).unwrap_or(Value::Null),
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `BYTES` random bytes from the operating system, as hex: device keys and invitations.
fn random_hex<const BYTES: usize>() -> rusqlite::Result<String> {
    let mut secret = [0u8; BYTES];
    getrandom::fill(&mut secret).map_err(|err| {
        rusqlite::Error::ToSqlConversionFailure(format!("no randomness: {err}").into())
    })?;
    Ok(hex(&secret))
}

fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// The revision of an immutable document: derived from its content, so the same document
/// pushed twice gets the same revision on every server.
pub fn revision_of(body: &Value) -> String {
    let mut content = body.clone();
    if let Some(object) = content.as_object_mut() {
        object.remove("_rev");
        object.remove("_revisions");
    }
    let digest = sha256_hex(content.to_string().as_bytes());
    format!("1-{}", &digest[..32])
}

impl Store {
    pub fn open(path: &Path) -> rusqlite::Result<Store> {
        Self::from_connection(Connection::open(path)?)
    }

    pub fn in_memory() -> rusqlite::Result<Store> {
        Self::from_connection(Connection::open_in_memory()?)
    }

    fn from_connection(connection: Connection) -> rusqlite::Result<Store> {
        connection.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA foreign_keys = ON;
             CREATE TABLE IF NOT EXISTS databases (name TEXT PRIMARY KEY);
             CREATE TABLE IF NOT EXISTS devices (
                 token_hash TEXT PRIMARY KEY,
                 db TEXT NOT NULL REFERENCES databases(name),
                 device TEXT NOT NULL,
                 revoked INTEGER NOT NULL DEFAULT 0
             );
             CREATE TABLE IF NOT EXISTS docs (
                 seq INTEGER PRIMARY KEY AUTOINCREMENT,
                 db TEXT NOT NULL REFERENCES databases(name),
                 id TEXT NOT NULL,
                 rev TEXT NOT NULL,
                 body TEXT NOT NULL,
                 UNIQUE (db, id)
             );
             CREATE TABLE IF NOT EXISTS invitations (
                 secret_hash TEXT PRIMARY KEY,
                 db TEXT NOT NULL REFERENCES databases(name),
                 expires INTEGER NOT NULL,
                 used INTEGER NOT NULL DEFAULT 0
             );
             CREATE TABLE IF NOT EXISTS join_failures (db TEXT NOT NULL, at INTEGER NOT NULL);
             CREATE TABLE IF NOT EXISTS local_docs (
                 db TEXT NOT NULL REFERENCES databases(name),
                 id TEXT NOT NULL,
                 body TEXT NOT NULL,
                 PRIMARY KEY (db, id)
             );",
        )?;
        // Added with short invitation codes: the sealed invitation the relay keeps for them.
        let has_sealed = connection
            .prepare("SELECT 1 FROM pragma_table_info('invitations') WHERE name = 'sealed'")?
            .exists([])?;
        if !has_sealed {
            connection.execute_batch("ALTER TABLE invitations ADD COLUMN sealed TEXT")?;
        }
        // Added with per-device key sealing: each device's X25519 public key (hex).
        let has_public_key = connection
            .prepare("SELECT 1 FROM pragma_table_info('devices') WHERE name = 'public_key'")?
            .exists([])?;
        if !has_public_key {
            connection.execute_batch("ALTER TABLE devices ADD COLUMN public_key TEXT")?;
        }
        Ok(Store {
            connection: Mutex::new(connection),
        })
    }

    fn connection(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (every write is a
        // transaction), so a poisoned lock is still safe to use.
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn create_database(&self, name: &str) -> rusqlite::Result<()> {
        self.connection().execute(
            "INSERT OR IGNORE INTO databases (name) VALUES (?1)",
            params![name],
        )?;
        Ok(())
    }

    pub fn database_exists(&self, name: &str) -> rusqlite::Result<bool> {
        self.connection()
            .query_row(
                "SELECT 1 FROM databases WHERE name = ?1",
                params![name],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
    }

    /// Registers a device of `db` and returns its token (shown once; only its hash is kept).
    pub fn add_device(&self, db: &str, device: &str) -> rusqlite::Result<String> {
        let token = random_hex::<32>()?;
        self.connection().execute(
            "INSERT INTO devices (token_hash, db, device) VALUES (?1, ?2, ?3)",
            params![sha256_hex(token.as_bytes()), db, device],
        )?;
        Ok(token)
    }

    /// A one-time invitation to `db`, valid until `expires` (Unix seconds). Returns the secret
    /// (128 bits, shown once; only its hash is kept).
    pub fn create_invitation(&self, db: &str, expires: i64) -> rusqlite::Result<String> {
        let secret = random_hex::<16>()?;
        self.connection().execute(
            "INSERT INTO invitations (secret_hash, db, expires) VALUES (?1, ?2, ?3)",
            params![sha256_hex(secret.as_bytes()), db, expires],
        )?;
        Ok(secret)
    }

    /// A one-time invitation to `db` made with a short code: the inviting phone chose the
    /// verifier (only its hash is kept) and sealed the invitation, which is handed out once.
    pub fn add_sealed_invitation(
        &self,
        db: &str,
        verifier: &str,
        sealed: &str,
        expires: i64,
    ) -> rusqlite::Result<()> {
        self.connection().execute(
            "INSERT INTO invitations (secret_hash, db, expires, sealed) VALUES (?1, ?2, ?3, ?4)",
            params![sha256_hex(verifier.as_bytes()), db, expires, sealed],
        )?;
        Ok(())
    }

    /// Turns a valid, unused, unexpired invitation into a new device token (one transaction:
    /// an invitation is used once even if two phones race). `db` is the organisation the
    /// invitation must be for; a short code does not name one. Failures are counted for the
    /// rate limit under `db`, or under `ANY_DATABASE` for short codes.
    pub fn join(
        &self,
        db: Option<&str>,
        secret: &str,
        device: &str,
        now: i64,
    ) -> rusqlite::Result<Joined> {
        let failure_key = db.unwrap_or(ANY_DATABASE);
        let hash = sha256_hex(secret.as_bytes());
        let mut connection = self.connection();
        let tx = connection.transaction()?;
        let found: Option<(String, i64, bool, Option<String>)> = tx
            .query_row(
                "SELECT db, expires, used, sealed FROM invitations WHERE secret_hash = ?1",
                params![hash],
                |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get::<_, i64>(2)? != 0,
                        row.get(3)?,
                    ))
                },
            )
            .optional()?
            .filter(|(found_db, ..)| db.is_none_or(|db| db == found_db));
        let outcome = match found {
            None => Joined::Unknown,
            Some((_, _, true, _)) => Joined::Used,
            Some((_, expires, false, _)) if expires < now => Joined::Expired,
            Some((db, _, false, sealed)) => {
                tx.execute(
                    "UPDATE invitations SET used = 1, sealed = NULL WHERE secret_hash = ?1",
                    params![hash],
                )?;
                let token = random_hex::<32>()?;
                tx.execute(
                    "INSERT INTO devices (token_hash, db, device) VALUES (?1, ?2, ?3)",
                    params![sha256_hex(token.as_bytes()), db, device],
                )?;
                Joined::Token { token, db, sealed }
            }
        };
        if !matches!(outcome, Joined::Token { .. }) {
            tx.execute(
                "INSERT INTO join_failures (db, at) VALUES (?1, ?2)",
                params![failure_key, now],
            )?;
        }
        tx.commit()?;
        Ok(outcome)
    }

    /// Failed join attempts for `db` (or with short codes, for `None`) since `since` (Unix
    /// seconds): the rate limit's count.
    pub fn recent_join_failures(&self, db: Option<&str>, since: i64) -> rusqlite::Result<i64> {
        self.connection().query_row(
            "SELECT COUNT(*) FROM join_failures WHERE db = ?1 AND at >= ?2",
            params![db.unwrap_or(ANY_DATABASE), since],
            |row| row.get(0),
        )
    }

    /// The active devices of `db`. The id is the start of the token's hash – enough to name
    /// it, useless to sign in with.
    pub fn devices(&self, db: &str, token: &str) -> rusqlite::Result<Vec<DeviceInfo>> {
        let own = sha256_hex(token.as_bytes());
        let connection = self.connection();
        let mut statement = connection.prepare(
            "SELECT token_hash, device, public_key FROM devices
             WHERE db = ?1 AND revoked = 0 ORDER BY rowid",
        )?;
        let rows = statement.query_map(params![db], |row| {
            let hash: String = row.get(0)?;
            Ok(DeviceInfo {
                id: hash[..16].to_owned(),
                name: row.get(1)?,
                this: hash == own,
                public_key: row.get(2)?,
            })
        })?;
        rows.collect()
    }

    /// Records the public key of the device holding `token` (replacing an earlier one).
    pub fn set_public_key(&self, token: &str, public_key: &str) -> rusqlite::Result<bool> {
        let changed = self.connection().execute(
            "UPDATE devices SET public_key = ?2 WHERE token_hash = ?1 AND revoked = 0",
            params![sha256_hex(token.as_bytes()), public_key],
        )?;
        Ok(changed > 0)
    }

    /// Revokes the device of `db` with this id; false if there is none.
    pub fn revoke(&self, db: &str, id: &str) -> rusqlite::Result<bool> {
        if id.len() != 16 || !id.chars().all(|c| c.is_ascii_hexdigit()) {
            return Ok(false);
        }
        let changed = self.connection().execute(
            "UPDATE devices SET revoked = 1 WHERE db = ?1 AND substr(token_hash, 1, 16) = ?2 AND revoked = 0",
            params![db, id],
        )?;
        Ok(changed > 0)
    }

    /// The database and device a token belongs to, unless revoked.
    pub fn device_for_token(&self, token: &str) -> rusqlite::Result<Option<(String, String)>> {
        self.connection()
            .query_row(
                "SELECT db, device FROM devices WHERE token_hash = ?1 AND revoked = 0",
                params![sha256_hex(token.as_bytes())],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
    }

    /// Stores documents that are new; the same document again is fine, another with a known
    /// id is a conflict. One transaction: a failure stores none of them.
    pub fn put_docs(&self, db: &str, docs: Vec<Value>) -> rusqlite::Result<Vec<Stored>> {
        let mut connection = self.connection();
        let tx = connection.transaction()?;
        let mut results = Vec::with_capacity(docs.len());
        for mut doc in docs {
            let id = doc
                .get("_id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let rev = revision_of(&doc);
            if let Some(object) = doc.as_object_mut() {
                object.insert("_rev".to_owned(), Value::String(rev.clone()));
                object.remove("_revisions");
            }
            let existing: Option<String> = tx
                .query_row(
                    "SELECT rev FROM docs WHERE db = ?1 AND id = ?2",
                    params![db, id],
                    |row| row.get(0),
                )
                .optional()?;
            match existing {
                Some(known) if known == rev => results.push(Stored::Ok { id, rev }),
                Some(_) => results.push(Stored::Conflict { id }),
                None => {
                    tx.execute(
                        "INSERT INTO docs (db, id, rev, body) VALUES (?1, ?2, ?3, ?4)",
                        params![db, id, rev, doc.to_string()],
                    )?;
                    results.push(Stored::Ok { id, rev });
                }
            }
        }
        tx.commit()?;
        Ok(results)
    }

    /// Documents after `since` in arrival order, at most `limit`.
    pub fn changes(&self, db: &str, since: i64, limit: i64) -> rusqlite::Result<Vec<StoredDoc>> {
        let connection = self.connection();
        let mut statement = connection.prepare_cached(
            "SELECT seq, id, rev, body FROM docs WHERE db = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
        )?;
        let rows = statement.query_map(params![db, since, limit], stored_doc)?;
        rows.collect()
    }

    /// (number of documents, last sequence number) of `db`.
    pub fn info(&self, db: &str) -> rusqlite::Result<(i64, i64)> {
        self.connection().query_row(
            "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM docs WHERE db = ?1",
            params![db],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
    }

    pub fn get_doc(&self, db: &str, id: &str) -> rusqlite::Result<Option<StoredDoc>> {
        self.connection()
            .query_row(
                "SELECT seq, id, rev, body FROM docs WHERE db = ?1 AND id = ?2",
                params![db, id],
                stored_doc,
            )
            .optional()
    }

    pub fn get_local(&self, db: &str, id: &str) -> rusqlite::Result<Option<Value>> {
        let body: Option<String> = self
            .connection()
            .query_row(
                "SELECT body FROM local_docs WHERE db = ?1 AND id = ?2",
                params![db, id],
                |row| row.get(0),
            )
            .optional()?;
        Ok(body.and_then(|b| serde_json::from_str(&b).ok()))
    }

    /// Replaces a checkpoint; returns its new revision. Checkpoints are the one thing that is
    /// overwritten (each replicator keeps its own).
    pub fn put_local(&self, db: &str, id: &str, mut body: Value) -> rusqlite::Result<String> {
        let generation = self
            .get_local(db, id)?
            .and_then(|b| {
                b.get("_rev")?
                    .as_str()?
                    .strip_prefix("0-")?
                    .parse::<u64>()
                    .ok()
            })
            .unwrap_or(0)
            + 1;
        let rev = format!("0-{generation}");
        if let Some(object) = body.as_object_mut() {
            object.insert("_id".to_owned(), Value::String(format!("_local/{id}")));
            object.insert("_rev".to_owned(), Value::String(rev.clone()));
        }
        self.connection().execute(
            "INSERT INTO local_docs (db, id, body) VALUES (?1, ?2, ?3)
             ON CONFLICT (db, id) DO UPDATE SET body = excluded.body",
            params![db, id, body.to_string()],
        )?;
        Ok(rev)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn store() -> Store {
        let store = Store::in_memory().expect("store");
        store.create_database("org").expect("db");
        store
    }

    #[test]
    fn the_same_document_twice_is_stored_once_other_content_is_a_conflict() {
        let store = store();
        let doc = json!({"_id": "c1", "sealed": "AAAA"});
        let first = store.put_docs("org", vec![doc.clone()]).expect("put");
        let again = store.put_docs("org", vec![doc]).expect("put");
        assert_eq!(first, again);
        let other = store
            .put_docs("org", vec![json!({"_id": "c1", "sealed": "BBBB"})])
            .expect("put");
        assert_eq!(other, vec![Stored::Conflict { id: "c1".into() }]);
        assert_eq!(store.info("org").expect("info"), (1, 1));
    }

    #[test]
    fn changes_come_in_arrival_order_from_a_position() {
        let store = store();
        for id in ["a", "b", "c"] {
            store
                .put_docs("org", vec![json!({"_id": id})])
                .expect("put");
        }
        let ids = |docs: Vec<StoredDoc>| docs.into_iter().map(|d| d.id).collect::<Vec<_>>();
        assert_eq!(
            ids(store.changes("org", 0, 2).expect("changes")),
            ["a", "b"]
        );
        assert_eq!(ids(store.changes("org", 2, 10).expect("changes")), ["c"]);
    }

    #[test]
    fn a_file_from_before_short_codes_and_device_keys_opens_and_keeps_its_devices() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("old.sqlite");
        {
            // The tables as the first relay made them, with one device.
            let old = Connection::open(&path).expect("old file");
            old.execute_batch(
                "CREATE TABLE databases (name TEXT PRIMARY KEY);
                 CREATE TABLE devices (token_hash TEXT PRIMARY KEY, db TEXT NOT NULL,
                     device TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
                 CREATE TABLE invitations (secret_hash TEXT PRIMARY KEY, db TEXT NOT NULL,
                     expires INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0);
                 INSERT INTO databases VALUES ('org');",
            )
            .expect("old tables");
            old.execute(
                "INSERT INTO devices (token_hash, db, device) VALUES (?1, 'org', 'old phone')",
                params![sha256_hex(b"old-token")],
            )
            .expect("old device");
        }
        let store = Store::open(&path).expect("opens");
        assert_eq!(
            store.device_for_token("old-token").expect("lookup"),
            Some(("org".to_owned(), "old phone".to_owned()))
        );
        assert!(store
            .set_public_key("old-token", &"ab".repeat(32))
            .expect("key"));
        let devices = store.devices("org", "old-token").expect("devices");
        assert_eq!(devices[0].public_key, Some("ab".repeat(32)));
        assert!(devices[0].this);
        store
            .add_sealed_invitation("org", &"cd".repeat(32), "sealed", i64::MAX)
            .expect("a short-code invitation");
    }

    #[test]
    fn only_a_token_hash_is_kept_and_a_token_finds_its_device() {
        let store = store();
        let token = store.add_device("org", "phone of Olga").expect("device");
        assert_eq!(token.len(), 64);
        assert_eq!(
            store.device_for_token(&token).expect("lookup"),
            Some(("org".to_owned(), "phone of Olga".to_owned()))
        );
        assert_eq!(store.device_for_token("guess").expect("lookup"), None);
        let kept: String = store
            .connection()
            .query_row("SELECT token_hash FROM devices", [], |row| row.get(0))
            .expect("row");
        assert_ne!(kept, token);
    }

    #[test]
    fn a_checkpoint_is_replaced_with_a_new_revision() {
        let store = store();
        assert_eq!(
            store
                .put_local("org", "cp", json!({"last_seq": 3}))
                .expect("put"),
            "0-1"
        );
        assert_eq!(
            store
                .put_local("org", "cp", json!({"last_seq": 9}))
                .expect("put"),
            "0-2"
        );
        assert_eq!(
            store
                .get_local("org", "cp")
                .expect("get")
                .and_then(|b| b["last_seq"].as_i64()),
            Some(9)
        );
    }
}
