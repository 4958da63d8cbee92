//! Topics are free text in `topics` and `focus`; names with the same slug
//! are one topic. The first spelling seen (in source order) names it.

use std::collections::HashMap;

use super::items::{Topic, TopicId};
use super::urls::UrlScheme;
use crate::config::Language;
use crate::slug::slugify_for;

/// Collects topics while items are assembled.
#[derive(Debug, Default)]
pub(super) struct TopicIndex {
    topics: Vec<Topic>,
    by_slug: HashMap<String, TopicId>,
    /// Names seen before: the same few names are given thousands of times,
    /// and making a slug is the costly part.
    by_name: HashMap<String, Option<TopicId>>,
    language: Language,
}

impl TopicIndex {
    /// An empty index whose slugs follow the rules of `language`.
    pub(super) fn new(language: Language) -> Self {
        TopicIndex {
            topics: Vec::new(),
            by_slug: HashMap::new(),
            by_name: HashMap::new(),
            language,
        }
    }

    /// The topic called `name`, created on first use; `None` for names
    /// without letters or digits.
    pub(super) fn intern(&mut self, name: &str, scheme: &UrlScheme) -> Option<TopicId> {
        if let Some(&known) = self.by_name.get(name) {
            return known;
        }
        let id = self.intern_new(name, scheme);
        self.by_name.insert(name.to_string(), id);
        id
    }

    fn intern_new(&mut self, name: &str, scheme: &UrlScheme) -> Option<TopicId> {
        let slug = slugify_for(name, self.language);
        if slug.is_empty() {
            return None;
        }
        if let Some(&id) = self.by_slug.get(&slug) {
            return Some(id);
        }
        let id = self.topics.len();
        self.topics.push(Topic {
            name: name.trim().to_string(),
            url: scheme.topic(&slug),
            slug: slug.clone(),
            articles: Vec::new(),
            events: Vec::new(),
            municipalities: Vec::new(),
            offers: Vec::new(),
        });
        self.by_slug.insert(slug, id);
        Some(id)
    }

    /// Interns every name of a list, without repeats.
    pub(super) fn intern_all(&mut self, names: &[String], scheme: &UrlScheme) -> Vec<TopicId> {
        let mut ids = Vec::with_capacity(names.len());
        for name in names {
            if let Some(id) = self.intern(name, scheme) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids
    }

    /// The topics, with ids as handed out.
    pub(super) fn into_topics(self) -> Vec<Topic> {
        self.topics
    }
}
