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
    /// Larger files are reported (`file-too-large`) and not read (`--max-file-size`).
    pub max_file_bytes: u64,
    /// More TOML files than this below the root stop the run (`too-many-files`, `--max-files`).
    pub max_files: usize,
    /// Test hook: list each folder in a shuffled order (seeded), as a file system may, instead
    /// of by name. The output must not change (tests/hostile.rs).
    pub shuffle_seed: Option<u64>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 10 * 1024 * 1024,
            max_files: 100_000,
            shuffle_seed: None,
        }
    }
}

/// At most this many syntax errors are reported per file (one per line); a file that is not
/// TOML at all would otherwise give thousands.
pub const MAX_SYNTAX_ERRORS_PER_FILE: usize = 10;

/// A parsed file.
pub struct ParsedFile {
    pub file: FileId,
    pub table: Table,
}

/// Reads and parses every discovered file, spread over the cores ([`crate::par`]). File ids
/// and all output follow the path order, whatever the number of threads.
pub fn load_files(
    files: &[(String, PathBuf)],
    limits: &Limits,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ParsedFile> {
    load_each(files, sources, diagnostics, |(rel, path), own, diags| {
        read_file(rel, path, limits, own, diags)
    })
}

/// Decodes and parses files held in memory (name, bytes), as [`load_files`] does with files
/// read from disk: for tests and the fuzzer.
pub fn load_memory(
    files: &[(String, Vec<u8>)],
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ParsedFile> {
    load_each(files, sources, diagnostics, |(rel, bytes), own, diags| {
        decode(rel, bytes.clone(), own, diags)
    })
}

/// Below this many files one thread reads them all: a thread costs more than a small
/// repository takes to parse.
const PARALLEL_FROM_FILES: usize = 32;

/// Runs `read` and [`parse`] for every item, each against a `Sources` of its own (so workers
/// share nothing), then appends those to `sources` in item order and moves the diagnostics'
/// file ids along.
fn load_each<T: Sync>(
    items: &[T],
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
    read: impl Fn(&T, &mut Sources, &mut Vec<Diagnostic>) -> Option<FileId> + Sync,
) -> Vec<ParsedFile> {
    let threads = crate::par::threads(items.len(), PARALLEL_FROM_FILES);
    let done = crate::par::map_ordered(items.iter().collect(), threads, |item| {
        let mut own = Sources::default();
        let mut diags = Vec::new();
        let table = read(item, &mut own, &mut diags)
            .and_then(|file| parse(&own, file, &mut diags).map(|table| (file, table)));
        (own, diags, table)
    });
    let mut parsed = Vec::with_capacity(items.len());
    for (own, diags, table) in done {
        let offset = sources.append(own);
        for mut d in diags {
            d.shift_files(offset);
            diagnostics.push(d);
        }
        if let Some((file, table)) = table {
            parsed.push(ParsedFile {
                file: file + offset,
                table,
            });
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
    walk(root, root, "toml", exclude, limits, diagnostics)
}

/// Lists the files with extension `ext` below `start` (a folder inside `root`), with paths
/// relative to `root`, sorted. Symbolic links are never followed: a link to a folder, a link
/// named `*.ext` and a link that is broken or loops are each reported as a note and skipped.
/// Unreadable folders are errors; the walk goes on with the rest.
pub fn walk(
    root: &Path,
    start: &Path,
    ext: &str,
    exclude: &globset::GlobSet,
    limits: &Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(start).follow_links(false);
    let walker = match limits.shuffle_seed {
        None => walker.sort_by_file_name(),
        Some(seed) => walker.sort_by(move |a, b| {
            shuffle_key(seed, a.file_name().as_encoded_bytes())
                .cmp(&shuffle_key(seed, b.file_name().as_encoded_bytes()))
        }),
    };
    let walker = walker.into_iter().filter_entry(|e| {
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
                    .unwrap_or_else(|| printable_name(&root.display().to_string()));
                let reason = err
                    .io_error()
                    .map_or_else(|| err.to_string(), |e| e.to_string());
                diagnostics.push(
                    Diagnostic::input("unreadable", format!("cannot read `{path}`: {reason}"))
                        .help("check the permissions of this folder, or exclude it with `exclude` in nis2check.toml"),
                );
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let rel = relative(root, entry.path());
        if exclude.is_match(&rel) {
            continue;
        }
        let ft = entry.file_type();
        if ft.is_symlink() {
            let named = entry.path().extension().is_some_and(|e| e == ext);
            let what = match std::fs::metadata(entry.path()) {
                Ok(m) if m.is_dir() => Some("a link to a folder"),
                Ok(_) if named => Some("a link"),
                Ok(_) => None,
                Err(e)
                    if e.raw_os_error() == Some(40) || e.to_string().contains("symbolic links") =>
                {
                    Some("a link that loops")
                }
                Err(_) if named => Some("a broken link"),
                Err(_) => None,
            };
            if let Some(what) = what {
                diagnostics.push(
                    Diagnostic::new(
                        crate::diag::Origin::Input,
                        Severity::Note,
                        "symlink-skipped",
                        format!("skipped `{rel}`, {what}: symbolic links are never followed"),
                    )
                    .help("commit the files themselves instead of a link (a link could lead out of the repository)"),
                );
            }
            continue;
        }
        if !ft.is_file() || entry.path().extension().is_none_or(|e| e != ext) {
            continue;
        }
        if found.len() >= limits.max_files {
            diagnostics.push(
                Diagnostic::input(
                    "too-many-files",
                    format!(
                        "more than {} `*.{ext}` files below the repository root; stopped reading",
                        limits.max_files
                    ),
                )
                .help("exclude folders that are not part of the compliance repository with `exclude` in nis2check.toml, or raise the limit with `--max-files`"),
            );
            break;
        }
        found.push((rel, entry.into_path()));
    }
    // The order of the output never depends on the order in which folders were listed.
    found.sort();
    found
}

/// A stable pseudo-random sort key (FNV-1a of the seed and the name), for the shuffle hook.
fn shuffle_key(seed: u64, name: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for b in name {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A path relative to `root`, `/`-separated, with control characters shown as U+FFFD so a
/// file name cannot rewrite the terminal.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    printable_name(&parts.join("/"))
}

/// A name with its control characters shown as U+FFFD.
pub fn printable_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if crate::source::is_unsafe_char(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// A file that could not be read at all gets an empty source, so its diagnostic still names
/// the file (line 1) in every output format.
fn placeholder(rel: &str, sources: &mut Sources) -> FileId {
    sources.add(SourceFile::new(rel.to_string(), String::new()))
}

/// Reads one file with the size cap, decodes it ([`decode`]) and adds it to `sources`.
/// Problems are diagnostics on the file; `None` when there is no text to parse.
pub fn read_file(
    rel: &str,
    path: &Path,
    limits: &Limits,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<FileId> {
    let unreadable = |err: std::io::Error, sources: &mut Sources| {
        let hint = if err.kind() == std::io::ErrorKind::PermissionDenied {
            "make the file readable by the user that runs nis2check (e.g. `chmod a+r`)"
        } else {
            "check that the file exists and can be read"
        };
        let file = placeholder(rel, sources);
        Diagnostic::input("unreadable", format!("cannot read `{rel}`: {err}"))
            .at(file, 0..0, Some("not read".to_string()))
            .help(hint)
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(err) => {
            diagnostics.push(unreadable(err, sources));
            return None;
        }
    };
    if meta.len() > limits.max_file_bytes {
        let file = placeholder(rel, sources);
        diagnostics.push(
            Diagnostic::input(
                "file-too-large",
                format!(
                    "`{rel}` is {} bytes, above the limit of {} bytes; it was not read",
                    meta.len(),
                    limits.max_file_bytes
                ),
            )
            .at(file, 0..0, Some("not read".to_string()))
            .help("split the file, or raise the limit with `--max-file-size`"),
        );
        return None;
    }
    // Read at most one byte past the limit: the file may grow between the two calls.
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| {
        use std::io::Read;
        f.take(limits.max_file_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
    });
    if let Err(err) = read {
        diagnostics.push(unreadable(err, sources));
        return None;
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        let file = placeholder(rel, sources);
        diagnostics.push(
            Diagnostic::input(
                "file-too-large",
                format!(
                    "`{rel}` is above the limit of {} bytes; it was not read",
                    limits.max_file_bytes
                ),
            )
            .at(file, 0..0, Some("not read".to_string()))
            .help("split the file, or raise the limit with `--max-file-size`"),
        );
        return None;
    }
    decode(rel, bytes, sources, diagnostics)
}

/// Decodes a file's bytes as UTF-8 and adds it to `sources`.
///
/// - Invalid UTF-8 is an error labelled at the first bad byte (the file is kept, with U+FFFD
///   in place of bad bytes, to show the line); it is not parsed.
/// - A UTF-8 byte-order mark is accepted and removed, with a note (TOML files should not
///   have one; spans and columns are then counted without it).
/// - An empty file (nothing but white space) is accepted with a note.
pub fn decode(
    rel: &str,
    bytes: Vec<u8>,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<FileId> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
            let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let file = sources.add(SourceFile::new(rel.to_string(), text));
            let bad = offset..offset + '\u{FFFD}'.len_utf8();
            let d = if utf16 {
                Diagnostic::input("invalid-utf8", format!("`{rel}` is UTF-16, not UTF-8"))
                    .at(file, bad, Some("a UTF-16 byte-order mark".to_string()))
                    .help("TOML files must be UTF-8: re-save the file as UTF-8 (without BOM)")
            } else {
                Diagnostic::input(
                    "invalid-utf8",
                    format!("`{rel}` is not valid UTF-8 (line {line}, byte {offset})"),
                )
                .at(file, bad, Some("not UTF-8".to_string()))
                .help("TOML files must be UTF-8: re-save the file as UTF-8")
            };
            diagnostics.push(d);
            return None;
        }
    };
    let (text, bom) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => (rest.to_string(), true),
        None => (text, false),
    };
    let empty = text.trim().is_empty();
    let file = sources.add(SourceFile::new(rel.to_string(), text));
    if bom {
        diagnostics.push(
            Diagnostic::new(
                crate::diag::Origin::Input,
                Severity::Note,
                "byte-order-mark",
                format!("`{rel}` starts with a byte-order mark; it was ignored"),
            )
            .at(file, 0..0, Some("a BOM (U+FEFF) before this".to_string()))
            .help("save the file as UTF-8 without a BOM (\"UTF-8\", not \"UTF-8 with BOM\")"),
        );
    }
    if empty {
        diagnostics.push(
            Diagnostic::new(
                crate::diag::Origin::Input,
                Severity::Note,
                "empty-file",
                format!("`{rel}` is empty"),
            )
            .at(file, 0..0, Some("nothing here".to_string()))
            .help("fill the file in, or remove it"),
        );
    }
    Some(file)
}

/// Parses a file's text. Syntax errors become diagnostics (the first of each line, at most
/// [`MAX_SYNTAX_ERRORS_PER_FILE`]) and the file yields no table.
pub fn parse(sources: &Sources, file: FileId, diagnostics: &mut Vec<Diagnostic>) -> Option<Table> {
    let src = sources.get(file);
    let text = &src.text;
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        let span = table.span();
        return Some(Table::from_de(span, table.into_inner()));
    }
    let mut errors: Vec<_> = errors
        .into_iter()
        .map(|err| {
            let span = err.span().unwrap_or(0..0);
            (src.clamp(span.start)..src.clamp(span.end), err)
        })
        .collect();
    errors.sort_by_key(|(span, _)| (span.start, span.end));
    let mut reported = 0;
    let mut omitted = 0;
    let mut first_omitted = None;
    let mut last_line = None;
    for (span, err) in errors {
        let line = src.line_index(span.start);
        if last_line == Some(line) {
            continue;
        }
        last_line = Some(line);
        if reported == MAX_SYNTAX_ERRORS_PER_FILE {
            omitted += 1;
            first_omitted.get_or_insert(span);
            continue;
        }
        reported += 1;
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
    if omitted > 0 {
        let name = &src.name;
        diagnostics.push(
            Diagnostic::new(
                crate::diag::Origin::Input,
                Severity::Note,
                "more-syntax-errors",
                format!("{omitted} more lines of `{name}` have syntax errors; only the first {MAX_SYNTAX_ERRORS_PER_FILE} are shown"),
            )
            .at(file, first_omitted.unwrap_or(0..0), Some("the next one".to_string()))
            .help("is this a TOML file? Fix the errors above and run again, or exclude the file with `exclude` in nis2check.toml"),
        );
    }
    None
}

/// The ids a file that could not be parsed appears to define: the value of every line
/// `id = "…"` (or `'…'`). Not entities, only names that other files may refer to without a
/// `dangling-reference`: the parse error is the problem to report, not every reference to
/// what the file holds.
pub fn ids_in_text(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter_map(|line| {
        let rest = line.trim_start().strip_prefix("id")?.trim_start();
        let rest = rest.strip_prefix('=')?.trim_start();
        let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        let rest = &rest[1..];
        let id = &rest[..rest.find(quote)?];
        (!id.is_empty()).then_some(id)
    })
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

#[cfg(test)]
mod tests {
    use super::ids_in_text;

    #[test]
    fn ids_in_text_reads_id_lines_with_either_quote_and_any_spacing() {
        let text = "[[supplier]]\nid = \"s-a\"\n  id='s-b'  # note\nid\t=\t\"s-c\nidentifier = \"x\"\nname = \"id = 'y'\"\nid = \"\"\n[[asset]\nid = \"a-1\"\n";
        assert_eq!(
            ids_in_text(text).collect::<Vec<_>>(),
            vec!["s-a", "s-b", "a-1"]
        );
    }
}
