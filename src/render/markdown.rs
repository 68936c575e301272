//! The form as a Markdown table, for pasting into a written report: the title and period,
//! the table with item numbers as column heads, then a key naming each item.

use std::fmt::Write;

use crate::count::Table;

use super::{period_line, row_labels};

pub fn render(table: &Table) -> Vec<u8> {
    let items = table.kind.items();
    let mut out = String::new();

    let _ = writeln!(out, "## {}\n", table.kind.title());
    if let Some(city) = &table.city {
        let _ = writeln!(out, "{city}\n");
    }
    let _ = writeln!(out, "{}\n", period_line(table));

    out.push_str("| 项目 |");
    for item in items {
        let _ = write!(out, " {} |", item.number);
    }
    out.push_str("\n| --- |");
    out.push_str(&" ---: |".repeat(items.len()));
    out.push('\n');
    for (label, row) in row_labels().zip(&table.rows) {
        let _ = write!(out, "| {label} |");
        for cell in row {
            match cell {
                Some(n) => {
                    let _ = write!(out, " {n} |");
                }
                None => out.push_str("  |"),
            }
        }
        out.push('\n');
    }

    out.push('\n');
    for item in items {
        let _ = writeln!(
            out,
            "- {}: {} ({})",
            item.number,
            item.joined_path(),
            item.unit.label()
        );
    }
    out.into_bytes()
}
