//! The `kette` command line: parses arguments and calls the library.
//! Exit status: 0 success, 1 the site has errors, 2 wrong usage.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kette::{BuildOptions, Diagnostics};

#[derive(Parser)]
#[command(
    name = "kette",
    version,
    about = "A static site generator for networks of municipalities: news, events, profiles and the prevention chain."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
        #[arg(long, short)]
        quiet: bool,
    },
    /// Validate everything and render in memory; write nothing.
    #[command(after_help = "Example:\n  kette check --root mysite")]
    Check {
        /// The site folder (with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Check drafts too.
        #[arg(long)]
        drafts: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            quiet,
        } => {
            let options = BuildOptions {
                root,
                output,
                base_url,
                drafts,
                today: None,
            };
            match kette::build(&options) {
                Ok(report) => {
                    if !quiet {
                        println!("{}", report.summary());
                        println!("Output: {}", report.output.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(problems) => fail(
                    problems,
                    "nothing was written; the previous output is unchanged",
                ),
            }
        }
        Command::Check { root, drafts } => {
            let options = BuildOptions {
                root,
                drafts,
                ..Default::default()
            };
            match kette::build::render_files(&options) {
                Ok((site, files)) => {
                    println!(
                        "No problems: {} articles, {} municipalities, {} events, {} files checked.",
                        site.articles.len(),
                        site.municipalities.len(),
                        site.events.len(),
                        files.len()
                    );
                    ExitCode::SUCCESS
                }
                Err(problems) => fail(problems, "the site has problems"),
            }
        }
    }
}

fn fail(problems: Diagnostics, consequence: &str) -> ExitCode {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let problems = problems.into_sorted();
    for p in &problems {
        let _ = writeln!(err, "{p}");
    }
    let noun = if problems.len() == 1 {
        "problem"
    } else {
        "problems"
    };
    let _ = writeln!(err, "error: {} {noun}; {consequence}", problems.len());
    ExitCode::from(1)
}
