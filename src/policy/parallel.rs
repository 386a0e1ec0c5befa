//! Evaluates rule packages in parallel on clones of the prepared engine (DESIGN.md §8).
//!
//! Rules are independent: each `eval_rule` starts from a clean evaluation state, so a clone of
//! the engine with the input set gives exactly the result the shared engine gives. Workers take
//! the next rule from a shared counter (the costs of rules differ a lot); the results and any
//! diagnostics are put back in the order of `which`, so the output is byte-identical to
//! [`crate::policy::evaluate`].

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::diag::Diagnostic;
use crate::policy::{evaluate as evaluate_sequential, PolicySet, RuleResult};
use crate::source::Sources;

/// The number of workers: `NIS2CHECK_THREADS` when set (1 evaluates on the calling thread),
/// else the available parallelism, at most one per rule.
pub fn threads(rules: usize) -> usize {
    let wanted = std::env::var("NIS2CHECK_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    wanted.min(rules).max(1)
}

/// A rule's result, the diagnostics it raised (labelled in its worker's scratch `Sources`) and
/// that worker.
type Slot = (RuleResult, Vec<Diagnostic>, usize);

/// Like [`crate::policy::evaluate`], spread over [`threads`] workers.
pub fn evaluate(
    set: &mut PolicySet,
    which: &[usize],
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<RuleResult> {
    let workers = threads(which.len());
    if workers <= 1 {
        return evaluate_sequential(set, which, sources, diagnostics);
    }
    let next = AtomicUsize::new(0);
    // Per position in `which`: the rule's result, the diagnostics it raised and its worker.
    let slots: Mutex<Vec<Option<Slot>>> = Mutex::new((0..which.len()).map(|_| None).collect());
    let shared: &PolicySet = set;
    // Each worker's scratch `Sources`: a rule that fails is labelled in its module, which
    // `evaluate` adds to the `Sources` it is given.
    let scratches: Vec<Sources> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let (next, slots) = (&next, &slots);
                scope.spawn(move || {
                    // A clone shares the compiled modules and the input (reference counted).
                    let mut own = shared.clone();
                    let mut scratch = Sources::default();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= which.len() {
                            break;
                        }
                        let mut diags = Vec::new();
                        let mut result =
                            evaluate_sequential(&mut own, &which[i..=i], &mut scratch, &mut diags);
                        let result = result.pop().expect("one rule in, one result out");
                        slots.lock().expect("no worker panics")[i] = Some((result, diags, worker));
                    }
                    scratch
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no worker panics"))
            .collect()
    });
    // Labels move from the workers' scratch files into `sources`, each file added once, in the
    // order of `which` (so file ids do not depend on scheduling).
    let mut adopted: std::collections::BTreeMap<(usize, usize), usize> = Default::default();
    let mut by_name: std::collections::BTreeMap<String, usize> = Default::default();
    let mut results = Vec::with_capacity(which.len());
    for slot in slots.into_inner().expect("no worker panics") {
        let (result, mut diags, worker) = slot.expect("every rule was evaluated");
        for d in &mut diags {
            for label in d.primary.iter_mut().chain(d.secondary.iter_mut()) {
                label.file = *adopted.entry((worker, label.file)).or_insert_with(|| {
                    let file = scratches[worker].get(label.file);
                    *by_name.entry(file.name.clone()).or_insert_with(|| {
                        sources.add(crate::source::SourceFile::new(
                            file.name.clone(),
                            file.text.clone(),
                        ))
                    })
                });
            }
        }
        diagnostics.extend(diags);
        results.push(result);
    }
    results
}
