//! Shared by the peer-suite tests: a pass/fail tally with a floor.

/// The least a suite must keep passing. (Each test binary uses one kind.)
#[allow(dead_code)]
pub enum Floor {
    /// A share of the in-scope cases (0.0–1.0).
    Rate(f64),
    /// A number of in-scope cases.
    Passed(usize),
}

/// Passed, failed and skipped cases of one suite.
pub struct Tally {
    pub name: &'static str,
    pub pass: usize,
    pub total: usize,
    pub skipped: usize,
    pub failures: Vec<String>,
}

impl Tally {
    pub fn new(name: &'static str) -> Self {
        Tally {
            name,
            pass: 0,
            total: 0,
            skipped: 0,
            failures: Vec::new(),
        }
    }

    /// A case out of scope (listed in a skip file).
    pub fn skip(&mut self) {
        self.skipped += 1;
    }

    /// An in-scope case; `what` describes it when it failed.
    pub fn record(&mut self, ok: bool, what: String) {
        self.total += 1;
        if ok {
            self.pass += 1;
        } else {
            self.failures.push(what);
        }
    }

    /// Prints the pass rate and every failure, and fails below `floor`.
    pub fn report(&self, floor: Floor) {
        let rate = if self.total == 0 {
            1.0
        } else {
            self.pass as f64 / self.total as f64
        };
        println!(
            "{}: {}/{} in scope passed ({:.1}%), {} skipped",
            self.name,
            self.pass,
            self.total,
            rate * 100.0,
            self.skipped
        );
        for f in &self.failures {
            println!("  FAIL {f}");
        }
        match floor {
            Floor::Rate(min) => assert!(
                rate >= min,
                "{}: pass rate {rate:.4} below floor {min}",
                self.name
            ),
            Floor::Passed(min) => {
                assert!(
                    self.pass >= min,
                    "{}: {} passed, below the floor {min}",
                    self.name,
                    self.pass
                )
            }
        }
    }
}
