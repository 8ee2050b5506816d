//! The tables, and what each later relay added to a file an earlier one made (columns are
//! added where missing, so every older file opens with its data).

use rusqlite::Connection;

pub(super) fn migrate(connection: &Connection) -> rusqlite::Result<()> {
    connection.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA foreign_keys = ON;
         -- Deleted content is overwritten, not left in free pages (`purge`).
         PRAGMA secure_delete = ON;
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
         CREATE TABLE IF NOT EXISTS local_docs (
             db TEXT NOT NULL REFERENCES databases(name),
             id TEXT NOT NULL,
             body TEXT NOT NULL,
             PRIMARY KEY (db, id)
         );
         -- `_changes` reads one organisation's documents in sequence order.
         CREATE INDEX IF NOT EXISTS docs_by_db_seq ON docs (db, seq);
         -- Failed joins, by the client address they came from (pruned after the window).
         DROP TABLE IF EXISTS join_failures;
         CREATE TABLE IF NOT EXISTS failed_joins (client TEXT NOT NULL, at INTEGER NOT NULL);
         CREATE INDEX IF NOT EXISTS failed_joins_by_client ON failed_joins (client, at);
         CREATE INDEX IF NOT EXISTS failed_joins_by_time ON failed_joins (at);
         -- Ids of documents purged (an erased person's changes): never stored again.
         CREATE TABLE IF NOT EXISTS purged (
             db TEXT NOT NULL REFERENCES databases(name),
             id TEXT NOT NULL,
             PRIMARY KEY (db, id)
         );",
    )?;
    // Short invitation codes: the sealed invitation the relay keeps for them.
    add_column(connection, "invitations", "sealed", "TEXT")?;
    // Invitations die with the device that made them (NULL: made by `create-org`'s operator).
    add_column(connection, "invitations", "created_by", "TEXT")?;
    // Per-device key sealing: each device's X25519 public key (hex).
    add_column(connection, "devices", "public_key", "TEXT")?;
    // The newest key epoch when the device joined: it never writes under an older one.
    add_column(
        connection,
        "devices",
        "joined_epoch",
        "INTEGER NOT NULL DEFAULT 0",
    )?;
    // The newest key epoch in the feed, and the bytes an organisation keeps (its quota).
    add_column(
        connection,
        "databases",
        "key_epoch",
        "INTEGER NOT NULL DEFAULT 0",
    )?;
    let added_bytes = add_column(
        connection,
        "databases",
        "bytes",
        "INTEGER NOT NULL DEFAULT 0",
    )?;
    if added_bytes {
        connection.execute_batch(
            "UPDATE databases SET bytes =
                 (SELECT COALESCE(SUM(LENGTH(body)), 0) FROM docs WHERE docs.db = databases.name)",
        )?;
    }
    Ok(())
}

/// Adds `column` to `table` unless it is there. Returns whether it was added.
fn add_column(
    connection: &Connection,
    table: &str,
    column: &str,
    definition: &str,
) -> rusqlite::Result<bool> {
    let exists = connection
        .prepare(&format!(
            "SELECT 1 FROM pragma_table_info('{table}') WHERE name = ?1"
        ))?
        .exists([column])?;
    if !exists {
        connection.execute_batch(&format!(
            "ALTER TABLE {table} ADD COLUMN {column} {definition}"
        ))?;
    }
    Ok(!exists)
}
