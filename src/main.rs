//! The `kette` command line: parses arguments and calls the library.
//! Exit status: 0 success, 1 the site has errors, 2 wrong usage.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

// Rendering allocates many small values on several threads; mimalloc is
// markedly faster than the system allocator for that and returns memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use kette::diagnostics::{terminal_safe, terminal_safe_path};
use kette::language::Language;
use kette::messages::{self, choose_language, Text};
use kette::scaffold::NewKind;
use kette::{BuildOptions, Diagnostics};

#[derive(Parser)]
#[command(
    name = "kette",
    version,
    about = "A static site generator for networks of municipalities: news, events, profiles and the prevention chain."
)]
struct Cli {
    /// The language of messages, de or en; ls reads German, tr, ar and uk English (default: KETTE_LANG, else the site's language); for `new --translation-of`, the language of the translation.
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Language>,
    #[command(subcommand)]
    command: Command,
}

fn parse_lang(text: &str) -> Result<Language, String> {
    messages::parse_language(text).ok_or_else(|| "de, ls, en, tr, ar, uk".to_string())
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: public/).
    #[command(
        after_help = "Example:\n  kette build --root mysite --base-url https://example.org/praevention/"
    )]
    Build {
        /// The site folder (with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: <root>/public).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Replace base_url from site.yaml (e.g. for a staging server).
        #[arg(long)]
        base_url: Option<String>,
        /// Build drafts too.
        #[arg(long)]
        drafts: bool,
        /// Print only errors.
        #[arg(long, short, conflicts_with = "verbose")]
        quiet: bool,
        /// Print every file written.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Build the site in memory and serve it locally; rebuild and reload on every change.
    #[command(
        after_help = "Example:\n  kette serve --root mysite --open\n\nLinks point at the local server whatever base_url says; public/ is never touched."
    )]
    Serve {
        /// The site folder (with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on; anything but loopback opens the server to other machines.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port (default: 1111, or the next free one; 0: any free port).
        #[arg(long)]
        port: Option<u16>,
        /// Build drafts too.
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Validate everything and follow every internal link of the rendered site; write nothing.
    #[command(after_help = "Example:\n  kette check --root mysite")]
    Check {
        /// The site folder (with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Check drafts too.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new site with the built-in theme in an empty or new folder.
    #[command(after_help = "Example:\n  kette init meine-seite && kette build --root meine-seite")]
    Init {
        /// The folder to create the site in.
        dir: PathBuf,
    },
    /// Create a new article, event, municipality record or page.
    #[command(
        after_help = "Examples:\n  kette new article \"Start in die Planungsworkshops\"\n  kette new event \"Fachtag Übergänge\" --date 2027-01-15 --time 15:00\n  kette new municipality \"Kreis Warendorf\" --root mysite"
    )]
    New {
        /// What to create.
        kind: NewKindArg,
        /// Its title (or name); the file name is made from it.
        title: String,
        /// The site folder (with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The day (YYYY-MM-DD): the file name's date, an article's date, an event's start (default: today).
        #[arg(long)]
        date: Option<String>,
        /// An event's start time (HH:MM, default 10:00).
        #[arg(long)]
        time: Option<String>,
        /// Write the translation (into the language of --lang) of this article, event or page, e.g. 2017-03-08-planungsworkshops.
        #[arg(long, id = "translation_of")]
        translation_of: Option<String>,
    },
    /// Import the content of a WordPress site from its export (Tools → Export).
    #[command(
        after_help = "Example:\n  kette import wordpress export.xml --uploads wp-content/uploads --root mysite\n\nNever overwrites a file; a second run with the same export adds nothing. Old addresses become aliases; ?p=123 addresses need the server: see wordpress-redirects.* in the site folder."
    )]
    Import {
        /// Where the content comes from (so far only `wordpress`).
        #[arg(value_parser = ["wordpress"])]
        source: String,
        /// The export file (WXR, .xml).
        export: PathBuf,
        /// A copy of the old site's wp-content/uploads folder; without it, images stay at their old addresses.
        #[arg(long)]
        uploads: Option<PathBuf>,
        /// The site folder (with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum NewKindArg {
    Article,
    Event,
    Municipality,
    Page,
}

fn main() -> ExitCode {
    // Usage and help in the language of the site named by `--root` (or
    // `--lang`, `KETTE_LANG`), known before the arguments are parsed.
    let usage_language = language_of_arguments();
    let command = messages::localize_usage(Cli::command(), usage_language);
    let parsed = command
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error, usage_language),
    };
    let lang = cli.lang;
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            quiet,
            verbose,
        } => build_site(lang, root, output, base_url, drafts, quiet, verbose),
        Command::Serve {
            root,
            bind,
            port,
            drafts,
            open,
        } => serve_site(lang, root, bind, port, drafts, open),
        Command::Check { root, drafts } => check_site(lang, root, drafts),
        Command::Init { dir } => init_site(lang, dir),
        Command::New {
            kind,
            title,
            root,
            date,
            time,
            translation_of,
        } => new_file(lang, kind, title, root, date, time, translation_of),
        Command::Import {
            source: _,
            export,
            uploads,
            root,
        } => import_site(lang, export, uploads, root),
    }
}

/// `kette build`: builds the site and says where it went.
fn build_site(
    lang: Option<Language>,
    root: PathBuf,
    output: Option<PathBuf>,
    base_url: Option<String>,
    drafts: bool,
    quiet: bool,
    verbose: bool,
) -> ExitCode {
    let language = choose_language(lang, &root);
    let options = BuildOptions {
        root,
        output,
        base_url,
        drafts,
        today: None,
    };
    match kette::build(&options) {
        Ok(report) => {
            if verbose {
                for path in &report.written {
                    println!("  {}", terminal_safe(path));
                }
            }
            if !quiet {
                println!("{}", report.summary_in(language));
                let output = terminal_safe_path(&report.output);
                println!("{}", messages::output_folder(&output).get(language));
            }
            ExitCode::SUCCESS
        }
        Err(problems) => fail(problems, &messages::nothing_written(), language),
    }
}

/// `kette serve`: the preview until it is stopped.
fn serve_site(
    lang: Option<Language>,
    root: PathBuf,
    bind: std::net::IpAddr,
    port: Option<u16>,
    drafts: bool,
    open: bool,
) -> ExitCode {
    let language = choose_language(lang, &root);
    match kette::serve::run(kette::serve::ServeOptions {
        root,
        bind,
        port,
        drafts,
        open,
        language: lang,
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let label = messages::error_label();
            let text = format!("{}: {}\n", label.get(language), e.message().get(language));
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
            ExitCode::from(e.exit_code())
        }
    }
}

/// `kette check`: builds in memory and follows every link.
fn check_site(lang: Option<Language>, root: PathBuf, drafts: bool) -> ExitCode {
    let language = choose_language(lang, &root);
    let options = BuildOptions {
        root,
        drafts,
        ..Default::default()
    };
    match kette::check::check(&options) {
        Ok(report) => {
            println!(
                "{}",
                messages::check_passed(language, report.items, report.files, report.links)
            );
            ExitCode::SUCCESS
        }
        Err(problems) => fail(problems, &messages::site_has_problems(), language),
    }
}

/// `kette init`: a new site in `dir`.
fn init_site(lang: Option<Language>, dir: PathBuf) -> ExitCode {
    let language = choose_language(lang, &dir);
    let today = kette::scaffold::today_for(&dir);
    match kette::scaffold::init(&dir, today) {
        Ok(files) => {
            for f in &files {
                println!("  {}", terminal_safe_path(f));
            }
            let dir = terminal_safe_path(&dir);
            println!("{}", messages::site_created(&dir).get(language));
            ExitCode::SUCCESS
        }
        Err(problem) => fail(
            Diagnostics::from_iter([problem]),
            &messages::nothing_created(),
            language,
        ),
    }
}

/// `kette new`: a new content file, or the translation of one.
fn new_file(
    lang: Option<Language>,
    kind: NewKindArg,
    title: String,
    root: PathBuf,
    date: Option<String>,
    time: Option<String>,
    translation_of: Option<String>,
) -> ExitCode {
    let language = choose_language(lang, &root);
    let kind = match kind {
        NewKindArg::Article => NewKind::Article,
        NewKindArg::Event => NewKind::Event,
        NewKindArg::Municipality => NewKind::Municipality,
        NewKindArg::Page => NewKind::Page,
    };
    let day = match date.as_deref().map(kette::scaffold::date_argument) {
        None => Ok(kette::scaffold::today_for(&root)),
        Some(parsed) => parsed,
    };
    let time = time
        .as_deref()
        .map(kette::scaffold::time_argument)
        .transpose();
    let made = match (translation_of, lang) {
        (Some(original), Some(into)) => {
            kette::scaffold::new_translation(&root, kind, &title, &original, into)
        }
        (Some(_), None) => Err(kette::Diagnostic::file(
            "--translation-of",
            messages::translation_needs_language(),
        )),
        (None, _) => {
            day.and_then(|day| kette::scaffold::new_item_at(&root, kind, &title, day, time?))
        }
    };
    match made {
        Ok(path) => {
            let path = terminal_safe_path(&path);
            println!("{}", messages::file_created(&path).get(language));
            ExitCode::SUCCESS
        }
        Err(problem) => fail(
            Diagnostics::from_iter([problem]),
            &messages::nothing_created(),
            language,
        ),
    }
}

/// `kette import wordpress`: a WordPress export into the site.
fn import_site(
    lang: Option<Language>,
    export: PathBuf,
    uploads: Option<PathBuf>,
    root: PathBuf,
) -> ExitCode {
    let language = choose_language(lang, &root);
    let options = kette::import::ImportOptions {
        export,
        uploads,
        root,
    };
    match kette::import::wordpress(&options) {
        Ok(report) => {
            // A closed pipe (`| head`) is no reason to fail an import
            // that has written its files.
            let text = report.text_in(language);
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(problems) => fail(problems, &messages::nothing_imported(), language),
    }
}

fn fail(problems: Diagnostics, consequence: &Text, language: Language) -> ExitCode {
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::stderr().is_terminal();
    let text =
        kette::diagnostics::format_report(&problems.into_sorted(), consequence, color, language);
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
    ExitCode::from(1)
}

/// A usage error in `language`; help and version go out as clap writes
/// them (help already in `language`, see [`messages::localize_usage`]).
fn usage_error(error: &clap::Error, language: Language) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    let text = messages::usage_error(error, language);
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
    ExitCode::from(2)
}

/// The language of messages as the raw arguments say it: `--lang`, else
/// `KETTE_LANG`, else the site named by `--root` (or the current folder).
fn language_of_arguments() -> Language {
    let args: Vec<String> = std::env::args().collect();
    let after = |flag: &str| {
        args.iter().enumerate().find_map(|(i, a)| {
            a.strip_prefix(&format!("{flag}="))
                .map(str::to_string)
                .or_else(|| (a == flag).then(|| args.get(i + 1).cloned()).flatten())
        })
    };
    let lang = after("--lang")
        .as_deref()
        .and_then(messages::parse_language);
    let root = after("--root").unwrap_or_else(|| ".".into());
    choose_language(lang, std::path::Path::new(&root))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument of the real command line has German help
    /// (an argument added without one fails here).
    #[test]
    fn every_command_and_argument_has_german_help() {
        let mut command = Cli::command();
        command.build();
        let mut missing = Vec::new();
        let mut visit = |name: &str, command: &clap::Command| {
            if messages::german_about(name).is_none() {
                missing.push(format!("command `{name}`"));
            }
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if messages::german_help(name, id, arg.is_global_set()).is_none() {
                    missing.push(format!("`{id}` of `{name}`"));
                }
            }
        };
        visit("", &command);
        for sub in command.get_subcommands() {
            // clap's own `help` command takes the names of commands.
            if sub.get_name() == "help" {
                visit("help", &clap::Command::new("help"));
                continue;
            }
            visit(sub.get_name(), sub);
        }
        assert!(missing.is_empty(), "no German help for: {missing:?}");
    }
}
