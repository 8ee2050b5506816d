//! The app's data in signals, and the one place where it is persisted. Components read the
//! signals and call these methods; none of them talks to storage directly.

use crate::domain::change::RecordKind;
use crate::domain::organisation::{OrganisationProfile, ORGANISATION_RECORD_ID};
use crate::storage::estimate::{is_persisted, request_persistence};
use crate::storage::{Database, DatabaseEvent, EventSink, DATABASE_NAME};
use crate::storage_error::StorageError;
use leptos::prelude::*;
use std::rc::Rc;

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
    pub device_id: RwSignal<Option<String>>,
    pub persistence: RwSignal<Persistence>,
    db: StoredValue<Option<Rc<Database>>, LocalStorage>,
}

impl AppState {
    pub fn new() -> AppState {
        AppState {
            storage: RwSignal::new(StorageStatus::Opening),
            organisation: RwSignal::new(None),
            device_id: RwSignal::new(None),
            persistence: RwSignal::new(Persistence::Unknown),
            db: StoredValue::new_local(None),
        }
    }

    /// Opens the database and loads what the shell shows. Failures end up in `storage`.
    pub async fn open(self) {
        let storage = self.storage;
        let on_event: EventSink = Rc::new(move |event| {
            let error = match event {
                DatabaseEvent::Blocked => StorageError::Blocked,
                DatabaseEvent::VersionChanged => StorageError::VersionChanged,
            };
            storage.set(StorageStatus::Failed(error));
        });
        match Database::open(DATABASE_NAME, on_event).await {
            Ok(db) => {
                self.device_id.set(Some(db.device_id().to_owned()));
                let db = Rc::new(db);
                self.db.set_value(Some(db.clone()));
                let granted = is_persisted().await.unwrap_or(false);
                self.persistence.set(if granted {
                    Persistence::Granted
                } else {
                    Persistence::NotGranted
                });
                match db.record(ORGANISATION_RECORD_ID).await {
                    Ok(row) => {
                        self.organisation
                            .set(row.as_ref().and_then(OrganisationProfile::from_row));
                        self.storage.set(StorageStatus::Ready);
                    }
                    Err(err) => self.storage.set(StorageStatus::Failed(err)),
                }
            }
            Err(err) => self.storage.set(StorageStatus::Failed(err)),
        }
    }

    fn database(&self) -> Result<Rc<Database>, StorageError> {
        if let StorageStatus::Failed(err) = self.storage.get_untracked() {
            return Err(err);
        }
        self.db
            .get_value()
            .ok_or_else(|| StorageError::Unavailable("the database is not open yet".into()))
    }

    /// Saves the organisation's profile; on success every view showing it updates.
    pub async fn save_organisation(self, profile: OrganisationProfile) -> Result<(), StorageError> {
        let db = self.database()?;
        let row = db
            .edit(
                ORGANISATION_RECORD_ID,
                RecordKind::Organisation,
                profile.to_fields(),
            )
            .await?;
        self.organisation.set(OrganisationProfile::from_row(&row));
        // The first real data is the moment to ask for persistent storage: the user has
        // something to lose now, and a browser that asks (Firefox) asks in context.
        if self.persistence.get_untracked() == Persistence::NotGranted {
            self.request_persistence().await;
        }
        Ok(())
    }

    /// Asks the browser to keep Lotse's data even when space runs short.
    pub async fn request_persistence(self) {
        let granted = request_persistence().await.unwrap_or(false);
        self.persistence.set(if granted {
            Persistence::Granted
        } else {
            Persistence::Denied
        });
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// The app state from context; it is provided by `App` before any page renders.
pub fn use_app_state() -> AppState {
    use_context::<AppState>().unwrap_or_default()
}
