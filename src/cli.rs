//! The command line (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::Format;

#[derive(Debug, Parser)]
#[command(name = "nis2check", version, about = "Compliance as code for NIS2 and BIO2: checks a repository of TOML files against Rego rules", long_about = None)]
pub struct Cli {
    /// When to colour the output: auto follows NO_COLOR, CLICOLOR_FORCE and whether stdout is a terminal.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parses the process's command line, like [`Parser::parse`], and notes which values came
    /// from the environment rather than the command line (an error names where to fix them).
    pub fn parse_with_sources() -> Cli {
        use clap::{parser::ValueSource, CommandFactory, FromArgMatches};
        let matches = Cli::command().try_get_matches().unwrap_or_else(|e| {
            // A real error (not --help or --version): `check` also writes it to the outputs
            // the rest of its command line asks for.
            if e.use_stderr() {
                Cli::record_refused(&e);
            }
            e.exit()
        });
        let mut cli = Cli::from_arg_matches(&matches)
            .map_err(|e| e.format(&mut Cli::command()))
            .unwrap_or_else(|e| e.exit());
        let from_env = |command: &str| {
            matches
                .subcommand_matches(command)
                .and_then(|m| m.value_source("as_of"))
                == Some(ValueSource::EnvVariable)
        };
        match &mut cli.command {
            Command::Check(args) => args.as_of_from_env = from_env("check"),
            Command::Report(args) => args.as_of_from_env = from_env("report"),
            _ => {}
        }
        cli
    }

    /// A `check` command line that clap refuses (an unknown option, a value it does not take)
    /// is a usage error like any other: it goes into the JSON, SARIF and JUnit files the
    /// command line asks for, so that a CI step finds the error there and not a missing file.
    /// Clap stops reading at the first thing it refuses, so the options that say where the
    /// outputs go (and the format and date they carry) are picked out of the command line and
    /// read on their own; without a format clap takes, without it. Clap still prints the error
    /// and exits 2.
    fn record_refused(error: &clap::Error) {
        use clap::{CommandFactory, FromArgMatches};
        use std::ffi::OsString;
        const OUTPUTS: [&str; 6] = [
            "--json-output",
            "--sarif-output",
            "--junit-output",
            "--output",
            "-o",
            "--as-of",
        ];
        const FORMAT: [&str; 2] = ["--format", "-f"];
        let argv: Vec<OsString> = std::env::args_os().collect();
        let Some(at) = argv.iter().position(|a| a == "check") else {
            return;
        };
        let mut picked: Vec<(OsString, Option<OsString>)> = Vec::new();
        let mut i = at + 1;
        while i < argv.len() {
            let arg = argv[i].to_string_lossy();
            let flag = arg.split_once('=').map_or(arg.as_ref(), |(f, _)| f);
            let known = OUTPUTS.contains(&flag) || FORMAT.contains(&flag);
            if known && arg.contains('=') {
                picked.push((argv[i].clone(), None));
            } else if known && i + 1 < argv.len() {
                picked.push((argv[i].clone(), Some(argv[i + 1].clone())));
                i += 1;
            }
            i += 1;
        }
        let parse = |with_format: bool| {
            let mut line = vec![argv[0].clone(), OsString::from("check")];
            for (flag, value) in &picked {
                let name = flag.to_string_lossy();
                let name = name.split_once('=').map_or(name.as_ref(), |(f, _)| f);
                if with_format || !FORMAT.contains(&name) {
                    line.push(flag.clone());
                    line.extend(value.clone());
                }
            }
            let matches = Cli::command().try_get_matches_from(line).ok()?;
            match Cli::from_arg_matches(&matches).ok()?.command {
                Command::Check(args) => Some(args),
                _ => None,
            }
        };
        let Some(args) = parse(true).or_else(|| parse(false)) else {
            return;
        };
        let rendered = error.render().to_string();
        let first = rendered.lines().next().unwrap_or_default();
        let message = first.strip_prefix("error: ").unwrap_or(first);
        crate::commands::record_usage_error(
            &args,
            message,
            "run `nis2check check --help` for the options and the values they take",
        );
    }
}

/// The environment variable that gives `--as-of` when the command line does not.
pub const AS_OF_ENV: &str = "NIS2CHECK_AS_OF";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a compliance repository (the main job).
    Check(CheckArgs),
    /// Run the Rego unit tests of the built-in rules, and of the repository's own rules when PATH is given.
    Test {
        /// A compliance repository whose own policies should be tested too.
        path: Option<PathBuf>,
    },
    /// Derive the NIS2 position (essential, important, out of scope, excluded) with its reasons.
    Scope {
        /// The repository root.
        #[arg(default_value = ".")]
        path: PathBuf,
        #[arg(long, short = 'f', value_enum, default_value_t = ScopeFormat::Human)]
        format: ScopeFormat,
    },
    /// Create a starter compliance repository (never overwrites a file).
    Init {
        /// The folder to create it in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The organisation's legal name.
        #[arg(long, default_value = "Example Organisation")]
        name: String,
        /// ISO 3166-1 alpha-2 code of the Member State.
        #[arg(long, default_value = "NL")]
        member_state: String,
        /// NIS2 Annex I/II sector code (see docs/format.md).
        #[arg(long, default_value = "public-administration")]
        sector: String,
        /// Staff headcount.
        #[arg(long)]
        employees: Option<u64>,
        /// central, regional, local or none.
        #[arg(long, default_value = "local")]
        public_administration: String,
        /// The date written into the starter files, YYYY-MM-DD (default: today in UTC).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Print the JSON Schema (draft-07) of the repository's TOML files, for editors.
    Schema {
        /// Write it to this file instead of stdout.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List the rules.
    Rules {
        /// Only rules that cite this framework (e.g. `nis2`, `bio2`).
        #[arg(long)]
        framework: Option<String>,
        /// `markdown` prints the rule reference (docs/rules.md).
        #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Explain a rule: what it checks, why, and what passes.
    Explain {
        /// The rule code, e.g. `INC001`.
        rule: String,
        /// A compliance repository: its own rules (its `policies`) are explained too.
        path: Option<PathBuf>,
    },
    /// Write the audit report: stamp, scope, requirement status matrix, Statement of Applicability, findings, waivers and incident timelines.
    Report(ReportArgs),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The repository root.
    #[arg(default_value = ".")]
    pub path: PathBuf,

    /// The report format.
    #[arg(long, short = 'f', value_enum, default_value_t = crate::report::audit::ReportFormat::Html)]
    pub format: crate::report::audit::ReportFormat,

    /// Write the report to this file instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The evaluation date, YYYY-MM-DD (default: today in UTC).
    #[arg(long, value_name = "DATE", env = AS_OF_ENV)]
    pub as_of: Option<String>,

    /// `as_of` came from the environment ([`Cli::parse_with_sources`]).
    #[arg(skip)]
    pub as_of_from_env: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The repository root.
    #[arg(default_value = ".")]
    pub path: PathBuf,

    /// The evaluation date, YYYY-MM-DD (default: today in UTC). Rules see no other clock.
    #[arg(long, value_name = "DATE", env = AS_OF_ENV)]
    pub as_of: Option<String>,

    /// `as_of` came from the environment ([`Cli::parse_with_sources`]).
    #[arg(skip)]
    pub as_of_from_env: bool,

    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Fail (exit 1) on findings at or above this level (default: `fail_on` in nis2check.toml, else error).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Ignore the repository's own policies and rule-level overrides.
    #[arg(long)]
    pub builtin_only: bool,

    /// Evaluate as if no waiver existed (for audits).
    #[arg(long)]
    pub no_waivers: bool,

    /// Time limit for evaluating one rule, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub policy_timeout: u64,

    /// Largest file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
    pub max_file_size: u64,

    /// Most TOML files read below the root; more stop the run (exit 2).
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub max_files: usize,

    /// Write the output to this file instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Record today's findings in FILE (a baseline for adopting nis2check with existing debt).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Fail only on findings that are not in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "new_since")]
    pub baseline: Option<PathBuf>,

    /// Fail only on findings that were not there at this git revision (e.g. origin/main); lists what was resolved.
    #[arg(long, value_name = "REF")]
    pub new_since: Option<String>,

    /// Also write the SARIF report to FILE, from the same run as the main output.
    #[arg(long, value_name = "FILE")]
    pub sarif_output: Option<PathBuf>,

    /// Also write the JSON output to FILE, from the same run as the main output.
    #[arg(long, value_name = "FILE")]
    pub json_output: Option<PathBuf>,

    /// Also write the JUnit XML to FILE, from the same run as the main output.
    #[arg(long, value_name = "FILE")]
    pub junit_output: Option<PathBuf>,

    /// Put DIR/ before file paths in github, sarif and junit output, which CI systems read relative to the root of the git repository: the repository path of the compliance folder when it is not that root (the action passes it).
    #[arg(long, value_name = "DIR")]
    pub path_prefix: Option<String>,
}

/// What `scope` writes: a position with its reasons is not a list of findings, so the CI
/// formats of `check` (SARIF, annotations, JUnit) do not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScopeFormat {
    /// The position, its reasons and the frameworks that follow, for people.
    Human,
    /// The same as one JSON document.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Note,
}
