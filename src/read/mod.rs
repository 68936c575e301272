//! Reading a data folder: the institutions and members files in TOML and/or CSV, read
//! together as one list each, and the optional `report.toml`.
//!
//! Institutions are read first and kept. Members are then streamed: each is checked,
//! added to its institution's summary and dropped, so that a province's million members
//! cost little memory.

mod csv_source;
pub mod fields;
pub mod report_file;
pub mod text;
mod toml_source;

use std::collections::hash_map::Entry;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use fields::{RawRecord, RecordKind};
use rustc_hash::FxHashMap;

use crate::classify::MemberSummaries;
use crate::diagnostics::Sources;
use crate::model::{Institution, Member, Records, ReportUnit};
use crate::problem::Problem;

/// What was read from a folder: the records, the files they came from, and every problem
/// found on the way.
pub struct Reading {
    pub records: Records,
    pub files: Vec<PathBuf>,
    /// Where each file is, for showing problems in place.
    pub sources: Sources,
    pub problems: Vec<Problem>,
}

/// Reads every data file of a folder. Problems do not stop the reading, so that one run
/// reports all of them. `as_of` is the reporting date that member warnings are judged on.
pub fn read_folder(dir: &Path, as_of: NaiveDate) -> Reading {
    let mut problems = Vec::new();
    let mut files = Files::default();

    // Institutions, with every id seen (readable records or not) for the checks below.
    let mut institutions: Vec<Institution> = Vec::new();
    let mut ids: FxHashMap<String, (Arc<str>, usize, Option<usize>)> = FxHashMap::default();
    for_each_record(
        dir,
        RecordKind::Institution,
        &mut files,
        &mut problems,
        &mut |raw, problems| {
            let parsed = fields::institution(raw, problems);
            let Some(id) = raw.id() else {
                return;
            };
            match ids.entry(id.into_owned()) {
                Entry::Occupied(earlier) => {
                    let (file, line, _) = earlier.get();
                    problems.push(duplicate("institution", earlier.key(), raw, file, *line));
                }
                Entry::Vacant(slot) => {
                    let index = parsed.map(|inst| {
                        institutions.push(inst);
                        institutions.len() - 1
                    });
                    slot.insert((Arc::clone(raw.file), raw.line, index));
                }
            }
        },
    );

    // Members, streamed into per-institution summaries.
    let mut summaries = MemberSummaries::new(institutions.len());
    let mut member_count = 0;
    let mut member_warnings = Vec::new();
    let mut member_ids = MemberIds::default();
    for_each_record(
        dir,
        RecordKind::Member,
        &mut files,
        &mut problems,
        &mut |raw, problems| {
            if let Some(id) = raw.id() {
                member_ids.insert(&id, raw);
            }
            let Some(member) = fields::member(raw, problems) else {
                return;
            };
            match ids.get(member.institution.as_ref()) {
                None => problems.push(unknown_institution(&member)),
                // Its institution could not be read; that problem is reported already.
                Some((_, _, None)) => {}
                Some(&(_, _, Some(index))) => {
                    member_count += 1;
                    summaries.add(index, &member);
                    for warning in
                        crate::warnings::member_warnings(&member, &institutions[index], as_of)
                    {
                        member_warnings.push((index, warning));
                    }
                }
            }
        },
    );

    problems.extend(member_ids.repeats());

    let unit = read_report(dir, &mut files, &mut problems);
    Reading {
        records: Records {
            institutions,
            members: summaries,
            member_count,
            member_warnings,
            unit,
        },
        files: files.paths,
        sources: files.sources,
        problems,
    }
}

/// Reads the members of a folder whose records are known to be good, handing each to `f`:
/// for tracing a cell back to the members behind it.
pub fn for_each_member(dir: &Path, f: &mut dyn FnMut(Member<'static>)) {
    let mut files = Files::default();
    let mut problems = Vec::new();
    for_each_record(
        dir,
        RecordKind::Member,
        &mut files,
        &mut problems,
        &mut |raw, problems| {
            if let Some(member) = fields::member(raw, problems) {
                f(member.into_owned());
            }
        },
    );
}

/// The member ids seen, checked for repeats once all are read. Only a 128-bit hash of each
/// id is kept, with where it was seen: a million ids cost 24 MB instead of the ids
/// themselves, and two different ids share a hash with a chance far below one in 10^20.
/// Sorting them once is faster than a hash set for a million ids.
#[derive(Default)]
struct MemberIds {
    /// Hash, file and line.
    seen: Vec<(u128, u32, u32)>,
    files: Vec<Arc<str>>,
}

impl MemberIds {
    fn insert(&mut self, id: &str, raw: &RawRecord<'_>) {
        if !self.files.last().is_some_and(|f| Arc::ptr_eq(f, raw.file)) {
            self.files.push(Arc::clone(raw.file));
        }
        let file = self.files.len() as u32 - 1;
        let hash = xxhash_rust::xxh3::xxh3_128(id.as_bytes());
        self.seen.push((hash, file, raw.line as u32));
    }

    /// A problem for each id seen before, naming both places. The ids themselves are
    /// gone, so the message names the places only.
    fn repeats(mut self) -> Vec<Problem> {
        // Files are read in order and lines grow within a file, so the first of equal
        // hashes after sorting is the earliest place.
        self.seen.sort_unstable();
        self.seen
            .windows(2)
            .filter(|pair| pair[0].0 == pair[1].0)
            .map(|pair| {
                let (_, first_file, first_line) = pair[0];
                let (_, file, line) = pair[1];
                let first = &self.files[first_file as usize];
                Problem::new(
                    &self.files[file as usize],
                    Some(line as usize),
                    format!("this member's id (党员编号) is used twice: here and at {first}:{first_line}"),
                )
                .with_help("each member needs an id of its own")
            })
            .collect()
    }
}

fn duplicate(what: &str, id: &str, raw: &RawRecord<'_>, file: &str, line: usize) -> Problem {
    Problem::new(
        raw.file,
        Some(raw.line),
        format!("{what} id \"{id}\" is used twice: here and at {file}:{line}"),
    )
    .at_span(raw.line_span(), "the second one")
    .with_help(format!("each {what} needs an id of its own"))
}

fn unknown_institution(member: &Member<'_>) -> Problem {
    Problem::new(
        &member.origin.file,
        Some(member.origin.line),
        format!(
            "member \"{}\" works in institution \"{}\" (机构编号), which is not among the institutions",
            member.id, member.institution
        ),
    )
    .with_help("correct the institution id, or add the institution to the institutions file")
}

/// The files read so far.
#[derive(Default)]
struct Files {
    paths: Vec<PathBuf>,
    sources: Sources,
}

impl Files {
    /// Reads and decodes a file, remembering it; a problem if it cannot be read as text.
    fn read(&mut self, path: &Path, problems: &mut Vec<Problem>) -> Option<(Arc<str>, String)> {
        self.paths.push(path.to_path_buf());
        let name: Arc<str> = path.display().to_string().into();
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
        let text = text::decode(bytes)
            .map_err(|message| problems.push(Problem::new(&name, None, message)))
            .ok()?;
        self.sources.0.insert(name.to_string(), path.to_path_buf());
        Some((name, text))
    }
}

/// Reads the TOML and CSV files of one kind, handing each record to `sink`; at least one
/// of the files must exist.
fn for_each_record(
    dir: &Path,
    kind: RecordKind,
    files: &mut Files,
    problems: &mut Vec<Problem>,
    sink: &mut dyn FnMut(&RawRecord<'_>, &mut Vec<Problem>),
) {
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
            "toml" => toml_source::read(kind, &name, &text, problems, sink),
            _ => csv_source::read(kind, &name, &text, problems, sink),
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
