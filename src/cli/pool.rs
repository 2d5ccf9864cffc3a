//! A worker pool that maps items in parallel and hands the results back in input order.
//!
//! One producer (the caller's closure, on its own thread) feeds a bounded channel,
//! `threads` workers map items, and the caller's thread receives results in the order
//! the producer sent them. Channels are bounded, so memory holds a few items per worker,
//! and what the sink sees does not depend on the thread count.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;

use super::Failure;

/// Items in flight per worker: enough to keep workers busy while one item is slow.
const QUEUE_PER_THREAD: usize = 4;

/// Run `produce`, which calls its argument with each item (it returns false once the
/// run is stopping: stop producing); map each item with `work` on `threads` workers;
/// call `sink` with each result, in order. The first error, from `produce` or `sink`,
/// stops the run and is returned.
pub fn map_ordered<I, O, P, W, S>(
    threads: usize,
    produce: P,
    work: W,
    mut sink: S,
) -> Result<(), Failure>
where
    I: Send,
    O: Send,
    P: FnOnce(&mut dyn FnMut(I) -> bool) -> Result<(), Failure> + Send,
    W: Fn(I) -> O + Sync,
    S: FnMut(O) -> Result<(), Failure>,
{
    let threads = threads.max(1);
    let (item_tx, item_rx) = sync_channel::<(u64, I)>(threads * QUEUE_PER_THREAD);
    let item_rx = Mutex::new(item_rx);
    let stop = AtomicBool::new(false);
    let (done_tx, done_rx) = sync_channel::<(u64, O)>(threads * QUEUE_PER_THREAD);
    std::thread::scope(|scope| {
        let stop = &stop;
        let producer = scope.spawn(move || {
            let mut seq = 0u64;
            produce(&mut |item| {
                let sent = !stop.load(Ordering::Relaxed) && item_tx.send((seq, item)).is_ok();
                seq += 1;
                sent
            })
        });
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (item_rx, work) = (&item_rx, &work);
            scope.spawn(move || {
                loop {
                    let next = item_rx.lock().expect("no worker panics").recv();
                    let Ok((seq, item)) = next else { break };
                    if done_tx.send((seq, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut pending = BTreeMap::new();
        let mut next = 0u64;
        let mut sunk = Ok(());
        for (seq, out) in done_rx.iter() {
            pending.insert(seq, out);
            while let Some(out) = pending.remove(&next) {
                next += 1;
                sunk = sink(out);
                if sunk.is_err() {
                    break;
                }
            }
            if sunk.is_err() {
                break;
            }
        }
        // Stop the producer at its next item, and take what it may be blocked sending.
        stop.store(true, Ordering::Relaxed);
        drop(done_rx);
        while item_rx.lock().expect("no worker panics").recv().is_ok() {}
        let produced = producer.join().expect("the producer does not panic");
        sunk.and(produced)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_for_any_thread_count() {
        for threads in [1, 2, 7] {
            let mut seen = Vec::new();
            map_ordered(
                threads,
                |send| {
                    for i in 0..500u64 {
                        if !send(i) {
                            break;
                        }
                    }
                    Ok(())
                },
                |i| i * 2,
                |o| {
                    seen.push(o);
                    Ok(())
                },
            )
            .ok()
            .unwrap();
            assert_eq!(seen, (0..500).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let r = map_ordered(
            2,
            |send| {
                for i in 0..u64::MAX {
                    if !send(i) {
                        return Ok(());
                    }
                }
                Ok(())
            },
            |i| i,
            |o| {
                if o == 10 {
                    Err(Failure::input("ten"))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r.err().map(|f| f.message), Some("ten".into()));
    }
}
