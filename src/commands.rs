//! The commands behind the CLI. Each returns the process exit code.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use jiff::civil::Date;

use crate::catalog::Catalog;
use crate::check::{self, Options};
use crate::cli::{
    CheckArgs, Cli, ColorChoice, Command, FailOn, ListFormat, ScopeFormat, AS_OF_ENV,
};
use crate::diag::Severity;
use crate::policy;
use crate::report::{self, human::Style, Format};

/// Exit codes: the documented contract.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> u8 {
    let color = use_color(cli.color);
    match cli.command {
        Command::Check(args) => check_command(&args, color),
        Command::Test { path } => test_command(path.as_deref()),
        Command::Init {
            dir,
            name,
            member_state,
            sector,
            employees,
            public_administration,
            date,
        } => init_command(
            dir,
            name,
            member_state,
            sector,
            employees,
            public_administration,
            date.as_deref(),
        ),
        Command::Schema { output } => schema_command(output.as_deref()),
        Command::Scope { path, format } => scope_command(&path, format, color),
        Command::Rules { framework, format } => rules_command(framework.as_deref(), format),
        Command::Explain { rule, path } => explain_command(&rule, path.as_deref()),
        Command::Report(args) => report_command(&args, color),
    }
}

/// `--color`, then NO_COLOR / CLICOLOR_FORCE, then whether stdout is a terminal.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                false
            } else if std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0")
            {
                true
            } else {
                std::io::stdout().is_terminal()
            }
        }
    }
}

fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|w| *w >= 40)
        .unwrap_or(100)
}

/// The evaluation date and the repository root of `check` and `report`, or the exit code of a
/// usage error.
fn date_and_root(
    as_of: Option<&str>,
    as_of_from_env: bool,
    path: &std::path::Path,
    command: &str,
) -> Result<(Date, std::path::PathBuf), Usage> {
    let as_of = if as_of_from_env {
        parse_date(as_of, |v| {
            format!("`{v}`, the value of the environment variable {AS_OF_ENV},")
        })
        .map_err(|e| Usage {
            message: e,
            hint: format!("set {AS_OF_ENV} to a date as YYYY-MM-DD, e.g. {AS_OF_ENV}=2026-06-30, or unset it for today (--as-of overrides it)"),
        })?
    } else {
        parse_date(as_of, |v| format!("`--as-of {v}`")).map_err(|e| Usage {
            message: e,
            hint: "write the date as YYYY-MM-DD, e.g. --as-of 2026-06-30".to_string(),
        })?
    };
    let root = check::check_root(path).map_err(|e| Usage {
        message: e,
        hint: format!(
            "run `nis2check {command} PATH` with the folder that holds organization.toml"
        ),
    })?;
    Ok((as_of, root))
}

/// A usage error not yet reported: what went wrong and how to fix it.
struct Usage {
    message: String,
    hint: String,
}

/// A usage error of `check`: on stderr as for every command, and also in the machine-readable
/// outputs the run was asked for (`--format json|sarif|github|junit`, `--sarif-output`,
/// `--json-output`, `--junit-output`), as one diagnostic `usage-error`. A CI step that uploads
/// the SARIF file or reads the counts then finds the error there, not a missing file. Exit 2.
fn check_usage_error(args: &CheckArgs, message: &str, hint: &str) -> u8 {
    let code = usage_error(message, hint);
    record_usage_error(args, message, hint);
    code
}

/// Writes a usage error of `check` to the machine-readable outputs `args` ask for, and prints
/// nothing ([`check_usage_error`]; the command line parser prints its own errors).
pub fn record_usage_error(args: &CheckArgs, message: &str, hint: &str) {
    // The evaluation date the run would have had; today when that is what is wrong.
    let as_of = parse_date(args.as_of.as_deref(), |v| v.to_string()).unwrap_or_else(|_| today());
    let diagnostic = crate::diag::Diagnostic::input("usage-error", message).help(hint);
    let outcome = check::Outcome::failed(diagnostic, as_of);
    let plain = Style {
        color: false,
        width: width(),
    };
    let _ = write_also(args, &outcome, 2);
    if args.format != Format::Human {
        let _ = emit(
            args.output.as_deref(),
            &report::render(&outcome, args.format, plain, 2),
        );
    }
}

/// Writes a command's output to `--output FILE`, or to stdout. A closed pipe (`| head`) is not
/// an error; a file that cannot be written is (exit code 2).
fn emit(output: Option<&std::path::Path>, text: &str) -> Result<(), u8> {
    match output {
        Some(path) => std::fs::write(path, text).map_err(|e| {
            usage_error(
                &format!("cannot write `{}`: {e}", path.display()),
                "check that the folder exists and is writable",
            )
        }),
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(())
        }
    }
}

/// A one-line error for command-line misuse, with a hint; exit code 2.
fn usage_error(message: &str, hint: &str) -> u8 {
    eprintln!("error: {message}\n  hint: {hint}");
    EXIT_ERROR
}

/// Today in UTC.
pub fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
}

/// Parses a date given on the command line or in the environment; today in UTC when absent.
/// `named` says where a value came from in an error, e.g. "`--as-of 2026-02-30`".
pub fn parse_date(value: Option<&str>, named: impl Fn(&str) -> String) -> Result<Date, String> {
    match value {
        None => Ok(today()),
        Some(v) => {
            let ok_shape = v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-';
            let years = i16::try_from(crate::model::MIN_YEAR).unwrap_or(1900)
                ..=i16::try_from(crate::model::MAX_YEAR).unwrap_or(2199);
            match v.parse::<Date>() {
                Ok(d) if ok_shape && years.contains(&d.year()) => Ok(d),
                Ok(_) if ok_shape => Err(format!(
                    "{} is outside the years {}–{}",
                    named(v),
                    years.start(),
                    years.end()
                )),
                _ => Err(format!("{} is not a date", named(v))),
            }
        }
    }
}

/// `--path-prefix DIR` as it goes before a path: `/`-separated, relative, ending in `/`
/// (empty for the repository's root).
pub fn path_prefix(dir: &str) -> Result<String, String> {
    let dir = dir.trim().replace('\\', "/");
    let parts: Vec<&str> = dir
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if dir.starts_with('/') || parts.contains(&"..") {
        return Err(format!(
            "--path-prefix `{dir}` must be a path inside the repository, relative to its root"
        ));
    }
    Ok(parts.iter().map(|p| format!("{p}/")).collect())
}

/// The other formats asked for (`--sarif-output`, `--json-output`, `--junit-output`), from
/// the same outcome: a CI step gets annotations, SARIF and counts that agree, at the cost of
/// one evaluation.
fn write_also(args: &CheckArgs, outcome: &check::Outcome, code: i32) -> Result<(), u8> {
    let plain = Style {
        color: false,
        width: width(),
    };
    let also = [
        (Format::Sarif, &args.sarif_output),
        (Format::Json, &args.json_output),
        (Format::Junit, &args.junit_output),
    ];
    for (format, path) in also {
        if let Some(path) = path {
            emit(Some(path), &report::render(outcome, format, plain, code))?;
        }
    }
    Ok(())
}

fn check_command(args: &CheckArgs, color: bool) -> u8 {
    let started = std::time::Instant::now();
    let (as_of, root) = match date_and_root(
        args.as_of.as_deref(),
        args.as_of_from_env,
        &args.path,
        "check",
    ) {
        Ok(x) => x,
        Err(u) => return check_usage_error(args, &u.message, &u.hint),
    };
    let mut opts = Options::new(root, as_of);
    opts.builtin_only = args.builtin_only;
    opts.no_waivers = args.no_waivers;
    opts.limits.max_file_bytes = args.max_file_size;
    opts.limits.max_files = args.max_files;
    opts.engine.time_limit = Duration::from_secs(args.policy_timeout.max(1));
    let path_prefix =
        match args.path_prefix.as_deref().map(path_prefix).transpose() {
            Ok(p) => p.unwrap_or_default(),
            Err(e) => return check_usage_error(
                args,
                &e,
                "give the folder's path inside the git repository, e.g. --path-prefix compliance",
            ),
        };
    let mut outcome = check::run(&opts);
    outcome.path_prefix = path_prefix;
    if let Some(path) = &args.baseline {
        match crate::baseline::read(path) {
            Ok(known) => crate::baseline::apply(
                &mut outcome,
                known,
                format!("the baseline `{}`", path.display()),
            ),
            Err(e) => {
                return check_usage_error(
                    args,
                    &e,
                    "write one with `nis2check check --write-baseline FILE`",
                )
            }
        }
    }
    if let Some(rev) = &args.new_since {
        match crate::baseline::at_revision(&opts, rev) {
            Ok(known) => crate::baseline::apply(&mut outcome, known, format!("`{rev}`")),
            Err(e) => {
                return check_usage_error(
                    args,
                    &e,
                    "give a revision of the repository's git history, e.g. --new-since origin/main",
                )
            }
        }
    }
    if let Some(path) = &args.write_baseline {
        match crate::baseline::write(&outcome, path) {
            Ok(n) => eprintln!("wrote {n} findings to the baseline `{}`", path.display()),
            Err(e) => return usage_error(&e, "check that the folder exists and is writable"),
        }
    }
    let fail_on = match args.fail_on {
        Some(FailOn::Error) => Severity::Error,
        Some(FailOn::Warning) => Severity::Warning,
        Some(FailOn::Note) => Severity::Note,
        None => outcome.settings.fail_on,
    };
    let code = outcome.exit_code(fail_on);
    let style = Style {
        color: color && args.output.is_none(),
        width: width(),
    };
    let render_started = std::time::Instant::now();
    if let Err(e) = write_also(args, &outcome, code) {
        return e;
    }
    let text = report::render(&outcome, args.format, style, code);
    // Hidden, for the benchmark (BENCHMARKS.md): the time of each stage on stderr.
    if std::env::var_os("NIS2CHECK_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0") {
        eprintln!(
            "{}",
            outcome
                .timings
                .to_json(render_started.elapsed(), started.elapsed())
        );
    }
    // The process ends here: the OS takes back the parsed tree, the engine and the findings at
    // once (freeing them piece by piece took 1 s at 100k assets).
    std::mem::forget(outcome);
    match emit(args.output.as_deref(), &text) {
        Ok(()) => code as u8,
        Err(e) => e,
    }
}

/// The built-in modules and, given a repository, its own (from the policy folders its
/// nis2check.toml names), with the problems reading them; or the exit code of a usage error.
fn modules_of(
    path: Option<&std::path::Path>,
) -> Result<(Vec<policy::Module>, Vec<crate::diag::Diagnostic>), u8> {
    let mut modules = policy::builtin_modules();
    let mut diags = Vec::new();
    if let Some(p) = path {
        let root = check::check_root(p)
            .map_err(|e| usage_error(&e, "give the folder of the compliance repository"))?;
        let mut sources = crate::source::Sources::default();
        modules.extend(policy::custom_modules(
            &root,
            &policy_folders(&root),
            1 << 20,
            &mut sources,
            &mut diags,
        ));
    }
    Ok((modules, diags))
}

fn test_command(path: Option<&std::path::Path>) -> u8 {
    let (modules, diags) = match modules_of(path) {
        Ok(x) => x,
        Err(code) => return code,
    };
    for d in &diags {
        eprintln!("error: {}", d.message);
    }
    let outcomes = policy::testing::run(&modules, &policy::EngineOptions::default());
    let failed: Vec<_> = outcomes.iter().filter(|o| o.failure.is_some()).collect();
    for o in &failed {
        println!(
            "FAIL {} ({})\n     {}",
            o.name,
            o.path,
            o.failure.as_deref().unwrap_or("")
        );
    }
    println!(
        "rego: {} passed, {} failed",
        outcomes.len() - failed.len(),
        failed.len()
    );
    if failed.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    }
}

fn prepared_rules() -> Result<Vec<policy::Rule>, String> {
    prepared_rules_with(policy::builtin_modules())
}

fn prepared_rules_with(modules: Vec<policy::Module>) -> Result<Vec<policy::Rule>, String> {
    let mut sources = crate::source::Sources::default();
    let mut diags = Vec::new();
    match policy::prepare(
        &modules,
        &policy::EngineOptions::default(),
        &mut sources,
        &mut diags,
    ) {
        Some(set) => Ok(set.rules),
        None => Err(diags
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("; ")),
    }
}

fn rules_command(framework: Option<&str>, format: ListFormat) -> u8 {
    let rules = match prepared_rules() {
        Ok(r) => r,
        Err(e) => {
            return usage_error(
                &format!("the built-in rules do not load: {e}"),
                "this is a bug in nis2check",
            )
        }
    };
    let catalog = Catalog::builtin();
    if let Some(fw) = framework {
        if catalog.framework(fw).is_none() {
            let ids: Vec<&str> = catalog
                .frameworks
                .iter()
                .map(|f| f.meta.id.as_str())
                .collect();
            return usage_error(
                &format!("unknown framework `{fw}`"),
                &format!("the frameworks are: {}", ids.join(", ")),
            );
        }
    }
    let rules: Vec<_> = rules
        .iter()
        .filter(|r| framework.is_none_or(|f| r.meta.frameworks.contains_key(f)))
        .collect();
    match format {
        ListFormat::Markdown => print!("{}", rules_reference(&rules, &catalog)),
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.meta.id,
                        "severity": r.meta.severity,
                        "title": r.meta.title,
                        "frameworks": r.meta.frameworks,
                        "references": check::references(&r.meta, &catalog),
                        "package": r.package,
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&list).expect("serializable")
            );
        }
        ListFormat::Human => {
            for r in &rules {
                println!(
                    "{:<7} {:<8} {}\n        {}",
                    r.meta.id,
                    r.meta.severity,
                    r.meta.title,
                    check::references(&r.meta, &catalog).join(" · ")
                );
            }
            println!("{} rules", rules.len());
        }
    }
    EXIT_OK
}

/// The policy folders of the repository at `root`: `policies` in its nis2check.toml, or the
/// default. (A settings file that does not read gives the default; `check` reports it.)
fn policy_folders(root: &std::path::Path) -> Vec<String> {
    let path = root.join(crate::load::SETTINGS_FILE);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return crate::settings::Settings::default().policies;
    };
    let mut sources = crate::source::Sources::default();
    let file = sources.add(crate::source::SourceFile::new(
        crate::load::SETTINGS_FILE.to_string(),
        text,
    ));
    let mut diags = Vec::new();
    match crate::load::parse(&sources, file, &mut diags) {
        Some(table) => crate::settings::Settings::from_table(&table, file, &mut diags).policies,
        None => crate::settings::Settings::default().policies,
    }
}

fn explain_command(id: &str, path: Option<&std::path::Path>) -> u8 {
    let (modules, diags) = match modules_of(path) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if !diags.is_empty() {
        for d in &diags {
            eprintln!("error: {}", d.message);
        }
        return usage_error(
            "the repository's policies do not load",
            "`nis2check check PATH` reports where",
        );
    }
    let rules = match prepared_rules_with(modules) {
        Ok(r) => r,
        Err(e) if path.is_some() => {
            return usage_error(
                &format!("the rules do not compile: {e}"),
                "`nis2check check PATH` reports where",
            )
        }
        Err(e) => {
            return usage_error(
                &format!("the built-in rules do not load: {e}"),
                "this is a bug in nis2check",
            )
        }
    };
    let Some(rule) = rules.iter().find(|r| r.meta.id.eq_ignore_ascii_case(id)) else {
        let ids: Vec<&str> = rules.iter().map(|r| r.meta.id.as_str()).collect();
        let hint = match crate::diag::did_you_mean(&id.to_ascii_uppercase(), ids.iter().copied()) {
            Some(m) => format!("did you mean `{m}`? (`nis2check rules` lists them all)"),
            None if path.is_none() => "`nis2check rules` lists the rule codes; for an organisation's own rule, give its repository: `nis2check explain ID PATH`".to_string(),
            None => "`nis2check rules` lists the rule codes".to_string(),
        };
        return usage_error(&format!("no rule `{id}`"), &hint);
    };
    print!("{}", explain_text(rule, &Catalog::builtin()));
    EXIT_OK
}

/// The legal basis of a rule, one line per requirement: "NIS2 Art. 20(2) — title".
fn basis_lines(rule: &policy::Rule, catalog: &Catalog) -> Vec<String> {
    let m = &rule.meta;
    let mut out = Vec::new();
    for (fw, ids) in &m.frameworks {
        for id in ids {
            let title = catalog
                .framework(fw)
                .and_then(|f| f.resolve(id, m.bio2_version.as_deref()))
                .map_or(String::new(), |r| format!(" — {}", r.title));
            let mut cite = catalog.cite(fw, id);
            if fw == "bio2" {
                if let Some(v) = &m.bio2_version {
                    cite.push_str(&format!(" (v{v})"));
                }
            }
            out.push(format!("{cite}{title}"));
        }
    }
    out
}

/// The text of `explain`: what, why, how to fix, an example that passes.
pub fn explain_text(rule: &policy::Rule, catalog: &Catalog) -> String {
    let m = &rule.meta;
    let mut s = format!(
        "{} — {}\nseverity: {}\n\n{}\n\nLegal basis:\n",
        m.id, m.title, m.severity, m.description
    );
    let basis = basis_lines(rule, catalog);
    if basis.is_empty() && m.related_resources.is_empty() {
        s.push_str("  none cited (no `frameworks` or `related_resources` in its METADATA)\n");
    }
    for line in basis {
        s.push_str(&format!("  {line}\n"));
    }
    for r in &m.related_resources {
        s.push_str(&format!(
            "  {}{}\n",
            r.description
                .as_deref()
                .map(|d| format!("{d}: "))
                .unwrap_or_default(),
            r.reference
        ));
    }
    if !m.remediation.is_empty() {
        s.push_str(&format!("\nHow to fix:\n  {}\n", m.remediation));
    }
    if let Some(example) = &m.example {
        s.push_str("\nPasses:\n");
        for line in example.lines() {
            s.push_str(&format!("  {line}\n"));
        }
    }
    s
}

/// The rule reference, `docs/rules.md`: generated from the METADATA of every built-in rule.
pub fn rules_reference(rules: &[&policy::Rule], catalog: &Catalog) -> String {
    let mut s = String::from(
        "# Rule reference\n\n<!-- Generated from the rules' METADATA by `nis2check rules --format markdown > docs/rules.md`; a test fails when it is stale. -->\n\n",
    );
    s.push_str(&format!("{} built-in rules. Codes are permanent and never reused. `nis2check explain CODE` prints the same text.\n\n", rules.len()));
    s.push_str("| Code | Level | Rule | Legal basis |\n|---|---|---|---|\n");
    for r in rules {
        s.push_str(&format!(
            "| [{id}](#{anchor}) | {} | {} | {} |\n",
            r.meta.severity,
            r.meta.title.replace('|', "\\|"),
            check::references(&r.meta, catalog).join(" · "),
            id = r.meta.id,
            anchor = r.meta.id.to_ascii_lowercase(),
        ));
    }
    for r in rules {
        let m = &r.meta;
        s.push_str(&format!(
            "\n## {}\n\n**{}** ({})\n\n{}\n\nLegal basis:\n\n",
            m.id, m.title, m.severity, m.description
        ));
        for line in basis_lines(r, catalog) {
            s.push_str(&format!("- {line}\n"));
        }
        if !m.remediation.is_empty() {
            s.push_str(&format!("\nHow to fix: {}\n", m.remediation));
        }
        if let Some(example) = &m.example {
            s.push_str(&format!("\nPasses:\n\n```toml\n{example}\n```\n"));
        }
    }
    s
}

fn scope_command(path: &std::path::Path, format: ScopeFormat, color: bool) -> u8 {
    let root = match check::check_root(path) {
        Ok(r) => r,
        Err(e) => {
            return usage_error(
                &e,
                "run `nis2check scope PATH` with the folder that holds organization.toml",
            )
        }
    };
    let opts = Options::new(root, today());
    let read = check::read(&opts);
    let org_problems: Vec<&crate::diag::Diagnostic> = read
        .diags
        .iter()
        .filter(|d| d.is_fatal())
        .filter(|d| {
            d.primary
                .as_ref()
                .is_none_or(|l| read.repo.organization().is_none_or(|o| o.file == l.file))
        })
        .collect();
    let Some(org) = read.repo.organization().filter(|_| org_problems.is_empty()) else {
        let mut out = String::new();
        let style = Style {
            color,
            width: width(),
        };
        for d in &org_problems {
            report::human::render_one(d, &read.sources, style, &mut out);
        }
        eprint!("{out}");
        return usage_error(
            "the organisation could not be read",
            "fix the `[organization]` table first (`nis2check check` shows every problem)",
        );
    };
    let scope = crate::scope::derive(&org.table);
    let name = org.table.str("name").unwrap_or("the organisation");
    match format {
        ScopeFormat::Json => {
            let mut v = serde_json::to_value(&scope).expect("serializable");
            v["organization"] = serde_json::json!(name);
            println!(
                "{}",
                serde_json::to_string_pretty(&v).expect("serializable")
            );
        }
        ScopeFormat::Human => print!("{}", scope_text(name, &scope)),
    }
    EXIT_OK
}

/// The human text of `scope`.
pub fn scope_text(name: &str, scope: &crate::scope::Scope) -> String {
    let mut s = format!(
        "{name}: {}
",
        scope.position.as_str()
    );
    s.push_str(&format!(
        "size: {}
",
        serde_json::to_value(scope.size)
            .expect("serializable")
            .as_str()
            .unwrap_or("")
    ));
    s.push_str(
        "because:
",
    );
    for r in &scope.reasons {
        s.push_str(&format!(
            "  - {r}
"
        ));
    }
    match (&scope.declared, &scope.designation_basis) {
        (Some(d), _) if d == scope.position.as_str() => s.push_str(&format!(
            "declared: {d} (agrees)
"
        )),
        (Some(d), Some(b)) => s.push_str(&format!(
            "declared: {d}, on the basis of a designation: {b}
"
        )),
        (Some(d), None) => s.push_str(&format!(
            "declared: {d} — differs from the derived position; rule SCP001 reports it
"
        )),
        (None, _) => s.push_str(
            "declared: nothing (set `classification` in [organization])
",
        ),
    }
    if let Some(sup) = &scope.supervision {
        s.push_str(&format!(
            "supervision: {sup}
"
        ));
    }
    if scope.frameworks.is_empty() {
        s.push_str(
            "frameworks: none apply
",
        );
    } else {
        s.push_str(&format!(
            "frameworks: {}
",
            scope.frameworks.join(", ")
        ));
    }
    s
}

fn schema_command(output: Option<&std::path::Path>) -> u8 {
    let mut text =
        serde_json::to_string_pretty(&crate::model::jsonschema::schema()).expect("serializable");
    text.push('\n');
    match emit(output, &text) {
        Ok(()) => EXIT_OK,
        Err(e) => e,
    }
}

fn init_command(
    dir: std::path::PathBuf,
    name: String,
    member_state: String,
    sector: String,
    employees: Option<u64>,
    public_administration: String,
    date: Option<&str>,
) -> u8 {
    let date = match parse_date(date, |v| format!("`--date {v}`")) {
        Ok(d) => d,
        Err(e) => return usage_error(&e, "write the date as YYYY-MM-DD"),
    };
    if !crate::model::schema::SECTORS.contains(&sector.as_str()) {
        return usage_error(
            &format!("unknown sector `{sector}`"),
            &format!(
                "choose one of: {}",
                crate::model::schema::SECTORS.join(", ")
            ),
        );
    }
    if !["central", "regional", "local", "none"].contains(&public_administration.as_str()) {
        return usage_error(
            &format!("unknown public administration level `{public_administration}`"),
            "choose central, regional, local or none",
        );
    }
    if member_state.len() != 2 || !member_state.chars().all(|c| c.is_ascii_uppercase()) {
        return usage_error(
            &format!("`{member_state}` is not an ISO 3166-1 alpha-2 code"),
            "write two capital letters, e.g. NL",
        );
    }
    if let Err(e) = crate::init::check_dir(&dir) {
        return usage_error(&e, "give a folder (it is created when missing)");
    }
    let opts = crate::init::InitOptions {
        dir: dir.clone(),
        name,
        member_state,
        sector,
        employees,
        public_administration,
        date,
        repository: crate::init::enclosing_repository(&dir),
    };
    match crate::init::write(&opts) {
        Ok((written, kept)) => {
            for w in &written {
                println!("created {w}");
            }
            for k in &kept {
                println!("kept    {k} (exists; not overwritten)");
            }
            if let Some((root, inside)) = &opts.repository {
                println!(
                    "note: `{inside}` is a folder of the git repository `{}`: the workflow and the pre-commit configuration are at its root, the only place GitHub and pre-commit read them, and check `{inside}`",
                    root.display()
                );
            }
            let shown = dir.display().to_string();
            if shown.contains(char::is_whitespace) {
                println!("next: nis2check check '{shown}'");
            } else {
                println!("next: nis2check check {shown}");
            }
            EXIT_OK
        }
        Err(e) => usage_error(
            &format!("cannot write in `{}`: {e}", dir.display()),
            "check that the folder is writable",
        ),
    }
}

/// `nis2check report`: evaluates the repository like `check` and writes the audit report. Exit
/// 0 when the report was written (findings are its content, not a failure), 2 when the
/// repository could not be evaluated or the report not written.
fn report_command(args: &crate::cli::ReportArgs, color: bool) -> u8 {
    let (as_of, root) = match date_and_root(
        args.as_of.as_deref(),
        args.as_of_from_env,
        &args.path,
        "report",
    ) {
        Ok(x) => x,
        Err(u) => return usage_error(&u.message, &u.hint),
    };
    let mut opts = Options::new(root.clone(), as_of);
    opts.keep_repository = true;
    let outcome = check::run(&opts);
    if !outcome.evaluated || outcome.diagnostics.iter().any(|d| d.is_fatal()) {
        let style = Style {
            color,
            width: width(),
        };
        let mut out = String::new();
        for d in outcome.diagnostics.iter().filter(|d| d.is_fatal()) {
            report::human::render_one(d, &outcome.sources, style, &mut out);
        }
        eprint!("{out}");
        return usage_error(
            "the repository could not be evaluated, so there is no report",
            "fix the problems above first (`nis2check check` lists them)",
        );
    }
    // The entities (controls, incidents, waivers) of the very read that was evaluated.
    let Some(repo) = outcome.repository.as_ref() else {
        return usage_error(
            "internal error: the evaluated repository was not kept",
            "please report this",
        );
    };
    let stamp = report::audit::stamp::Stamp::new(&root);
    let built = report::audit::build(&outcome, repo, stamp);
    let text = report::audit::render(&built, args.format);
    match emit(args.output.as_deref(), &text) {
        Ok(()) => EXIT_OK,
        Err(e) => e,
    }
}
