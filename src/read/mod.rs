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
/// reports all of them. `warn_as_of` is the reporting date that member warnings are judged
/// on; `None` skips them (a quiet run has no use for them).
pub fn read_folder(dir: &Path, warn_as_of: Option<NaiveDate>) -> Reading {
    let mut problems = Vec::new();
    let mut files = Files::default();

    // Institutions, with every id seen (readable records or not) for the checks below.
    let mut institutions: Vec<Institution> = Vec::new();
    let mut ids: InstitutionIds = FxHashMap::default();
    let institutions_whole = for_each_record(
        dir,
        RecordKind::Institution,
        &mut files,
        &mut problems,
        &mut |raw: &RawRecord<'_>, problems: &mut Vec<Problem>| {
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
    let mut members = MemberState::new(&institutions, &ids, warn_as_of);
    // Members of institutions that could not be read are not errors of their own.
    members.institutions_whole = institutions_whole;
    for_each_record(
        dir,
        RecordKind::Member,
        &mut files,
        &mut problems,
        &mut members,
    );
    let MemberState {
        summaries,
        ids: member_ids,
        warnings: member_warnings,
        count: member_count,
        ..
    } = members;
    problems.extend(member_ids.repeats());

    let unit = read_report(dir, &mut files, &mut problems);
    Reading {
        records: Records {
            institutions,
            members: summaries,
            member_count,
            member_warnings,
            file_warnings: std::mem::take(&mut files.warnings),
            unit,
        },
        files: files.paths,
        sources: files.sources,
        problems,
    }
}

/// Each institution read: its id, where it was read, and its index among the readable
/// institutions (`None` when the record had errors).
type InstitutionIds = FxHashMap<String, (Arc<str>, usize, Option<usize>)>;

/// What reading members builds up. A large CSV file is read by two threads, each with a
/// state of its own, and the halves are joined in file order.
struct MemberState<'i> {
    institutions: &'i [Institution],
    institution_ids: &'i InstitutionIds,
    warn_as_of: Option<NaiveDate>,
    institutions_whole: bool,
    summaries: MemberSummaries,
    ids: MemberIds,
    warnings: Vec<(usize, Problem)>,
    count: usize,
}

impl<'i> MemberState<'i> {
    fn new(
        institutions: &'i [Institution],
        institution_ids: &'i InstitutionIds,
        warn_as_of: Option<NaiveDate>,
    ) -> Self {
        MemberState {
            institutions,
            institution_ids,
            warn_as_of,
            institutions_whole: true,
            summaries: MemberSummaries::new(institutions.len()),
            ids: MemberIds::default(),
            warnings: Vec::new(),
            count: 0,
        }
    }

    /// Adds what another state read after this one's records.
    fn absorb(&mut self, other: MemberState<'_>) {
        for (total, part) in self
            .summaries
            .per_institution
            .iter_mut()
            .zip(&other.summaries.per_institution)
        {
            total.formal += part.formal;
            total.members += part.members;
            for (t, p) in total.by_role.iter_mut().zip(part.by_role) {
                *t += p;
            }
            for (t, p) in total.by_relation.iter_mut().zip(part.by_relation) {
                *t += p;
            }
            total.undated |= part.undated;
        }
        self.summaries.joined.extend(other.summaries.joined);
        self.ids.absorb(other.ids);
        self.warnings.extend(other.warnings);
        self.count += other.count;
    }
}

impl Handler for MemberState<'_> {
    fn record(&mut self, raw: &RawRecord<'_>, problems: &mut Vec<Problem>) {
        if let Some(id) = raw.id() {
            self.ids.insert(&id, raw);
        }
        let Some(member) = fields::member(raw, problems) else {
            return;
        };
        match self.institution_ids.get(member.institution.as_ref()) {
            None if self.institutions_whole => problems.push(unknown_institution(
                &member,
                self.institution_ids.is_empty(),
            )),
            None => {}
            // Its institution could not be read; that problem is reported already.
            Some((_, _, None)) => {}
            Some(&(_, _, Some(index))) => {
                self.count += 1;
                self.summaries.add(index, &member);
                if let Some(as_of) = self.warn_as_of {
                    let institution = &self.institutions[index];
                    for warning in crate::warnings::member_warnings(&member, institution, as_of) {
                        self.warnings.push((index, warning));
                    }
                }
            }
        }
    }

    /// Reads a large CSV file in two halves at once. The split falls on a line break, which
    /// is a record boundary only where no cell is quoted, so files with quotes are read
    /// whole.
    fn whole_csv(&mut self, file: &Arc<str>, text: &str, problems: &mut Vec<Problem>) -> bool {
        const WORTH_SPLITTING: usize = 4 << 20;
        if text.len() < WORTH_SPLITTING || text.contains('"') {
            return false;
        }
        let Some((columns, body)) = csv_source::header(RecordKind::Member, file, text, problems)
        else {
            return true;
        };
        let middle = body.start + (text.len() - body.start) / 2;
        let Some(split) = text[middle..].find('\n').map(|i| middle + i + 1) else {
            return false;
        };
        let second = csv_source::Body {
            start: split,
            line: body.line
                + text[body.start..split]
                    .bytes()
                    .filter(|&b| b == b'\n')
                    .count(),
        };

        let mut other = MemberState::new(self.institutions, self.institution_ids, self.warn_as_of);
        other.institutions_whole = self.institutions_whole;
        let mut other_problems = Vec::new();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                let sink = &mut |raw: &RawRecord<'_>, problems: &mut Vec<Problem>| {
                    other.record(raw, problems)
                };
                csv_source::read_rows(
                    RecordKind::Member,
                    file,
                    text,
                    &columns,
                    second,
                    &mut other_problems,
                    sink,
                );
            });
            let sink =
                &mut |raw: &RawRecord<'_>, problems: &mut Vec<Problem>| self.record(raw, problems);
            csv_source::read_rows_until(
                RecordKind::Member,
                file,
                text,
                &columns,
                body,
                split,
                problems,
                sink,
            );
        });
        problems.extend(other_problems);
        self.absorb(other);
        true
    }
}

/// Takes the records of one kind as they are read.
trait Handler {
    fn record(&mut self, raw: &RawRecord<'_>, problems: &mut Vec<Problem>);

    /// A chance to read a whole CSV file another way; `false` leaves it to the usual reader.
    fn whole_csv(&mut self, _file: &Arc<str>, _text: &str, _problems: &mut Vec<Problem>) -> bool {
        false
    }
}

impl<F: FnMut(&RawRecord<'_>, &mut Vec<Problem>)> Handler for F {
    fn record(&mut self, raw: &RawRecord<'_>, problems: &mut Vec<Problem>) {
        self(raw, problems)
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
        &mut |raw: &RawRecord<'_>, problems: &mut Vec<Problem>| {
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

    /// Adds ids another reader saw, later in the same files.
    fn absorb(&mut self, other: MemberIds) {
        let files: Vec<u32> = other
            .files
            .iter()
            .map(|file| {
                match self.files.iter().position(|f| Arc::ptr_eq(f, file)) {
                    Some(index) => index,
                    None => {
                        self.files.push(Arc::clone(file));
                        self.files.len() - 1
                    }
                }
                .try_into()
                .expect("fewer than 2^32 files")
            })
            .collect();
        self.seen.extend(
            other
                .seen
                .into_iter()
                .map(|(hash, file, line)| (hash, files[file as usize], line)),
        );
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

fn unknown_institution(member: &Member<'_>, no_institutions: bool) -> Problem {
    let help = if no_institutions {
        "no institution records were read at all: check that institutions.toml or institutions.csv holds them"
    } else {
        "correct the institution id, or add the institution to the institutions file"
    };
    Problem::new(
        &member.origin.file,
        Some(member.origin.line),
        format!(
            "member \"{}\" works in institution \"{}\" (机构编号), which is not among the institutions",
            member.id, member.institution
        ),
    )
    .with_help(help)
}

/// The files read so far, and warnings about whole files.
#[derive(Default)]
struct Files {
    paths: Vec<PathBuf>,
    sources: Sources,
    warnings: Vec<Problem>,
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
    handler: &mut dyn Handler,
) -> bool {
    let mut found = false;
    let mut whole = true;
    for extension in ["toml", "csv"] {
        let path = dir.join(format!("{}.{extension}", kind.file_stem()));
        if !path.exists() {
            continue;
        }
        found = true;
        let Some((name, text)) = files.read(&path, problems) else {
            whole = false;
            continue;
        };
        if extension == "csv" && handler.whole_csv(&name, &text, problems) {
            continue;
        }
        let mut records = 0;
        let sink = &mut |raw: &RawRecord<'_>, problems: &mut Vec<Problem>| {
            records += 1;
            handler.record(raw, problems)
        };
        let read_whole = match extension {
            "toml" => toml_source::read(kind, &name, &text, problems, sink),
            _ => csv_source::read(kind, &name, &text, problems, sink),
        };
        // A file with no records is valid, but an emptied file is easy to miss.
        if read_whole && records == 0 {
            files.warnings.push(
                Problem::warning(
                    &name,
                    None,
                    format!("this file holds no {} records", kind.table_name()),
                )
                .with_help("if that is not meant, restore its records (git shows what it held)"),
            );
        }
        whole &= read_whole;
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
    found && whole
}

fn read_report(dir: &Path, files: &mut Files, problems: &mut Vec<Problem>) -> ReportUnit {
    let path = dir.join("report.toml");
    if !path.exists() {
        return ReportUnit::default();
    }
    let Some((name, text)) = files.read(&path, problems) else {
        return ReportUnit::default();
    };
    report_file::read(&name, &text).unwrap_or_else(|found| {
        problems.extend(found);
        ReportUnit::default()
    })
}
