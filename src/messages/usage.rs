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

/// The German `about` and `after_help` of each command (`""`: `kette`
/// itself), applied by [`localize_usage`].
const GERMAN_COMMANDS: [(&str, &str, Option<&str>); 8] = [
    (
        "",
        "Ein Generator für statische Websites von Netzwerken aus Kommunen: Nachrichten, Termine, Steckbriefe und die Präventionskette.",
        None,
    ),
    (
        "build",
        "Die Website in den Ausgabeordner bauen (Vorgabe: public/)",
        Some("Beispiel:\n  kette build --root meine-seite --base-url https://example.org/praevention/"),
    ),
    (
        "serve",
        "Die Website im Speicher bauen und auf diesem Rechner zeigen; bei jeder Änderung neu bauen und neu laden",
        Some("Beispiel:\n  kette serve --root meine-seite --open\n\nLinks zeigen auf die Vorschau, was auch immer base_url sagt; public/ wird nie verändert"),
    ),
    (
        "check",
        "Alles prüfen und jedem internen Link der gebauten Website folgen; nichts schreiben",
        Some("Beispiel:\n  kette check --root meine-seite"),
    ),
    (
        "init",
        "Eine neue Website mit dem eingebauten Thema in einem leeren oder neuen Ordner anlegen",
        Some("Beispiel:\n  kette init meine-seite && kette build --root meine-seite"),
    ),
    (
        "new",
        "Einen neuen Artikel, Termin, Kommunen-Steckbrief oder eine neue Seite anlegen",
        Some("Beispiele:\n  kette new article \"Start in die Planungsworkshops\"\n  kette new event \"Fachtag Übergänge\" --date 2027-01-15 --time 15:00\n  kette new municipality \"Kreis Warendorf\" --root meine-seite"),
    ),
    (
        "import",
        "Die Inhalte einer WordPress-Website aus ihrem Export übernehmen (in WordPress: Werkzeuge → Daten exportieren)",
        Some("Beispiel:\n  kette import wordpress export.xml --uploads wp-content/uploads --root meine-seite\n\nÜberschreibt nie eine Datei; ein zweiter Lauf mit demselben Export fügt nichts hinzu. Alte Adressen werden zu Aliassen; Adressen wie ?p=123 braucht der Server: siehe wordpress-redirects.* im Ordner der Website"),
    ),
    (
        "help",
        "Diese Hilfe oder die Hilfe der genannten Befehle anzeigen",
        None,
    ),
];

/// The German help of each argument, by command and argument id (`""`:
/// the arguments of `kette` itself, global ones included). Defaults and
/// possible values are said here, as clap would say them in English.
const GERMAN_ARGS: [(&str, &str, &str); 28] = [
    ("", "lang", "Sprache der Meldungen, de oder en; ls liest Deutsch, tr, ar und uk Englisch (Vorgabe: KETTE_LANG, sonst die Sprache der Website); bei new --translation-of die Sprache der Übersetzung"),
    ("", "help", "Hilfe anzeigen"),
    ("", "version", "Version anzeigen"),
    ("build", "root", "Der Ordner der Website, mit site.yaml (Vorgabe: der aktuelle Ordner)"),
    ("build", "output", "Wohin die Website geschrieben wird (Vorgabe: <root>/public)"),
    ("build", "base_url", "base_url aus site.yaml ersetzen (z. B. für einen Testserver)"),
    ("build", "drafts", "Entwürfe mitbauen"),
    ("build", "quiet", "Nur Fehler ausgeben"),
    ("build", "verbose", "Jede geschriebene Datei nennen"),
    ("serve", "root", "Der Ordner der Website, mit site.yaml (Vorgabe: der aktuelle Ordner)"),
    ("serve", "bind", "Die Adresse, auf der der Server lauscht (Vorgabe: 127.0.0.1); jede andere als Loopback macht ihn für andere Rechner erreichbar"),
    ("serve", "port", "Der Port (Vorgabe: 1111 oder der nächste freie; 0: ein beliebiger freier Port)"),
    ("serve", "drafts", "Entwürfe zeigen"),
    ("serve", "open", "Die Website im Standardbrowser öffnen"),
    ("check", "root", "Der Ordner der Website, mit site.yaml (Vorgabe: der aktuelle Ordner)"),
    ("check", "drafts", "Entwürfe mitprüfen"),
    ("init", "dir", "Der Ordner, in dem die Website angelegt wird"),
    ("new", "kind", "Was angelegt wird: article (Artikel), event (Termin), municipality (Kommune) oder page (Seite)"),
    ("new", "title", "Der Titel (oder Name); aus ihm wird der Dateiname gemacht"),
    ("new", "root", "Der Ordner der Website, mit site.yaml (Vorgabe: der aktuelle Ordner)"),
    ("new", "date", "Der Tag (JJJJ-MM-TT): das Datum im Dateinamen, das Datum eines Artikels, der Beginn eines Termins (Vorgabe: heute)"),
    ("new", "time", "Die Uhrzeit, zu der ein Termin beginnt (HH:MM, Vorgabe: 10:00)"),
    ("new", "lang", "Sprache der Übersetzung (Schlüssel aus site.yaml, z. B. en)"),
    ("new", "translation_of", "die Datei, deren Übersetzung angelegt wird (ihr Name ohne .md)"),
    ("import", "source", "Woher die Inhalte kommen (bisher nur `wordpress`)"),
    ("import", "export", "Die Exportdatei (WXR, .xml)"),
    ("import", "uploads", "Eine Kopie des Ordners wp-content/uploads der alten Website; ohne sie bleiben Bilder unter ihren alten Adressen"),
    ("import", "root", "Der Ordner der Website, mit site.yaml (Vorgabe: der aktuelle Ordner)"),
];

/// The German `about` (and `after_help`) of the command `name` (`""`: `kette`).
pub fn german_about(name: &str) -> Option<(&'static str, Option<&'static str>)> {
    GERMAN_COMMANDS
        .iter()
        .find(|(n, ..)| *n == name)
        .map(|(_, about, after)| (*about, *after))
}

/// The German help of the argument `id` of the command `name` (`""`:
/// `kette` itself; a global argument is looked up there, and so is the
/// `--help` every command has).
pub fn german_help(name: &str, id: &str, global: bool) -> Option<&'static str> {
    let name = if global || id == "help" { "" } else { name };
    GERMAN_ARGS
        .iter()
        .find(|(n, i, _)| *n == name && *i == id)
        .map(|(.., help)| *help)
}

/// The command line's usage and `--help` in `language`: the derive in
/// src/main.rs stays the one place for arguments and their English help;
/// for German, each command's `about` and each argument's help are
/// replaced from the tables above, and clap's own headings too.
pub fn localize_usage(mut command: clap::Command, language: Language) -> clap::Command {
    if !language.is_german() {
        return command;
    }
    // Built first, so that `--help`, `--version`, the `help` command and
    // the global `--lang` of each command exist and are translated too.
    command.build();
    german(command, "")
}

/// One command made German, and its subcommands.
fn german(command: clap::Command, name: &str) -> clap::Command {
    let command = command
        .help_template(GERMAN_TEMPLATE)
        .subcommand_help_heading("Befehle")
        .subcommand_value_name("BEFEHL")
        .mut_args(|arg| {
            let help = german_help(name, arg.get_id().as_str(), arg.is_global_set());
            let heading = if arg.is_positional() {
                "Argumente"
            } else {
                "Optionen"
            };
            let arg = arg
                .help_heading(heading)
                .hide_default_value(true)
                .hide_possible_values(true);
            match help {
                Some(help) => arg.help(help),
                None => arg,
            }
        });
    let mut command = command.mut_args(|arg| match german_value_name(arg.get_id().as_str()) {
        Some(value) if arg.get_action().takes_values() => arg.value_name(value),
        _ => arg,
    });
    // clap's usage line says `[OPTIONS]`; it is made once and given back
    // in German.
    let usage = command.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    command = command.override_usage(usage.replace("[OPTIONS]", "[OPTIONEN]"));
    if let Some((about, after)) = german_about(name) {
        command = command.about(about);
        if let Some(after) = after {
            command = command.after_help(after);
        }
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in names {
        command = command.mut_subcommand(&sub, |s| german(s, &sub));
    }
    command
}

/// The German placeholder of an argument's value in the help, by id.
fn german_value_name(id: &str) -> Option<&'static str> {
    Some(match id {
        "lang" => "SPRACHE",
        "root" | "output" | "dir" | "uploads" => "ORDNER",
        "bind" => "ADRESSE",
        "kind" => "ART",
        "title" => "TITEL",
        "date" => "DATUM",
        "time" => "UHRZEIT",
        "source" => "QUELLE",
        "export" => "DATEI",
        "translation_of" => "DATEI",
        _ => return None,
    })
}

/// clap's help layout with German words.
const GERMAN_TEMPLATE: &str =
    "{before-help}{about-with-newline}\nAufruf: {usage}\n\n{all-args}{after-help}";
