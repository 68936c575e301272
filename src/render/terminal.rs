//! The form for a terminal, turned on its side so that 32 or 36 items fit on a screen: one
//! line per item, one column per row of the form. Chinese text is aligned by its display
//! width, which comfy-table measures.

use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table as Grid, Width};

use crate::count::Table;
use crate::layout::TOTAL_LABEL;
use crate::model::{FounderType, Spelled};

use super::period_line;

/// Border characters: box-drawing lines, or plain ASCII for terminals that draw the box
/// characters double width and so break the alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Borders {
    Unicode,
    Ascii,
}

pub fn render(table: &Table, borders: Borders) -> Vec<u8> {
    let mut grid = Grid::new();
    grid.load_style(match borders {
        Borders::Unicode => UTF8_FULL_CONDENSED,
        Borders::Ascii => ASCII_FULL_CONDENSED,
    });
    grid.set_content_arrangement(ContentArrangement::Dynamic);

    let heads = ["序号", "项目", "单位"]
        .into_iter()
        .chain(FounderType::ALL.iter().map(|t| t.chinese()))
        .chain([TOTAL_LABEL]);
    grid.set_header(heads);

    for (column, item) in table.kind.items().iter().enumerate() {
        let cells = [
            item.number.to_string(),
            short_label(item.path),
            item.unit.label().to_string(),
        ]
        .into_iter()
        .chain(
            table
                .rows
                .iter()
                .map(|row| row[column].map_or(String::new(), |n| n.to_string())),
        );
        grid.add_row(cells);
    }
    // On a narrow terminal the numbers' column heads wrap before the item labels do.
    if let Some(column) = grid.column_mut(1) {
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(24)));
    }
    for index in [0].into_iter().chain(3..3 + table.rows.len()) {
        if let Some(column) = grid.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }

    let mut out = String::new();
    out.push_str(table.kind.title());
    if let Some(city) = &table.city {
        out.push_str("  ");
        out.push_str(city);
    }
    out.push('\n');
    out.push_str(&period_line(table));
    out.push('\n');
    out.push_str(&grid.to_string());
    out.push('\n');
    out.into_bytes()
}

/// The last levels of an item's header path: enough to tell the items apart on a screen
/// without the long group headings above them.
fn short_label(path: &[&str]) -> String {
    let parts: Vec<&str> = path.iter().copied().filter(|p| *p != "其中").collect();
    let keep = parts.len().min(2);
    parts[parts.len() - keep..].join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_labels_keep_the_distinguishing_levels() {
        assert_eq!(
            short_label(&[
                "鉴定机构及党组织情况",
                "鉴定机构有关情况",
                "正式党员3名以上的",
                "其中",
                "明确党建负责人的"
            ]),
            "正式党员3名以上的/明确党建负责人的"
        );
        assert_eq!(short_label(&["司法鉴定机构总数"]), "司法鉴定机构总数");
    }
}
