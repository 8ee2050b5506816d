//! The relay's one SQLite file: organisations' databases, device tokens (only their hashes),
//! the sealed documents in arrival order, invitations, and `_local` checkpoints.
//!
//! One connection writes, in IMMEDIATE transactions (a writer takes the lock up front and
//! waits for another process – `create-org` – instead of failing half-way with "database is
//! locked"); readers have connections of their own, which WAL lets read while the writer
//! writes, so one organisation's big pages never hold up another's small request.

mod devices;
mod docs;
mod purge;
mod schema;

pub use devices::{DeviceInfo, InvitationInfo, Joined, Removal, RequestingDevice};
pub use docs::{revision_of, PutError, Stored, StoredDoc};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// How long a write waits for another process holding the file's lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// Reader connections kept open for reuse; more are opened when needed.
const KEPT_READERS: usize = 8;

/// Bytes of sealed documents one organisation may keep (changes of a large association over
/// many years are tens of MB; this stops one organisation from filling the server's disk).
pub const DEFAULT_QUOTA_BYTES: i64 = 1024 * 1024 * 1024;

pub struct Store {
    writer: Mutex<Connection>,
    /// The file the readers open; `None` for an in-memory store, where the writer reads too.
    path: Option<PathBuf>,
    readers: Mutex<Vec<Connection>>,
    quota_bytes: i64,
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// `BYTES` random bytes from the operating system, as hex: device keys and invitations.
pub(crate) fn random_hex<const BYTES: usize>() -> rusqlite::Result<String> {
    let mut secret = [0u8; BYTES];
    getrandom::fill(&mut secret).map_err(|err| {
        rusqlite::Error::ToSqlConversionFailure(format!("no randomness: {err}").into())
    })?;
    Ok(hex(&secret))
}

/// A panic while holding a lock leaves SQLite consistent (every write is a transaction), so
/// a poisoned lock is still safe to use.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A store with organisation "org" and one device in it, for tests.
#[cfg(test)]
pub(crate) fn with_one_device(store: Store) -> (Store, RequestingDevice) {
    store.create_database("org").expect("db");
    let token = store.add_device("org", "phone").expect("device");
    let device = store
        .device_for_token(&token)
        .expect("lookup")
        .expect("known");
    (store, device)
}

impl Store {
    pub fn open(path: &Path) -> rusqlite::Result<Store> {
        let writer = Connection::open(path)?;
        let mut store = Self::from_connection(writer)?;
        store.path = Some(path.to_owned());
        Ok(store)
    }

    pub fn in_memory() -> rusqlite::Result<Store> {
        Self::from_connection(Connection::open_in_memory()?)
    }

    fn from_connection(connection: Connection) -> rusqlite::Result<Store> {
        connection.busy_timeout(BUSY_TIMEOUT)?;
        schema::migrate(&connection)?;
        Ok(Store {
            writer: Mutex::new(connection),
            path: None,
            readers: Mutex::new(Vec::new()),
            quota_bytes: DEFAULT_QUOTA_BYTES,
        })
    }

    /// The same store with another per-organisation quota.
    pub fn with_quota(mut self, bytes: i64) -> Store {
        self.quota_bytes = bytes;
        self
    }

    /// Runs `work` in one IMMEDIATE transaction: all of it is stored, or none (an error
    /// rolls it back).
    pub(crate) fn write<T, E: From<rusqlite::Error>>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut connection = lock(&self.writer);
        let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let result = work(&tx)?;
        tx.commit()?;
        Ok(result)
    }

    /// Runs `work` on a connection of its own that does not wait for the writer (for an
    /// in-memory store, on the writer's).
    pub(crate) fn read<T>(
        &self,
        work: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        let Some(path) = &self.path else {
            return work(&lock(&self.writer));
        };
        let pooled = lock(&self.readers).pop();
        let connection = match pooled {
            Some(connection) => connection,
            None => {
                let connection = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                connection.busy_timeout(BUSY_TIMEOUT)?;
                connection
            }
        };
        let result = work(&connection);
        let mut kept = lock(&self.readers);
        if kept.len() < KEPT_READERS {
            kept.push(connection);
        }
        result
    }

    pub fn create_database(&self, name: &str) -> rusqlite::Result<()> {
        self.write(|tx| {
            tx.execute("INSERT OR IGNORE INTO databases (name) VALUES (?1)", [name])?;
            Ok::<_, rusqlite::Error>(())
        })
    }

    pub fn database_exists(&self, name: &str) -> rusqlite::Result<bool> {
        self.read(|c| {
            c.prepare_cached("SELECT 1 FROM databases WHERE name = ?1")?
                .exists([name])
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_read_is_answered_while_another_process_holds_the_write_lock_and_a_write_then_waits() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("relay.sqlite");
        let store = Store::open(&path).expect("store");
        store.create_database("org").expect("db");
        let device = store.add_device("org", "phone").expect("device");
        let device = store
            .device_for_token(&device)
            .expect("lookup")
            .expect("known");
        // `create-org` in another process: a write transaction held for a moment.
        let other = Connection::open(&path).expect("second connection");
        other.execute_batch("BEGIN IMMEDIATE").expect("lock");
        assert_eq!(store.info("org").expect("read while locked"), (0, 0));
        let released = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            other.execute_batch("COMMIT").expect("unlock");
        });
        // Waits for the lock instead of failing with "database is locked".
        let stored = store
            .put_docs(&device, vec![json!({"_id": "a", "sealed": "AAAA"})])
            .expect("written after the lock");
        assert!(matches!(stored[0], Stored::Ok { .. }));
        released.join().expect("thread");
    }
}
