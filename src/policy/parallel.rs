//! Evaluates the rules on all cores, on clones of the prepared engine, and large collections
//! block by block (DESIGN.md §8, [`super::split`]).
//!
//! Rules are independent: each `eval_rule` starts from a clean evaluation state, so a clone of
//! the engine with the input set gives exactly the result the shared engine gives. The work is
//! a list of items — a rule on the whole input, or a rule on one block of a collection it may
//! be split over — taken by the workers from a shared counter, the whole rules first (their
//! costs differ a lot), then block after block so that the rules of a block read it while it
//! is in the cache; each block is read once before its rules ([`fetch`]). A rule's blocks are
//! joined as sets, and the results and any diagnostics are put back in the order of `which`,
//! so the output is byte-identical to one worker evaluating every rule on the whole input, for
//! any number of workers and any block size.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::diag::Diagnostic;
use crate::policy::{conclude, evaluate_raw, set_time_limit, split, PolicySet, Raw, RuleResult};
use crate::source::Sources;

/// Below this many entities a second engine saves nothing. The engine is analysed before it is
/// cloned (`policy::prepare_analysed`), so a clone is cheap: the example organisation (99
/// entities) evaluates in 5.3 ms on one thread and 3.6 ms on two; a repository of a handful of
/// entities takes the same time either way.
pub const MIN_ENTITIES: usize = 64;

/// The number of workers ([`crate::par::threads`]): at most one per rule, and one for a
/// small repository.
pub fn threads(rules: usize, entities: usize) -> usize {
    crate::par::threads(entities, MIN_ENTITIES)
        .min(rules)
        .max(1)
}

/// What evaluating the rules gives.
pub struct Evaluation {
    /// In the order of `which`.
    pub results: Vec<RuleResult>,
    /// The time spent reading blocks before their rules ([`fetch`]), on all workers together.
    pub fetch: Duration,
}

/// Evaluates the rules in `which` on [`threads`] workers. `input` is the document the
/// engine's input is set to; `entities` its size (it decides whether parallel evaluation pays).
pub fn evaluate(
    set: &mut PolicySet,
    which: &[usize],
    entities: usize,
    input: &regorus::Value,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Evaluation {
    let workers = threads(which.len(), entities);
    let blocking = split::Blocking::from_env();
    evaluate_with(set, which, workers, input, blocking, sources, diagnostics)
}

/// One item of work.
#[derive(Clone, Copy)]
enum Work {
    /// The rule at this position of `which`, on the whole input.
    Whole(usize),
    /// Reading block `block` of `blocks[split]` ([`fetch`]), before its rules.
    Fetch { split: usize, block: usize },
    /// The rule at `pos` on block `block` of `blocks[split]`.
    Block {
        pos: usize,
        split: usize,
        block: usize,
    },
}

/// The inputs of one collection's blocks.
struct Blocks {
    /// The collection's key in the input.
    collection: regorus::Value,
    docs: Vec<regorus::Value>,
}

/// Reads every value of a block's entities once, so that its rules find them in the cache.
///
/// The first reading of a block is the expensive one, and it does not grow linearly with the data: on
/// the benchmark machine reading every block took 3–4 ms at 10k assets and 60–80 ms at 100k
/// (×19 for ten times the data: at 100k the input is half a GiB and a block comes from main
/// memory, at 10k most of it is still in the cache after building it). Without this step the
/// rule that happened to come first on a block paid for it, and its time said more about its
/// place in the queue than about the rule: ACC001, first on the assets' blocks, took 89 ms at
/// 100k and 55 ms after a fetch; RSK005, first on the suppliers', grew ×12.4–12.6 from 10k to
/// 100k, ×10.1 after a fetch. The evaluation as a whole takes as long either way
/// (BENCHMARKS.md). The fetch is its own number in the timings (`fetch_ms`), so the per-rule
/// times measure the rules and the cost of memory is in view, not hidden.
///
/// Returns the number of values read.
fn fetch(block: &regorus::Value, collection: &regorus::Value) -> usize {
    fn walk(v: &regorus::Value) -> usize {
        match v {
            regorus::Value::Array(items) => items.iter().map(walk).sum::<usize>() + 1,
            regorus::Value::Set(items) => items.iter().map(walk).sum::<usize>() + 1,
            // The keys are interned (one string per distinct key): the values are what a block
            // brings in.
            regorus::Value::Object(map) => map.values().map(walk).sum::<usize>() + 1,
            regorus::Value::String(text) => {
                std::hint::black_box(text.as_bytes().first());
                1
            }
            _ => 1,
        }
    }
    block
        .as_object()
        .ok()
        .and_then(|root| root.get(collection))
        .map_or(0, walk)
}

/// A split rule's result so far.
#[derive(Default)]
struct Joined {
    /// `deny`, `warn`: the union of the blocks' sets.
    sets: [Option<BTreeSet<regorus::Value>>; 2],
    /// `deny`, `warn`: the error of the first block (in block order) that failed.
    errors: [Option<(usize, String)>; 2],
    elapsed: Duration,
}

impl Joined {
    fn add(&mut self, block: usize, raw: Raw, elapsed: Duration) {
        self.elapsed += elapsed;
        for (k, outcome) in [raw.deny, raw.warn].into_iter().enumerate() {
            match outcome {
                None => {}
                Some(Ok(value)) => {
                    let set = self.sets[k].get_or_insert_with(BTreeSet::new);
                    if let Ok(items) = value.as_set() {
                        set.extend(items.iter().cloned());
                    } else if value != regorus::Value::Undefined {
                        // Not a set: keep it, so that concluding reports it as malformed.
                        set.insert(value);
                    }
                }
                Some(Err(text)) if self.errors[k].as_ref().is_none_or(|(b, _)| block < *b) => {
                    self.errors[k] = Some((block, text));
                }
                Some(Err(_)) => {}
            }
        }
    }

    fn into_raw(self) -> Raw {
        let [deny, warn] = self.sets;
        let [deny_err, warn_err] = self.errors;
        let one = |set: Option<BTreeSet<regorus::Value>>, err: Option<(usize, String)>| match err {
            Some((_, text)) => Some(Err(text)),
            None => set.map(|s| Ok(regorus::Value::from(s))),
        };
        Raw {
            deny: one(deny, deny_err),
            warn: one(warn, warn_err),
        }
    }
}

/// What a position of `which` ends with.
enum Slot {
    Pending,
    Whole(Raw, Duration),
    Split(Joined),
}

/// [`evaluate`] with the number of workers and the blocking given.
pub fn evaluate_with(
    set: &mut PolicySet,
    which: &[usize],
    workers: usize,
    input: &regorus::Value,
    blocking: split::Blocking,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Evaluation {
    let raw = evaluate_raw_all(set, which, workers, input, blocking);
    let results = raw
        .rules
        .into_iter()
        .zip(which)
        .map(|((raw, elapsed), &i)| conclude(set, i, raw, elapsed, sources, diagnostics))
        .collect();
    Evaluation {
        results,
        fetch: raw.fetch,
    }
}

/// The raw results of [`evaluate_raw_all`].
pub struct RawEvaluation {
    /// The raw sets of the rules in `which` (in that order) and the time each took.
    pub rules: Vec<(Raw, Duration)>,
    /// As [`Evaluation::fetch`].
    pub fetch: Duration,
}

/// The raw sets of the rules in `which`, evaluated as [`evaluate_with`] does (the benchmark
/// compares them with OPA's).
pub fn evaluate_raw_all(
    set: &mut PolicySet,
    which: &[usize],
    workers: usize,
    input: &regorus::Value,
    blocking: split::Blocking,
) -> RawEvaluation {
    let (items, blocks) = plan(set, which, input, blocking);
    let workers = workers.clamp(1, items.len().max(1));
    if workers > 1 {
        // Analyse the modules once, before cloning: a clone of a prepared engine is prepared
        // (and shares the compiled modules and the input, which are reference counted).
        let _ = set.engine.eval_query("true".to_string(), false);
    }
    let clones: Vec<PolicySet> = (1..workers).map(|_| set.clone()).collect();

    let next = AtomicUsize::new(0);
    let fetched = Mutex::new(Duration::ZERO);
    let slots: Mutex<Vec<Slot>> = Mutex::new((0..which.len()).map(|_| Slot::Pending).collect());
    let limit = set.time_limit;
    let work = |own: &mut PolicySet| {
        // The block the engine's input is cut to, if any.
        let mut current: Option<(usize, usize)> = None;
        loop {
            let n = next.fetch_add(1, Ordering::Relaxed);
            let Some(&item) = items.get(n) else { break };
            match item {
                Work::Fetch { split, block } => {
                    let started = Instant::now();
                    let blocks = &blocks[split];
                    fetch(&blocks.docs[block], &blocks.collection);
                    *fetched.lock().expect("no worker panics") += started.elapsed();
                }
                Work::Whole(pos) => {
                    if current.take().is_some() {
                        own.engine.set_input(input.clone());
                    }
                    let started = Instant::now();
                    let raw = evaluate_raw(&mut own.engine, &own.rules[which[pos]]);
                    let elapsed = started.elapsed();
                    slots.lock().expect("no worker panics")[pos] = Slot::Whole(raw, elapsed);
                }
                Work::Block { pos, split, block } => {
                    if current != Some((split, block)) {
                        own.engine.set_input(blocks[split].docs[block].clone());
                        current = Some((split, block));
                    }
                    // The rule's time limit holds for all its blocks together.
                    let spent = match &slots.lock().expect("no worker panics")[pos] {
                        Slot::Split(j) => j.elapsed,
                        _ => Duration::ZERO,
                    };
                    let left = limit.saturating_sub(spent).max(Duration::from_millis(1));
                    set_time_limit(&mut own.engine, left);
                    let started = Instant::now();
                    let raw = evaluate_raw(&mut own.engine, &own.rules[which[pos]]);
                    let elapsed = started.elapsed();
                    set_time_limit(&mut own.engine, limit);
                    let mut slots = slots.lock().expect("no worker panics");
                    if matches!(slots[pos], Slot::Pending) {
                        slots[pos] = Slot::Split(Joined::default());
                    }
                    if let Slot::Split(joined) = &mut slots[pos] {
                        joined.add(block, raw, elapsed);
                    }
                }
            }
        }
        if current.is_some() {
            own.engine.set_input(input.clone());
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
    let rules = slots
        .into_inner()
        .expect("no worker panics")
        .into_iter()
        .map(|slot| match slot {
            Slot::Whole(raw, elapsed) => (raw, elapsed),
            Slot::Split(joined) => {
                let elapsed = joined.elapsed;
                (joined.into_raw(), elapsed)
            }
            Slot::Pending => unreachable!("every rule was evaluated"),
        })
        .collect();
    RawEvaluation {
        rules,
        fetch: fetched.into_inner().expect("no worker panics"),
    }
}

/// The items of work: every rule whole, except that a rule that may be split over a
/// collection longer than a block, and reads little else ([`split::Blocking`]), runs on each
/// of its blocks (over the largest such collection), when enough rules share the blocks.
fn plan(
    set: &PolicySet,
    which: &[usize],
    input: &regorus::Value,
    blocking: split::Blocking,
) -> (Vec<Work>, Vec<Blocks>) {
    let Ok(root) = input.as_object() else {
        return ((0..which.len()).map(Work::Whole).collect(), Vec::new());
    };
    let len = |v: &regorus::Value| match v {
        regorus::Value::Array(a) => a.len(),
        regorus::Value::Object(o) => o.len(),
        regorus::Value::Set(s) => s.len(),
        _ => 0,
    };
    // The collections to split: arrays longer than a block, largest first.
    let mut large: Vec<(String, usize)> = root
        .iter()
        .filter_map(|(k, v)| {
            let n = v.as_array().ok()?.len();
            let name = k.as_string().ok()?;
            (n > blocking.size).then(|| (name.to_string(), n))
        })
        .collect();
    large.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let separable = if large.is_empty() {
        Default::default()
    } else {
        split::separable(&set.modules)
    };
    let size_of = |key: &str| root.get(&regorus::Value::from(key)).map_or(0, len);
    // Per position: the index in `large` of the collection the rule is split over.
    let mut chosen: Vec<Option<usize>> = which
        .iter()
        .map(|&i| {
            let over = separable.get(&set.rules[i].package)?;
            large.iter().position(|(name, _)| {
                over.get(name).is_some_and(|other| {
                    let read: usize = other.iter().map(|k| size_of(k)).sum();
                    read <= blocking.max_other
                })
            })
        })
        .collect();
    for c in 0..large.len() {
        if chosen.iter().filter(|&&x| x == Some(c)).count() < blocking.min_rules {
            for x in chosen.iter_mut().filter(|x| **x == Some(c)) {
                *x = None;
            }
        }
    }
    let mut items: Vec<Work> = (0..which.len())
        .filter(|&pos| chosen[pos].is_none())
        .map(Work::Whole)
        .collect();
    let mut blocks = Vec::new();
    // The smaller collections' blocks first: they are still in the cache from building the
    // input, which the assets' blocks, streaming through it, would not leave them (a rule over
    // the people's blocks took a third longer after the assets' than before them at 100k).
    for (c, (name, len)) in large.iter().enumerate().rev() {
        let rules: Vec<usize> = (0..which.len())
            .filter(|&pos| chosen[pos] == Some(c))
            .collect();
        if rules.is_empty() {
            continue;
        }
        // Even blocks of at most `blocking.size`.
        let count = len.div_ceil(blocking.size);
        let per = len.div_ceil(count);
        let docs: Vec<regorus::Value> = (0..count)
            .map(|b| split::block_input(input, name, b * per..((b + 1) * per).min(*len)))
            .collect();
        let split = blocks.len();
        for block in 0..count {
            items.push(Work::Fetch { split, block });
            items.extend(rules.iter().map(|&pos| Work::Block { pos, split, block }));
        }
        blocks.push(Blocks {
            collection: regorus::Value::from(name.as_str()),
            docs,
        });
    }
    (items, blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `plan` for 1,100 assets and 1,100 people, each with nothing but an id.
    fn planned(blocking: split::Blocking) -> (Vec<Work>, Vec<Blocks>) {
        let mut sources = Sources::default();
        let mut diags = Vec::new();
        let set = crate::policy::prepare(
            &crate::policy::builtin_modules(),
            &crate::policy::EngineOptions::default(),
            &mut sources,
            &mut diags,
        )
        .expect("the built-in pack compiles");
        let entities = |prefix: &str| -> Vec<serde_json::Value> {
            (0..1100)
                .map(|i| serde_json::json!({"id": format!("{prefix}-{i:04}")}))
                .collect()
        };
        let input = crate::model::input::value_from_json(&serde_json::json!({
            "meta": {"as_of": "2026-06-30"},
            "assets": entities("a"),
            "people": entities("p"),
        }));
        let which: Vec<usize> = (0..set.rules.len()).collect();
        plan(&set, &which, &input, blocking)
    }

    /// The collections `plan` splits, for 1,100 assets and 1,100 people.
    fn split_collections(blocking: split::Blocking) -> BTreeSet<String> {
        let (items, blocks) = planned(blocking);
        items
            .iter()
            .filter_map(|item| match item {
                Work::Block { split, .. } => Some(*split),
                Work::Whole(_) | Work::Fetch { .. } => None,
            })
            .flat_map(|split| {
                // The collection cut short in the block's input.
                let doc = blocks[split].docs[0].as_object().expect("an object");
                doc.iter()
                    .filter(|(_, v)| v.as_array().is_ok_and(|a| a.len() < 1100))
                    .map(|(k, _)| k.as_string().expect("a key").to_string())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn a_collection_only_one_rule_reads_is_not_split() {
        // The people: ACC006 alone reads each person on its own.
        let default = split::Blocking::DEFAULT;
        assert_eq!(
            split_collections(default),
            BTreeSet::from(["assets".to_string()])
        );
        let every = split::Blocking {
            min_rules: 1,
            ..default
        };
        assert_eq!(
            split_collections(every),
            BTreeSet::from(["assets".to_string(), "people".to_string()])
        );
    }

    #[test]
    fn every_block_is_read_once_before_its_rules() {
        let (items, blocks) = planned(split::Blocking::DEFAULT);
        let mut fetched = BTreeSet::new();
        for item in &items {
            match *item {
                Work::Whole(pos) => assert!(fetched.is_empty(), "rule {pos} whole after a block"),
                Work::Fetch { split, block } => {
                    assert!(fetched.insert((split, block)), "block {block} read twice")
                }
                Work::Block { split, block, pos } => assert!(
                    fetched.contains(&(split, block)),
                    "rule {pos} on block {block} before the block is read"
                ),
            }
        }
        // The assets, in two blocks of 550.
        assert_eq!(fetched.len(), 2);
        // Only the block's own entities are read: its array, and each asset's table and id.
        assert_eq!(
            fetch(&blocks[0].docs[1], &blocks[0].collection),
            1 + 550 * 2
        );
    }
}
