//! Writing a report directory: the chosen formats, then `MANIFEST.sha256` over every file in
//! the directory (`sha256sum -c MANIFEST.sha256` verifies that nothing was edited since).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{Format, RunReport};

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot write report file {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes each format into `dir` (created if needed), then the manifest; returns the files
/// written, manifest last.
pub fn write_reports(
    dir: &Path,
    report: &RunReport,
    formats: &[Format],
) -> Result<Vec<PathBuf>, ReportError> {
    std::fs::create_dir_all(dir).map_err(|source| ReportError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    // The formats only read the report: each is written on a thread of its own, streamed
    // through a buffer and hashed on the way (never held whole, never read back).
    let written = std::thread::scope(|scope| {
        let writers: Vec<_> = formats
            .iter()
            .map(|format| {
                scope.spawn(move || {
                    write_file(&dir.join(format.file_name()), &|out| {
                        format.write_to(report, out)
                    })
                })
            })
            .collect();
        writers
            .into_iter()
            .map(|writer| writer.join().expect("a report writer panicked"))
            .collect::<Result<Vec<_>, _>>()
    })?;
    let digests: BTreeMap<PathBuf, String> = written.iter().cloned().collect();
    let manifest = manifest(dir, &digests).map_err(|source| ReportError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let (path, _) = write_file(&dir.join(MANIFEST), &|out| {
        out.write_all(manifest.as_bytes())
    })?;
    Ok(written
        .into_iter()
        .map(|(path, _)| path)
        .chain([path])
        .collect())
}

/// Writes one file through `fill`; returns its path and SHA-256 (hex).
fn write_file(
    path: &Path,
    fill: &dyn Fn(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(PathBuf, String), ReportError> {
    let written = std::fs::File::create(path).and_then(|file| {
        let mut out = Hashed {
            out: std::io::BufWriter::new(file),
            hasher: Sha256::new(),
        };
        fill(&mut out)?;
        out.out.flush()?;
        Ok(hex(out.hasher))
    });
    written
        .map(|digest| (path.to_path_buf(), digest))
        .map_err(|source| ReportError::Write {
            path: path.to_path_buf(),
            source,
        })
}

/// A file being written, hashed as it goes.
struct Hashed {
    out: std::io::BufWriter<std::fs::File>,
    hasher: Sha256,
}

impl Write for Hashed {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(bytes)?;
        self.hasher.update(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The digest of `hasher` in lowercase hex.
pub(super) fn hex(hasher: Sha256) -> String {
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

pub const MANIFEST: &str = "MANIFEST.sha256";

/// The files a report directory holds with every format: each format's, then the manifest.
pub fn report_files() -> Vec<&'static str> {
    super::Format::ALL
        .iter()
        .map(|f| f.file_name())
        .chain([MANIFEST])
        .collect()
}

/// `sha256sum` lines for every file under `dir` but the manifest, by relative path: the
/// digests of the files just written, any other file read and hashed.
fn manifest(dir: &Path, written: &BTreeMap<PathBuf, String>) -> std::io::Result<String> {
    let mut files = Vec::new();
    collect_files(dir, dir, &mut files)?;
    files.sort();
    let mut text = String::new();
    for relative in files {
        let path = dir.join(&relative);
        let digest = match written.get(&path) {
            Some(digest) => digest.clone(),
            None => sha256_of(&path)?,
        };
        text.push_str(&format!("{digest}  {relative}\n"));
    }
    Ok(text)
}

/// The SHA-256 of a file in hex, read in blocks.
fn sha256_of(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut block = vec![0; 1 << 16];
    loop {
        match file.read(&mut block)? {
            0 => return Ok(hex(hasher)),
            n => hasher.update(&block[..n]),
        }
    }
}

fn collect_files(root: &Path, dir: &Path, into: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(root, &path, into)?;
        } else if path.file_name().is_some_and(|n| n != MANIFEST) {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            into.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}
