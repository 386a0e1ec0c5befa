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

/// Below this many entities a second engine saves nothing. The engine is analysed before it is
/// cloned (`policy::prepare_analysed`), so a clone is cheap: the example organisation (99
/// entities) evaluates in 5.3 ms on one thread and 3.6 ms on two; a repository of a handful of
/// entities takes the same time either way.
pub const MIN_ENTITIES: usize = 64;

/// A rule's result and the diagnostics it raised.
type Slot = (RuleResult, Vec<Diagnostic>);

/// The number of workers ([`crate::par::threads`]): at most one per rule, and one for a
/// small repository.
pub fn threads(rules: usize, entities: usize) -> usize {
    crate::par::threads(entities, MIN_ENTITIES)
        .min(rules)
        .max(1)
}

/// Like [`crate::policy::evaluate`], spread over [`threads`] workers. `entities` is the size
/// of the input (it decides whether parallel evaluation pays).
pub fn evaluate(
    set: &mut PolicySet,
    which: &[usize],
    entities: usize,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<RuleResult> {
    let workers = threads(which.len(), entities);
    if workers <= 1 {
        return evaluate_sequential(set, which, sources, diagnostics);
    }
    // Analyse the modules once, before cloning: a clone of a prepared engine is prepared (and
    // shares the compiled modules and the input, which are reference counted).
    let _ = set.engine.eval_query("true".to_string(), false);
    let clones: Vec<PolicySet> = (1..workers).map(|_| set.clone()).collect();

    let next = AtomicUsize::new(0);
    // Per position in `which`: the rule's result and the diagnostics it raised.
    let slots: Mutex<Vec<Option<Slot>>> = Mutex::new((0..which.len()).map(|_| None).collect());
    let work = |own: &mut PolicySet| {
        // `evaluate` labels no file for a rule that fails (its diagnostics carry no place), so
        // a scratch `Sources` loses nothing.
        let mut scratch = Sources::default();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= which.len() {
                break;
            }
            let mut diags = Vec::new();
            let mut result = evaluate_sequential(own, &which[i..=i], &mut scratch, &mut diags);
            let result = result.pop().expect("one rule in, one result out");
            slots.lock().expect("no worker panics")[i] = Some((result, diags));
        }
    };
    std::thread::scope(|scope| {
        for mut own in clones {
            let work = &work;
            scope.spawn(move || work(&mut own));
        }
        // The calling thread is a worker too, on the original engine.
        work(set);
    });
    let mut results = Vec::with_capacity(which.len());
    for slot in slots.into_inner().expect("no worker panics") {
        let (result, diags) = slot.expect("every rule was evaluated");
        diagnostics.extend(diags);
        results.push(result);
    }
    let _ = sources;
    results
}
