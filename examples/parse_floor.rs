//! The floor for reading a data folder: parse its CSV files with the csv crate and do
//! nothing else (count the records and their bytes), so that the benchmark can say how far
//! `report` is above the cost of merely reading its input.
//!
//! cargo run --release --example parse_floor -- DIR

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: parse_floor DIR"));
    let mut records = 0usize;
    let mut bytes = 0usize;
    for name in ["institutions.csv", "members.csv"] {
        let mut reader = csv::Reader::from_path(dir.join(name)).expect("a readable CSV file");
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record).expect("valid CSV") {
            records += 1;
            bytes += record.as_slice().len();
        }
    }
    println!("{records} records, {bytes} bytes of fields");
}
