//! The helper search index, rebuilt only when the directory changes and shared by every page.

use crate::domain::search::SearchIndex;
use crate::ui::app_state::AppState;
use leptos::prelude::*;
use std::sync::Arc;

/// Compared by identity: a rebuilt index is always "changed", an untouched one never.
#[derive(Clone)]
pub struct SharedIndex(pub Arc<SearchIndex>);

impl PartialEq for SharedIndex {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Lazy: built the first time a page searches, then on directory changes.
pub fn provide_search_index(state: AppState) {
    let index = Memo::new(move |_| SharedIndex(Arc::new(state.directory.with(SearchIndex::build))));
    provide_context(index);
}

pub fn use_search_index() -> Option<Memo<SharedIndex>> {
    use_context::<Memo<SharedIndex>>()
}
