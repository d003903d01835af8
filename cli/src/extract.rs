//! `zhclaims extract`: documents in, records out, in input order.

use std::io::{BufWriter, ErrorKind, Write};
use std::process::ExitCode;

use zhclaims::Extractor;
use zhclaims::decode::{Encoding, decode};

use crate::ExtractArgs;
use crate::inputs::{self, Input};
use crate::output::{Chunk, Renderer, Sink};
use crate::pipeline;
use crate::progress::Progress;

/// One document, read and extracted (or why not).
pub struct Done {
    /// Its name (path, or `-`).
    pub name: String,
    /// Input bytes read.
    pub bytes: u64,
    /// Its records and claim count, or the reason it failed.
    pub result: Result<(Chunk, u64), String>,
}

/// Reads, decodes and extracts one document and renders its records.
pub fn process(input: &Input, encoding: Encoding, ex: &Extractor, r: &Renderer) -> Done {
    let name = input.name();
    let bytes = match input.read() {
        Ok(b) => b,
        Err(reason) => {
            return Done {
                name,
                bytes: 0,
                result: Err(reason),
            };
        }
    };
    let len = bytes.len() as u64;
    let result = decode(&bytes, encoding)
        .map_err(|e| e.to_string())
        .and_then(|d| {
            let doc = ex.extract(&d.text);
            let chunk = r.render(&name, d.encoding, &d.text, &doc)?;
            Ok((chunk, doc.claims.len() as u64))
        });
    Done {
        name,
        bytes: len,
        result,
    }
}

/// Documents in flight or waiting to be written, per worker thread.
pub const WINDOW_PER_JOB: usize = 4;

pub fn run(args: &ExtractArgs) -> ExitCode {
    let opts = &args.input;
    let mut selector = opts.selector();
    let ex = opts.extractor();
    let pool = opts.pool();
    let renderer = Renderer::new(args.format, args.doc).unwrap_or_else(|e| {
        eprintln!("zhclaims: {e}");
        std::process::exit(1)
    });
    let out: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => {
                selector = selector.excluding(path);
                Box::new(f)
            }
            Err(e) => {
                eprintln!(
                    "zhclaims: cannot write {}: {}",
                    path.display(),
                    inputs::io_reason(&e)
                );
                return ExitCode::FAILURE;
            }
        },
        None => Box::new(std::io::stdout().lock()),
    };
    let out_name = args
        .output
        .as_ref()
        .map_or_else(|| "stdout".to_string(), |p| p.display().to_string());
    let mut progress = Progress::new(opts.quiet);
    let written = Sink::start(
        BufWriter::with_capacity(1 << 16, out),
        &renderer,
        args.excel,
    )
    .and_then(|mut sink| {
        progress.count_inputs(&args.paths, &selector);
        pipeline::ordered(
            &pool,
            WINDOW_PER_JOB * pool.current_num_threads(),
            inputs::walk(&args.paths, &selector),
            |input| process(&input, opts.encoding, &ex, &renderer),
            |done| match done.result {
                Ok((chunk, claims)) => {
                    sink.write(&chunk)?;
                    progress.document(done.bytes, claims);
                    Ok::<(), std::io::Error>(())
                }
                Err(reason) => {
                    // What was written so far reaches the reader before the error.
                    sink.flush()?;
                    progress.failed(&done.name, done.bytes, &reason);
                    Ok(())
                }
            },
        )?;
        sink.finish()
    });
    let failed = progress.counts().failed > 0;
    match written {
        Ok(()) => progress.finish(),
        // The reader went away (`| head`): stop quietly, as a filter does.
        Err(e) if e.kind() == ErrorKind::BrokenPipe => {}
        Err(e) => {
            progress.finish();
            eprintln!(
                "zhclaims: cannot write {out_name}: {}",
                inputs::io_reason(&e)
            );
            return ExitCode::FAILURE;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
