//! Rendering a computed form in each output format. Every format reads the same layout
//! definition; each lives in its own module and is tested on its own.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod terminal;
pub mod xlsx;

use crate::count::Table;
use crate::layout::{TOTAL_LABEL, TableKind};
use crate::model::FounderType;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The table on its side, for a terminal.
    Table,
    Csv,
    Json,
    Markdown,
    /// The printed form as a workbook.
    Xlsx,
}

impl Format {
    /// The format a file name's extension asks for.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" => Some(Format::Markdown),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// Options that change how a format looks, not what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Start CSV with a byte-order mark, for Excel.
    pub bom: bool,
    pub borders: terminal::Borders,
}

/// Renders a table. The XLSX form also needs its context (who fills it in, the records
/// behind it); the other formats ignore it.
pub fn render(
    table: &Table,
    format: Format,
    style: Style,
    form: Option<&xlsx::FormContext>,
) -> Result<Vec<u8>, String> {
    Ok(match format {
        Format::Table => terminal::render(table, style.borders),
        Format::Csv => csv::render(table, style.bom),
        Format::Json => json::render(table),
        Format::Markdown => markdown::render(table),
        Format::Xlsx => {
            let form = form.ok_or("the XLSX form needs the reporting unit and the records")?;
            xlsx::render(table, form).map_err(|e| format!("cannot build the workbook: {e}"))?
        }
    })
}

/// The nine row labels in the form's order.
pub fn row_labels() -> impl Iterator<Item = &'static str> {
    FounderType::ALL
        .iter()
        .map(|t| t.row_label())
        .chain(std::iter::once(TOTAL_LABEL))
}

/// The form's period line: 统计期间：截至 YYYY年M月D日.
pub fn period_line(table: &Table) -> String {
    let day = table.as_of.format("%Y年%-m月%-d日");
    match table.kind {
        TableKind::Survey => format!("统计期间：截至 {day}"),
        TableKind::Monthly => {
            let month = table
                .month
                .map(|m| format!("（{}年{}月）", m.year, m.month))
                .unwrap_or_default();
            format!("{month} 统计期间：截至{day}")
        }
    }
}
