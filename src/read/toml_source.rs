//! Reading `institutions.toml` and `members.toml`: an array of tables, `[[institution]]` or
//! `[[member]]`, each key and value kept with its position.

use std::sync::Arc;

use toml::de::{DeTable, DeValue};

use super::fields::{FieldPlace, Fields, RawField, RawRecord, RawValue, RecordKind};
use super::text::LineIndex;
use crate::problem::{Problem, nearest};

/// Reads the raw records of one TOML file; `false` if the file could not be read whole.
pub fn read(
    kind: RecordKind,
    file: &Arc<str>,
    text: &str,
    problems: &mut Vec<Problem>,
    sink: &mut dyn FnMut(&RawRecord<'_>, &mut Vec<Problem>),
) -> bool {
    let index = LineIndex::new(text);
    let at = |offset: usize| index.locate(text, offset);

    let document = match DeTable::parse(text) {
        Ok(document) => document.into_inner(),
        Err(error) => {
            let (line, column) = error.span().map(|s| at(s.start)).unzip();
            let mut problem = Problem::new(
                file,
                line,
                format!("this is not valid TOML: {}", error.message().trim()),
            )
            .at_column(column)
            .with_help(if error.message().contains("date") {
                "write dates as YYYY-MM-DD, with a day that exists in that month"
            } else {
                "text values need quotes, and each record starts with its own [[…]] line"
            });
            if let Some(span) = error.span() {
                problem = problem.at_span(span, "here");
            }
            problems.push(problem);
            return false;
        }
    };

    let table_name = kind.table_name();
    for (key, value) in &document {
        let (line, column) = at(key.span().start);
        if key.get_ref() != table_name {
            let mut problem = Problem::new(
                file,
                Some(line),
                format!("unknown key \"{}\" at the top of the file", key.get_ref()),
            )
            .at_column(Some(column))
            .at_span(key.span(), "not expected here");
            problem.help = Some(format!(
                "this file holds only [[{table_name}]] tables, one for each record"
            ));
            problems.push(problem);
            continue;
        }
        let DeValue::Array(array) = value.get_ref() else {
            problems.push(
                Problem::new(
                    file,
                    Some(line),
                    format!("\"{table_name}\" should be an array of tables"),
                )
                .at_column(Some(column))
                .at_span(key.span(), "written as a single table")
                .with_help(format!(
                    "write each record under its own [[{table_name}]] line"
                )),
            );
            continue;
        };
        for element in array.iter() {
            let (line, _) = at(element.span().start);
            match element.get_ref() {
                DeValue::Table(table) => {
                    let place = (text, line, element.span().start);
                    let record = read_record(kind, file, place, table, &at, problems);
                    sink(&record, problems);
                }
                _ => problems.push(
                    Problem::new(
                        file,
                        Some(line),
                        format!("each \"{table_name}\" must be a table"),
                    )
                    .at_span(element.span(), "not a table")
                    .with_help(format!(
                        "write each record under its own [[{table_name}]] line"
                    )),
                ),
            }
        }
    }
    true
}

fn read_record<'a>(
    kind: RecordKind,
    file: &'a Arc<str>,
    (text, line, start): (&'a str, usize, usize),
    table: &'a DeTable<'_>,
    at: &dyn Fn(usize) -> (usize, usize),
    problems: &mut Vec<Problem>,
) -> RawRecord<'a> {
    let mut fields = Fields::new(kind);
    for (key, value) in table {
        let (key_line, key_column) = at(key.span().start);
        let Some(def) = kind.field(key.get_ref()) else {
            let mut problem = Problem::new(
                file,
                Some(key_line),
                format!(
                    "unknown key \"{}\" in a [[{}]] table",
                    key.get_ref(),
                    kind.table_name()
                ),
            )
            .at_column(Some(key_column))
            .at_span(key.span(), "unknown key");
            problem.help = Some(
                match nearest(key.get_ref(), kind.fields().iter().map(|f| f.key)) {
                    Some(near) => format!("did you mean \"{near}\"?"),
                    None => format!(
                        "the keys of a [[{}]] table are: {}",
                        kind.table_name(),
                        kind.fields()
                            .iter()
                            .map(|f| f.key)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                },
            );
            problems.push(problem);
            continue;
        };
        let (value_line, value_column) = at(value.span().start);
        let raw = match value.get_ref() {
            DeValue::String(s) => RawValue::Text(s.as_ref()),
            DeValue::Boolean(b) => RawValue::Bool(*b),
            DeValue::Integer(n) => integer(n.as_str(), n.radix())
                .map(RawValue::Integer)
                .unwrap_or(RawValue::Text(n.as_str())),
            DeValue::Float(x) => {
                RawValue::Float(x.as_str().replace('_', "").parse().unwrap_or(f64::NAN))
            }
            DeValue::Datetime(d) => RawValue::Date(*d),
            DeValue::Array(_) => RawValue::Nested("an array"),
            DeValue::Table(_) => RawValue::Nested("a table"),
        };
        fields.insert(
            def.key,
            RawField {
                value: raw,
                line: value_line,
                column: value_column,
                place: FieldPlace::Bytes(value.span()),
            },
        );
    }
    RawRecord {
        file,
        text,
        line,
        start,
        fields,
    }
}

fn integer(digits: &str, radix: u32) -> Option<i64> {
    let digits = digits.replace('_', "");
    let digits = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0o"))
        .or_else(|| digits.strip_prefix("0b"))
        .unwrap_or(&digits);
    i64::from_str_radix(digits, radix).ok()
}
