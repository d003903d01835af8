//! Parallel work with output in input order and bounded memory.
//!
//! Items are taken from an iterator one at a time and handed to a rayon
//! pool; results come back in any order and are passed to the sink in
//! input order. At most `window` items are in flight or waiting to be
//! written at any moment, so memory does not grow with the number of items,
//! only with the size of the largest ones.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

/// Runs `work` on every item of `items` on `pool` and passes the results to
/// `sink` in input order, with at most `window` (≥ 1) items taken but not
/// yet sunk. The first error of `sink` stops the run: no new item is taken,
/// items already taken are skipped by the workers, and the error is returned.
pub fn ordered<T, R, E>(
    pool: &rayon::ThreadPool,
    window: usize,
    items: impl Iterator<Item = T>,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    let window = window.max(1);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Option<R>)>();
    let (work, stop_ref) = (&work, &stop);
    pool.in_place_scope_fifo(|scope| {
        let mut items = items.fuse();
        let mut taken = 0usize; // items handed to the pool
        let mut sunk = 0usize; // items passed to the sink
        let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
        loop {
            while taken - sunk < window && !stop_ref.load(Ordering::Relaxed) {
                let Some(item) = items.next() else { break };
                let (tx, i) = (tx.clone(), taken);
                scope.spawn_fifo(move |_| {
                    let r = (!stop_ref.load(Ordering::Relaxed)).then(|| work(item));
                    // The receiver outlives the scope; a send cannot fail.
                    let _ = tx.send((i, r));
                });
                taken += 1;
            }
            if sunk == taken {
                return Ok(());
            }
            // Every item below `taken` was spawned and sends exactly once,
            // and `tx` itself is still alive: `recv` cannot fail here.
            let Ok((i, r)) = rx.recv() else {
                return Ok(());
            };
            // Workers skip their item only once `stop` is set, and it is set
            // only right before returning.
            let Some(r) = r else { return Ok(()) };
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&sunk) {
                sunk += 1;
                if let Err(e) = sink(r) {
                    stop_ref.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    fn pool(n: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    }

    #[test]
    fn results_come_in_input_order() {
        let mut got = Vec::new();
        // Early items take longest, so they finish last.
        ordered(
            &pool(4),
            8,
            0..200u64,
            |i| {
                std::thread::sleep(std::time::Duration::from_micros((200 - i) * 20));
                i * 2
            },
            |r| {
                got.push(r);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(got, (0..200).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn never_more_than_the_window_in_flight() {
        let live = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        let window = 5;
        let mut n = 0;
        ordered(
            &pool(3),
            window,
            (0..300).inspect(|_| {
                // An item is taken: it stays live until the sink has it.
                let now = live.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(now, Ordering::SeqCst);
            }),
            |i| i,
            |_| {
                live.fetch_sub(1, Ordering::SeqCst);
                n += 1;
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(n, 300);
        assert!(peak.load(Ordering::SeqCst) <= window, "{peak:?}");
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let worked = AtomicUsize::new(0);
        let mut seen = Vec::new();
        let r = ordered(
            &pool(2),
            4,
            0..10_000,
            |i| {
                worked.fetch_add(1, Ordering::SeqCst);
                i
            },
            |i| {
                seen.push(i);
                if i == 10 { Err(i) } else { Ok(()) }
            },
        );
        assert_eq!(r, Err(10));
        assert_eq!(seen, (0..=10).collect::<Vec<_>>());
        assert!(worked.load(Ordering::SeqCst) < 20);
    }

    #[test]
    fn empty_input() {
        let r = ordered(&pool(1), 1, std::iter::empty::<u8>(), |i| i, |_| Err(()));
        assert_eq!(r, Ok(()));
    }
}
