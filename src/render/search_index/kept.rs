//! What the search index keeps from one `serve` rebuild to the next: each
//! document's analysis by a hash of its inputs, and the postings made from
//! them. Part of the page memo ([`RenderMemo`](crate::render::memo)), which
//! commits, discards and forgets it with the pages.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::postings::PostingLists;
use crate::sync::{inner, locked};

/// The search index's memo.
#[derive(Default)]
pub(crate) struct SearchMemo {
    /// Analyses of the last good build, by the hash of their inputs.
    last: HashMap<u64, Arc<str>>,
    /// Analyses of the build under way.
    next: Mutex<HashMap<u64, Arc<str>>>,
    /// The postings of the last build, patched by the next one. They are
    /// always those of the analyses stored with them, so a failed build
    /// leaves nothing inconsistent behind and they need no commit.
    postings: Mutex<Option<PostingLists>>,
}

impl std::fmt::Debug for SearchMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SearchMemo({} analyses)", self.last.len())
    }
}

impl SearchMemo {
    /// Forgets every analysis.
    pub(crate) fn forget(&mut self) {
        self.last.clear();
        self.discard();
    }

    /// Makes the analyses of the build under way the ones to use next.
    pub(crate) fn commit(&mut self) {
        self.last = std::mem::take(inner(&mut self.next));
    }

    /// Drops the analyses of the build under way (it failed).
    pub(crate) fn discard(&mut self) {
        inner(&mut self.next).clear();
    }

    /// The analysis `make` returns for inputs hashing to `key`: remembered
    /// from the last build, or made now.
    pub(super) fn analysis(&self, key: u64, make: impl FnOnce() -> String) -> Arc<str> {
        let value = match self.last.get(&key) {
            Some(known) => Arc::clone(known),
            None => Arc::from(make()),
        };
        locked(&self.next).insert(key, Arc::clone(&value));
        value
    }

    /// Takes the kept postings out (none the first time).
    pub(super) fn take_postings(&self) -> Option<PostingLists> {
        locked(&self.postings).take()
    }

    /// Keeps `lists` for the next build.
    pub(super) fn put_postings(&self, lists: PostingLists) {
        *locked(&self.postings) = Some(lists);
    }
}
