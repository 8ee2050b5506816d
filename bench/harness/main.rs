//! Benchmark harness (not part of the app): a page that exposes Lotse's storage layer to the
//! benchmark script, so it can fill the app's database with a large organisation and time
//! writes through the storage layer next to plain IndexedDB calls in the same browser run.
//! Built by scripts/bench.sh with Trunk from bench/harness/index.html.

#[cfg(target_arch = "wasm32")]
mod harness {
    use lotse::domain::app_lock::{
        wrap_key, KdfParams, LockRecord, Migration, NonceSource, RestKey,
    };
    use lotse::domain::calendar::Date;
    use lotse::domain::change::{Change, LocalEdit};
    use lotse::domain::hlc::Stamp;
    use lotse::domain::seed::{generate, SeedRecord, SeedSize};
    use lotse::domain::sync::sealed::seal;
    use lotse::storage::{random_bytes, Database, EventSink, KnownRecords, DATABASE_NAME};
    use lotse::unlock::passphrase;
    use serde::Serialize;
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;

    fn today() -> Date {
        Date::parse("2026-11-25").unwrap_or(Date {
            year: 2026,
            month: 11,
            day: 25,
        })
    }

    /// A stamp as a phone writes it (the app's own clock format), `millis` into the epoch.
    fn stamp(millis: u64) -> String {
        Stamp {
            millis,
            counter: 0,
            device: "bench".to_owned(),
        }
        .to_string()
    }

    fn now() -> f64 {
        web_sys::window()
            .and_then(|w| w.performance())
            .map(|p| p.now())
            .unwrap_or(0.0)
    }

    fn fail(err: impl std::fmt::Debug) -> JsValue {
        JsValue::from_str(&format!("{err:?}"))
    }

    async fn open(name: &str) -> Result<Database, JsValue> {
        let ignore: EventSink = Rc::new(|_| {});
        Database::open(name, ignore).await.map_err(fail)
    }

    /// Stores `records` in database `name` through the storage layer; returns the milliseconds
    /// of the writing alone.
    async fn timed_import(name: &str, records: &[SeedRecord]) -> Result<f64, JsValue> {
        let db = open(name).await?;
        let start = now();
        db.import(records).await.map_err(fail)?;
        let elapsed = now() - start;
        db.close();
        Ok(elapsed)
    }

    fn members(count: usize) -> Vec<SeedRecord> {
        let size = SeedSize {
            members: count,
            offers: 0,
            requests: 0,
            cases: 0,
            notes: 0,
            history: 0,
            consents: false,
        };
        generate(size, 7, today())
    }

    /// The organisation both seeding functions store (the same records each time).
    fn organisation(
        members: usize,
        offers: usize,
        requests: usize,
        cases: usize,
        notes: usize,
    ) -> Vec<SeedRecord> {
        let size = SeedSize {
            members,
            offers,
            requests,
            cases,
            notes,
            // The benchmark organisation's year of history (see `SeedSize::LARGE`).
            history: requests,
            consents: false,
        };
        generate(size, 42, today())
    }

    /// Fills the app's own database with a generated organisation; returns the milliseconds.
    #[wasm_bindgen]
    pub async fn seed_app(
        members: usize,
        offers: usize,
        requests: usize,
        cases: usize,
        notes: usize,
    ) -> Result<f64, JsValue> {
        let records = organisation(members, offers, requests, cases, notes);
        timed_import(DATABASE_NAME, &records).await
    }

    /// Fills the app's own database with the same organisation as `seed_app`, as a phone
    /// receives it by sync: another device's changes, applied in pulled batches of 1,000.
    #[wasm_bindgen]
    pub async fn seed_app_as_synced(
        members: usize,
        offers: usize,
        requests: usize,
        cases: usize,
        notes: usize,
    ) -> Result<f64, JsValue> {
        let changes: Vec<Change> = organisation(members, offers, requests, cases, notes)
            .into_iter()
            .enumerate()
            .map(|(n, record)| {
                LocalEdit::new(
                    format!("synced-change-{n}"),
                    &record.id,
                    record.kind,
                    record.fields,
                    format!("{:015}-0000-other-phone", 1_700_000_000_000u64 + n as u64),
                    "other-phone",
                    None,
                )
                .change
            })
            .collect();
        let db = open(DATABASE_NAME).await?;
        let start = now();
        let mut known = KnownRecords::default();
        for (page, batch) in changes.chunks(1_000).enumerate() {
            db.apply_pulled(batch.to_vec(), &page.to_string(), &[], &mut known)
                .await
                .map_err(fail)?;
        }
        let elapsed = now() - start;
        db.close();
        Ok(elapsed)
    }

    /// Writes `count` member records through the storage layer into database `name`
    /// (change + row each, one transaction); returns the milliseconds.
    #[wasm_bindgen]
    pub async fn write_via_storage(name: String, count: usize) -> Result<f64, JsValue> {
        timed_import(&name, &members(count)).await
    }

    /// The same as `write_via_storage` with the app lock on: every change and page sealed.
    #[wasm_bindgen]
    pub async fn write_sealed(name: String, count: usize) -> Result<f64, JsValue> {
        let db = open(&name).await?;
        db.use_key(Some(RestKey::new([5; 32], NonceSource::new([6; 16]))), true);
        let records = members(count);
        let start = now();
        db.import(&records).await.map_err(fail)?;
        let elapsed = now() - start;
        db.close();
        Ok(elapsed)
    }

    /// Turns the app lock on for the app's own database, as settings do (the passphrase's
    /// key from WebCrypto, every stored value sealed); returns the milliseconds of sealing.
    #[wasm_bindgen]
    pub async fn lock_app(typed: String) -> Result<f64, JsValue> {
        let db = open(DATABASE_NAME).await?;
        let kdf = KdfParams::new(random_bytes().map_err(fail)?);
        let wrapping = passphrase::derive(&typed, &kdf).await.map_err(fail)?;
        let key: [u8; 32] = random_bytes().map_err(fail)?;
        let nonce = random_bytes().map_err(fail)?;
        let mut record = LockRecord::new(kdf, wrap_key(&wrapping, &key, nonce));
        db.save_lock_record(Some(&record)).await.map_err(fail)?;
        db.use_key(
            Some(RestKey::new(
                key,
                NonceSource::new(random_bytes().map_err(fail)?),
            )),
            true,
        );
        let start = now();
        db.convert_all(true, None, &|_, _| {}).await.map_err(fail)?;
        let elapsed = now() - start;
        record.migration = Migration::Sealed;
        db.save_lock_record(Some(&record)).await.map_err(fail)?;
        db.close();
        Ok(elapsed)
    }

    /// `count` changes of a generated organisation, sealed with `key` (32 bytes) as epoch 1:
    /// the JSON array a phone would have pushed, for the initial-sync benchmark.
    #[wasm_bindgen]
    pub fn sealed_changes(count: usize, key: &[u8]) -> Result<String, JsValue> {
        let key: [u8; 32] = key.try_into().map_err(fail)?;
        let size = SeedSize {
            members: count / 4,
            offers: count / 2,
            requests: count / 8,
            cases: count - count / 4 - count / 2 - count / 8,
            notes: 0,
            history: 0,
            consents: false,
        };
        let mut docs = Vec::with_capacity(count);
        for (n, record) in generate(size, 11, today()).iter().enumerate() {
            let edit = LocalEdit::new(
                format!("bench-change-{n}"),
                &record.id,
                record.kind,
                record.fields.clone(),
                stamp(1_700_000_000_000 + n as u64),
                "bench",
                None,
            );
            let mut nonce = [0u8; 24];
            nonce[..8].copy_from_slice(&(n as u64).to_le_bytes());
            docs.push(seal(&edit.change, 1, &key, nonce).map_err(fail)?);
        }
        serde_json::to_string(&docs).map_err(fail)
    }

    /// The same records as plain JS objects, [change, row] pairs, for the plain-IndexedDB baseline.
    #[wasm_bindgen]
    pub fn plain_records(count: usize) -> Result<js_sys::Array, JsValue> {
        let records = members(count);
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let out = js_sys::Array::new();
        for (n, record) in records.iter().enumerate() {
            let edit = LocalEdit::new(
                format!("change-{n}"),
                &record.id,
                record.kind,
                record.fields.clone(),
                stamp(1_700_000_000_000 + n as u64),
                "bench",
                None,
            );
            let pair = js_sys::Array::new();
            pair.push(&edit.change.serialize(&serializer).map_err(fail)?);
            pair.push(&edit.row.serialize(&serializer).map_err(fail)?);
            out.push(&pair);
        }
        Ok(out)
    }
}

fn main() {}
