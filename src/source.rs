//! The files of a run and a line index over each, so that byte offsets become line and column
//! numbers in O(log n) and miette never rescans a file from the start (which is quadratic).

use std::ops::Range;
use std::sync::Arc;

/// Index of a file in [`Sources`].
pub type FileId = usize;

/// One file's text and its line starts.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the repository root, with `/` separators.
    pub name: String,
    pub text: Arc<str>,
    line_starts: Vec<usize>,
}

/// A 1-based line and column (the column counts characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(name: String, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            name,
            text,
            line_starts,
        }
    }

    /// The 0-based line that holds `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.clamp(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// The byte range of a 0-based line, without its line ending.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_starts[line];
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |next| next - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Moves an offset back onto a character boundary inside the text.
    pub fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// Every file read in a run.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        self.files.len() - 1
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Moves the files of `other` after this one's and returns the id the first of them now
    /// has: a file that was `i` in `other` is `offset + i` here ([`crate::diag::Diagnostic::shift_files`]).
    pub fn append(&mut self, other: Sources) -> FileId {
        let offset = self.files.len();
        self.files.extend(other.files);
        offset
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// A [`miette::SourceCode`] over a [`SourceFile`] that uses its line index.
pub struct IndexedSource<'a> {
    pub file: &'a SourceFile,
}

impl miette::SourceCode for IndexedSource<'_> {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let file = self.file;
        let start = file.clamp(span.offset());
        let end = file.clamp(span.offset() + span.len()).max(start);
        let first_line = file.line_index(start).saturating_sub(context_lines_before);
        let last_line_of_span = file.line_index(if end > start { end - 1 } else { end });
        let last_line = (last_line_of_span + context_lines_after).min(file.line_count() - 1);
        let range_start = file.line_range(first_line).start;
        let range_end = {
            let r = file.line_range(last_line);
            // Include the line ending so miette sees complete lines.
            let mut e = r.end;
            let bytes = file.text.as_bytes();
            if e < bytes.len() && bytes[e] == b'\r' {
                e += 1;
            }
            if e < bytes.len() && bytes[e] == b'\n' {
                e += 1;
            }
            e
        };
        let column = 0;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            file.name.clone(),
            &file.text.as_bytes()[range_start..range_end],
            (range_start, range_end - range_start).into(),
            first_line,
            column,
            last_line - first_line + 1,
        )))
    }
}

/// Characters that must not reach a terminal as they are: C0 controls (tab and line feed are
/// handled by the caller), DEL, C1 controls, and the bidirectional overrides and isolates that
/// can make text read differently from what it is ("Trojan Source").
pub fn is_unsafe_char(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{08}'
            | '\u{0A}'..='\u{1F}'
            | '\u{7F}'..='\u{9F}'
            | '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// How an unsafe character is shown: a C0 control as its Control Pictures symbol (NUL as ␀),
/// DEL as ␡, anything else as U+FFFD.
pub fn visible(c: char) -> char {
    match c {
        '\0'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

/// Text with its unsafe characters made visible; line feeds and tabs are kept.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c != '\n' && c != '\t' && is_unsafe_char(c))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if c != '\n' && c != '\t' && is_unsafe_char(c) {
                    visible(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// Lines longer than this (in bytes) are shown cut to a window around the labels on them.
pub const MAX_SHOWN_LINE_BYTES: usize = 480;
/// How much of a cut line is shown before the first label on it, and in all.
const WINDOW_BEFORE: usize = 120;
const WINDOW_BYTES: usize = 360;

/// What a person sees of a file around some spans: only the lines needed, control characters
/// shown as symbols (␀, ␛ …), and very long lines cut to a window (marked `…`). Spans of the
/// file are moved into it with [`Excerpt::map`]; it is a [`miette::SourceCode`] in those
/// coordinates. Line numbers are the file's.
pub struct Excerpt<'a> {
    file: &'a SourceFile,
    text: String,
    lines: Vec<ShownLine>,
}

struct ShownLine {
    /// 0-based line number in the file.
    number: usize,
    /// The part of the line shown, in the file's bytes.
    window: Range<usize>,
    /// Where the line starts in the excerpt (at a leading `…` when cut).
    begin: usize,
    /// Where the shown part starts and ends in the excerpt (before the `\n`).
    start: usize,
    end: usize,
}

impl SourceFile {
    /// The excerpt of this file that shows `spans` with `context` lines either side.
    pub fn excerpt(&self, spans: &[Range<usize>], context: usize) -> Excerpt<'_> {
        // The empty "line" after a final line feed is shown only when a label is on it.
        let last_line = if self.line_count() > 1 && self.text.ends_with('\n') {
            self.line_count() - 2
        } else {
            self.line_count() - 1
        };
        let mut ranges: Vec<(usize, usize)> = spans
            .iter()
            .map(|s| {
                let a = self.clamp(s.start);
                let b = self.clamp(s.end).max(a);
                let first = self.line_index(a);
                let last = self.line_index(if b > a { b - 1 } else { b });
                (
                    first.saturating_sub(context),
                    (last + context).min(last_line).max(last),
                )
            })
            .collect();
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (a, b) in ranges {
            match merged.last_mut() {
                Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        let mut text = String::new();
        let mut lines = Vec::new();
        for (a, b) in merged {
            for number in a..=b {
                let range = self.line_range(number);
                let window = if range.len() > MAX_SHOWN_LINE_BYTES {
                    let anchor = spans
                        .iter()
                        .map(|s| self.clamp(s.start))
                        .filter(|o| range.contains(o))
                        .min()
                        .unwrap_or(range.start);
                    let ws = self.clamp(anchor.saturating_sub(WINDOW_BEFORE).max(range.start));
                    let we = self.clamp((ws + WINDOW_BYTES).min(range.end));
                    ws..we
                } else {
                    range.clone()
                };
                let begin = text.len();
                if window.start > range.start {
                    text.push('…');
                }
                let start = text.len();
                for c in self.text[window.clone()].chars() {
                    text.push(if is_unsafe_char(c) { visible(c) } else { c });
                }
                let end = text.len();
                if window.end < range.end {
                    text.push('…');
                }
                text.push('\n');
                lines.push(ShownLine {
                    number,
                    window,
                    begin,
                    start,
                    end,
                });
            }
        }
        Excerpt {
            file: self,
            text,
            lines,
        }
    }
}

impl Excerpt<'_> {
    /// Moves an offset of the file into the excerpt.
    pub fn map(&self, offset: usize) -> usize {
        let offset = self.file.clamp(offset);
        let number = self.file.line_index(offset);
        let i = self.lines.partition_point(|l| l.number <= number);
        let Some(line) = i.checked_sub(1).map(|i| &self.lines[i]) else {
            return 0;
        };
        if line.number != number || offset >= line.window.end {
            // Past the shown part: the end of the shown line.
            return if line.number == number {
                line.end
            } else {
                self.next_line_start(i - 1)
            };
        }
        if offset <= line.window.start {
            return line.start;
        }
        line.start
            + self.file.text[line.window.start..offset]
                .chars()
                .map(|c| {
                    if is_unsafe_char(c) {
                        visible(c).len_utf8()
                    } else {
                        c.len_utf8()
                    }
                })
                .sum::<usize>()
    }

    fn next_line_start(&self, i: usize) -> usize {
        self.lines.get(i + 1).map_or(self.text.len(), |l| l.begin)
    }

    /// Moves a span of the file into the excerpt.
    pub fn map_span(&self, span: &Range<usize>) -> (usize, usize) {
        let start = self.map(span.start);
        let end = self.map(span.end.max(span.start)).max(start);
        (start, end - start)
    }

    /// The index of the shown line that holds an excerpt offset.
    fn line_at(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.begin <= offset)
            .saturating_sub(1)
    }
}

impl miette::SourceCode for Excerpt<'_> {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        if self.lines.is_empty() {
            return Err(miette::MietteError::OutOfBounds);
        }
        let start = span.offset().min(self.text.len());
        let end = (span.offset() + span.len()).min(self.text.len()).max(start);
        let first = self.line_at(start);
        let last = self.line_at(if end > start { end - 1 } else { end });
        // Context only within a run of consecutive lines.
        let mut a = first;
        for _ in 0..context_lines_before {
            if a > 0 && self.lines[a - 1].number + 1 == self.lines[a].number {
                a -= 1;
            }
        }
        let mut b = last;
        for _ in 0..context_lines_after {
            if b + 1 < self.lines.len() && self.lines[b].number + 1 == self.lines[b + 1].number {
                b += 1;
            }
        }
        let range_start = self.lines[a].begin;
        let range_end = self.next_line_start(b);
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.file.name.clone(),
            &self.text.as_bytes()[range_start..range_end],
            (range_start, range_end - range_start).into(),
            self.lines[a].number,
            0,
            b - a + 1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_and_lines() {
        let f = SourceFile::new("a.toml".into(), "a = 1\nnaam = \"é\" # x\r\nz");
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(6), LineCol { line: 2, column: 1 });
        // the byte after "é" is column 10 ("naam = \"é" is 9 characters)
        let off = f.text.find("\" #").unwrap();
        assert_eq!(
            f.line_col(off),
            LineCol {
                line: 2,
                column: 10
            }
        );
        assert_eq!(f.line_col(f.text.len()), LineCol { line: 3, column: 2 });
        assert_eq!(&f.text[f.line_range(1)], "naam = \"é\" # x");
    }
}
