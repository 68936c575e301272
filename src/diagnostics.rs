//! Showing problems to the clerk: each with the offending line of its file, a marker under
//! the exact value, what was expected and how to fix it; grouped by file, then counted.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, Report, SourceCode, SourceSpan, SpanContents,
};

use crate::problem::{Problem, Severity};
use crate::read::text::{LineIndex, line_span};

/// Where every file read is, by the name problems use for it. The text is read again only
/// when a problem is shown, decoded as for reading, so snippets show GB18030 files as the
/// clerk sees them and a large file is not kept in memory for the odd problem.
#[derive(Debug, Clone, Default)]
pub struct Sources(pub BTreeMap<String, std::path::PathBuf>);

impl Sources {
    fn text(&self, name: &str) -> Option<String> {
        let bytes = std::fs::read(self.0.get(name)?).ok()?;
        crate::read::text::decode(bytes).ok()
    }
}

/// How many problems a table command shows in full; the rest are counted per file (`check`
/// shows them all). A mistake can make every one of a million records wrong in the same
/// way, and nobody reads past the first screens.
pub const SHOWN: usize = 100;

/// Renders problems grouped by file (files in name order, problems in line order), each
/// with a snippet of its line where the file is known; past `limit`, only counted.
pub fn render(
    problems: &[Problem],
    sources: &Sources,
    color: bool,
    limit: Option<usize>,
) -> String {
    let limit = limit.unwrap_or(usize::MAX);
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false)
        .with_context_lines(1);

    let mut sorted: Vec<&Problem> = problems.iter().collect();
    sorted.sort_by(|a, b| {
        (&a.file, a.line.unwrap_or(0), a.column.unwrap_or(0)).cmp(&(
            &b.file,
            b.line.unwrap_or(0),
            b.column.unwrap_or(0),
        ))
    });

    let mut out = String::new();
    let mut files: BTreeMap<&str, Option<Arc<FileText>>> = BTreeMap::new();
    for problem in sorted.iter().take(limit) {
        let file = files.entry(problem.file.as_str()).or_insert_with(|| {
            sources.text(&problem.file).map(|text| {
                Arc::new(FileText {
                    index: LineIndex::new(&text),
                    text,
                })
            })
        });
        let report = report(problem, file.clone());
        let _ = handler.render_report(&mut out, report.as_ref());
    }

    // The rest, counted per file with the lines they are on.
    let mut rest: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for problem in sorted.iter().skip(limit) {
        let line = problem.line.unwrap_or(0);
        let entry = rest.entry(problem.file.as_str()).or_insert((0, line, line));
        *entry = (entry.0 + 1, entry.1.min(line), entry.2.max(line));
    }
    for (file, (count, first, last)) in rest {
        let _ = writeln!(
            out,
            "… and {count} more in {file}, lines {first} to {last} (`report check` lists them all)"
        );
    }
    out
}

/// One line that counts the errors and warnings and the files they are in.
pub fn summary(problems: &[Problem]) -> String {
    let count = |severity| problems.iter().filter(|p| p.severity == severity).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let files: std::collections::BTreeSet<&str> =
        problems.iter().map(|p| p.file.as_str()).collect();
    let mut line = String::new();
    let _ = write!(line, "{errors} error{}", plural(errors));
    if warnings > 0 {
        let _ = write!(line, " and {warnings} warning{}", plural(warnings));
    }
    let _ = write!(line, " in {} file{}", files.len(), plural(files.len()));
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn report(problem: &Problem, source: Option<Arc<FileText>>) -> Report {
    let mut diagnostic =
        MietteDiagnostic::new(problem.message.clone()).with_severity(match problem.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        });
    if let Some(help) = &problem.help {
        diagnostic = diagnostic.with_help(help.clone());
    }

    // Without the file's text there is nothing to show but the place.
    let Some(file) = source else {
        let place = match problem.line {
            Some(line) => format!("{}:{line}", problem.file),
            None => problem.file.clone(),
        };
        diagnostic.message = format!("{place}: {}", diagnostic.message);
        return Report::new(diagnostic);
    };

    let text = &file.text;
    let span = problem.span.clone().or_else(|| {
        let offset = *file.index.starts.get(problem.line?.checked_sub(1)?)?;
        Some(line_span(text, offset))
    });
    match span {
        Some(span) => {
            let label = problem
                .label
                .clone()
                .unwrap_or_else(|| "this record".to_string());
            let span = span.start.min(text.len())..span.end.min(text.len());
            diagnostic = diagnostic.with_label(LabeledSpan::at(span, label));
            Report::new(diagnostic).with_source_code(File {
                name: problem.file.clone(),
                text: file,
            })
        }
        None => {
            diagnostic.message = format!("{}: {}", problem.file, diagnostic.message);
            Report::new(diagnostic)
        }
    }
}

/// A file's decoded text with its line starts, shared by all the problems shown in it.
struct FileText {
    text: String,
    index: LineIndex,
}

/// A named file for miette. It finds lines through the line index, so showing a problem
/// costs the few lines shown rather than a scan from the top of the file, and its place
/// line gives the column in characters, as an editor does (the library counts bytes, which
/// puts Chinese text two thirds of the way off).
struct File {
    name: String,
    text: Arc<FileText>,
}

impl SourceCode for File {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let FileText { text, index } = self.text.as_ref();
        let start = span.offset().min(text.len());
        let end = (start + span.len()).min(text.len());
        let first_line = index.line_of(start);
        let column_of = |offset: usize| {
            let line_start = index.starts[index.line_of(offset)];
            text.get(line_start..offset)
                .map_or(0, |s| s.chars().count())
        };

        // Without context the span itself is wanted (for the place line); with context,
        // whole lines around it.
        let (from, to, line, column, lines) = if before == 0 && after == 0 {
            let lines = index.line_of(end.saturating_sub(1).max(start)) - first_line + 1;
            (start, end, first_line, column_of(start), lines)
        } else {
            let last_line = index.line_of(end.saturating_sub(1).max(start));
            let top = first_line.saturating_sub(before);
            let bottom = (last_line + after).min(index.starts.len() - 1);
            let from = index.starts[top];
            let mut to = index
                .starts
                .get(bottom + 1)
                .map_or(text.len(), |&next| next.saturating_sub(1));
            if text[..to].ends_with('\r') {
                to -= 1;
            }
            (from, to.max(from), top, 0, bottom - top + 1)
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &text.as_bytes()[from..to],
            SourceSpan::new(from.into(), to - from),
            line,
            column,
            lines,
        )))
    }
}
