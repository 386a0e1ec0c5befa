//! The Rego unit-test runner (regorus has no `opa test`): every `test_*` rule of every
//! `*_test.rego` module is evaluated and must be `true`.

use super::{guard, metadata, new_engine, EngineOptions, Module};

/// The outcome of one test rule.
#[derive(Debug, Clone)]
pub struct TestOutcome {
    /// `package.test_name`
    pub name: String,
    pub path: String,
    /// `None` when it passed; otherwise why it failed.
    pub failure: Option<String>,
}

/// Runs every test of the given modules. Non-test modules are loaded so tests can call them.
pub fn run(modules: &[Module], options: &EngineOptions) -> Vec<TestOutcome> {
    let mut outcomes = Vec::new();
    let mut engine = new_engine(options);
    // The organisation's modules (tests too) pass the same static checks as in `check`: a
    // recursive test would otherwise abort the process.
    // Their files are placed in a `Sources` of our own.
    let owned: Vec<Module> = modules
        .iter()
        .filter(|m| !m.builtin)
        .map(|m| Module {
            file: None,
            ..m.clone()
        })
        .collect();
    let custom: Vec<&Module> = owned.iter().collect();
    let mut sources = crate::source::Sources::default();
    let mut diags = Vec::new();
    let verdicts = guard::check(&custom, &mut sources, &mut diags);
    let mut rejected = std::collections::BTreeSet::new();
    for (m, v) in custom.iter().zip(&verdicts) {
        if *v == guard::Verdict::Rejected {
            rejected.insert(m.path.clone());
            let why: Vec<String> = diags
                .iter()
                .filter(|d| {
                    d.primary
                        .as_ref()
                        .is_some_and(|l| sources.get(l.file).name == m.path)
                })
                .map(|d| {
                    let l = d.primary.as_ref().expect("filtered");
                    let lc = sources.get(l.file).line_col(l.span.start);
                    format!("{}:{}: {}", lc.line, lc.column, d.message)
                })
                .collect();
            outcomes.push(TestOutcome {
                name: m.package.clone(),
                path: m.path.clone(),
                failure: Some(format!("rejected: {}", why.join("; "))),
            });
        }
    }
    let modules: Vec<&Module> = modules
        .iter()
        .filter(|m| !rejected.contains(&m.path))
        .collect();
    for m in modules.iter().filter(|m| !m.is_test) {
        if let Err(e) = engine.add_policy(m.path.clone(), m.source.clone()) {
            outcomes.push(TestOutcome {
                name: m.package.clone(),
                path: m.path.clone(),
                failure: Some(format!("does not compile: {e:#}")),
            });
        }
    }
    let mut tests: Vec<&Module> = modules.iter().copied().filter(|m| m.is_test).collect();
    tests.sort_by(|a, b| a.path.cmp(&b.path));
    for m in tests {
        if let Err(e) = engine.add_policy(m.path.clone(), m.source.clone()) {
            outcomes.push(TestOutcome {
                name: m.package.clone(),
                path: m.path.clone(),
                failure: Some(format!("does not compile: {e:#}")),
            });
            continue;
        }
        let names: Vec<String> = metadata::top_level_rules(&m.source)
            .into_iter()
            .filter(|n| n.starts_with("test_"))
            .collect();
        if names.is_empty() {
            outcomes.push(TestOutcome {
                name: m.package.clone(),
                path: m.path.clone(),
                failure: Some("the file defines no `test_*` rule".into()),
            });
        }
        for name in names {
            let full = format!("{}.{name}", m.package);
            let failure = match engine.eval_rule(format!("data.{full}")) {
                Ok(regorus::Value::Bool(true)) => None,
                Ok(regorus::Value::Undefined) => {
                    Some("undefined (a condition in the test body was false)".to_string())
                }
                Ok(other) => Some(format!("evaluated to {other}, not true")),
                Err(e) => Some(format!("error: {e:#}")),
            };
            outcomes.push(TestOutcome {
                name: full,
                path: m.path.clone(),
                failure,
            });
        }
    }
    outcomes
}
