//! Reading `institutions.csv` and `members.csv`: headers in English or Chinese, every cell
//! handed on as text with its line and column.

use std::collections::HashMap;
use std::sync::Arc;

use super::fields::{FieldDef, FieldPlace, Fields, RawField, RawRecord, RawValue, RecordKind};
use crate::problem::{Problem, nearest};

/// Reads one CSV file whose text is already decoded, handing each record to `sink` as it
/// is read; `false` if the file could not be read whole.
pub fn read(
    kind: RecordKind,
    file: &Arc<str>,
    text: &str,
    problems: &mut Vec<Problem>,
    sink: &mut dyn FnMut(&RawRecord<'_>, &mut Vec<Problem>),
) -> bool {
    match header(kind, file, text, problems) {
        Some((columns, body)) => read_rows(kind, file, text, &columns, body, problems, sink),
        // Nothing to read after the header is whole; a problem with the header is not.
        None => problems.last().is_none_or(|p| p.file != **file),
    }
}

/// Where rows start in a file's text: a byte offset, and the line number there.
#[derive(Debug, Clone, Copy)]
pub struct Body {
    pub start: usize,
    pub line: usize,
}

/// The columns' fields (`None` for a column with a problem), and where the rows start.
pub type Columns = Vec<Option<&'static FieldDef>>;

/// Reads the header line; `None` when there is nothing to read after it.
pub fn header(
    kind: RecordKind,
    file: &Arc<str>,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Option<(Columns, Body)> {
    if text.trim().is_empty() {
        let header: Vec<&str> = kind.fields().iter().map(|f| f.header).collect();
        problems.push(
            Problem::new(
                file,
                Some(1),
                "the file is empty; it needs at least a header line",
            )
            .with_help(format!(
                "start it with the header line: {}",
                header.join(",")
            )),
        );
        return None;
    }

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut row = csv::StringRecord::new();
    match reader.read_record(&mut row) {
        Ok(true) => {
            let columns = read_header(kind, file, &row, &field_spans(text, 0), problems);
            // Without a required column every record would be an error of the same kind:
            // say it once, at the header, and leave the rows until the header is right.
            let missing: Vec<&FieldDef> = kind
                .required()
                .iter()
                .filter_map(|key| kind.fields().iter().find(|f| f.key == *key))
                .filter(|def| !columns.iter().flatten().any(|c| c.key == def.key))
                .collect();
            if !missing.is_empty() {
                let names: Vec<String> = missing
                    .iter()
                    .map(|d| format!("{} ({})", d.header, d.key))
                    .collect();
                let header_line = super::text::line_span(text, 0);
                problems.push(
                    Problem::new(
                        file,
                        Some(1),
                        format!(
                            "the header has no column for {}, which every record needs; the rows were not read",
                            names.join(", ")
                        ),
                    )
                    .at_span(header_line, "this header")
                    .with_help("add the column (or correct its name, see the other messages), then run again"),
                );
                return None;
            }
            let next = reader.position();
            let body = Body {
                start: next.byte() as usize,
                line: next.line() as usize,
            };
            Some((columns, body))
        }
        Ok(false) => None,
        Err(error) => {
            problems.push(csv_problem(file, text, &error));
            None
        }
    }
}

/// Reads the rows of `text` from `body` up to `end` (a record boundary), with the columns
/// the header gave.
pub fn read_rows(
    kind: RecordKind,
    file: &Arc<str>,
    text: &str,
    columns: &Columns,
    body: Body,
    problems: &mut Vec<Problem>,
    sink: &mut dyn FnMut(&RawRecord<'_>, &mut Vec<Problem>),
) -> bool {
    read_rows_until(kind, file, text, columns, body, text.len(), problems, sink)
}

/// [`read_rows`] for a part of the text, so that two threads can read two halves.
#[allow(clippy::too_many_arguments)]
pub fn read_rows_until(
    kind: RecordKind,
    file: &Arc<str>,
    text: &str,
    columns: &Columns,
    body: Body,
    end: usize,
    problems: &mut Vec<Problem>,
    sink: &mut dyn FnMut(&RawRecord<'_>, &mut Vec<Problem>),
) -> bool {
    let mut whole = true;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&text.as_bytes()[body.start..end]);
    let mut row = csv::StringRecord::new();
    // The reader counts from the start of its part; places are in the whole text.
    let place = |position: Option<&csv::Position>| {
        let position = position.map(|p| {
            let mut whole = csv::Position::new();
            whole
                .set_byte(p.byte() + body.start as u64)
                .set_line(p.line() + body.line as u64 - 1);
            whole
        });
        record_start(text, position.as_ref())
    };

    loop {
        match reader.read_record(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                let (line, _) = place(error.position());
                let mut problem = csv_problem(file, text, &error);
                problem.line = Some(line);
                problems.push(problem);
                continue;
            }
        }
        let (line, start) = place(row.position());

        // Spreadsheets often save trailing rows of empty cells; they are not records.
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }

        // A quote that is never closed swallows the rest of the file into one cell; the
        // record's other problems would only follow from it.
        if let Some(index) = row.iter().position(|cell| cell.contains('\n')) {
            let span = field_spans(text, start)
                .get(index)
                .map_or(start..start, |s| s.start..s.start + 1);
            problems.push(
                Problem::new(
                    file,
                    Some(line),
                    format!("the quote that opens column {} is never closed, so the cell runs over several lines", index + 1),
                )
                .at_column(Some(index + 1))
                .at_span(span, "this quote")
                .with_help("close the quote, or remove it: a cell needs quotes only when it holds a comma, a quote or a line break"),
            );
            whole = false;
            continue;
        }

        let mut fields = Fields::new(kind);
        for (index, cell) in row.iter().enumerate() {
            match columns.get(index) {
                Some(Some(def)) => {
                    let field = RawField {
                        value: RawValue::Text(cell),
                        line,
                        column: index + 1,
                        place: FieldPlace::CsvCell {
                            record_start: start,
                            index,
                        },
                    };
                    fields.insert(def.key, field);
                }
                Some(None) => {}
                None if cell.trim().is_empty() => {}
                None => problems.push(
                    Problem::new(
                        file,
                        Some(line),
                        format!(
                            "this row has a value \"{}\" in column {}, beyond the {} columns of the header",
                            cell.trim(),
                            index + 1,
                            columns.len()
                        ),
                    )
                    .at_column(Some(index + 1))
                    .at_span(field_spans(text, start).get(index).cloned().unwrap_or(start..start), "no header above this")
                    .with_help("remove the extra cell or add a header for it"),
                ),
            }
        }
        let record = RawRecord {
            file,
            text,
            line,
            start,
            fields,
        };
        sink(&record, problems);
    }
    whole
}

/// Maps each header cell to its field; unknown and repeated headers are problems.
fn read_header(
    kind: RecordKind,
    file: &str,
    header: &csv::StringRecord,
    spans: &[std::ops::Range<usize>],
    problems: &mut Vec<Problem>,
) -> Vec<Option<&'static FieldDef>> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut columns = Vec::new();
    for (index, name) in header.iter().enumerate() {
        let column = index + 1;
        let span = spans.get(index).cloned().unwrap_or(0..0);
        let def = kind.field(name);
        match def {
            Some(def) => {
                if let Some(first) = seen.insert(def.key, column) {
                    problems.push(
                        Problem::new(
                            file,
                            Some(1),
                            format!(
                                "the header names {} ({}) twice, in columns {first} and {column}",
                                def.header, def.key
                            ),
                        )
                        .at_column(Some(column))
                        .at_span(span, "the second one")
                        .with_help("keep one of the two columns"),
                    );
                }
            }
            None if name.trim().is_empty() => {
                problems.push(
                    Problem::new(file, Some(1), format!("column {column} has no header"))
                        .at_column(Some(column))
                        .at_span(span, "no name")
                        .with_help("name the column or delete it"),
                );
            }
            None => {
                let mut problem =
                    Problem::new(file, Some(1), format!("unknown column header \"{name}\""))
                        .at_column(Some(column))
                        .at_span(span, "not a field of this file");
                problem.help = Some(match nearest(name, kind.field_names()) {
                    Some(near) => format!("did you mean \"{near}\"?"),
                    None => format!(
                        "the headers of this file are: {}",
                        kind.fields()
                            .iter()
                            .map(|f| format!("{} ({})", f.header, f.key))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
                problems.push(problem);
            }
        }
        columns.push(def);
    }
    columns
}

fn csv_problem(file: &str, text: &str, error: &csv::Error) -> Problem {
    let (line, start) = record_start(text, error.position());
    let (line, start) = (Some(line), start.min(text.len()));
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    Problem::new(file, line, format!("this CSV line cannot be read: {error}"))
        .at_span(start..end, "this line")
        .with_help("check the quotes on this line: a cell that holds a comma or a quote must be quoted, with quotes inside doubled")
}

/// The line and byte offset where a record starts. With CRLF line ends (what Excel saves)
/// the reader places a record at the line break before it, so skip past that break.
fn record_start(text: &str, position: Option<&csv::Position>) -> (usize, usize) {
    let (mut line, mut start) = position.map_or((1, 0), |p| (p.line() as usize, p.byte() as usize));
    while let Some(&byte) = text.as_bytes().get(start) {
        match byte {
            b'\n' => line += 1,
            b'\r' => {}
            _ => break,
        }
        start += 1;
    }
    (line, start)
}

/// The byte ranges of the fields of the CSV record starting at `start`, quotes included,
/// found by scanning the text as the CSV reader does.
pub fn field_spans(text: &str, start: usize) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut field_start = start;
    let mut in_quotes = false;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => in_quotes = !in_quotes,
            b',' if !in_quotes => {
                spans.push(field_start..i);
                field_start = i + 1;
            }
            b'\n' | b'\r' if !in_quotes => break,
            _ => {}
        }
        i += 1;
    }
    spans.push(field_start..i);
    spans
}

#[cfg(test)]
mod tests {
    use super::field_spans;

    #[test]
    fn records_after_a_crlf_start_on_their_own_line() {
        let text = "a,b\r\nx,y\r\n";
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let rows: Vec<_> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(super::record_start(text, rows[1].position()), (2, 5));
    }

    #[test]
    fn field_spans_follow_quotes() {
        let text = "a,b\nx,\"y,z\",w\r\n";
        let spans = field_spans(text, 4);
        let fields: Vec<&str> = spans.iter().map(|s| &text[s.clone()]).collect();
        assert_eq!(fields, ["x", "\"y,z\"", "w"]);
    }
}
