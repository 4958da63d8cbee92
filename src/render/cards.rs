//! Cards — what lists show of an article, event or municipality — lent to
//! the pages that show them and taken back after each page is rendered.
//!
//! Tera's context owns its values, so a page's data must hold its cards,
//! not refer to them. Copying them was a tenth of a build's CPU: an
//! article's card is on its news page, archive month, topic and
//! municipality pages and its neighbours' pages, about 100,000 copies of a
//! few dozen small allocations each for 10,000 articles. Instead, each card
//! is made once and kept in a [`CardPool`]; a page's data takes it out
//! ([`CardLoans`]), and once the page is rendered the card is found again in
//! the page data by identity and put back. When a card is out (the other
//! render thread has it, or a page shows it twice), a fresh one is made.
//!
//! The rule for page data: a lent card may get keys of its own (the article
//! page adds the text and the neighbours), but the keys it came with stay as
//! they were. A card that is not found again is simply made anew next time:
//! what is rendered never depends on the pool.

use std::sync::{Mutex, OnceLock};

use rustc_hash::FxHashMap;
use serde_json::{Map, Value};

use super::values::Values;

/// The kinds of cards.
#[derive(Clone, Copy, Debug)]
pub enum CardKind {
    /// An article's card.
    Article,
    /// An event's card.
    Event,
    /// A municipality's card.
    Municipality,
}

/// Every card, each made on first use and kept while no page has it.
pub struct CardPool {
    slots: [Vec<Mutex<Option<Value>>>; 3],
    /// The keys a card of each kind is made with, to tell them from keys
    /// a page added.
    keys: [OnceLock<Vec<String>>; 3],
}

impl CardPool {
    /// A pool with room for `articles`, `events` and `municipalities` cards.
    pub fn new(articles: usize, events: usize, municipalities: usize) -> Self {
        let slots = |n: usize| (0..n).map(|_| Mutex::new(None)).collect();
        CardPool {
            slots: [slots(articles), slots(events), slots(municipalities)],
            keys: Default::default(),
        }
    }

    /// The card in the pool, taken out; `None` when it is out or not made.
    fn take(&self, kind: CardKind, index: usize) -> Option<Value> {
        self.slot(kind, index).take()
    }

    /// A copy of the card in the pool, if it is there.
    pub fn copy(&self, kind: CardKind, index: usize) -> Option<Value> {
        self.slot(kind, index).clone()
    }

    /// Puts a card (back) into the pool, unless one is there already.
    fn put(&self, kind: CardKind, index: usize, card: Value) {
        let mut slot = self.slot(kind, index);
        if slot.is_none() {
            *slot = Some(card);
        }
    }

    /// Notes the keys cards of `kind` are made with (the first made card).
    pub fn note_keys(&self, kind: CardKind, card: &Value) {
        self.keys[kind as usize].get_or_init(|| {
            let mut keys: Vec<String> = card
                .as_object()
                .map(|map| map.keys().cloned().collect())
                .unwrap_or_default();
            keys.sort();
            keys
        });
    }

    fn slot(&self, kind: CardKind, index: usize) -> std::sync::MutexGuard<'_, Option<Value>> {
        // A panic while a slot was locked leaves a card or nothing: both fine.
        self.slots[kind as usize][index]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Drop for CardPool {
    /// The cards are hundreds of thousands of small allocations for a large
    /// site (freeing them took one thread 40 ms for 10,000 articles, at the
    /// very end of a build): they are freed on the thread pool while the
    /// build finishes, or not at all when the program ends first.
    fn drop(&mut self) {
        let slots = std::mem::take(&mut self.slots);
        rayon::spawn(move || drop(slots));
    }
}

/// The cards lent to the data of one page.
pub struct CardLoans<'v> {
    values: &'v Values<'v>,
    /// By the address of the card's URL string, which is unique while the
    /// card lives and stays the same when the card is moved.
    lent: FxHashMap<usize, (CardKind, usize)>,
}

impl<'v> CardLoans<'v> {
    /// No cards lent yet.
    pub fn new(values: &'v Values<'v>) -> Self {
        CardLoans {
            values,
            lent: FxHashMap::default(),
        }
    }

    /// The card of article `index`, for page data.
    pub fn article(&mut self, index: usize) -> Value {
        self.lend(CardKind::Article, index)
    }

    /// The card of event `index`, for page data.
    pub fn event(&mut self, index: usize) -> Value {
        self.lend(CardKind::Event, index)
    }

    /// The card of municipality `index`, for page data.
    pub fn municipality(&mut self, index: usize) -> Value {
        self.lend(CardKind::Municipality, index)
    }

    fn lend(&mut self, kind: CardKind, index: usize) -> Value {
        let pool = self.values.card_pool();
        let card = pool
            .take(kind, index)
            .unwrap_or_else(|| self.values.make_card(kind, index));
        if let Some(id) = card.as_object().and_then(identity) {
            self.lent.insert(id, (kind, index));
        }
        card
    }

    /// Puts the cards lent to a page back into the pool, taking them out of
    /// `data` (which is dropped).
    pub fn give_back(&mut self, data: Value) {
        if self.lent.is_empty() {
            return;
        }
        match data {
            Value::Object(map) => match identity(&map).and_then(|id| self.lent.remove(&id)) {
                Some((kind, index)) => self.put_back(kind, index, map),
                None => map.into_iter().for_each(|(_, v)| self.give_back(v)),
            },
            Value::Array(items) => items.into_iter().for_each(|v| self.give_back(v)),
            _ => {}
        }
    }

    /// Puts a card back without the keys a page added to it (which may hold
    /// lent cards themselves), if it is still the card it was.
    fn put_back(&mut self, kind: CardKind, index: usize, mut card: Map<String, Value>) {
        let pool = self.values.card_pool();
        let Some(keys) = pool.keys[kind as usize].get() else {
            return;
        };
        if card.len() != keys.len() {
            let added: Vec<String> = card
                .keys()
                .filter(|k| keys.binary_search(k).is_err())
                .cloned()
                .collect();
            for key in added {
                if let Some(value) = card.remove(&key) {
                    self.give_back(value);
                }
            }
        }
        let same_item =
            card.get("slug").and_then(Value::as_str) == Some(self.values.slug(kind, index));
        if card.len() == keys.len() && same_item {
            pool.put(kind, index, Value::Object(card));
        }
    }
}

/// A card's identity: the address of its URL string.
fn identity(map: &Map<String, Value>) -> Option<usize> {
    match map.get("url") {
        Some(Value::String(url)) if url.capacity() > 0 => Some(url.as_ptr() as usize),
        _ => None,
    }
}
