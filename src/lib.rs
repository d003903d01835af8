//! zhclaims: numeric claims from Chinese government press releases.
//!
//! The pipeline is the architecture, one module per stage:
//! normalise ([`normalize`]) → find number expressions ([`numeral`]) →
//! attach unit and qualifier → filter non-claims → find subject and year →
//! assemble records.

pub mod eval;
pub mod normalize;
pub mod numeral;
