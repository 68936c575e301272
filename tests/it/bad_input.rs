//! Every folder under `tests/data/bad` holds one kind of bad input. Each run must fail with
//! exit code 1, without a panic, leave an existing output file as it was, and print the
//! diagnostics in the snapshot (read by hand when accepted).

use std::fs;

use crate::fixture::{data, report};

#[test]
fn each_bad_folder_fails_cleanly_with_its_diagnostics() {
    let mut cases: Vec<_> = fs::read_dir(data("bad"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 19);

    let out_dir = tempfile::tempdir().unwrap();
    for case in cases {
        let name = case.file_name().unwrap().to_str().unwrap().to_string();
        let out = out_dir.path().join("out.csv");
        fs::write(&out, "an earlier table").unwrap();

        let output = report()
            .current_dir(&case)
            .args(["survey", "--as-of", "2021-02-28", "--data", ".", "-o"])
            .arg(&out)
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();

        assert_eq!(output.status.code(), Some(1), "{name}:\n{stderr}");
        assert!(!stderr.contains("panicked"), "{name}");
        assert!(stderr.contains("./"), "{name}: the file is named");
        assert!(stderr.ends_with("; no table was written\n"), "{name}");
        assert_eq!(
            fs::read_to_string(&out).unwrap(),
            "an earlier table",
            "{name}"
        );
        assert_eq!(
            fs::read_dir(out_dir.path()).unwrap().count(),
            1,
            "{name}: no temporary file left"
        );
        insta::assert_snapshot!(name.clone(), stderr);
    }
}
