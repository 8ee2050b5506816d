//! Settings: the language, the organisation, this device's storage, and the device's identity.

use super::categories_panel::CategoriesPanel;
use super::consent_panel::ConsentPanel;
use super::demo_panel::DemoPanel;
use super::lock_panel::LockPanel;
use super::organisation_form::OrganisationForm;
use super::retention_panel::RetentionPanel;
use super::storage_panel::StoragePanel;
use super::sync_panel::SyncPanel;
use crate::i18n::texts;
use crate::ui::shell::language_picker::LanguagePicker;
use crate::ui::state::app_state::use_app_state;
use leptos::prelude::*;

/// The settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    view! {
        <section class="page" aria-labelledby="settings-title">
            <h1 id="settings-title">{t.settings_title}</h1>
            <LanguagePicker/>
            <OrganisationForm/>
            // The demo's made-up data needs no lock.
            {(!state.demo).then(|| view! { <LockPanel/> })}
            <SyncPanel/>
            <CategoriesPanel/>
            <ConsentPanel/>
            <RetentionPanel/>
            <StoragePanel/>
            <DemoPanel/>
            <section class="card" aria-labelledby="device-title">
                <h2 id="device-title">{t.device_section}</h2>
                <p>
                    {t.device_id_label} ": "
                    <code>{move || state.device_id.get().unwrap_or_else(|| t.loading.to_owned())}</code>
                </p>
            </section>
        </section>
    }
}
