//! The form as CSV: one header line naming each item by number and header path, then the
//! nine rows. Blank cells are empty; every line ends in `\n`.

use crate::count::Table;

use super::row_labels;

/// Renders a table as CSV, with a byte-order mark first when Excel is to open it.
pub fn render(table: &Table, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(&mut out);

    let header = std::iter::once("项目".to_string()).chain(
        table
            .kind
            .items()
            .iter()
            .map(|item| format!("{} {}", item.number, item.joined_path())),
    );
    writer
        .write_record(header)
        .expect("writing to memory cannot fail");

    for (label, row) in row_labels().zip(&table.rows) {
        let cells = std::iter::once(label.to_string()).chain(
            row.iter()
                .map(|cell| cell.map_or(String::new(), |n| n.to_string())),
        );
        writer
            .write_record(cells)
            .expect("writing to memory cannot fail");
    }
    writer.flush().expect("writing to memory cannot fail");
    drop(writer);
    out
}
