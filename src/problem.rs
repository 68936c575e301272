//! Problems found in the input: where each sits, what was found, and how to fix it.

use std::fmt;
use std::ops::Range;

use crate::diagnostics::{self, Sources};

/// Whether a problem stops the tables (an error) or only asks for attention (a warning).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One fault in the input, tied to a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The file as the user named it (folder joined with the file name).
    pub file: String,
    /// 1-based line, where the fault has one.
    pub line: Option<usize>,
    /// 1-based column: a character column for TOML, a field number for CSV.
    pub column: Option<usize>,
    pub message: String,
    /// How to fix it, where the tool can say.
    pub help: Option<String>,
    /// The bytes of the file's decoded text that the problem points at.
    pub span: Option<Range<usize>>,
    /// A few words shown under the span.
    pub label: Option<String>,
}

impl Problem {
    pub fn new(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.to_string(),
            line,
            column: None,
            message: message.into(),
            help: None,
            span: None,
            label: None,
        }
    }

    pub fn warning(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::new(file, line, message)
        }
    }

    /// Points the problem at a span of the file, with a few words under it.
    pub fn at_span(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.span = Some(span);
        self.label = Some(label.into());
        self
    }

    pub fn at_column(mut self, column: Option<usize>) -> Self {
        self.column = column;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Every problem found in one run; no table is produced while there is any error.
#[derive(Debug, Clone, Default)]
pub struct InputErrors {
    pub problems: Vec<Problem>,
    pub sources: Sources,
}

impl InputErrors {
    /// The problems with snippets of their files (the first hundred, or all), then a
    /// summary line.
    pub fn render(&self, color: bool, all: bool) -> String {
        let limit = (!all).then_some(diagnostics::SHOWN);
        format!(
            "{}{}; no table was written",
            diagnostics::render(&self.problems, &self.sources, color, limit),
            diagnostics::summary(&self.problems)
        )
    }
}

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.render(false, false))
    }
}

impl std::error::Error for InputErrors {}

/// The candidate closest to `found`, if it is close enough to be what was meant.
pub fn nearest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let found = found.trim().to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&found, &c.to_lowercase()), c))
        .filter(|(distance, c)| {
            // A shortened Chinese term (单独 for 单独成立) is as near as a typing slip.
            let lowered = c.to_lowercase();
            let part_of = found.chars().count() >= 2 && lowered.contains(found.as_str());
            let allowed = (c.chars().count() / 3).max(1);
            part_of || *distance <= allowed
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_near_misses() {
        assert_eq!(
            nearest("hospitl", ["hospital", "university"]),
            Some("hospital")
        );
        assert_eq!(nearest("医阮", ["医院", "高等院校"]), Some("医院"));
        assert_eq!(nearest("zzz", ["hospital", "university"]), None);
        assert_eq!(nearest(" id", ["id", "name"]), Some("id"));
        assert_eq!(nearest("单独", ["单独成立", "联合"]), Some("单独成立"));
    }
}
