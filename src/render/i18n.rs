//! Words and dates in the site's language: UI strings for templates, and
//! dates such as "8. März 2017" / "8 March 2017".

use chrono::{Datelike, NaiveDate, Timelike};
use serde_json::{Map, Value};

use crate::config::Language;
use crate::model::When;

const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS_DE: [&str; 7] = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The name of a month (1–12).
pub fn month_name(language: Language, month: u32) -> &'static str {
    let i = (month.clamp(1, 12) - 1) as usize;
    if language.is_german() {
        MONTHS_DE[i]
    } else {
        MONTHS_EN[i]
    }
}

/// Short weekday names, Monday first.
pub fn weekday_names(language: Language) -> [&'static str; 7] {
    if language.is_german() {
        WEEKDAYS_DE
    } else {
        WEEKDAYS_EN
    }
}

/// "8. März 2017" / "8 March 2017".
pub fn long_date(language: Language, date: NaiveDate) -> String {
    let month = month_name(language, date.month());
    if language.is_german() {
        format!("{}. {month} {}", date.day(), date.year())
    } else {
        format!("{} {month} {}", date.day(), date.year())
    }
}

/// "März 2017".
pub fn month_year(language: Language, year: i32, month: u32) -> String {
    format!("{} {year}", month_name(language, month))
}

/// A date or date and time as shown on pages: "8. März 2017, 10:00 Uhr".
pub fn display_when(language: Language, when: &When) -> String {
    let date = long_date(language, when.date());
    if when.all_day {
        return date;
    }
    let (h, m) = (when.at.hour(), when.at.minute());
    if language.is_german() {
        format!("{date}, {h:02}:{m:02} Uhr")
    } else {
        format!("{date}, {h:02}:{m:02}")
    }
}

/// The time of day alone: "10:00".
pub fn time_of_day(when: &When) -> String {
    format!("{:02}:{:02}", when.at.hour(), when.at.minute())
}

/// Every UI string, for templates as `t.<key>`.
pub fn strings(language: Language) -> Value {
    let pairs: &[(&str, &str, &str)] = &[
        ("skip_to_content", "Zum Inhalt springen", "Skip to content"),
        ("main_navigation", "Hauptnavigation", "Main navigation"),
        ("home", "Startseite", "Home"),
        ("news", "Nachrichten", "News"),
        ("latest_news", "Aktuelle Nachrichten", "Latest news"),
        ("all_news", "Alle Nachrichten", "All news"),
        ("events", "Termine", "Events"),
        ("upcoming_events", "Kommende Termine", "Upcoming events"),
        ("past_events", "Vergangene Termine", "Past events"),
        ("recent_events", "Zuletzt", "Recent events"),
        ("no_upcoming_events", "Zurzeit sind keine Termine angekündigt.", "No events are announced at the moment."),
        ("municipalities", "Kommunen", "Municipalities"),
        ("municipality", "Kommune", "Municipality"),
        ("topics", "Themen", "Topics"),
        ("topic", "Thema", "Topic"),
        ("archive", "Archiv", "Archive"),
        ("calendar", "Kalender", "Calendar"),
        ("search", "Suche", "Search"),
        ("offers", "Angebote", "Offers"),
        ("chain", "Präventionskette", "Prevention chain"),
        ("read_more", "Weiterlesen", "Read more"),
        ("published", "Veröffentlicht", "Published"),
        ("updated", "Aktualisiert", "Updated"),
        ("place", "Ort", "Place"),
        ("author", "Autor/in", "Author"),
        ("location", "Ort", "Location"),
        ("when", "Wann", "When"),
        ("until", "bis", "until"),
        ("more_information", "Weitere Informationen", "More information"),
        ("previous_page", "Neuere Nachrichten", "Newer articles"),
        ("next_page", "Ältere Nachrichten", "Older articles"),
        ("page", "Seite", "Page"),
        ("of", "von", "of"),
        ("previous_article", "Vorheriger Artikel", "Previous article"),
        ("next_article", "Nächster Artikel", "Next article"),
        ("kind", "Art", "Kind"),
        ("joined", "Dabei seit", "Member since"),
        ("cohort", "Jahrgang", "Cohort"),
        ("leadership", "Leitung", "Leadership"),
        ("contacts", "Ansprechpersonen", "Contacts"),
        ("focus", "Schwerpunkte", "Focus"),
        ("partners", "Partner", "Partners"),
        ("website", "Website", "Website"),
        ("population", "Einwohnerzahl", "Population"),
        ("parent", "Gehört zu", "Part of"),
        ("members", "Zugehörige Kommunen", "Member municipalities"),
        ("news_naming", "Nachrichten aus dieser Kommune", "News from this municipality"),
        ("events_naming", "Termine in dieser Kommune", "Events in this municipality"),
        ("coordinates", "Lage", "Location"),
        ("email", "E-Mail", "Email"),
        ("phone", "Telefon", "Phone"),
        ("provider", "Träger", "Provider"),
        ("stage", "Lebensphase", "Stage"),
        ("gap", "Lücke: noch kein Angebot", "Gap: no offer yet"),
        ("gaps", "Lücken", "Gaps"),
        ("total", "Summe", "Total"),
        ("no_items", "Noch keine Einträge.", "Nothing here yet."),
        ("not_found_title", "Seite nicht gefunden", "Page not found"),
        ("not_found_text", "Diese Seite gibt es nicht (mehr). Vielleicht hilft die Startseite oder die Suche weiter.", "This page does not exist (any more). The home page or the search may help."),
        ("articles", "Artikel", "Articles"),
        ("article_count", "Artikel", "articles"),
        ("redirect_text", "Diese Seite ist umgezogen:", "This page has moved to"),
        ("breadcrumb", "Brotkrumen", "Breadcrumb"),
        ("pagination", "Seitennavigation", "Pagination"),
        ("footer", "Fußzeile", "Footer"),
        ("other_municipalities", "Weitere Kommunen", "Other municipalities"),
        ("chain_intro", "Von der Schwangerschaft bis zum Berufseinstieg: welche Kommune in welcher Lebensphase Angebote hat – und wo die Kette noch Lücken hat.", "From pregnancy to the first job: which municipality has offers in which stage of life – and where the chain still has gaps."),
        ("chain_caption", "Angebote je Kommune und Lebensphase; „–“ markiert eine Lücke.", "Offers per municipality and stage; “–” marks a gap."),
        ("in_members", "in Mitgliedskommunen", "in member municipalities"),
        ("all_offers", "Alle Angebote", "All offers"),
        ("all", "Alle", "All"),
        ("no_offers_stage", "Für diese Lebensphase ist noch kein Angebot eingetragen.", "No offer has been entered for this stage yet."),
        ("this_month", "Dieser Monat", "This month"),
        ("month_navigation", "Monate", "Months"),
        ("north", "N", "N"),
        ("east", "O", "E"),
        ("feed_link", "Newsfeed (Atom)", "News feed (Atom)"),
        ("calendar_link", "Termine abonnieren (iCal)", "Subscribe to events (iCal)"),
        // languages (issue 26)
        ("language_switcher", "Sprachen", "Languages"),
        ("in_default_language", "Noch nicht übersetzt – hier im Original.", "Not translated yet – shown in the original language."),
    ];
    let mut map = Map::new();
    for (key, de, en) in pairs {
        let text = if language.is_german() { de } else { en };
        map.insert((*key).to_string(), Value::String((*text).to_string()));
    }
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_dates() {
        let d = NaiveDate::from_ymd_opt(2017, 3, 8).unwrap();
        assert_eq!(long_date(Language::De, d), "8. März 2017");
        assert_eq!(long_date(Language::En, d), "8 March 2017");
        assert_eq!(month_year(Language::De, 2017, 3), "März 2017");
        assert_eq!(
            weekday_names(Language::De).join(" "),
            "Mo Di Mi Do Fr Sa So"
        );
    }
}
