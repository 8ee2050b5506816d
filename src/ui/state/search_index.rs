//! The helper search index, rebuilt only when the directory changes and shared by every page.

use crate::domain::directory::Directory;
use crate::domain::search::SearchIndex;
use crate::ui::state::app_state::AppState;
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
    // Assigning a request or writing a note changes the directory but not who can help with
    // what: the index is rebuilt only when the people revision moves.
    let built = StoredValue::new(None::<(u64, SharedIndex)>);
    let index = Memo::new(move |_| {
        let revision = state.directory.with(Directory::people_revision);
        if let Some((seen, index)) = built.get_value() {
            if seen == revision {
                return index;
            }
        }
        let index = SharedIndex(Arc::new(state.directory.with_untracked(SearchIndex::build)));
        built.set_value(Some((revision, index.clone())));
        index
    });
    provide_context(index);
    provide_context(BuiltIndex(built));
}

pub fn use_search_index() -> Option<Memo<SharedIndex>> {
    use_context::<Memo<SharedIndex>>()
}

#[derive(Clone, Copy)]
struct BuiltIndex(StoredValue<Option<(u64, SharedIndex)>>);

/// Gives the index if it is already built for these people (a people revision), without
/// building it.
pub fn use_built_search_index() -> impl Fn(u64) -> Option<SharedIndex> + Copy {
    let built = use_context::<BuiltIndex>();
    move |revision| {
        built?
            .0
            .get_value()
            .filter(|(seen, _)| *seen == revision)
            .map(|(_, index)| index)
    }
}
