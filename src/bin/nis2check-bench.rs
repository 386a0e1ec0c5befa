//! nis2check-bench: the measuring helpers behind `.bench/run` (see BENCHMARKS.md).
//!
//! - `floor DIR [--repeat K]`: reads every `*.toml` below DIR (the files `check` reads) and
//!   parses each with `toml::de::DeTable::parse`, nothing else: the floor of a check.
//! - `eval INPUT.json [--repeat K] [--results FILE] [--policies DIR] [--only ID,..]
//!   [--threads T] [--whole]`: compiles the built-in rule pack, sets INPUT (the document
//!   `check` builds, written with `NIS2CHECK_DUMP_INPUT`) as `input`, and evaluates every
//!   rule's `deny` and `warn` as `check` does (on one worker; large collections block by
//!   block, or not with `--whole`); prints the time per rule and for the whole pack (and on T
//!   workers), and writes the raw result sets (to compare with OPA).
//!
//! - `input DIR`: the input stage alone, built directly (as `check` does) and through JSON.
//! - `render DIR`: rendering alone, three times.
//!
//! Output: one JSON object on stdout.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Map, Value};

// The allocator of `nis2check` itself, so the numbers compare.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("floor") => floor(&args[1..]),
        Some("eval") => eval(&args[1..]),
        Some("input") => input(&args[1..]),
        Some("render") => render(&args[1..]),
        _ => Err("usage: nis2check-bench floor DIR [--repeat K] | eval INPUT.json [--repeat K] [--results FILE] [--policies DIR] [--only ID,ID] [--threads T] [--whole] | input DIR | render DIR".to_string()),
    };
    match result {
        Ok(v) => println!("{v}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        0.0
    } else {
        v[v.len() / 2]
    }
}

/// The `*.toml` files below `root` in path order, skipping hidden entries and `target`, as
/// discovery does.
fn toml_files(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with('.') || (e.file_type().is_dir() && name == "target"))
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| e.into_path())
        .collect()
}

/// `input DIR`: the input stage alone, built both ways: directly as the engine's value (what
/// `check` does) and as JSON converted by serde (what it did before).
fn input(args: &[String]) -> Result<Value, String> {
    use nis2check::model::input::{build, build_value, Meta};
    let dir = PathBuf::from(args.first().ok_or("input DIR")?);
    let as_of: jiff::civil::Date = "2026-06-30".parse().map_err(|e| format!("{e}"))?;
    let t = Instant::now();
    let read = nis2check::check::read(&nis2check::check::Options::new(&dir, as_of));
    let read_ms = ms(t.elapsed());
    let frameworks: Vec<String> = read
        .catalog
        .frameworks
        .iter()
        .map(|f| f.meta.id.clone())
        .collect();
    let meta = Meta {
        as_of,
        frameworks: frameworks.clone(),
        intervals: Vec::new(),
        risk_tolerance: 8,
        scope: Value::Null,
        significance: Value::Null,
        catalog: read.catalog.input(&frameworks),
    };
    let mut direct = Vec::new();
    let mut via_json = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let v = build_value(&read.repo, &meta);
        direct.push(ms(t.elapsed()));
        drop(v);
        let t = Instant::now();
        let v = regorus::Value::from(build(&read.repo, &meta));
        via_json.push(ms(t.elapsed()));
        drop(v);
    }
    Ok(
        json!({"read_and_validate_ms": read_ms, "direct_ms": median(direct), "via_json_ms": median(via_json)}),
    )
}

/// `render DIR`: one check, then its human and JSON output rendered three times each.
fn render(args: &[String]) -> Result<Value, String> {
    use nis2check::report::{self, human::Style, Format};
    let dir = PathBuf::from(args.first().ok_or("render DIR")?);
    let as_of: jiff::civil::Date = "2026-06-30".parse().map_err(|e| format!("{e}"))?;
    let outcome = nis2check::check::run(&nis2check::check::Options::new(&dir, as_of));
    let style = Style {
        color: false,
        width: 100,
    };
    let mut out = Map::new();
    for (name, format) in [("human", Format::Human), ("json", Format::Json)] {
        let mut runs = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            let text = report::render(&outcome, format, style, 1);
            runs.push(ms(t.elapsed()));
            drop(text);
        }
        out.insert(format!("{name}_runs_ms"), json!(runs.clone()));
        out.insert(format!("{name}_ms"), json!(median(runs)));
    }
    out.insert("diagnostics".into(), json!(outcome.diagnostics.len()));
    Ok(Value::Object(out))
}

fn floor(args: &[String]) -> Result<Value, String> {
    let dir = PathBuf::from(args.first().ok_or("floor DIR")?);
    let repeat: usize = flag(args, "--repeat")
        .map_or(Ok(1), str::parse)
        .map_err(|e| format!("--repeat: {e}"))?;
    let mut runs = Vec::new();
    let mut files = 0;
    let mut bytes = 0;
    let mut tables = 0;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        let paths = toml_files(&dir);
        files = paths.len();
        bytes = 0;
        tables = 0;
        for p in &paths {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            bytes += text.len();
            let doc =
                toml::de::DeTable::parse(&text).map_err(|e| format!("{}: {e}", p.display()))?;
            tables += doc.get_ref().len();
        }
        runs.push(ms(t.elapsed()));
    }
    Ok(
        json!({"files": files, "bytes": bytes, "top_level_keys": tables, "runs_ms": runs, "median_ms": median(runs.clone())}),
    )
}

/// The rule pack from a folder laid out like `policies/` (to try a rule change without a
/// rebuild); test files are left out.
fn modules_from(dir: &Path) -> Result<Vec<nis2check::policy::Module>, String> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.map_err(|e| e.to_string())?;
        if !e.file_type().is_file() || e.path().extension().is_none_or(|x| x != "rego") {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(dir)
            .unwrap_or(e.path())
            .to_string_lossy()
            .replace('\\', "/");
        if nis2check::policy::is_test_path(&rel) {
            continue;
        }
        let source = std::fs::read_to_string(e.path()).map_err(|err| format!("{rel}: {err}"))?;
        let package = nis2check::policy::metadata::package_of(&source)
            .map(|(p, _)| p)
            .unwrap_or_default();
        out.push(nis2check::policy::Module {
            path: format!("policies/{rel}"),
            source,
            package,
            builtin: true,
            is_test: false,
            file: None,
        });
    }
    Ok(out)
}

fn eval(args: &[String]) -> Result<Value, String> {
    let path = PathBuf::from(args.first().ok_or("eval INPUT.json")?);
    let repeat: usize = flag(args, "--repeat")
        .map_or(Ok(1), str::parse)
        .map_err(|e| format!("--repeat: {e}"))?;
    let results_path = flag(args, "--results").map(PathBuf::from);

    let t = Instant::now();
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let input: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let read_ms = ms(t.elapsed());

    let t = Instant::now();
    let mut sources = nis2check::source::Sources::default();
    let mut diags = Vec::new();
    let modules = match flag(args, "--policies") {
        Some(dir) => modules_from(Path::new(dir))?,
        None => nis2check::policy::builtin_modules(),
    };
    let only: Option<Vec<&str>> = flag(args, "--only").map(|s| s.split(',').collect());
    let mut set = nis2check::policy::prepare(
        &modules,
        &nis2check::policy::EngineOptions::default(),
        &mut sources,
        &mut diags,
    )
    .ok_or_else(|| {
        format!(
            "the built-in rules do not compile: {:?}",
            diags.iter().map(|d| &d.message).collect::<Vec<_>>()
        )
    })?;
    let prepare_ms = ms(t.elapsed());

    let t = Instant::now();
    // As `check` builds it: keys and short strings shared.
    let value = nis2check::model::input::value_from_json(&input);
    if value == regorus::Value::Undefined {
        return Err("the input does not convert to a regorus value".into());
    }
    let convert_ms = ms(t.elapsed());

    // As `check` evaluates: large collections block by block, unless `--whole`.
    let blocking = if args.iter().any(|a| a == "--whole") {
        nis2check::policy::split::Blocking {
            size: usize::MAX,
            max_other: 0,
            min_rules: usize::MAX,
        }
    } else {
        nis2check::policy::split::Blocking::from_env()
    };
    let which: Vec<usize> = (0..set.rules.len())
        .filter(|&i| {
            only.as_ref()
                .is_none_or(|o| o.contains(&set.rules[i].meta.id.as_str()))
        })
        .collect();
    let mut per_rule: Vec<(String, String, Vec<f64>)> = set
        .rules
        .iter()
        .map(|r| (r.meta.id.clone(), r.package.clone(), Vec::new()))
        .collect();
    let mut totals = Vec::new();
    let mut fetches = Vec::new();
    let mut results = Map::new();
    // Analysed once, as `check` has it (a clone of an analysed engine is analysed).
    let _ = set.engine.eval_query("true".to_string(), false);
    let run_once = |workers: usize| {
        let mut own = set.clone();
        let t = Instant::now();
        own.engine.set_input(value.clone());
        let raw = nis2check::policy::parallel::evaluate_raw_all(
            &mut own, &which, workers, &value, blocking,
        );
        (ms(t.elapsed()), raw)
    };
    for run in 0..repeat.max(1) {
        let (total, raw) = run_once(1);
        totals.push(total);
        fetches.push(ms(raw.fetch));
        for (&i, (raw, elapsed)) in which.iter().zip(raw.rules) {
            per_rule[i].2.push(ms(elapsed));
            if run > 0 {
                continue;
            }
            let rule = &set.rules[i];
            let mut out = Map::new();
            for (name, outcome) in [("deny", raw.deny), ("warn", raw.warn)] {
                let v = match outcome {
                    None => continue,
                    Some(Err(e)) => return Err(format!("{}: {e}", rule.meta.id)),
                    Some(Ok(regorus::Value::Undefined)) => Value::Array(Vec::new()),
                    Some(Ok(v)) => serde_json::to_value(&v).map_err(|e| e.to_string())?,
                };
                out.insert(name.to_string(), v);
            }
            results.insert(rule.package.clone(), Value::Object(out));
        }
    }
    // All cores: `--threads T` workers, as `check` runs them.
    let mut parallel = Value::Null;
    if let Some(threads) = flag(args, "--threads").and_then(|t| t.parse::<usize>().ok()) {
        let runs: Vec<f64> = (0..repeat.max(1)).map(|_| run_once(threads).0).collect();
        parallel = json!({"threads": threads, "evaluate_ms": median(runs)});
    }
    if let Some(p) = results_path {
        std::fs::write(
            &p,
            serde_json::to_string(&Value::Object(results)).map_err(|e| e.to_string())?,
        )
        .map_err(|e| format!("{}: {e}", p.display()))?;
    }
    let mut rules: Vec<Value> = per_rule
        .into_iter()
        .map(|(id, package, runs)| json!({"id": id, "package": package, "median_ms": median(runs)}))
        .collect();
    rules.sort_by(|a, b| {
        b["median_ms"]
            .as_f64()
            .unwrap_or(0.0)
            .total_cmp(&a["median_ms"].as_f64().unwrap_or(0.0))
    });
    Ok(json!({
        "read_json_ms": read_ms,
        "prepare_ms": prepare_ms,
        "convert_ms": convert_ms,
        "evaluate_runs_ms": totals,
        "evaluate_median_ms": median(totals.clone()),
        "fetch_median_ms": median(fetches),
        "parallel": parallel,
        "rules": rules,
    }))
}
