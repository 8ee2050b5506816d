//! The root component: app state, routes and the shell around every page.

use crate::i18n::texts;
use crate::ui::pages::{
    BoardPage, CaseDetailPage, CasesPage, ConsentFormPage, HelpersPage, HomePage, JoinPage,
    MemberDetailPage, MemberFormPage, NotFoundPage, OfferFormPage, PersonDataPage,
    PersonErasurePage, ReportPage, RequestDetailPage, RequestFormPage, RequestsPage,
};
use crate::ui::parts::when_loaded::WhenLoaded;
use crate::ui::settings::SettingsPage;
use crate::ui::shell::bottom_nav::BottomNav;
use crate::ui::shell::demo_banner::DemoBanner;
use crate::ui::shell::header::AppHeader;
use crate::ui::shell::idle_lock::IdleLock;
use crate::ui::shell::lock_screen::LockScreen;
use crate::ui::shell::service_worker;
use crate::ui::shell::storage_banner::StorageBanner;
use crate::ui::shell::sync_line::SyncLine;
use crate::ui::shell::update_banner::UpdateBanner;
use crate::ui::state::app_lock::LockStatus;
use crate::ui::state::app_state::AppState;
use crate::ui::state::language::LanguageChoice;
use crate::ui::state::search_index::provide_search_index;
use crate::ui::state::sync_state::SyncState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// Lotse: header, app-wide notices, the current page and the navigation.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    provide_search_index(state);
    provide_context(service_worker::start());
    SyncState::start(state);
    spawn_local(async move {
        state.open().await;
        mark_interactive();
    });
    let language = LanguageChoice::start();
    // Only the change between locked and not rebuilds the tree (not a new idle time).
    let locked = Memo::new(move |_| {
        state
            .lock
            .with(|lock| matches!(lock, LockStatus::Locked(_)))
    });

    // Every component reads its texts when it is built: a new language rebuilds the tree
    // (the app state above, with the open database, stays).
    move || {
        let _ = language.code();
        let t = texts();
        if locked.get() {
            return view! { <LockScreen/> }.into_any();
        }
        view! {
        <Router>
            <IdleLock/>
            <a class="skip-link" href="#main">{t.skip_to_content}</a>
            <AppHeader/>
            <DemoBanner/>
            <SyncLine/>
            <StorageBanner/>
            <UpdateBanner/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/helpers") view=HelpersPage/>
                    <Route path=path!("/members/new") view=MemberFormPage/>
                    <Route path=path!("/members/:id") view=MemberDetailPage/>
                    <Route path=path!("/members/:id/data") view=PersonDataPage/>
                    <Route path=path!("/members/:id/erase") view=PersonErasurePage/>
                    <Route path=path!("/members/:id/consent") view=ConsentFormPage/>
                    <Route path=path!("/members/:id/edit") view=|| view! { <WhenLoaded><MemberFormPage/></WhenLoaded> }/>
                    <Route path=path!("/members/:id/offers/new") view=|| view! { <WhenLoaded><OfferFormPage/></WhenLoaded> }/>
                    <Route path=path!("/offers/:offer/edit") view=|| view! { <WhenLoaded><OfferFormPage/></WhenLoaded> }/>
                    <Route path=path!("/requests") view=RequestsPage/>
                    <Route path=path!("/requests/new") view=RequestFormPage/>
                    <Route path=path!("/requests/:id") view=RequestDetailPage/>
                    <Route path=path!("/requests/:id/edit") view=|| view! { <WhenLoaded><RequestFormPage/></WhenLoaded> }/>
                    <Route path=path!("/cases") view=CasesPage/>
                    <Route path=path!("/cases/:id") view=CaseDetailPage/>
                    <Route path=path!("/board") view=BoardPage/>
                    <Route path=path!("/board/report") view=ReportPage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                    <Route path=path!("/join") view=JoinPage/>
                </Routes>
            </main>
            <BottomNav/>
        </Router>
        }
        .into_any()
    }
}

/// Marks the moment the app shows real data; the benchmark measures navigation to this mark.
fn mark_interactive() {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        // Only a measurement aid: failing to mark must never disturb the user.
        let _ = performance.mark("lotse-interactive");
    }
}
