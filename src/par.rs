//! Work spread over the cores, with results in input order (so output never depends on the
//! number of threads or on which thread finished first).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The number of workers for a job of `size` items: `NIS2CHECK_THREADS` when set to a positive
/// number (1 keeps everything on the calling thread; tests force several threads on small
/// inputs to check that the output does not change), else 1 below `parallel_from` items (a
/// thread costs more than a small job takes), else the available parallelism.
pub fn threads(size: usize, parallel_from: usize) -> usize {
    let forced = std::env::var("NIS2CHECK_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0);
    match forced {
        Some(n) => n,
        None if size < parallel_from => 1,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
}

/// Maps `f` over `items` on up to `threads` workers (the calling thread is one of them) and
/// returns the results in the order of `items`. Workers take the next item from a shared
/// counter, so a few large items do not leave a worker idle while another has a queue.
pub fn map_ordered<T, R, F>(items: Vec<T>, threads: usize, f: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync,
{
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.into_iter().map(f).collect();
    }
    // Each item is taken exactly once, by the worker that drew its index.
    let items: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = items.get(i) else { break };
            let item = slot
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take()
                .expect("each index is drawn once");
            done.push((i, f(item)));
        }
        done
    };
    let mut parts = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut parts = vec![work()];
        for other in others {
            match other.join() {
                Ok(part) => parts.push(part),
                // A panic in `f` is a bug; raise it on the calling thread as it would have
                // been raised without threads.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        parts
    });
    let mut all: Vec<(usize, R)> = Vec::with_capacity(items.len());
    for part in &mut parts {
        all.append(part);
    }
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order_whatever_the_thread_count() {
        let items: Vec<u64> = (0..1000).collect();
        // Uneven costs, so workers finish out of order.
        let f = |n: u64| {
            let mut x = n;
            for _ in 0..(n % 7) * 1000 {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
            }
            (n, x)
        };
        let one = map_ordered(items.clone(), 1, f);
        for threads in [2, 3, 8] {
            assert_eq!(
                map_ordered(items.clone(), threads, f),
                one,
                "{threads} threads"
            );
        }
        assert_eq!(one.iter().map(|(n, _)| *n).collect::<Vec<_>>(), items);
    }

    #[test]
    fn empty_and_single_inputs() {
        assert!(map_ordered(Vec::<u8>::new(), 4, |x| x).is_empty());
        assert_eq!(map_ordered(vec![5u8], 4, |x| x + 1), vec![6]);
    }
}
