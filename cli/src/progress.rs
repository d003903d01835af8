//! What a run tells the user on stderr: a progress bar (only when stderr
//! is a terminal and `--quiet` is not given), one line per failed
//! document, and a one-line summary at the end.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::inputs::{self, Input, Selector};

/// Counts of a run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Documents read and written.
    pub documents: u64,
    /// Documents that failed.
    pub failed: u64,
    /// Claims written.
    pub claims: u64,
    /// Input bytes of the documents read.
    pub bytes: u64,
}

/// Progress, errors and the summary of one run.
pub struct Progress {
    bar: ProgressBar,
    quiet: bool,
    started: Instant,
    counts: Counts,
    /// Files found by the counting thread, and whether it is done.
    total_files: Arc<AtomicU64>,
    counted: Arc<AtomicBool>,
}

impl Progress {
    /// A progress report; the bar is drawn only when `quiet` is false and
    /// stderr is a terminal.
    pub fn new(quiet: bool) -> Self {
        let show = !quiet && std::io::stderr().is_terminal();
        let bar = if show {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{wide_bar}] {decimal_bytes}/{decimal_total_bytes} \
                 {decimal_bytes_per_sec} ETA {eta} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress {
            bar,
            quiet,
            started: Instant::now(),
            counts: Counts::default(),
            total_files: Arc::new(AtomicU64::new(0)),
            counted: Arc::new(AtomicBool::new(false)),
        }
    }

    /// While the bar is drawn, sizes up the inputs in a background thread
    /// (a second walk that keeps only counts) so that the bar has a total.
    pub fn count_inputs(&self, paths: &[PathBuf], selector: &Selector) {
        if self.bar.is_hidden() {
            return;
        }
        let (bar, total, counted) = (
            self.bar.clone(),
            self.total_files.clone(),
            self.counted.clone(),
        );
        let (paths, selector) = (paths.to_vec(), selector.clone());
        std::thread::spawn(move || {
            for input in inputs::walk(&paths, &selector) {
                if let Input::File { path, .. } = &input {
                    bar.inc_length(std::fs::metadata(path).map_or(0, |m| m.len()));
                }
                total.fetch_add(1, Ordering::Relaxed);
            }
            counted.store(true, Ordering::Relaxed);
        });
    }

    /// A document was written.
    pub fn document(&mut self, bytes: u64, claims: u64) {
        self.counts.documents += 1;
        self.counts.claims += claims;
        self.counts.bytes += bytes;
        self.bar.inc(bytes);
        self.update();
    }

    /// A document failed: its path and why, on stderr.
    pub fn failed(&mut self, name: &str, bytes: u64, reason: &str) {
        self.counts.failed += 1;
        self.counts.bytes += bytes;
        self.bar.inc(bytes);
        self.bar.suspend(|| eprintln!("zhclaims: {name}: {reason}"));
        self.update();
    }

    fn update(&self) {
        if self.bar.is_hidden() {
            return;
        }
        let done = self.counts.documents + self.counts.failed;
        let files = if self.counted.load(Ordering::Relaxed) {
            format!("{done}/{}", self.total_files.load(Ordering::Relaxed))
        } else {
            done.to_string()
        };
        self.bar.set_message(format!(
            "{files} files, {} claims, {} failed",
            self.counts.claims, self.counts.failed
        ));
    }

    /// The counts so far.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Clears the bar and prints the summary line (unless quiet).
    pub fn finish(&self) {
        self.bar.finish_and_clear();
        if self.quiet {
            return;
        }
        let secs = self.started.elapsed().as_secs_f64();
        let c = self.counts;
        let mb = c.bytes as f64 / 1e6;
        let plural = |n: u64, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        eprintln!(
            "zhclaims: {}, {}, {} failed, {:.2} MB in {:.2} s ({:.1} MB/s)",
            plural(c.documents, "document"),
            plural(c.claims, "claim"),
            c.failed,
            mb,
            secs,
            if secs > 0.0 { mb / secs } else { 0.0 }
        );
    }
}
