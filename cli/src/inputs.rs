//! The documents of a run: files, folders walked recursively, or stdin.
//!
//! Inputs are produced lazily, in a fixed order: the paths as given, and
//! inside a folder depth first with the entries of each folder sorted by
//! name. Hidden entries (names starting with `.`) inside folders are
//! skipped; `--glob` patterns (`*`, `?`, `[a-z]`) select among the files
//! found in folders (a file named on the command line is always read). A
//! path that cannot be read or walked becomes an [`Input::Failed`], never a
//! silent gap.

use std::io::Read;
use std::path::{Path, PathBuf};

use glob::{MatchOptions, Pattern};

/// One document to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input, named `-`.
    Stdin,
    /// A file.
    File {
        /// The path as given or as found in a folder.
        path: PathBuf,
        /// The folder it was found in (`None` when named on the command line).
        root: Option<PathBuf>,
    },
    /// A path that could not be listed or is not there.
    Failed {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

impl Input {
    /// The name written in the output's `file` field: the path, or `-`.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            Input::File { path, .. } | Input::Failed { path, .. } => path.display().to_string(),
        }
    }

    /// The path relative to the folder it was found in (its name when it
    /// was named on the command line; `stdin` for stdin).
    pub fn relative(&self) -> PathBuf {
        match self {
            Input::Stdin => PathBuf::from("stdin"),
            Input::File {
                path,
                root: Some(root),
            } => path.strip_prefix(root).unwrap_or(path).to_path_buf(),
            Input::File { path, root: None } | Input::Failed { path, .. } => {
                path.file_name().map_or_else(|| path.clone(), PathBuf::from)
            }
        }
    }

    /// The bytes of the document.
    pub fn read(&self) -> Result<Vec<u8>, String> {
        match self {
            Input::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut buf)
                    .map_err(|e| format!("cannot read standard input: {e}"))?;
                Ok(buf)
            }
            Input::File { path, .. } => {
                std::fs::read(path).map_err(|e| format!("cannot read: {}", io_reason(&e)))
            }
            Input::Failed { reason, .. } => Err(reason.clone()),
        }
    }
}

/// An I/O error's message without Rust's `(os error N)` suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// `--glob` patterns compiled; no pattern selects every file.
#[derive(Debug, Clone)]
pub struct Selector {
    patterns: Vec<Pattern>,
    /// The run's own output (file or folder), never read as input.
    exclude: Option<PathBuf>,
}

/// `*` and `?` also match `/`, so `*.txt` selects text files at any depth.
const MATCH: MatchOptions = MatchOptions {
    case_sensitive: true,
    require_literal_separator: false,
    require_literal_leading_dot: false,
};

impl Selector {
    /// Compiles the patterns; an invalid one is an error naming it.
    pub fn new(patterns: &[String]) -> Result<Self, String> {
        let patterns = patterns
            .iter()
            .map(|p| Pattern::new(p).map_err(|e| format!("invalid --glob {p:?}: {e}")))
            .collect::<Result<_, _>>()?;
        Ok(Selector {
            patterns,
            exclude: None,
        })
    }

    /// Skips `path` (the run's output file or folder) when walking folders,
    /// so that `zhclaims extract . -o claims.jsonl` does not read its own
    /// output. Call it once the output exists.
    pub fn excluding(mut self, path: &Path) -> Self {
        self.exclude = std::fs::canonicalize(path).ok();
        self
    }

    fn excluded(&self, path: &Path) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|ex| std::fs::canonicalize(path).is_ok_and(|p| p == *ex))
    }

    /// Whether a file at `relative` (to its folder) is read.
    fn selects(&self, relative: &Path) -> bool {
        self.patterns.is_empty() || {
            let rel = relative.to_string_lossy();
            self.patterns.iter().any(|p| p.matches_with(&rel, MATCH))
        }
    }
}

fn is_hidden(e: &walkdir::DirEntry) -> bool {
    e.depth() > 0 && e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
}

/// The documents named by `paths` (none, or `-`, is stdin), in order.
pub fn walk(paths: &[PathBuf], selector: &Selector) -> impl Iterator<Item = Input> + use<> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        paths.to_vec()
    };
    let selector = selector.clone();
    paths
        .into_iter()
        .flat_map(move |p| -> Box<dyn Iterator<Item = Input>> {
            if p.as_os_str() == "-" {
                return Box::new(std::iter::once(Input::Stdin));
            }
            match std::fs::metadata(&p) {
                Err(e) => Box::new(std::iter::once(Input::Failed {
                    reason: format!("cannot read: {}", io_reason(&e)),
                    path: p,
                })),
                Ok(m) if m.is_dir() => Box::new(folder(p, selector.clone())),
                Ok(_) => Box::new(std::iter::once(Input::File {
                    path: p,
                    root: None,
                })),
            }
        })
}

fn folder(root: PathBuf, selector: Selector) -> impl Iterator<Item = Input> {
    walkdir::WalkDir::new(&root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry({
            let selector = selector.clone();
            move |e| {
                let own_output = e.file_type().is_dir() && selector.excluded(e.path());
                !is_hidden(e) && !own_output
            }
        })
        .filter_map(move |entry| match entry {
            Ok(e) if e.file_type().is_dir() => None,
            Ok(e) => {
                let path = e.into_path();
                let rel = path.strip_prefix(&root).unwrap_or(&path);
                (selector.selects(rel) && !selector.excluded(&path)).then(|| Input::File {
                    root: Some(root.clone()),
                    path,
                })
            }
            Err(e) => {
                let path = e.path().unwrap_or(&root).to_path_buf();
                let reason = match (e.loop_ancestor(), e.io_error()) {
                    (Some(a), _) => format!("symbolic link loop back to {}", a.display()),
                    (None, Some(io)) => format!("cannot read: {}", io_reason(io)),
                    (None, None) => e.to_string(),
                };
                Some(Input::Failed { path, reason })
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_in_name_order_hidden_skipped_globs_select() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "b.txt",
            "a.txt",
            "sub/c.txt",
            "sub/d.html",
            ".hidden.txt",
            ".git/x.txt",
        ] {
            let p = d.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        let names = |globs: &[&str]| -> Vec<String> {
            let g: Vec<String> = globs.iter().map(|s| s.to_string()).collect();
            walk(&[d.to_path_buf()], &Selector::new(&g).unwrap())
                .map(|i| i.relative().display().to_string())
                .collect()
        };
        assert_eq!(names(&[]), ["a.txt", "b.txt", "sub/c.txt", "sub/d.html"]);
        assert_eq!(names(&["*.txt"]), ["a.txt", "b.txt", "sub/c.txt"]);
        assert_eq!(names(&["*.html", "a*"]), ["a.txt", "sub/d.html"]);
        assert!(Selector::new(&["a[".into()]).is_err());
        // The run's output is not read, be it a file or a folder.
        let sel = Selector::new(&[]).unwrap().excluding(&d.join("b.txt"));
        let got: Vec<Input> = walk(&[d.to_path_buf()], &sel).collect();
        assert_eq!(got.len(), 3);
        let sel = Selector::new(&[]).unwrap().excluding(&d.join("sub"));
        let got: Vec<Input> = walk(&[d.to_path_buf()], &sel).collect();
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn missing_paths_fail_and_stdin_is_the_default() {
        let got: Vec<Input> = walk(
            &[PathBuf::from("/no/such/file")],
            &Selector::new(&[]).unwrap(),
        )
        .collect();
        assert!(
            matches!(&got[..], [Input::Failed { reason, .. }] if reason.contains("No such file")),
            "{got:?}"
        );
        let got: Vec<Input> = walk(&[], &Selector::new(&[]).unwrap()).collect();
        assert_eq!(got, [Input::Stdin]);
    }
}
