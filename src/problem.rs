//! Problems found in the input: where each sits, what was found, and how to fix it.

use std::fmt;

/// One fault in the input, tied to a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user named it (folder joined with the file name).
    pub file: String,
    /// 1-based line, where the fault has one.
    pub line: Option<usize>,
    /// 1-based column: a character column for TOML, a field number for CSV.
    pub column: Option<usize>,
    pub message: String,
    /// How to fix it, where the tool can say.
    pub help: Option<String>,
}

impl Problem {
    pub fn new(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            line,
            column: None,
            message: message.into(),
            help: None,
        }
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

/// Every problem found in one run; no table is produced while there is any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputErrors(pub Vec<Problem>);

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.0 {
            writeln!(f, "error: {problem}")?;
        }
        let files: std::collections::BTreeSet<&str> =
            self.0.iter().map(|p| p.file.as_str()).collect();
        write!(
            f,
            "{} error{} in {} file{}; no table was written",
            self.0.len(),
            plural(self.0.len()),
            files.len(),
            plural(files.len())
        )
    }
}

impl std::error::Error for InputErrors {}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The candidate closest to `found`, if it is close enough to be what was meant.
pub fn nearest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let found = found.trim().to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&found, &c.to_lowercase()), c))
        .filter(|(distance, c)| {
            let allowed = (c.chars().count() / 3).max(1);
            *distance <= allowed
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
    }
}
