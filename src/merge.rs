//! Adding up forms written earlier by this tool (CSV or JSON): the province collecting its
//! cities' tables. Inputs must be the same form with the same layout, and, where they say
//! so (JSON), the same period and different cities.

use std::path::Path;

use chrono::NaiveDate;
use serde_json::Value;

use crate::count::{ROWS, Table};
use crate::layout::TableKind;
use crate::period::Month;
use crate::read::text::decode;
use crate::render::{self, Style, row_labels};

/// One form read back from a file.
#[derive(Debug, Clone)]
pub struct Written {
    pub file: String,
    pub kind: TableKind,
    /// The period, where the file records it (JSON does, CSV does not).
    pub period: Option<(NaiveDate, Option<Month>)>,
    pub city: Option<String>,
    pub rows: Vec<Vec<Option<u64>>>,
}

/// Reads a form written by this tool as CSV or JSON.
pub fn read(path: &Path) -> Result<Written, String> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("{file}: cannot read the file: {e}"))?;
    let text = decode(bytes).map_err(|e| format!("{file}: {e}"))?;
    let result = if text.trim_start().starts_with('{') {
        read_json(&text)
    } else {
        read_csv(&text)
    };
    let mut written = result.map_err(|reason| format!("{file}: {reason}"))?;
    written.file = file;
    Ok(written)
}

fn read_csv(text: &str) -> Result<Written, String> {
    let header = text.lines().next().unwrap_or("");
    let kind = [TableKind::Survey, TableKind::Monthly]
        .into_iter()
        .find(|&kind| header == expected_header(kind))
        .ok_or("the header line is not that of a survey or monthly table written by this tool (a different layout or an edited header)")?;

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("cannot read line {}: {e}", index + 2))?;
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        rows.push(table_row(
            kind,
            index,
            cells.first().map(String::as_str),
            &cells[1.min(cells.len())..],
            |cell| {
                if cell.is_empty() {
                    Ok(None)
                } else {
                    cell.parse()
                        .map(Some)
                        .map_err(|_| format!("\"{cell}\" is not a whole number"))
                }
            },
        )?);
    }
    check_row_count(&rows)?;
    Ok(Written {
        file: String::new(),
        kind,
        period: None,
        city: None,
        rows,
    })
}

fn read_json(text: &str) -> Result<Written, String> {
    let document: Value =
        serde_json::from_str(text).map_err(|e| format!("this is not valid JSON: {e}"))?;
    let kind = match document["table"].as_str() {
        Some("survey") => TableKind::Survey,
        Some("monthly") => TableKind::Monthly,
        _ => return Err("\"table\" must be \"survey\" or \"monthly\"".to_string()),
    };

    let columns = document["columns"]
        .as_array()
        .ok_or("it has no \"columns\"")?;
    let layout_matches = columns.len() == kind.items().len()
        && columns.iter().zip(kind.items()).all(|(column, item)| {
            column["item"].as_u64() == Some(item.number as u64)
                && column["unit"].as_str() == Some(item.unit.label())
                && column["path"].as_array().is_some_and(|path| {
                    path.iter()
                        .map(Value::as_str)
                        .eq(item.path.iter().map(|p| Some(*p)))
                })
        });
    if !layout_matches {
        return Err("its columns are not the layout of this tool's table (a different version or an edited file)".to_string());
    }

    let as_of = document["period"]["as_of"]
        .as_str()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .ok_or("\"period\" has no valid \"as_of\"")?;
    let month = match document["period"]["month"].as_str() {
        Some(m) => Some(Month::parse(m)?),
        None => None,
    };

    let mut rows = Vec::new();
    for (index, row) in document["rows"]
        .as_array()
        .ok_or("it has no \"rows\"")?
        .iter()
        .enumerate()
    {
        let values: Vec<Value> = row["values"].as_array().cloned().unwrap_or_default();
        rows.push(table_row(
            kind,
            index,
            row["label"].as_str(),
            &values,
            |value| match value {
                Value::Null => Ok(None),
                other => other
                    .as_u64()
                    .map(Some)
                    .ok_or_else(|| format!("{other} is not a whole number")),
            },
        )?);
    }
    check_row_count(&rows)?;
    Ok(Written {
        file: String::new(),
        kind,
        period: Some((as_of, month)),
        city: document["city"].as_str().map(str::to_string),
        rows,
    })
}

/// Checks one row's label and cell count and converts its cells.
fn table_row<T>(
    kind: TableKind,
    index: usize,
    label: Option<&str>,
    cells: &[T],
    convert: impl Fn(&T) -> Result<Option<u64>, String>,
) -> Result<Vec<Option<u64>>, String> {
    let expected = row_labels()
        .nth(index)
        .ok_or("it has more than the nine rows of the form")?;
    if label != Some(expected) {
        return Err(format!(
            "row {} should be {expected}, found {}",
            index + 1,
            label.unwrap_or("nothing")
        ));
    }
    if cells.len() != kind.items().len() {
        return Err(format!(
            "row {expected} has {} cells, not {}",
            cells.len(),
            kind.items().len()
        ));
    }
    cells
        .iter()
        .map(&convert)
        .collect::<Result<_, _>>()
        .map_err(|reason| format!("row {expected}: {reason}"))
}

fn check_row_count<T>(rows: &[T]) -> Result<(), String> {
    if rows.len() == ROWS {
        Ok(())
    } else {
        Err(format!(
            "it has {} rows, not the nine of the form",
            rows.len()
        ))
    }
}

/// The CSV header line this tool writes for a form.
fn expected_header(kind: TableKind) -> String {
    let empty = Table {
        kind,
        city: None,
        as_of: NaiveDate::default(),
        month: None,
        rows: Vec::new(),
    };
    let style = Style {
        bom: false,
        borders: render::terminal::Borders::Ascii,
    };
    let bytes = render::render(&empty, render::Format::Csv, style, None).unwrap_or_default();
    String::from_utf8_lossy(&bytes).trim_end().to_string()
}

/// Adds up forms of one kind. `period` is the merged table's period where no input gives
/// one; inputs that give one must agree with each other and with it.
pub fn merge(
    inputs: &[Written],
    city: Option<String>,
    period: Option<(NaiveDate, Option<Month>)>,
) -> Result<Table, String> {
    let first = inputs.first().ok_or("give the tables to add up")?;
    let kind = first.kind;

    // A CSV table records neither period nor city: the period must be said, so that it
    // can be checked against the JSON tables', and no file may be given twice.
    if period.is_none()
        && let Some(csv) = inputs.iter().find(|input| input.period.is_none())
    {
        return Err(format!(
            "{}: a CSV table does not record its period; say it with --as-of (survey) or --month (monthly)",
            csv.file
        ));
    }
    for (i, input) in inputs.iter().enumerate() {
        if inputs[..i]
            .iter()
            .any(|earlier| same_file(&earlier.file, &input.file))
        {
            return Err(format!("{}: this table is given twice", input.file));
        }
    }

    let mut agreed = period;
    let mut cities: Vec<(&str, &str)> = Vec::new();
    for input in inputs {
        if input.kind != kind {
            return Err(format!(
                "{}: it is a {} table, but {} is a {} table",
                input.file,
                input.kind.key(),
                first.file,
                kind.key()
            ));
        }
        if let Some(given) = input.period {
            match agreed {
                Some(period) if period != given => {
                    return Err(format!(
                        "{}: its period ({}) differs from the others' ({})",
                        input.file,
                        describe(given),
                        describe(period)
                    ));
                }
                _ => agreed = Some(given),
            }
        }
        if let Some(input_city) = &input.city {
            if let Some((_, other)) = cities.iter().find(|(c, _)| c == input_city) {
                return Err(format!(
                    "{}: the city {input_city} is already in {other}",
                    input.file
                ));
            }
            cities.push((input_city, &input.file));
        }
    }

    let (as_of, month) = agreed.ok_or(
        "CSV tables do not record their period: say --as-of (survey) or --month (monthly)",
    )?;
    if kind == TableKind::Monthly && month.is_none() {
        return Err("a monthly table needs its month: say --month".to_string());
    }

    let columns = kind.items().len();
    let mut rows = vec![vec![None; columns]; ROWS];
    for input in inputs {
        for (sum_row, row) in rows.iter_mut().zip(&input.rows) {
            for (sum, cell) in sum_row.iter_mut().zip(row) {
                // A blank and a blank stay blank; a number counts, blanks add nothing.
                *sum = match (*sum, *cell) {
                    (None, None) => None,
                    (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
                };
            }
        }
    }

    Ok(Table {
        kind,
        city,
        as_of,
        month: if kind == TableKind::Monthly {
            month
        } else {
            None
        },
        rows,
    })
}

fn same_file(a: &str, b: &str) -> bool {
    match (Path::new(a).canonicalize(), Path::new(b).canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn describe((as_of, month): (NaiveDate, Option<Month>)) -> String {
    match month {
        Some(month) => format!("month {month}"),
        None => format!("as of {as_of}"),
    }
}
