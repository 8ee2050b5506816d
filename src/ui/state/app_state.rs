//! The app's data in signals, and the one place where it is persisted. Components read the
//! signals and call these methods; none of them talks to storage directly.

use crate::domain::calendar::Date;
use crate::domain::case::{Case, CaseNote};
use crate::domain::change::{Change, Fields, RecordKind, RecordRow};
use crate::domain::consent::{ConsentEvent, OrganisationPurposes};
use crate::domain::deleted_together::{deleted_together, racing_delete};
use crate::domain::device_name::{device_record_id, DeviceName};
use crate::domain::directory::Directory;
use crate::domain::erasure::{erasure_fields, Erasure};
use crate::domain::merge::DELETION_CONFLICT;
use crate::domain::order::set_of;
use crate::domain::organisation::{OrganisationProfile, ORGANISATION_RECORD_ID};
use crate::domain::record_data::{changed_fields, RecordData};
use crate::domain::retention::{LeftMember, Retention};
use crate::domain::seed::{generate, SeedSize};
use crate::storage::error::StorageError;
use crate::storage::estimate::{is_persisted, request_persistence};
use crate::storage::{
    delete_database, new_id, Database, DatabaseEvent, Edit, EventSink, DATABASE_NAME,
    DEMO_DATABASE_NAME,
};
use crate::ui::state::app_lock::LockStatus;
use crate::ui::state::demo_mode;
use futures_channel::oneshot;
use leptos::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The device setting that holds who writes notes on this device (a phone usually has one
/// volunteer; a shared one shows the name, to be typed over).
const NOTE_AUTHOR: &str = "note_author";

/// Fills the demo database when it is opened for the first time: a made-up organisation with
/// its own name, so that the header says it is the demo.
async fn fill_demo(db: &Database) -> Result<(), StorageError> {
    if db.record(ORGANISATION_RECORD_ID).await?.is_some() {
        return Ok(());
    }
    db.import(&generate(
        SeedSize::DEMO,
        js_sys::Date::now() as u64,
        today_date(),
    ))
    .await?;
    let profile = OrganisationProfile {
        name: crate::i18n::texts().demo_org_name.to_owned(),
    };
    db.apply(vec![Edit::Set {
        record_id: ORGANISATION_RECORD_ID.to_owned(),
        kind: RecordKind::Organisation,
        fields: profile.to_fields(),
    }])
    .await?;
    Ok(())
}

/// How far `open_database` got.
#[derive(PartialEq, Eq)]
enum Opened {
    /// Loaded, or failed: waiting writes can go on (or fail).
    Done,
    /// At the lock screen: waiting writes wait for the unlock.
    Locked,
}

/// Whether storage can be used right now.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageStatus {
    Opening,
    Ready,
    /// App-wide problem (unavailable, blocked, upgraded elsewhere): shown on every page.
    Failed(StorageError),
}

/// Whether the browser promised to keep Lotse's data when the device runs short of space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    Unknown,
    Granted,
    NotGranted,
    /// Asked, and the browser said no.
    Denied,
}

/// Shared by all components through context. Copy, because it only holds signal handles.
#[derive(Clone, Copy)]
pub struct AppState {
    pub storage: RwSignal<StorageStatus>,
    pub organisation: RwSignal<Option<OrganisationProfile>>,
    /// How long finished things are kept (on the organisation's record, like its name).
    pub retention: RwSignal<Retention>,
    /// The organisation's own consent purposes and the consent form's text (same record).
    pub purposes: RwSignal<OrganisationPurposes>,
    pub device_id: RwSignal<Option<String>>,
    pub persistence: RwSignal<Persistence>,
    /// Members, offers, requests, cases and custom categories (notes are read per case).
    pub directory: RwSignal<Directory>,
    /// Counts local writes: sync follows it to send them soon.
    pub writes: RwSignal<u64>,
    /// Records that concurrent edits on two devices left for a person to settle.
    pub conflicts: RwSignal<BTreeSet<String>>,
    /// This visit shows the demo organisation (its own database, never synced).
    pub demo: bool,
    /// Whether this device has the app lock, and whether it is unlocked (`app_lock`).
    pub lock: RwSignal<LockStatus>,
    /// While the lock is being turned on or off: values gone through, values in all.
    pub lock_progress: RwSignal<Option<(usize, usize)>>,
    pub(super) db: StoredValue<Option<Rc<Database>>, LocalStorage>,
    /// Writes waiting for the database to finish opening (and, with the lock, unlocking).
    waiting: StoredValue<Vec<oneshot::Sender<()>>, LocalStorage>,
}

impl AppState {
    pub fn new() -> AppState {
        AppState {
            storage: RwSignal::new(StorageStatus::Opening),
            organisation: RwSignal::new(None),
            retention: RwSignal::new(Retention::default()),
            purposes: RwSignal::new(OrganisationPurposes::default()),
            device_id: RwSignal::new(None),
            persistence: RwSignal::new(Persistence::Unknown),
            directory: RwSignal::new(Directory::default()),
            writes: RwSignal::new(0),
            conflicts: RwSignal::new(BTreeSet::new()),
            demo: demo_mode::is_on(),
            lock: RwSignal::new(LockStatus::Off),
            lock_progress: RwSignal::new(None),
            db: StoredValue::new_local(None),
            waiting: StoredValue::new_local(Vec::new()),
        }
    }

    /// Opens the database and loads what the shell shows. Failures end up in `storage`. With
    /// the lock on, it stops at the lock screen: nothing is read, and writes and sync wait
    /// until `unlocked`.
    pub async fn open(self) {
        if self.open_database().await != Opened::Locked {
            self.wake_waiting();
        }
    }

    pub(super) fn wake_waiting(self) {
        self.waiting.update_value(|waiting| {
            for wake in waiting.drain(..) {
                let _ = wake.send(());
            }
        });
    }

    async fn open_database(self) -> Opened {
        let storage = self.storage;
        let on_event: EventSink = Rc::new(move |event| {
            let error = match event {
                DatabaseEvent::Blocked => StorageError::Blocked,
                DatabaseEvent::VersionChanged => StorageError::VersionChanged,
            };
            storage.set(StorageStatus::Failed(error));
        });
        let name = if self.demo {
            DEMO_DATABASE_NAME
        } else {
            DATABASE_NAME
        };
        match Database::open(name, on_event).await {
            Ok(db) => {
                if self.demo {
                    if let Err(err) = fill_demo(&db).await {
                        self.storage.set(StorageStatus::Failed(err));
                        return Opened::Done;
                    }
                } else {
                    // A demo ended last visit left its emptied database behind.
                    leptos::task::spawn_local(async {
                        let _ = delete_database(DEMO_DATABASE_NAME).await;
                    });
                }
                self.device_id.set(Some(db.device_id().to_owned()));
                let db = Rc::new(db);
                self.db.set_value(Some(db.clone()));
                // Not on the way to showing data: asked alongside the loading.
                let persistence = self.persistence;
                leptos::task::spawn_local(async move {
                    let granted = is_persisted().await.unwrap_or(false);
                    persistence.set(if granted {
                        Persistence::Granted
                    } else {
                        Persistence::NotGranted
                    });
                });
                match db.lock_record().await {
                    Ok(Some(record)) => {
                        self.lock.set(LockStatus::Locked(record));
                        return Opened::Locked;
                    }
                    Ok(None) => {}
                    Err(err) => {
                        self.storage.set(StorageStatus::Failed(err));
                        return Opened::Done;
                    }
                }
                self.load(db).await;
            }
            Err(err) => self.storage.set(StorageStatus::Failed(err)),
        }
        Opened::Done
    }

    /// Reads what the shell shows from the open (and, with the lock, unlocked) database.
    pub(super) async fn load(self, db: Rc<Database>) {
        let directory = self.directory;
        let loaded = async {
            let organisation: Option<RecordRow> = db.record(ORGANISATION_RECORD_ID).await?;
            self.organisation.set(
                organisation
                    .as_ref()
                    .and_then(OrganisationProfile::from_row),
            );
            if let Some(row) = &organisation {
                self.retention.set(Retention::from_row(row));
                self.purposes.set(OrganisationPurposes::from_row(row));
            }
            // The helper list can be shown from the members alone; storage stays
            // "opening" (forms and writes wait) until everything is read.
            let (people, rest) = db.read_directory().await?;
            directory.set(people);
            after_next_paint().await;
            rest.read().await
        };
        match loaded.await {
            Ok(rest) => {
                directory.update(|d| d.add_rest(rest));
                self.storage.set(StorageStatus::Ready);
                // Not on the way to showing data: read after it.
                let conflicts = self.conflicts;
                leptos::task::spawn_local(async move {
                    if let Ok(rows) = db.conflicted().await {
                        conflicts.set(set_of(rows.into_iter().map(|row| row.id)));
                    }
                });
            }
            Err(err) => self.storage.set(StorageStatus::Failed(err)),
        }
    }

    /// The open database. A write that comes while it is still opening (a quick tap right after
    /// start) waits for the opening instead of failing.
    pub(crate) async fn database(&self) -> Result<Rc<Database>, StorageError> {
        if self.storage.get_untracked() == StorageStatus::Opening {
            let (wake, woken) = oneshot::channel();
            self.waiting.update_value(|waiting| waiting.push(wake));
            // `open` wakes every waiter when it ends, ready or failed.
            let _ = woken.await;
        }
        if let StorageStatus::Failed(err) = self.storage.get_untracked() {
            return Err(err);
        }
        self.db
            .get_value()
            .ok_or_else(|| StorageError::Unavailable("the database is not open yet".into()))
    }

    /// This device's id, once the database that keeps it is open.
    pub async fn this_device_id(self) -> Result<String, StorageError> {
        Ok(self.database().await?.device_id().to_owned())
    }

    /// Saves the organisation's profile; on success every view showing it updates.
    pub async fn save_organisation(self, profile: OrganisationProfile) -> Result<(), StorageError> {
        self.save_organisation_fields(profile.to_fields()).await
    }

    /// Saves how long finished things are kept: fields of the organisation's record of their
    /// own, so a name edited on another phone at the same time is no conflict.
    pub async fn save_retention(self, rules: Retention) -> Result<(), StorageError> {
        self.save_organisation_fields(rules.to_fields()).await
    }

    /// Saves the organisation's own consent purposes and the consent form's text (fields of
    /// its record, like retention).
    pub async fn save_purposes(self, purposes: OrganisationPurposes) -> Result<(), StorageError> {
        self.save_organisation_fields(purposes.to_fields()).await
    }

    /// Sets these fields of the organisation's record (every view of it updates).
    async fn save_organisation_fields(self, fields: Fields) -> Result<(), StorageError> {
        let edit = Edit::Set {
            record_id: ORGANISATION_RECORD_ID.to_owned(),
            kind: RecordKind::Organisation,
            fields,
        };
        self.apply(vec![edit]).await.map(drop)
    }

    /// Records consents given or withdrawn: one new record each, in one transaction.
    pub async fn record_consents(self, events: Vec<ConsentEvent>) -> Result<(), StorageError> {
        let mut edits = Vec::with_capacity(events.len());
        for event in events {
            edits.push(Edit::Set {
                record_id: new_id()?,
                kind: RecordKind::Consent,
                fields: event.to_fields(),
            });
        }
        self.apply(edits).await.map(drop)
    }

    /// The members who left (deleted members), with their offers, for retention.
    pub async fn left_members(self) -> Result<Vec<LeftMember>, StorageError> {
        let db = self.database().await?;
        let members = db.deleted_rows(RecordKind::Member).await?;
        let offers = db.deleted_rows(RecordKind::Offer).await?;
        Ok(LeftMember::from_rows(&members, &offers))
    }

    /// Creates (`before` = None) or updates a record, storing only the fields that changed.
    /// Returns the record's id.
    pub async fn save<T: RecordData>(
        self,
        before: Option<&T>,
        after: &T,
    ) -> Result<String, StorageError> {
        let id = if after.id().is_empty() {
            new_id()?
        } else {
            after.id().to_owned()
        };
        let old = before.map(RecordData::to_fields).unwrap_or_default();
        let fields = changed_fields(&old, &after.to_fields());
        if fields.is_empty() && before.is_some() {
            return Ok(id);
        }
        self.apply(vec![Edit::Set {
            record_id: id.clone(),
            kind: T::KIND,
            fields,
        }])
        .await?;
        Ok(id)
    }

    /// Deletes a record (kept in the change log, gone from every list).
    pub async fn delete(self, record_id: &str) -> Result<(), StorageError> {
        self.apply(vec![Edit::Delete {
            record_id: record_id.to_owned(),
        }])
        .await
        .map(drop)
    }

    /// Deletes a member together with their offers, in one transaction: an offer must never
    /// outlive its member, not even when the device fails half-way.
    pub async fn delete_member(self, member_id: &str) -> Result<(), StorageError> {
        let mut ids: Vec<String> = self
            .directory
            .with_untracked(|d| d.offers_of(member_id).map(|o| o.id.clone()).collect());
        ids.push(member_id.to_owned());
        let edits = ids
            .into_iter()
            .map(|record_id| Edit::Delete { record_id })
            .collect();
        self.apply(edits).await.map(drop)
    }

    /// Appends a note to a case; a follow-up date on the note becomes the case's next one.
    /// Both are stored in one transaction.
    pub async fn add_note(self, case: &Case, mut note: CaseNote) -> Result<(), StorageError> {
        let note_id = new_id()?;
        note.case_id = case.id.clone();
        let mut edits = vec![Edit::Set {
            record_id: note_id,
            kind: RecordKind::Note,
            fields: note.to_fields(),
        }];
        if !note.follow_up.is_empty() && note.follow_up != case.follow_up {
            let fields = Fields::from([(
                "follow_up".to_owned(),
                serde_json::Value::String(note.follow_up.clone()),
            )]);
            edits.push(Edit::Set {
                record_id: case.id.clone(),
                kind: RecordKind::Case,
                fields,
            });
        }
        self.apply(edits).await.map(drop)
    }

    /// Erases a person (see `domain::erasure`): the records of a plan go from this device
    /// with their history, the erasure record that takes it to every other device and the
    /// anonymous copies of their requests are written – one transaction.
    pub async fn erase(self, erasure: &Erasure) -> Result<(), StorageError> {
        let mut edits = vec![Edit::Set {
            record_id: new_id()?,
            kind: RecordKind::Erasure,
            fields: erasure_fields(&erasure.erased, &erasure.figures),
        }];
        for copy in &erasure.anonymous {
            edits.push(Edit::Set {
                record_id: new_id()?,
                kind: RecordKind::Request,
                fields: copy.to_fields(),
            });
        }
        let (rows, removed) = self.database().await?.erase(&erasure.erased, edits).await?;
        self.forget(&removed);
        self.absorb(&rows);
        Ok(())
    }

    /// Drops erased records from the in-memory view.
    pub fn forget(self, ids: &HashSet<String>) {
        if !ids.is_empty() {
            self.directory.update(|directory| directory.forget(ids));
            self.conflicts
                .update(|conflicted| conflicted.retain(|id| !ids.contains(id)));
        }
    }

    /// The name notes are written under on this device (the last one used), if any.
    pub async fn note_author(self) -> Result<Option<String>, StorageError> {
        self.database().await?.device_setting(NOTE_AUTHOR).await
    }

    /// Remembers `name` as the writer of this device's next notes.
    pub async fn remember_note_author(self, name: &str) -> Result<(), StorageError> {
        self.database()
            .await?
            .save_device_setting(NOTE_AUTHOR, name)
            .await
    }

    /// What the organisation's people call this device, once it was named.
    pub fn own_device_name(self) -> Option<DeviceName> {
        let device = self.device_id.get()?;
        self.directory
            .with(|d| d.devices.get(&device_record_id(&device)).cloned())
    }

    /// Names this device (`name`), or records the id the relay knows it by (`relay_id`),
    /// keeping whichever of the two is not given. Synced like every record: end-to-end
    /// encrypted, so the relay never learns whose phone it is.
    pub async fn name_this_device(
        self,
        name: Option<String>,
        relay_id: Option<String>,
    ) -> Result<(), StorageError> {
        let device = self
            .device_id
            .get_untracked()
            .ok_or_else(|| StorageError::Unavailable("the database is not open yet".into()))?;
        let id = device_record_id(&device);
        let before = self
            .directory
            .with_untracked(|d| d.devices.get(&id).cloned());
        let after = DeviceName {
            id,
            device,
            name: name
                .or_else(|| before.as_ref().map(|b| b.name.clone()))
                .unwrap_or_default(),
            relay_id: relay_id.or_else(|| before.as_ref().and_then(|b| b.relay_id.clone())),
        };
        self.save(before.as_ref(), &after).await.map(drop)
    }

    /// The notes of a case, in no particular order (see `case::timeline`).
    pub async fn notes_of(self, case_id: &str) -> Result<Vec<CaseNote>, StorageError> {
        let rows = self.database().await?.notes_of_case(case_id).await?;
        Ok(rows.iter().filter_map(CaseNote::from_row).collect())
    }

    /// What storage holds about a person beyond the directory (for the access page): the
    /// notes of `cases`, and every change of `records` and of those notes, as written.
    pub async fn held_beyond(
        self,
        cases: &[String],
        records: &[String],
    ) -> Result<(Vec<CaseNote>, Vec<Change>), StorageError> {
        let db = self.database().await?;
        let mut notes = Vec::new();
        for case in cases {
            let rows = db.notes_of_case(case).await?;
            notes.extend(rows.iter().filter_map(CaseNote::from_row));
        }
        let mut changes = Vec::new();
        let note_ids = notes.iter().map(|n| n.id.as_str());
        for id in records.iter().map(String::as_str).chain(note_ids) {
            changes.extend(db.changes_of(id).await?);
        }
        Ok((notes, changes))
    }

    /// Deletes what this device holds before it joins an organisation (the person chose to
    /// start clean rather than send it to every phone there).
    pub async fn discard_local_data(self) -> Result<(), StorageError> {
        self.database().await?.wipe_organisation().await?;
        self.directory.set(Directory::default());
        self.organisation.set(None);
        self.conflicts.set(BTreeSet::new());
        Ok(())
    }

    /// Shows the demo organisation instead of this device's own (which stays as it is).
    /// False if the browser keeps no local settings.
    pub fn start_demo(self) -> bool {
        demo_mode::switch(true, "/")
    }

    /// Ends the demo: its made-up data is deleted at once, and the app starts again at
    /// `then` with this device's own organisation.
    pub async fn end_demo(self, then: &str) -> Result<(), StorageError> {
        self.database().await?.wipe_organisation().await?;
        if demo_mode::switch(false, then) {
            Ok(())
        } else {
            Err(StorageError::Unavailable(
                "local settings are not kept".into(),
            ))
        }
    }

    /// Every write goes through here: storage first, then the in-memory directory.
    async fn apply(self, edits: Vec<Edit>) -> Result<Vec<RecordRow>, StorageError> {
        let rows: Vec<RecordRow> = self.database().await?.apply(edits).await?;
        self.absorb(&rows);
        self.writes.update(|n| *n += 1);
        // The first real data is when the user has something to lose, and when a browser
        // that asks (Firefox) asks in context.
        if self.persistence.get_untracked() == Persistence::NotGranted && !self.demo {
            self.request_persistence(false).await;
        }
        Ok(rows)
    }

    /// Brings the in-memory view up to date with rows just stored – by a local edit or by
    /// sync – without reading storage again.
    pub fn absorb(self, rows: &[RecordRow]) {
        if rows.is_empty() {
            return;
        }
        self.directory
            .update(|directory| rows.iter().for_each(|row| directory.apply(row)));
        self.conflicts.update(|ids| {
            for row in rows {
                if row.conflicted.is_some() {
                    ids.insert(row.id.clone());
                } else {
                    ids.remove(&row.id);
                }
            }
        });
        if let Some(row) = rows.iter().rev().find(|r| r.id == ORGANISATION_RECORD_ID) {
            self.organisation.set(OrganisationProfile::from_row(row));
            self.retention.set(Retention::from_row(row));
            self.purposes.set(OrganisationPurposes::from_row(row));
        }
    }

    /// The stored row of a record, with its conflicts.
    pub async fn row(self, record_id: &str) -> Result<Option<RecordRow>, StorageError> {
        self.database().await?.record(record_id).await
    }

    /// Settles a conflict: `value` becomes the field's value, as an edit made on top of every
    /// concurrent version, so it syncs like any edit and ends the conflict everywhere.
    pub async fn resolve(
        self,
        record_id: &str,
        kind: RecordKind,
        field: &str,
        value: serde_json::Value,
    ) -> Result<(), StorageError> {
        let keep = field == DELETION_CONFLICT && value != serde_json::Value::Bool(true);
        let edit = match (field, value) {
            // A delete that raced an edit: delete after all, or keep (an empty edit on top).
            (DELETION_CONFLICT, serde_json::Value::Bool(true)) => Edit::Delete {
                record_id: record_id.to_owned(),
            },
            (DELETION_CONFLICT, _) => Edit::Set {
                record_id: record_id.to_owned(),
                kind,
                fields: Fields::new(),
            },
            (field, value) => Edit::Set {
                record_id: record_id.to_owned(),
                kind,
                fields: Fields::from([(field.to_owned(), value)]),
            },
        };
        let mut edits = vec![edit];
        if keep && kind == RecordKind::Member {
            edits.extend(self.offers_deleted_with(record_id).await?);
        }
        self.apply(edits).await.map(drop)
    }

    /// A member is deleted together with their offers (`delete_member`); keeping the member
    /// after all brings those offers back too (edits on top of their deletes), not offers
    /// deleted on their own before (`domain::deleted_together`).
    async fn offers_deleted_with(self, member_id: &str) -> Result<Vec<Edit>, StorageError> {
        let db = self.database().await?;
        let Some(deletion) = db.record(member_id).await?.as_ref().and_then(racing_delete) else {
            return Ok(Vec::new());
        };
        Ok(db
            .deleted_offers_of(member_id)
            .await?
            .into_iter()
            .filter(|offer| deleted_together(offer, &deletion))
            .map(|offer| Edit::Set {
                record_id: offer.id,
                kind: RecordKind::Offer,
                fields: Fields::new(),
            })
            .collect())
    }

    /// Asks the browser to keep Lotse's data even when space runs short. Only when the person
    /// pressed the button does a refusal say so (with the tip); a quiet refusal of the
    /// automatic request at the first save leaves "not allowed" and the button with its why.
    pub async fn request_persistence(self, asked_by_person: bool) {
        let granted = request_persistence().await.unwrap_or(false);
        self.persistence.set(match (granted, asked_by_person) {
            (true, _) => Persistence::Granted,
            (false, true) => Persistence::Denied,
            (false, false) => Persistence::NotGranted,
        });
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// Resolves once the browser has painted what is in the DOM now: a frame, then a task after
/// it (awaiting only the frame would resume before the paint and hold it back). A tab in
/// the background gets no frames, so at most 100 ms are waited for one.
async fn after_next_paint() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let painted = js_sys::Promise::new(&mut |resolve, _| {
        let after_frame = window.clone();
        let resolve_after_frame = resolve.clone();
        let next_task = Closure::once_into_js(move || {
            let _ = after_frame.set_timeout_with_callback(resolve_after_frame.unchecked_ref());
        });
        let _ = window.request_animation_frame(next_task.unchecked_ref());
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 100);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(painted).await;
}

/// Today's date on this device (local time).
pub fn today_date() -> Date {
    let now = js_sys::Date::new_0();
    Date {
        year: now.get_full_year() as i32,
        month: now.get_month() + 1,
        day: now.get_date(),
    }
}

/// Today's date on this device ("YYYY-MM-DD", local time).
pub fn today() -> String {
    today_date().to_string()
}

/// Now on this device as "YYYY-MM-DDTHH:MM" (local time), for note timestamps.
/// Now to the millisecond (UTC, ISO 8601): orders what is recorded in quick succession, such
/// as a consent given and withdrawn within a minute.
pub fn now_precise() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

pub fn now_local() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{}T{:02}:{:02}",
        today(),
        now.get_hours(),
        now.get_minutes()
    )
}

/// The app state from context; it is provided by `App` before any page renders.
/// The app state the shell provides. A component outside it is a bug, and must say so at
/// once rather than work on a fresh state that stays "opening" for ever.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
