//! Reading a data folder: the institutions and members files in TOML and/or CSV, read
//! together as one list each, and the optional `report.toml`.

mod csv_source;
pub mod fields;
pub mod report_file;
pub mod text;
mod toml_source;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use fields::{RawRecord, RecordKind};

use crate::diagnostics::Sources;
use crate::model::{Records, ReportUnit};
use crate::problem::Problem;

/// What was read from a folder: the records, the files they came from, and every problem
/// found on the way.
pub struct Reading {
    pub records: Records,
    pub files: Vec<PathBuf>,
    /// The decoded text of each file, for showing problems in place.
    pub sources: Sources,
    pub problems: Vec<Problem>,
}

/// Reads every data file of a folder. Problems do not stop the reading, so that one run
/// reports all of them.
pub fn read_folder(dir: &Path) -> Reading {
    let mut problems = Vec::new();
    let mut files = Files::default();

    let institution_records = read_kind(dir, RecordKind::Institution, &mut files, &mut problems);
    let member_records = read_kind(dir, RecordKind::Member, &mut files, &mut problems);
    let unit = read_report(dir, &mut files, &mut problems);

    let institutions = institution_records
        .iter()
        .filter_map(|r| fields::institution(r, &mut problems))
        .collect();
    let members = member_records
        .iter()
        .filter_map(|r| fields::member(r, &mut problems))
        .collect();
    let records = Records {
        institutions,
        members,
        unit,
    };

    check_ids(
        &records,
        &institution_records,
        &member_records,
        &mut problems,
    );
    Reading {
        records,
        files: files.paths,
        sources: files.sources,
        problems,
    }
}

/// The files read so far and their decoded text.
#[derive(Default)]
struct Files {
    paths: Vec<PathBuf>,
    sources: Sources,
}

impl Files {
    /// Reads and decodes a file, remembering it; a problem if it cannot be read as text.
    fn read(&mut self, path: &Path, problems: &mut Vec<Problem>) -> Option<(String, String)> {
        self.paths.push(path.to_path_buf());
        let name = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) => {
                problems.push(Problem::new(
                    &name,
                    None,
                    format!("cannot read the file: {error}"),
                ));
                return None;
            }
        };
        let text = text::decode(&bytes)
            .map_err(|message| problems.push(Problem::new(&name, None, message)))
            .ok()?;
        self.sources.0.insert(name.clone(), text.clone());
        Some((name, text))
    }
}

/// Reads the TOML and CSV files of one kind; at least one must exist.
fn read_kind(
    dir: &Path,
    kind: RecordKind,
    files: &mut Files,
    problems: &mut Vec<Problem>,
) -> Vec<RawRecord> {
    let mut records = Vec::new();
    let mut found = false;
    for extension in ["toml", "csv"] {
        let path = dir.join(format!("{}.{extension}", kind.file_stem()));
        if !path.exists() {
            continue;
        }
        found = true;
        let Some((name, text)) = files.read(&path, problems) else {
            continue;
        };
        match extension {
            "toml" => records.extend(toml_source::read(kind, &name, &text, problems)),
            _ => records.extend(csv_source::read(kind, &name, &text, problems)),
        }
    }
    if !found {
        let stem = kind.file_stem();
        problems.push(
            Problem::new(
                &dir.join(format!("{stem}.csv")).display().to_string(),
                None,
                format!("the folder has no {stem}.toml or {stem}.csv"),
            )
            .with_help(format!(
                "check --data (it names the folder that holds the records); `report init` writes a starter {stem} file"
            )),
        );
    }
    records
}

fn read_report(dir: &Path, files: &mut Files, problems: &mut Vec<Problem>) -> ReportUnit {
    let path = dir.join("report.toml");
    if !path.exists() {
        return ReportUnit::default();
    }
    let Some((name, text)) = files.read(&path, problems) else {
        return ReportUnit::default();
    };
    report_file::read(&name, &text).unwrap_or_else(|problem| {
        problems.push(*problem);
        ReportUnit::default()
    })
}

/// Ids must be unique within each kind, and every member must work in an institution that
/// exists.
fn check_ids(
    records: &Records,
    institution_records: &[RawRecord],
    member_records: &[RawRecord],
    problems: &mut Vec<Problem>,
) {
    duplicates("institution", institution_records, problems);
    duplicates("member", member_records, problems);

    let known: HashSet<String> = institution_records.iter().filter_map(raw_id).collect();
    for member in &records.members {
        if !known.contains(&member.institution) {
            problems.push(
                Problem::new(
                    &member.origin.file,
                    Some(member.origin.line),
                    format!(
                        "member \"{}\" works in institution \"{}\" (机构编号), which is not among the institutions",
                        member.id, member.institution
                    ),
                )
                .with_help("correct the institution id, or add the institution to the institutions file"),
            );
        }
    }
}

/// A record's id as its typed record will have it: trimmed text, or a TOML integer
/// written out.
fn raw_id(record: &RawRecord) -> Option<String> {
    match record.fields.get("id").map(|f| &f.value) {
        Some(fields::RawValue::Text(id)) if !id.trim().is_empty() => Some(id.trim().to_string()),
        Some(fields::RawValue::Integer(n)) => Some(n.to_string()),
        _ => None,
    }
}

fn duplicates(what: &str, records: &[RawRecord], problems: &mut Vec<Problem>) {
    let mut first: HashMap<String, &RawRecord> = HashMap::new();
    for record in records {
        let Some(id) = raw_id(record) else { continue };
        if let Some(earlier) = first.get(&id) {
            problems.push(
                Problem::new(
                    &record.file,
                    Some(record.line),
                    format!(
                        "{what} id \"{id}\" is used twice: here and at {}:{}",
                        earlier.file, earlier.line
                    ),
                )
                .with_help(format!("each {what} needs an id of its own")),
            );
        } else {
            first.insert(id, record);
        }
    }
}
