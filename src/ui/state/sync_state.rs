//! Sync as the app sees it: whether it is set up, running, what waits to go up, when it last
//! worked, and what went wrong – and when it runs: at start, soon after a local change, when
//! the connection comes back, every half minute, and on request.

use crate::domain::sync::pull::SetAside;
use crate::domain::sync::refusal::RefusalKind;
use crate::domain::sync::settings::SyncConfig;
use crate::sync_client::{ensure_device_key, sync_once, SyncError};
use crate::ui::state::app_state::{now_local, AppState, StorageStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Where the app starts again after a removed device deleted the organisation's data.
pub const WIPED_ADDRESS: &str = "/settings#wiped";

#[derive(Clone, Debug, PartialEq)]
pub enum SyncStatus {
    Idle,
    Running,
    Failed(SyncError),
}

#[derive(Clone, Copy)]
pub struct SyncState {
    /// None: this device does not sync (single-device use).
    pub config: RwSignal<Option<SyncConfig>>,
    pub status: RwSignal<SyncStatus>,
    /// This device's changes not yet on the server.
    pub waiting: RwSignal<usize>,
    /// Local time of the last complete sync.
    pub last_synced: RwSignal<Option<String>>,
    /// (pulled, still on the server) while a large pull runs.
    pub progress: RwSignal<Option<(usize, usize)>>,
    /// Pulled documents this device could not open (tried again when a new key comes).
    pub set_aside: RwSignal<Vec<SetAside>>,
    /// Devices whose clocks run too far ahead to follow (seen in the last run).
    pub clock_ahead: RwSignal<Vec<String>>,
    /// Erased records' documents the server has not forgotten yet (see `SyncReport`).
    pub unpurged: RwSignal<usize>,
    running: StoredValue<bool>,
    again: StoredValue<bool>,
}

impl SyncState {
    /// Provides the sync state and starts following the app's storage and writes.
    pub fn start(app: AppState) -> SyncState {
        let sync = SyncState {
            config: RwSignal::new(None),
            status: RwSignal::new(SyncStatus::Idle),
            waiting: RwSignal::new(0),
            last_synced: RwSignal::new(None),
            progress: RwSignal::new(None),
            set_aside: RwSignal::new(Vec::new()),
            clock_ahead: RwSignal::new(Vec::new()),
            unpurged: RwSignal::new(0),
            running: StoredValue::new(false),
            again: StoredValue::new(false),
        };
        provide_context(sync);
        // Once storage is open: read the settings and sync.
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) || app.storage.get() != StorageStatus::Ready {
                return done.unwrap_or(false);
            }
            spawn_local(async move {
                if let Ok(db) = app.database().await {
                    sync.config.set(db.sync_config().await.ok().flatten());
                    sync.run(app);
                }
            });
            true
        });
        // A local write goes up soon; a burst of edits makes one run.
        Effect::new(move |previous: Option<u64>| {
            let writes = app.writes.get();
            if previous.is_some_and(|p| p != writes) {
                set_timeout(move || sync.run(app), Duration::from_millis(800));
            }
            writes
        });
        set_interval(move || sync.run(app), Duration::from_secs(30));
        if let Some(window) = web_sys::window() {
            let on_online = Closure::<dyn FnMut()>::new(move || sync.run(app));
            let _ = window
                .add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
            // The listener lives as long as the page.
            on_online.forget();
        }
        sync
    }

    /// Runs a sync now, or right after the one running.
    pub fn run(self, app: AppState) {
        if !self
            .config
            .with_untracked(|c| c.as_ref().is_some_and(|c| !c.removed))
        {
            return;
        }
        if self.running.get_value() {
            self.again.set_value(true);
            return;
        }
        self.running.set_value(true);
        spawn_local(async move {
            loop {
                self.again.set_value(false);
                self.run_once(app).await;
                if !self.again.get_value() {
                    break;
                }
            }
            self.running.set_value(false);
        });
    }

    async fn run_once(self, app: AppState) {
        let Some(config) = self.config.get_untracked() else {
            return;
        };
        let Ok(db) = app.database().await else {
            return;
        };
        self.status.set(SyncStatus::Running);
        // Once per device on a relay; without a connection it is tried again next time.
        let config = match ensure_device_key(&config).await {
            Ok(Some(updated)) => match self.replace_config(app, updated.clone()).await {
                Ok(()) => updated,
                Err(_) => config,
            },
            _ => config,
        };
        let progress = self.progress;
        let result = sync_once(&db, &config, move |done, pending| {
            progress.set((pending > 0).then_some((done, done + pending)));
        })
        .await;
        self.progress.set(None);
        match result {
            Ok(report) => {
                // Saved by the run (a key learnt, a removal finished): only the signal follows.
                if let Some(saved) = report.config {
                    self.config.set(Some(saved));
                }
                // Rows first: an earlier batch of the run may have brought what a later erased.
                app.absorb(&report.rows);
                app.forget(&report.erased);
                self.clock_ahead
                    .set(report.clock_ahead.into_iter().collect());
                self.unpurged.set(report.unpurged);
                self.last_synced.set(Some(now_local()));
                self.status.set(SyncStatus::Idle);
            }
            Err(SyncError::Refused(refusal)) if refusal.kind() == RefusalKind::Removed => {
                self.forget_organisation(app, &config).await;
                self.status
                    .set(SyncStatus::Failed(SyncError::Refused(refusal)));
            }
            Err(err) => {
                // A run that failed half-way may still have saved settings.
                if let Ok(Some(saved)) = db.sync_config().await {
                    self.config.set(Some(saved));
                }
                self.status.set(SyncStatus::Failed(err));
            }
        }
        if let Ok(waiting) = db.unpushed_count().await {
            self.waiting.set(waiting);
        }
        if let Ok(set_aside) = db.set_aside_documents().await {
            self.set_aside.set(set_aside);
        }
    }

    /// This device was removed: its keys go at once (nothing it still holds opens what the
    /// others write from now on, nor the relay). What it never sent is offered as a file
    /// (`RemovedPanel`); with nothing unsent, the organisation's data goes at once too.
    async fn forget_organisation(self, app: AppState, config: &SyncConfig) {
        let Ok(db) = app.database().await else {
            return;
        };
        let forgotten = config.forgotten();
        if db.save_sync_config(&forgotten).await.is_err() {
            return;
        }
        self.config.set(Some(forgotten));
        if db.unpushed_count().await == Ok(0) {
            self.wipe(app).await;
        }
    }

    /// Deletes the organisation's data from this device and starts the app afresh, saying so.
    pub async fn wipe(self, app: AppState) {
        let Ok(db) = app.database().await else {
            return;
        };
        if db.wipe_organisation().await.is_ok() {
            if let Some(window) = web_sys::window() {
                // A fresh start, so nothing of the organisation stays in memory either (on
                // /settings itself, replacing the address changes only its fragment).
                let _ = window.location().replace(WIPED_ADDRESS);
                let _ = window.location().reload();
            }
        }
    }

    /// Saves changed settings (a new key after removing a device) without syncing.
    pub async fn replace_config(self, app: AppState, config: SyncConfig) -> Result<(), SyncError> {
        let db = app.database().await.map_err(SyncError::Storage)?;
        db.save_sync_config(&config)
            .await
            .map_err(SyncError::Storage)?;
        self.config.set(Some(config));
        Ok(())
    }

    /// Saves new settings (after joining or connecting) and syncs with them.
    pub async fn set_up(self, app: AppState, config: SyncConfig) -> Result<(), SyncError> {
        self.replace_config(app, config).await?;
        self.run(app);
        Ok(())
    }
}

/// The sync state the shell provides; a component outside it is a bug (see `use_app_state`).
pub fn use_sync_state() -> SyncState {
    expect_context::<SyncState>()
}
