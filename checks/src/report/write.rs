//! Writing a report directory: the chosen formats, then `MANIFEST.sha256` over every file in
//! the directory (`sha256sum -c MANIFEST.sha256` verifies that nothing was edited since).

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
    let write = |path: PathBuf, text: &str| {
        std::fs::write(&path, text)
            .map(|()| path.clone())
            .map_err(|source| ReportError::Write { path, source })
    };
    std::fs::create_dir_all(dir).map_err(|source| ReportError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for format in formats {
        written.push(write(dir.join(format.file_name()), &format.render(report))?);
    }
    let manifest = manifest(dir).map_err(|source| ReportError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    written.push(write(dir.join(MANIFEST), &manifest)?);
    Ok(written)
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

/// `sha256sum` lines for every file under `dir` but the manifest, by relative path.
fn manifest(dir: &Path) -> std::io::Result<String> {
    let mut files = Vec::new();
    collect_files(dir, dir, &mut files)?;
    files.sort();
    let mut text = String::new();
    for relative in files {
        let bytes = std::fs::read(dir.join(&relative))?;
        let digest = Sha256::digest(&bytes);
        let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
        text.push_str(&format!("{hex}  {relative}\n"));
    }
    Ok(text)
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
