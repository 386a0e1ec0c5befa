//! Discovery and parsing: find the TOML files of a repository, read them, and parse each once
//! into a tree that keeps the byte span of every key and value.

use std::path::{Path, PathBuf};

use toml::de::DeTable;

pub mod node;
pub use node::{Entry, Node, NodeValue, Table};

use crate::diag::{Diagnostic, Severity};
use crate::source::{FileId, SourceFile, Sources};

/// The settings file at the repository root.
pub const SETTINGS_FILE: &str = "nis2check.toml";

/// Limits on what is read.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_files: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 10 * 1024 * 1024,
            max_files: 100_000,
        }
    }
}

/// A parsed file.
pub struct ParsedFile {
    pub file: FileId,
    pub table: Table,
}

/// Reads and parses every discovered file. Files are read in path order, so file ids and all
/// output follow it.
pub fn load_files(
    files: &[(String, PathBuf)],
    limits: &Limits,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ParsedFile> {
    let mut parsed = Vec::with_capacity(files.len());
    for (rel, path) in files {
        let Some(text) = read_file(rel, path, limits, diagnostics) else {
            continue;
        };
        let file = sources.add(SourceFile::new(rel.clone(), text));
        if let Some(table) = parse(sources, file, diagnostics) {
            parsed.push(ParsedFile { file, table });
        }
    }
    parsed
}

/// Lists the `*.toml` files below `root` (sorted, relative, `/`-separated), skipping `.git`,
/// `target`, hidden folders and the `exclude` globs, never following symlinks.
pub fn discover(
    root: &Path,
    exclude: &globset::GlobSet,
    limits: &Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            // Hidden folders and files (.git, .github, .taplo.toml …) and `target` are not
            // part of the compliance data.
            let name = e.file_name().to_string_lossy();
            !(name.starts_with('.') || (e.file_type().is_dir() && name == "target"))
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| root.display().to_string());
                diagnostics.push(
                    Diagnostic::input("unreadable", format!("cannot read `{path}`: {err}"))
                        .help("check the permissions of this path"),
                );
                continue;
            }
        };
        let ft = entry.file_type();
        if ft.is_symlink() {
            if entry.path().extension().is_some_and(|e| e == "toml") {
                diagnostics.push(
                    Diagnostic::new(
                        crate::diag::Origin::Input,
                        Severity::Note,
                        "symlink-skipped",
                        format!(
                            "skipped the symbolic link `{}`: links are never followed",
                            relative(root, entry.path())
                        ),
                    )
                    .help("commit the file itself instead of a link"),
                );
            }
            continue;
        }
        if !ft.is_file() || entry.path().extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let rel = relative(root, entry.path());
        if exclude.is_match(&rel) {
            continue;
        }
        if found.len() >= limits.max_files {
            diagnostics.push(
                Diagnostic::input(
                    "too-many-files",
                    format!(
                        "more than {} TOML files below the repository root; stopped reading",
                        limits.max_files
                    ),
                )
                .help("exclude folders that are not part of the compliance repository with `exclude` in nis2check.toml"),
            );
            break;
        }
        found.push((rel, entry.into_path()));
    }
    found
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Reads one file with the size cap and the UTF-8 check.
pub fn read_file(
    rel: &str,
    path: &Path,
    limits: &Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(err) => {
            diagnostics.push(
                Diagnostic::input("unreadable", format!("cannot read `{rel}`: {err}"))
                    .help("check that the file exists and can be read"),
            );
            return None;
        }
    };
    if meta.len() > limits.max_file_bytes {
        diagnostics.push(
            Diagnostic::input(
                "file-too-large",
                format!(
                    "`{rel}` is {} bytes, above the limit of {} bytes; it was not read",
                    meta.len(),
                    limits.max_file_bytes
                ),
            )
            .help("split the file, or raise the limit with `--max-file-size`"),
        );
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(err) => {
            diagnostics.push(
                Diagnostic::input("unreadable", format!("cannot read `{rel}`: {err}"))
                    .help("check the permissions of the file"),
            );
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let bytes = err.as_bytes();
            let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
            diagnostics.push(
                Diagnostic::input(
                    "invalid-utf8",
                    format!("`{rel}` is not valid UTF-8 (line {line}, byte {offset})"),
                )
                .help("TOML files must be UTF-8: re-save the file as UTF-8"),
            );
            None
        }
    }
}

/// Parses a file's text. Syntax errors become diagnostics and the file yields no table.
pub fn parse(sources: &Sources, file: FileId, diagnostics: &mut Vec<Diagnostic>) -> Option<Table> {
    let text = &sources.get(file).text;
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        let span = table.span();
        return Some(Table::from_de(span, table.into_inner()));
    }
    for err in errors {
        let span = err.span().unwrap_or(0..0);
        let message = err.message().trim().to_string();
        let (headline, label) = split_message(&message);
        let d = if headline.starts_with("invalid date") || headline.starts_with("invalid time") {
            Diagnostic::input("invalid-date", format!("invalid date: {headline}"))
                .at(file, span, label)
                .help("write a date that exists, as YYYY-MM-DD (e.g. 2026-02-28)")
        } else {
            Diagnostic::input("syntax-error", format!("TOML syntax error: {headline}"))
                .at(file, span, label)
                .help("fix the TOML syntax; see https://toml.io/en/v1.0.0")
        };
        diagnostics.push(d);
    }
    None
}

fn split_message(message: &str) -> (String, Option<String>) {
    let mut lines = message.lines();
    let head = lines.next().unwrap_or("invalid TOML").to_string();
    let rest: Vec<&str> = lines.map(str::trim).filter(|l| !l.is_empty()).collect();
    if rest.is_empty() {
        (head.clone(), Some(head))
    } else {
        (head, Some(rest.join("; ")))
    }
}
