//! The form as JSON, for scripts: the table's kind, title, city and period, its columns
//! with their header paths and units, and its rows with their values (`null` for blanks).

use serde::Serialize;

use crate::count::Table;
use crate::model::{FounderType, Spelled};

use super::row_labels;

#[derive(Serialize)]
struct Document<'a> {
    table: &'static str,
    title: &'static str,
    city: Option<&'a str>,
    period: Period,
    columns: Vec<Column>,
    rows: Vec<Row<'a>>,
}

#[derive(Serialize)]
struct Period {
    as_of: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<String>,
}

#[derive(Serialize)]
struct Column {
    item: usize,
    path: &'static [&'static str],
    unit: &'static str,
}

#[derive(Serialize)]
struct Row<'a> {
    key: &'static str,
    label: &'static str,
    values: &'a [Option<u64>],
}

pub fn render(table: &Table) -> Vec<u8> {
    let keys = FounderType::ALL
        .iter()
        .map(|t| t.key())
        .chain(std::iter::once("total"));
    let document = Document {
        table: table.kind.key(),
        title: table.kind.title(),
        city: table.city.as_deref(),
        period: Period {
            as_of: table.as_of.format("%Y-%m-%d").to_string(),
            month: table.month.map(|m| m.to_string()),
        },
        columns: table
            .kind
            .items()
            .iter()
            .map(|item| Column {
                item: item.number,
                path: item.path,
                unit: item.unit.label(),
            })
            .collect(),
        rows: keys
            .zip(row_labels())
            .zip(&table.rows)
            .map(|((key, label), values)| Row { key, label, values })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&document).expect("a table always serialises");
    out.push(b'\n');
    out
}
