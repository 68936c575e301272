//! No input makes the readers panic: arbitrary bytes in every data file, and random edits
//! of valid files. Whatever loads must still give tables that keep the forms' invariants.
//! `PROPTEST_CASES=20000 cargo test robustness` runs a longer campaign.

use std::fs;
use std::path::Path;

use proptest::prelude::*;
use report::count::{self, Scope};
use report::layout::TableKind;
use report::period::Month;

use crate::fixture::{data, day};

const FILES: [&str; 5] = [
    "institutions.toml",
    "institutions.csv",
    "members.toml",
    "members.csv",
    "report.toml",
];

/// Loads a folder; if it loads, computes both tables and checks their invariants.
fn load_and_count(dir: &Path) {
    if let Ok(loaded) = report::load(dir, Some(day(2021, 4, 30))) {
        let month = Month::parse("2021-04").unwrap();
        let scopes = [
            (
                TableKind::Survey,
                Scope {
                    city: None,
                    as_of: day(2021, 4, 30),
                    month: None,
                },
            ),
            (
                TableKind::Monthly,
                Scope {
                    city: None,
                    as_of: month.last_day(),
                    month: Some(month),
                },
            ),
        ];
        for (kind, scope) in &scopes {
            let table = count::compute(*kind, &loaded.data, scope);
            count::check_invariants(&table, true).unwrap();
        }
        let _ = report::warnings::warnings(&loaded.data, &scopes[0].1, true);
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, u8),
    Delete(usize),
    Replace(usize, u8),
    Duplicate(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let byte = prop_oneof![
        Just(b','),
        Just(b'"'),
        Just(b'\n'),
        Just(b'='),
        Just(b'['),
        Just(b' '),
        Just(0xE5),
        any::<u8>()
    ];
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(at, b)| Edit::Insert(at, b)),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), byte).prop_map(|(at, b)| Edit::Replace(at, b)),
        (any::<usize>(), 1..40usize).prop_map(|(at, len)| Edit::Duplicate(at, len)),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    let at = |i: usize, len: usize| if len == 0 { 0 } else { i % len };
    match *edit {
        Edit::Insert(i, b) => {
            let i = at(i, bytes.len() + 1);
            bytes.insert(i, b);
        }
        Edit::Delete(i) if !bytes.is_empty() => {
            let i = at(i, bytes.len());
            bytes.remove(i);
        }
        Edit::Replace(i, b) if !bytes.is_empty() => {
            let i = at(i, bytes.len());
            bytes[i] = b;
        }
        Edit::Duplicate(i, len) if !bytes.is_empty() => {
            let i = at(i, bytes.len());
            let end = (i + len).min(bytes.len());
            let piece = bytes[i..end].to_vec();
            bytes.splice(i..i, piece);
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(
        which in 0..FILES.len(),
        bytes in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        let dir = tempfile::tempdir().unwrap();
        for name in ["institutions.toml", "members.csv", "report.toml"] {
            fs::copy(data("hand-worked").join(name), dir.path().join(name)).unwrap();
        }
        fs::write(dir.path().join(FILES[which]), bytes).unwrap();
        load_and_count(dir.path());
    }

    #[test]
    fn edited_valid_files_never_panic(
        edits in prop::collection::vec((0..3usize, edit()), 1..12),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let names = ["institutions.toml", "members.csv", "report.toml"];
        let mut files: Vec<Vec<u8>> = names
            .iter()
            .map(|name| fs::read(data("hand-worked").join(name)).unwrap())
            .collect();
        for (file, edit) in &edits {
            apply(&mut files[*file], edit);
        }
        for (name, bytes) in names.iter().zip(&files) {
            fs::write(dir.path().join(name), bytes).unwrap();
        }
        load_and_count(dir.path());
    }
}
