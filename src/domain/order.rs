//! One sort for the app's lists. Each `sort_by` with its own element type and closure is a
//! copy of the standard library's sort in the wasm (3–10 KB each; some 130 KB of the wasm
//! before, across 30 lists): here the sorting itself is one function over positions, and
//! each list only moves its items into the order found. Hot paths that sort on every
//! keystroke (search ranking) keep the standard sort: a comparison through `dyn` is slower.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Positions 0..len in the order `compare` (of two positions) gives; stable.
#[inline(never)]
fn order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|a, b| compare(*a, *b));
    positions
}

/// Sorts `items` by `compare`, keeping equal ones in their order.
pub fn sort_with<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let mut from = order(items.len(), &|a, b| compare(&items[a], &items[b]));
    // Place i takes the item at `from[i]`: follow each cycle of the permutation with swaps.
    const PLACED: usize = usize::MAX;
    for start in 0..from.len() {
        let mut place = start;
        while from[place] != PLACED {
            let source = std::mem::replace(&mut from[place], PLACED);
            if source == start {
                break;
            }
            items.swap(place, source);
            place = source;
        }
    }
}

/// Sorts `items` in their natural order.
pub fn sort_natural<T: Ord>(items: &mut [T]) {
    sort_with(items, Ord::cmp);
}

/// A sorted map of `pairs`, inserted one by one. `collect()` into a `BTreeMap` sorts the pairs
/// first – one more copy of the sort for each key and value type; inserting reuses the code
/// every map of that type already has. (A later pair replaces an earlier one, as with
/// `collect()`.)
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

/// A sorted set of `items`, inserted one by one (see `map_of`).
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_order_of_distinct_items_comes_out_sorted() {
        // Every permutation of 0..6 (720): each cycle shape the placing loop can meet.
        fn permutations(items: Vec<u8>) -> Vec<Vec<u8>> {
            if items.len() <= 1 {
                return vec![items];
            }
            let mut all = Vec::new();
            for i in 0..items.len() {
                let mut rest = items.clone();
                let first = rest.remove(i);
                for mut tail in permutations(rest) {
                    tail.insert(0, first);
                    all.push(tail);
                }
            }
            all
        }
        for mut items in permutations((0..6).collect()) {
            sort_natural(&mut items);
            assert_eq!(items, [0, 1, 2, 3, 4, 5]);
        }
    }

    #[test]
    fn maps_and_sets_are_the_ones_collect_makes() {
        let pairs = [("b", 1), ("a", 2), ("b", 3)];
        assert_eq!(map_of(pairs), pairs.into_iter().collect::<BTreeMap<_, _>>());
        assert_eq!(set_of([3, 1, 3]), BTreeSet::from([1, 3]));
    }

    #[test]
    fn sorts_by_the_comparison_and_keeps_ties_in_order() {
        let mut items = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        sort_with(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(items, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
        let mut empty: Vec<u8> = Vec::new();
        sort_with(&mut empty, |a, b| b.cmp(a));
        assert!(empty.is_empty());
    }
}
