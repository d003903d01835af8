//! The command-line tool end to end, in one test binary: `zhclaims extract`
//! (formats, encodings, folders, bad input, exit codes, order), `html`
//! (files, folders, and the page in headless Chromium), and `eval`
//! (byte-identical to the reference scorer).

mod browser;
mod common;
mod eval_agrees;
mod extract;
mod html;
