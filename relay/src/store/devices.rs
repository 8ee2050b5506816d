//! Devices (only their tokens' hashes), invitations (only their secrets' hashes), joining,
//! removing, and the failed joins a rate limit counts.

use super::{random_hex, sha256_hex, Store};
use rusqlite::{params, OptionalExtension, Transaction};

/// The device behind a request.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestingDevice {
    pub db: String,
    /// The start of its token's hash: how the device list names it.
    pub id: String,
    pub name: String,
    token_hash: String,
    /// The newest key epoch when it joined.
    pub joined_epoch: i64,
}

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

/// An invitation not used yet, as the list of open invitations shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct InvitationInfo {
    /// The start of its secret's hash.
    pub id: String,
    pub expires: i64,
    /// Made by the device asking.
    pub mine: bool,
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
    /// No such invitation, cancelled, or its device was removed since.
    Unknown,
    Used,
    Expired,
}

/// The outcome of removing a device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Removal {
    Removed,
    NotFound,
    /// A device does not remove itself (the organisation would lose the phone doing it).
    Itself,
    /// It is the organisation's last device.
    Last,
}

const ID_DIGITS: usize = 16;

fn is_id(id: &str) -> bool {
    id.len() == ID_DIGITS && id.chars().all(|c| c.is_ascii_hexdigit())
}

fn key_epoch(tx: &Transaction<'_>, db: &str) -> rusqlite::Result<i64> {
    tx.query_row(
        "SELECT key_epoch FROM databases WHERE name = ?1",
        [db],
        |row| row.get(0),
    )
}

impl Store {
    /// Registers a device of `db` and returns its token (shown once; only its hash is kept).
    pub fn add_device(&self, db: &str, device: &str) -> rusqlite::Result<String> {
        let token = random_hex::<32>()?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO devices (token_hash, db, device, joined_epoch) VALUES (?1, ?2, ?3, ?4)",
                params![sha256_hex(token.as_bytes()), db, device, key_epoch(tx, db)?],
            )?;
            Ok::<_, rusqlite::Error>(())
        })?;
        Ok(token)
    }

    /// A one-time invitation to `db`, valid until `expires` (Unix seconds), made by `by` (it
    /// dies with that device). Returns the secret (128 bits, shown once; only its hash is
    /// kept).
    pub fn create_invitation(
        &self,
        db: &str,
        by: Option<&RequestingDevice>,
        expires: i64,
    ) -> rusqlite::Result<String> {
        let secret = random_hex::<16>()?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO invitations (secret_hash, db, expires, created_by) VALUES (?1, ?2, ?3, ?4)",
                params![sha256_hex(secret.as_bytes()), db, expires, by.map(|d| &d.token_hash)],
            )?;
            Ok::<_, rusqlite::Error>(())
        })?;
        Ok(secret)
    }

    /// A one-time invitation made with a short code: the inviting phone chose the verifier
    /// (only its hash is kept) and sealed the invitation, which is handed out once.
    pub fn add_sealed_invitation(
        &self,
        by: &RequestingDevice,
        verifier: &str,
        sealed: &str,
        expires: i64,
    ) -> rusqlite::Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO invitations (secret_hash, db, expires, sealed, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    sha256_hex(verifier.as_bytes()),
                    by.db,
                    expires,
                    sealed,
                    by.token_hash
                ],
            )?;
            Ok(())
        })
    }

    /// Turns a valid, unused, unexpired invitation into a new device token (one transaction:
    /// an invitation is used once even if two phones race). `db` is the organisation the
    /// invitation must be for; a short code does not name one. An invitation whose device was
    /// removed since is not known any more.
    pub fn join(
        &self,
        db: Option<&str>,
        secret: &str,
        device: &str,
        public_key: Option<&str>,
        now: i64,
    ) -> rusqlite::Result<Joined> {
        let hash = sha256_hex(secret.as_bytes());
        self.write(|tx| {
            let found: Option<(String, i64, bool, Option<String>)> = tx
                .query_row(
                    "SELECT i.db, i.expires, i.used, i.sealed FROM invitations i
                     LEFT JOIN devices d ON d.token_hash = i.created_by
                     WHERE i.secret_hash = ?1 AND (i.created_by IS NULL OR d.revoked = 0)",
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
            Ok(match found {
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
                        "INSERT INTO devices (token_hash, db, device, public_key, joined_epoch)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![
                            sha256_hex(token.as_bytes()),
                            db,
                            device,
                            public_key,
                            key_epoch(tx, &db)?
                        ],
                    )?;
                    Joined::Token { token, db, sealed }
                }
            })
        })
    }

    /// Counts a failed join from `client` (an address, or what stands for it), and drops the
    /// records older than `keep_since`: they count for nothing any more.
    pub fn record_failed_join(
        &self,
        client: &str,
        now: i64,
        keep_since: i64,
    ) -> rusqlite::Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM failed_joins WHERE at < ?1", [keep_since])?;
            tx.execute(
                "INSERT INTO failed_joins (client, at) VALUES (?1, ?2)",
                params![client, now],
            )?;
            Ok(())
        })
    }

    /// Failed joins since `since` (Unix seconds): from `client`, and from everyone.
    pub fn failed_joins(&self, client: &str, since: i64) -> rusqlite::Result<(i64, i64)> {
        self.read(|c| {
            let count = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> rusqlite::Result<i64> {
                c.prepare_cached(sql)?.query_row(args, |row| row.get(0))
            };
            Ok((
                count(
                    "SELECT COUNT(*) FROM failed_joins WHERE client = ?1 AND at >= ?2",
                    &[&client, &since],
                )?,
                count(
                    "SELECT COUNT(*) FROM failed_joins WHERE at >= ?1",
                    &[&since],
                )?,
            ))
        })
    }

    /// The active devices of `db`.
    pub fn devices(&self, asking: &RequestingDevice) -> rusqlite::Result<Vec<DeviceInfo>> {
        self.read(|c| {
            let mut statement = c.prepare_cached(
                "SELECT token_hash, device, public_key FROM devices
                 WHERE db = ?1 AND revoked = 0 ORDER BY rowid",
            )?;
            let rows = statement.query_map(params![asking.db], |row| {
                let hash: String = row.get(0)?;
                Ok(DeviceInfo {
                    id: hash[..ID_DIGITS].to_owned(),
                    name: row.get(1)?,
                    this: hash == asking.token_hash,
                    public_key: row.get(2)?,
                })
            })?;
            rows.collect()
        })
    }

    /// Records the public key of the device (replacing an earlier one).
    pub fn set_public_key(
        &self,
        device: &RequestingDevice,
        public_key: &str,
    ) -> rusqlite::Result<bool> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE devices SET public_key = ?2 WHERE token_hash = ?1 AND revoked = 0",
                params![device.token_hash, public_key],
            )?;
            Ok(changed > 0)
        })
    }

    /// Revokes the device of `by`'s organisation with this id, and the invitations it made.
    pub fn revoke(&self, by: &RequestingDevice, id: &str) -> rusqlite::Result<Removal> {
        if !is_id(id) {
            return Ok(Removal::NotFound);
        }
        if id == by.id {
            return Ok(Removal::Itself);
        }
        self.write(|tx| {
            let active: i64 = tx.query_row(
                "SELECT COUNT(*) FROM devices WHERE db = ?1 AND revoked = 0",
                [&by.db],
                |row| row.get(0),
            )?;
            let target: Option<String> = tx
                .query_row(
                    "SELECT token_hash FROM devices
                     WHERE db = ?1 AND substr(token_hash, 1, 16) = ?2 AND revoked = 0",
                    params![by.db, id],
                    |row| row.get(0),
                )
                .optional()?;
            let Some(target) = target else {
                return Ok(Removal::NotFound);
            };
            if active <= 1 {
                return Ok(Removal::Last);
            }
            tx.execute(
                "UPDATE devices SET revoked = 1 WHERE token_hash = ?1",
                [&target],
            )?;
            tx.execute(
                "DELETE FROM invitations WHERE created_by = ?1 AND used = 0",
                [&target],
            )?;
            Ok(Removal::Removed)
        })
    }

    /// The device a token belongs to, unless revoked.
    pub fn device_for_token(&self, token: &str) -> rusqlite::Result<Option<RequestingDevice>> {
        let token_hash = sha256_hex(token.as_bytes());
        self.read(|c| {
            c.prepare_cached(
                "SELECT db, device, joined_epoch FROM devices WHERE token_hash = ?1 AND revoked = 0",
            )?
            .query_row([&token_hash], |row| {
                Ok(RequestingDevice {
                    db: row.get(0)?,
                    id: token_hash[..ID_DIGITS].to_owned(),
                    name: row.get(1)?,
                    token_hash: token_hash.clone(),
                    joined_epoch: row.get(2)?,
                })
            })
            .optional()
        })
    }

    /// Whether `token` belonged to a device that was removed (its row stays, revoked): such a
    /// phone is told it was removed, a mistyped token only that it is not known.
    pub fn token_was_revoked(&self, token: &str) -> rusqlite::Result<bool> {
        let token_hash = sha256_hex(token.as_bytes());
        self.read(|c| {
            c.prepare_cached("SELECT 1 FROM devices WHERE token_hash = ?1 AND revoked = 1")?
                .query_row([&token_hash], |_| Ok(()))
                .optional()
                .map(|found| found.is_some())
        })
    }

    /// The organisation's invitations that can still be used.
    pub fn open_invitations(
        &self,
        asking: &RequestingDevice,
        now: i64,
    ) -> rusqlite::Result<Vec<InvitationInfo>> {
        self.read(|c| {
            let mut statement = c.prepare_cached(
                "SELECT i.secret_hash, i.expires, i.created_by FROM invitations i
                 LEFT JOIN devices d ON d.token_hash = i.created_by
                 WHERE i.db = ?1 AND i.used = 0 AND i.expires >= ?2
                   AND (i.created_by IS NULL OR d.revoked = 0)
                 ORDER BY i.expires",
            )?;
            let rows = statement.query_map(params![asking.db, now], |row| {
                let hash: String = row.get(0)?;
                let by: Option<String> = row.get(2)?;
                Ok(InvitationInfo {
                    id: hash[..ID_DIGITS].to_owned(),
                    expires: row.get(1)?,
                    mine: by.as_deref() == Some(asking.token_hash.as_str()),
                })
            })?;
            rows.collect()
        })
    }

    /// Cancels an open invitation of the organisation; false if there is none with this id.
    pub fn cancel_invitation(&self, asking: &RequestingDevice, id: &str) -> rusqlite::Result<bool> {
        if !is_id(id) {
            return Ok(false);
        }
        self.write(|tx| {
            let removed = tx.execute(
                "DELETE FROM invitations WHERE db = ?1 AND substr(secret_hash, 1, 16) = ?2 AND used = 0",
                params![asking.db, id],
            )?;
            Ok(removed > 0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn store() -> Store {
        let store = Store::in_memory().expect("store");
        store.create_database("org").expect("db");
        store
    }

    fn device(store: &Store, token: &str) -> RequestingDevice {
        store
            .device_for_token(token)
            .expect("lookup")
            .expect("known")
    }

    #[test]
    fn only_a_token_hash_is_kept_and_a_token_finds_its_device() {
        let store = store();
        let token = store.add_device("org", "phone of Olga").expect("device");
        assert_eq!(token.len(), 64);
        let found = device(&store, &token);
        assert_eq!(
            (found.db.as_str(), found.name.as_str()),
            ("org", "phone of Olga")
        );
        assert_eq!(store.device_for_token("guess").expect("lookup"), None);
        let kept: String = store
            .read(|c| c.query_row("SELECT token_hash FROM devices", [], |row| row.get(0)))
            .expect("row");
        assert_ne!(kept, token);
    }

    #[test]
    fn an_invitation_dies_with_the_device_that_made_it() {
        let store = store();
        let first = device(&store, &store.add_device("org", "one").expect("one"));
        let second = device(&store, &store.add_device("org", "two").expect("two"));
        let from_second = store
            .create_invitation("org", Some(&second), i64::MAX)
            .expect("invitation");
        store
            .add_sealed_invitation(&second, &"ab".repeat(32), "sealed", i64::MAX)
            .expect("short");
        assert_eq!(store.open_invitations(&first, 0).expect("open").len(), 2);
        assert_eq!(
            store.revoke(&first, &second.id).expect("revoke"),
            Removal::Removed
        );
        assert_eq!(
            store
                .join(Some("org"), &from_second, "new", None, 0)
                .expect("join"),
            Joined::Unknown
        );
        assert_eq!(
            store
                .join(None, &"ab".repeat(32), "new", None, 0)
                .expect("join"),
            Joined::Unknown
        );
        assert!(store.open_invitations(&first, 0).expect("open").is_empty());
    }

    #[test]
    fn a_device_removes_neither_itself_nor_the_last_one() {
        let store = store();
        let first = device(&store, &store.add_device("org", "one").expect("one"));
        assert_eq!(
            store.revoke(&first, &first.id).expect("self"),
            Removal::Itself
        );
        let second = device(&store, &store.add_device("org", "two").expect("two"));
        assert_eq!(
            store.revoke(&second, &first.id).expect("other"),
            Removal::Removed
        );
        assert_eq!(
            store.revoke(&second, &second.id).expect("self"),
            Removal::Itself
        );
        assert_eq!(store.devices(&second).expect("list").len(), 1);
    }

    #[test]
    fn failed_joins_are_counted_per_client_and_old_ones_pruned() {
        let store = store();
        for at in 0..5 {
            store.record_failed_join("10.0.0.1", at, 0).expect("record");
        }
        store.record_failed_join("10.0.0.2", 5, 0).expect("record");
        assert_eq!(store.failed_joins("10.0.0.1", 0).expect("count"), (5, 6));
        store
            .record_failed_join("10.0.0.2", 700, 600)
            .expect("record");
        let rows: i64 = store
            .read(|c| c.query_row("SELECT COUNT(*) FROM failed_joins", [], |row| row.get(0)))
            .expect("rows");
        assert_eq!(rows, 1, "only the recent one is kept");
    }

    #[test]
    fn a_file_from_before_short_codes_and_device_keys_opens_and_keeps_its_devices() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("old.sqlite");
        {
            // The tables as the first relay made them, with one device and one document.
            let old = Connection::open(&path).expect("old file");
            old.execute_batch(
                "CREATE TABLE databases (name TEXT PRIMARY KEY);
                 CREATE TABLE devices (token_hash TEXT PRIMARY KEY, db TEXT NOT NULL,
                     device TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
                 CREATE TABLE invitations (secret_hash TEXT PRIMARY KEY, db TEXT NOT NULL,
                     expires INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0);
                 CREATE TABLE docs (seq INTEGER PRIMARY KEY AUTOINCREMENT, db TEXT NOT NULL,
                     id TEXT NOT NULL, rev TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (db, id));
                 CREATE TABLE join_failures (db TEXT NOT NULL, at INTEGER NOT NULL);
                 INSERT INTO databases VALUES ('org');
                 INSERT INTO docs (db, id, rev, body) VALUES ('org', 'a', '1-x', '{\"_id\":\"a\"}');",
            )
            .expect("old tables");
            old.execute(
                "INSERT INTO devices (token_hash, db, device) VALUES (?1, 'org', 'old phone')",
                params![sha256_hex(b"old-token")],
            )
            .expect("old device");
        }
        let store = Store::open(&path).expect("opens");
        let old = device(&store, "old-token");
        assert_eq!(old.name, "old phone");
        assert!(store.set_public_key(&old, &"ab".repeat(32)).expect("key"));
        let devices = store.devices(&old).expect("devices");
        assert_eq!(devices[0].public_key, Some("ab".repeat(32)));
        assert!(devices[0].this);
        store
            .add_sealed_invitation(&old, &"cd".repeat(32), "sealed", i64::MAX)
            .expect("a short-code invitation");
        let used: i64 = store
            .read(|c| c.query_row("SELECT bytes FROM databases", [], |row| row.get(0)))
            .expect("bytes");
        assert_eq!(
            used,
            r#"{"_id":"a"}"#.len() as i64,
            "the quota counts what was there"
        );
    }
}
