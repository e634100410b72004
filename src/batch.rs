//! Tagging many documents on all cores, keeping their order.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Items a worker takes at a time, at most: small enough that one long document does not hold
/// up the others, large enough that taking work costs nothing. Fewer when there are few items,
/// so that each thread gets some.
const MAX_BLOCK: usize = 16;

/// `items.iter().map(f).collect()`, computed on up to `threads` threads, in the items' order.
pub(crate) fn map_in_order<'a, T, R, F>(items: &'a [T], threads: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&'a T) -> R + Sync,
{
    let block = (items.len() / threads.max(1) / 4).clamp(1, MAX_BLOCK);
    let blocks = items.len().div_ceil(block);
    let threads = threads.min(blocks);
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    // Workers take blocks by number, so a slow block does not leave the other threads idle.
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Vec<R>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let block_number = next.fetch_add(1, Ordering::Relaxed);
                        if block_number >= blocks {
                            return mine;
                        }
                        let start = block_number * block;
                        let end = (start + block).min(items.len());
                        mine.push((block_number, items[start..end].iter().map(&f).collect()));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    done.sort_unstable_by_key(|&(block, _)| block);
    done.into_iter().flat_map(|(_, results)| results).collect()
}

/// How many threads "all cores" is.
pub(crate) fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_on_any_number_of_threads() {
        let items: Vec<usize> = (0..1000).collect();
        for threads in [1, 2, 3, 8] {
            let doubled = map_in_order(&items, threads, |&i| i * 2);
            assert_eq!(doubled, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
        assert!(map_in_order(&[] as &[usize], 4, |&i| i).is_empty());
    }
}
