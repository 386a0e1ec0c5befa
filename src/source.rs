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
