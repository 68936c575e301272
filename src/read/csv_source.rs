//! Reading `institutions.csv` and `members.csv`: headers in English or Chinese, every cell
//! handed on as text with its line and column.

use std::collections::HashMap;

use super::fields::{FieldDef, RawField, RawRecord, RawValue, RecordKind};
use crate::problem::{Problem, nearest};

/// Reads the raw records of one CSV file whose text is already decoded.
pub fn read(
    kind: RecordKind,
    file: &str,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Vec<RawRecord> {
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
        return Vec::new();
    }

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = reader.records();

    let columns = match rows.next() {
        Some(Ok(header)) => read_header(kind, file, &header, problems),
        Some(Err(error)) => {
            problems.push(csv_problem(file, &error));
            return Vec::new();
        }
        None => return Vec::new(),
    };

    let mut records = Vec::new();
    for row in rows {
        let row = match row {
            Ok(row) => row,
            Err(error) => {
                problems.push(csv_problem(file, &error));
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line() as usize);

        // Spreadsheets often save trailing rows of empty cells; they are not records.
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }

        let mut fields = HashMap::new();
        for (index, cell) in row.iter().enumerate() {
            match columns.get(index) {
                Some(Some(def)) => {
                    let field = RawField {
                        value: RawValue::Text(cell.to_string()),
                        line,
                        column: index + 1,
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
                    .with_help("remove the extra cell or add a header for it"),
                ),
            }
        }
        records.push(RawRecord {
            file: file.to_string(),
            line,
            fields,
        });
    }
    records
}

/// Maps each header cell to its field; unknown and repeated headers are problems.
fn read_header(
    kind: RecordKind,
    file: &str,
    header: &csv::StringRecord,
    problems: &mut Vec<Problem>,
) -> Vec<Option<&'static FieldDef>> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut columns = Vec::new();
    for (index, name) in header.iter().enumerate() {
        let column = index + 1;
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
                        .with_help("keep one of the two columns"),
                    );
                }
            }
            None if name.trim().is_empty() => {
                problems.push(
                    Problem::new(file, Some(1), format!("column {column} has no header"))
                        .at_column(Some(column))
                        .with_help("name the column or delete it"),
                );
            }
            None => {
                let mut problem =
                    Problem::new(file, Some(1), format!("unknown column header \"{name}\""))
                        .at_column(Some(column));
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

fn csv_problem(file: &str, error: &csv::Error) -> Problem {
    let line = error.position().map(|p| p.line() as usize);
    Problem::new(file, line, format!("this CSV line cannot be read: {error}"))
        .with_help("check the quotes on this line: a cell that holds a comma or a quote must be quoted, with quotes inside doubled")
}
