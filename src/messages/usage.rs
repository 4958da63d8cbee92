//! Command-line usage errors in the editor's language: clap writes them in
//! English only, so for German the kind of error and its context are said
//! again in German.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::Language;

/// The text of a usage error in `language` (clap's own for English).
pub fn usage_error(error: &clap::Error, language: Language) -> String {
    if language == Language::En {
        return error.render().to_string();
    }
    let get = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let suggestion = [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg]
        .into_iter()
        .map(get)
        .find(|s| !s.is_empty());
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let mut text = match error.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "unbekannter Befehl `{}`",
            get(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::UnknownArgument => format!("unbekannte Option `{arg}`"),
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue);
            if valid.is_empty() {
                format!("`{value}` ist kein gültiger Wert für `{arg}`")
            } else {
                format!("`{value}` ist kein gültiger Wert für `{arg}`; möglich sind: {valid}")
            }
        }
        ErrorKind::ValueValidation => format!("`{value}` ist kein gültiger Wert für `{arg}`"),
        ErrorKind::MissingRequiredArgument => format!("es fehlt: {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "es fehlt der Befehl: build, serve, check, init, new oder import".to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "`{arg}` kann nicht zusammen mit `{}` angegeben werden",
            get(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues => {
            format!("zu viele Angaben: `{value}`")
        }
        _ => "der Aufruf ist so nicht möglich".to_string(),
    };
    if let Some(s) = suggestion {
        text.push_str(&format!(" (meinten Sie `{s}`?)"));
    }
    format!("Fehler: {text}\n\nHilfe: kette --help\n")
}
