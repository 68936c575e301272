//! Showing problems to the clerk: each with the offending line of its file, a marker under
//! the exact value, what was expected and how to fix it; grouped by file, then counted.

use std::collections::BTreeMap;
use std::fmt::Write;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, Report, SourceCode, SourceSpan, SpanContents,
};

use crate::problem::{Problem, Severity};
use crate::read::text::line_span;

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

/// Renders problems grouped by file (files in name order, problems in line order), each
/// with a snippet of its line where the file is known.
pub fn render(problems: &[Problem], sources: &Sources, color: bool) -> String {
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
    sorted.sort_by_key(|p| (p.file.clone(), p.line.unwrap_or(0), p.column.unwrap_or(0)));

    let mut out = String::new();
    let mut texts: BTreeMap<&str, Option<String>> = BTreeMap::new();
    for problem in sorted {
        let text = texts
            .entry(problem.file.as_str())
            .or_insert_with(|| sources.text(&problem.file));
        let report = report(problem, text.as_ref());
        let _ = handler.render_report(&mut out, report.as_ref());
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

fn report(problem: &Problem, source: Option<&String>) -> Report {
    let mut diagnostic =
        MietteDiagnostic::new(problem.message.clone()).with_severity(match problem.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        });
    if let Some(help) = &problem.help {
        diagnostic = diagnostic.with_help(help.clone());
    }

    // Without the file's text there is nothing to show but the place.
    let Some(text) = source else {
        let place = match problem.line {
            Some(line) => format!("{}:{line}", problem.file),
            None => problem.file.clone(),
        };
        diagnostic.message = format!("{place}: {}", diagnostic.message);
        return Report::new(diagnostic);
    };

    let span = problem.span.clone().or_else(|| {
        let offset = match problem.line? {
            0 => return None,
            1 => 0,
            line => text.match_indices('\n').nth(line - 2)?.0 + 1,
        };
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
                text: text.clone(),
            })
        }
        None => {
            diagnostic.message = format!("{}: {}", problem.file, diagnostic.message);
            Report::new(diagnostic)
        }
    }
}

/// A named file whose place line shows the column in characters, as an editor does; the
/// library counts bytes, which puts Chinese text two thirds of the way off.
struct File {
    name: String,
    text: String,
}

impl SourceCode for File {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let column = if before == 0 && after == 0 {
            let offset = span.offset().min(self.text.len());
            let line_start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
            self.text
                .get(line_start..offset)
                .map_or(inner.column(), |s| s.chars().count())
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}
