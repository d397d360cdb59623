//! Ingestion: finding letter files under the paths a user names, parsing them, and
//! writing them into the index. One bad file is reported and skipped; it never stops
//! the run.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::formats::{self, Format};
use crate::index::LetterIndex;
use crate::letter::{self, Letter};
use crate::{Error, Result};

/// What happens during an indexing run, for progress displays.
#[derive(Debug)]
pub enum Progress<'a> {
    /// The files to read have been found.
    Found {
        /// How many.
        files: usize,
    },
    /// A letter was parsed and added.
    Indexed {
        /// The letter.
        letter: &'a Letter,
    },
    /// A file has been read to its end.
    FileDone {
        /// The file.
        path: &'a Path,
    },
    /// A file, or one document in it, was skipped.
    Skipped {
        /// The file.
        path: &'a Path,
        /// Why.
        reason: &'a str,
    },
}

/// The outcome of an indexing run.
#[derive(Debug, Default)]
pub struct Summary {
    /// Letters added.
    pub letters: usize,
    /// Sections added.
    pub sections: usize,
    /// Parser warnings over all letters.
    pub warnings: usize,
    /// Files skipped, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
    /// Wall time.
    pub elapsed: Duration,
}

/// Lists the files under `paths` that kamerzoek reads (see [`formats::detect`]): files
/// named on the command line are taken whatever their name (as plain text when the
/// name says nothing), directories are walked. Sorted so runs are reproducible.
pub fn letter_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_file() {
            files.push(path.clone());
            continue;
        }
        if !path.exists() {
            problems.push((path.clone(), "no such file or directory".to_string()));
            continue;
        }
        for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
            match entry {
                Ok(e) if e.file_type().is_file() && formats::detect(e.path()).is_some() => files.push(e.into_path()),
                Ok(_) => {}
                Err(e) => {
                    let p = e.path().map(Path::to_path_buf).unwrap_or_else(|| path.clone());
                    problems.push((p, e.to_string()));
                }
            }
        }
    }
    (files, problems)
}

/// Reads and parses one plain-text letter file; its id is the file stem.
pub fn read_letter(path: &Path) -> Result<Letter> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
    let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("letter").to_string();
    let (text, lossy) = match String::from_utf8(bytes) {
        Ok(t) => (t, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    };
    if text.trim().is_empty() {
        return Err(Error::Io {
            context: format!("{} is empty", path.display()),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, "no text"),
        });
    }
    let mut letter = letter::parse_text(&id, &text);
    if lossy {
        letter.warnings.push("the file is not valid UTF-8; undecodable bytes were replaced".into());
    }
    Ok(letter)
}

/// Indexes every letter file under `paths` and commits.
pub fn index_paths(
    index: &LetterIndex,
    paths: &[PathBuf],
    on_progress: &mut dyn FnMut(Progress),
) -> Result<Summary> {
    let started = Instant::now();
    let (files, problems) = letter_files(paths);
    let mut summary = Summary::default();
    for (path, reason) in problems {
        on_progress(Progress::Skipped { path: &path, reason: &reason });
        summary.skipped.push((path, reason));
    }
    on_progress(Progress::Found { files: files.len() });
    let mut writer = index.writer()?;
    for path in &files {
        let mut add = |letter: Letter| -> Result<()> {
            writer.add_from(&letter, Some(path))?;
            summary.letters += 1;
            summary.sections += letter.sections.len();
            summary.warnings += letter.warnings.len();
            on_progress(Progress::Indexed { letter: &letter });
            Ok(())
        };
        let mut problems = Vec::new();
        match formats::detect(path) {
            Some(Format::JsonLines) => match formats::read_json_lines(path) {
                Ok(lines) => {
                    for item in lines {
                        match item {
                            Ok(letter) => add(letter)?,
                            Err(e) => problems.push(e.to_string()),
                        }
                    }
                }
                Err(e) => problems.push(e.to_string()),
            },
            Some(Format::OfficialXml) => match formats::read_official_xml(path) {
                Ok(letter) => add(letter)?,
                Err(e) => problems.push(e.to_string()),
            },
            Some(Format::Text) | None => match read_letter(path) {
                Ok(letter) => add(letter)?,
                Err(e) => problems.push(e.to_string()),
            },
        }
        for reason in problems {
            on_progress(Progress::Skipped { path, reason: &reason });
            summary.skipped.push((path.clone(), reason));
        }
        on_progress(Progress::FileDone { path });
    }
    writer.finish()?;
    index.reload()?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}
