//! Output formats of `zhclaims extract`: JSON lines, one JSON array, CSV.
//!
//! Every record starts with `file` (the path, `-` for stdin) and `encoding`
//! (the encoding the document was read in), followed by the fields of the
//! library's `Claim` (or, with `--doc`, of its `Document`) exactly as the
//! library serialises them: every field present, in declaration order,
//! numbers exact. CSV flattens nested fields (`sentence_start`) and adds
//! the sentence's text as the last column.

use std::io::Write;

use clap::ValueEnum;
use serde::Serialize;
use zhclaims::{Claim, Document};

use crate::columns::Columns;

/// How records are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// One row per claim, with a header (RFC 4180, UTF-8).
    Csv,
    /// One JSON array of objects.
    Json,
}

/// A record: the file and its encoding, then the library's own fields.
#[derive(Serialize)]
struct Record<'a, T: Serialize> {
    file: &'a str,
    encoding: &'a str,
    #[serde(flatten)]
    inner: &'a T,
}

/// The records of one document, rendered.
#[derive(Debug, Default)]
pub struct Chunk {
    /// The bytes (records of JSON formats separated by `,\n` for `json`,
    /// each ending in a newline for the others).
    pub bytes: Vec<u8>,
    /// How many records they hold.
    pub records: usize,
}

/// Renders documents in one format.
#[derive(Debug, Clone)]
pub struct Renderer {
    format: Format,
    doc: bool,
    /// The CSV columns (file, encoding, the claim's, sentence_text).
    columns: Vec<String>,
    claim_columns: Columns,
}

impl Renderer {
    /// A renderer; `doc` writes one record per document (JSON formats only).
    pub fn new(format: Format, doc: bool) -> Result<Self, String> {
        let claim_columns = Columns::of::<Claim>()?;
        let mut columns = vec!["file".to_string(), "encoding".to_string()];
        columns.extend(claim_columns.names().iter().cloned());
        columns.push("sentence_text".into());
        Ok(Renderer {
            format,
            doc,
            columns,
            claim_columns,
        })
    }

    /// The CSV header row.
    pub fn csv_header(&self) -> Result<Vec<u8>, String> {
        let mut w = csv_writer();
        w.write_record(&self.columns).map_err(|e| e.to_string())?;
        w.into_inner().map_err(|e| e.to_string())
    }

    /// The records of a document named `file`, read in `encoding`, whose
    /// text is `text`.
    pub fn render(
        &self,
        file: &str,
        encoding: &str,
        text: &str,
        doc: &Document,
    ) -> Result<Chunk, String> {
        let mut chunk = Chunk::default();
        match (self.format, self.doc) {
            (Format::Csv, _) => {
                let mut w = csv_writer();
                for c in &doc.claims {
                    let value = serde_json::to_value(c).map_err(|e| e.to_string())?;
                    let mut row = vec![file.to_string(), encoding.to_string()];
                    row.extend(self.claim_columns.cells(&value)?);
                    row.push(c.sentence.text(text).to_string());
                    w.write_record(&row).map_err(|e| e.to_string())?;
                    chunk.records += 1;
                }
                chunk.bytes = w.into_inner().map_err(|e| e.to_string())?;
            }
            (_, true) => self.push_json(
                &mut chunk,
                &Record {
                    file,
                    encoding,
                    inner: doc,
                },
            )?,
            (_, false) => {
                for c in &doc.claims {
                    self.push_json(
                        &mut chunk,
                        &Record {
                            file,
                            encoding,
                            inner: c,
                        },
                    )?;
                }
            }
        }
        Ok(chunk)
    }

    /// Appends one JSON record to `chunk`.
    fn push_json<T: Serialize>(&self, chunk: &mut Chunk, value: &T) -> Result<(), String> {
        if chunk.records > 0 && self.format == Format::Json {
            chunk.bytes.extend_from_slice(b",\n");
        }
        serde_json::to_writer(&mut chunk.bytes, value).map_err(|e| e.to_string())?;
        if self.format == Format::Jsonl {
            chunk.bytes.push(b'\n');
        }
        chunk.records += 1;
        Ok(())
    }
}

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new())
}

/// Writes chunks to the output with the format's framing (the CSV header
/// and an optional UTF-8 byte-order mark, the JSON array's brackets).
pub struct Sink<W: Write> {
    out: W,
    format: Format,
    records: usize,
}

impl<W: Write> Sink<W> {
    /// Starts the output: the BOM when `bom`, then the CSV header or `[`.
    pub fn start(mut out: W, r: &Renderer, bom: bool) -> std::io::Result<Self> {
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        match r.format {
            Format::Csv => out.write_all(&r.csv_header().map_err(std::io::Error::other)?)?,
            Format::Json => out.write_all(b"[\n")?,
            Format::Jsonl => {}
        }
        Ok(Sink {
            out,
            format: r.format,
            records: 0,
        })
    }

    /// Writes one document's records.
    pub fn write(&mut self, chunk: &Chunk) -> std::io::Result<()> {
        if chunk.records == 0 {
            return Ok(());
        }
        if self.format == Format::Json && self.records > 0 {
            self.out.write_all(b",\n")?;
        }
        self.out.write_all(&chunk.bytes)?;
        self.records += chunk.records;
        Ok(())
    }

    /// Ends the output and flushes it.
    pub fn finish(mut self) -> std::io::Result<()> {
        if self.format == Format::Json {
            self.out
                .write_all(if self.records > 0 { b"\n]\n" } else { b"]\n" })?;
        }
        self.out.flush()
    }

    /// Flushes what was written so far.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
