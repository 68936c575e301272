//! `report` computes the two statistical forms on party-building work in the
//! forensic-appraisal trade (司法鉴定行业党建工作): the survey table (统计表, items 1–32) and
//! the monthly table (月报表, items 1–36), from a folder of plain TOML and CSV records.
//!
//! The flow follows the module list: [`read`] the folder, [`classify`] the institutions and
//! resolve their organisations, [`count`] every cell of a [`layout`], and [`render`] it.

pub mod classify;
pub mod count;
pub mod diagnostics;
pub mod explain;
pub mod init;
pub mod layout;
pub mod merge;
pub mod model;
pub mod output;
pub mod period;
pub mod problem;
pub mod read;
pub mod render;
pub mod trace;
pub mod warnings;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use count::{Dataset, Scope};
use diagnostics::Sources;
use layout::TableKind;
use problem::{InputErrors, Problem};
use render::{Format, Style};

/// Why a command did not finish, and so which exit code it ends with.
#[derive(Debug)]
pub enum Failure {
    /// The input has errors; nothing was written. Exit code 1.
    Input(InputErrors),
    /// The command line asks for something that cannot be done. Exit code 2.
    Usage(String),
    /// The output could not be written. Exit code 1.
    Output(String),
}

impl Failure {
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Input(_) | Failure::Output(_) => 1,
            Failure::Usage(_) => 2,
        }
    }
}

impl Failure {
    /// The failure as shown on standard error, in colour for a terminal.
    pub fn render(&self, color: bool) -> String {
        match self {
            Failure::Input(errors) => errors.render(color, false),
            Failure::Usage(message) | Failure::Output(message) => format!("error: {message}"),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.render(false))
    }
}

/// A data folder read and checked: the records with their organisations resolved, and the
/// files they came from.
pub struct Loaded {
    pub data: Dataset,
    pub files: Vec<PathBuf>,
    pub sources: Sources,
}

/// Warnings found while producing a table or checking a folder, with the file texts to
/// show them in.
pub struct Warnings {
    pub problems: Vec<Problem>,
    pub sources: Sources,
}

impl Warnings {
    pub fn render(&self, color: bool) -> String {
        if self.problems.is_empty() {
            return String::new();
        }
        format!(
            "{}{}\n",
            diagnostics::render(
                &self.problems,
                &self.sources,
                color,
                Some(diagnostics::SHOWN)
            ),
            diagnostics::summary(&self.problems)
        )
    }
}

/// Reads and checks a data folder. Every problem in it is reported together.
///
/// `warn_as_of` is the reporting date the warnings about members are judged on; `None`
/// skips those warnings.
pub fn load(dir: &Path, warn_as_of: Option<NaiveDate>) -> Result<Loaded, InputErrors> {
    let reading = read::read_folder(dir, warn_as_of);
    let mut problems = reading.problems;

    let organisations =
        classify::organisations(&reading.records.institutions).unwrap_or_else(|found| {
            problems.extend(found);
            Vec::new()
        });
    if !problems.is_empty() {
        return Err(InputErrors {
            problems,
            sources: reading.sources,
        });
    }

    Ok(Loaded {
        data: Dataset {
            records: reading.records,
            organisations,
            dir: dir.to_path_buf(),
        },
        files: reading.files,
        sources: reading.sources,
    })
}

/// Everything needed to produce one form, validated from the command line.
#[derive(Debug, Clone)]
pub struct TableRequest {
    pub kind: TableKind,
    pub data_dir: PathBuf,
    pub scope: Scope,
    /// The format asked for; otherwise it follows the output file's extension, or the
    /// terminal.
    pub format: Option<Format>,
    pub output: Option<PathBuf>,
    pub style: Style,
    /// The fill date printed on the XLSX form (填表时间).
    pub fill_date: NaiveDate,
    /// Whether to look for warnings (a quiet run skips the work).
    pub warnings: bool,
}

/// Reads the folder a request names and checks its `--city`.
pub fn load_scoped(request: &TableRequest) -> Result<Loaded, Failure> {
    if !request.data_dir.is_dir() {
        return Err(Failure::Usage(format!(
            "the folder {} does not exist; --data names the folder that holds the records",
            request.data_dir.display()
        )));
    }
    let warn_as_of = request.warnings.then_some(request.scope.as_of);
    let loaded = load(&request.data_dir, warn_as_of).map_err(Failure::Input)?;

    if let Some(city) = &request.scope.city {
        let cities = loaded.data.cities();
        if !cities.contains(&city.as_str()) {
            let present = if cities.is_empty() {
                "no institution names a city".to_string()
            } else {
                format!("the cities present are: {}", cities.join(", "))
            };
            return Err(Failure::Usage(format!(
                "no institution is in the city \"{city}\" (设区市); {present}"
            )));
        }
    }
    Ok(loaded)
}

/// Produces a form and delivers it to the output file or standard output; returns the
/// warnings about the records it covers.
pub fn run_table(request: &TableRequest, stdout_is_terminal: bool) -> Result<Warnings, Failure> {
    let format = output_format(request, stdout_is_terminal)?;
    let loaded = load_scoped(request)?;
    let table = count::compute(request.kind, &loaded.data, &request.scope);
    // The forms' own arithmetic is checked on every table before it leaves the tool.
    count::check_invariants(&table, true).map_err(invariant_broken)?;

    let bytes = if format == Format::Xlsx {
        let traces = trace::trace(request.kind, &loaded.data, &request.scope);
        let form = render::xlsx::FormContext {
            unit: &loaded.data.records.unit,
            fill_date: request.fill_date,
            traces: Some(&traces),
        };
        render::render(&table, format, request.style, Some(&form))
    } else {
        render::render(&table, format, request.style, None)
    }
    .map_err(Failure::Output)?;

    match &request.output {
        Some(path) => output::write_file(path, &bytes, &loaded.files).map_err(Failure::Output)?,
        None => output::write_stdout(&bytes).map_err(Failure::Output)?,
    }

    let registry = request.kind == TableKind::Survey;
    let problems = if request.warnings {
        warnings::warnings(&loaded.data, &request.scope, registry)
    } else {
        Vec::new()
    };
    Ok(Warnings {
        problems,
        sources: loaded.sources,
    })
}

/// What `check` found in a folder.
pub struct CheckReport {
    pub institutions: usize,
    pub members: usize,
    pub warnings: Warnings,
}

impl CheckReport {
    pub fn render(&self, color: bool) -> String {
        format!(
            "{}checked {} institutions and {} members: 0 errors, {} warnings\n",
            diagnostics::render(&self.warnings.problems, &self.warnings.sources, color, None),
            self.institutions,
            self.members,
            self.warnings.problems.len()
        )
    }
}

/// Reads a folder and reports every error and warning, without producing a table.
pub fn run_check(data_dir: &Path, scope: &Scope) -> Result<CheckReport, Failure> {
    let request = TableRequest {
        kind: TableKind::Survey,
        data_dir: data_dir.to_path_buf(),
        scope: scope.clone(),
        format: None,
        output: None,
        style: Style {
            bom: false,
            borders: render::terminal::Borders::Unicode,
        },
        fill_date: scope.as_of,
        warnings: true,
    };
    let loaded = load_scoped(&request)?;
    let records = &loaded.data.records;
    let selected: Vec<usize> = (0..records.institutions.len())
        .filter(|&i| loaded.data.selected(scope, &records.institutions[i]))
        .collect();
    let institutions = selected.len();
    let members = selected
        .iter()
        .map(|&i| records.members.per_institution[i].members as usize)
        .sum();
    Ok(CheckReport {
        institutions,
        members,
        warnings: Warnings {
            problems: warnings::warnings(&loaded.data, scope, true),
            sources: loaded.sources,
        },
    })
}

/// A computed table that breaks the forms' arithmetic is a fault of this tool, never of
/// the input: say so rather than write it.
fn invariant_broken(broken: String) -> Failure {
    Failure::Output(format!(
        "internal error: the computed table breaks the form's rules ({broken}); nothing was written, please report this"
    ))
}

/// The format: as asked; else from the output file's extension; else the terminal view
/// for a terminal and CSV for a pipe or file.
fn output_format(request: &TableRequest, stdout_is_terminal: bool) -> Result<Format, Failure> {
    let format = match (request.format, &request.output) {
        (Some(format), _) => format,
        (None, Some(path)) => Format::from_extension(path).ok_or_else(|| {
            Failure::Usage(format!(
                "cannot tell the format from the file name {}; use .csv, .json, .md or .xlsx, or say --format",
                path.display()
            ))
        })?,
        (None, None) if stdout_is_terminal => Format::Table,
        (None, None) => Format::Csv,
    };
    if format == Format::Xlsx && request.output.is_none() && stdout_is_terminal {
        return Err(Failure::Usage(
            "an XLSX workbook is not for the terminal; write it to a file with -o FILE.xlsx"
                .to_string(),
        ));
    }
    Ok(format)
}

/// What `explain` is asked.
#[derive(Debug, Clone)]
pub struct ExplainRequest {
    pub kind: TableKind,
    pub item: usize,
    /// The row, in any spelling of a founding type or its row label; `None` or 总数/total
    /// for the total row.
    pub row: Option<String>,
    pub data_dir: PathBuf,
    pub scope: Scope,
}

/// Lists the records behind one cell.
pub fn run_explain(request: &ExplainRequest) -> Result<explain::Explanation, Failure> {
    use model::Spelled;

    let row = match request.row.as_deref().map(str::trim) {
        None | Some("总数" | "total" | "Total" | "TOTAL") => None,
        Some(text) => Some(model::FounderType::parse(text).ok_or_else(|| {
            Failure::Usage(format!(
                "\"{text}\" is not a row of the form; use a founding type ({}) or 总数",
                model::FounderType::described()
            ))
        })?),
    };
    let table_request = TableRequest {
        kind: request.kind,
        data_dir: request.data_dir.clone(),
        scope: request.scope.clone(),
        format: None,
        output: None,
        style: Style {
            bom: false,
            borders: render::terminal::Borders::Unicode,
        },
        fill_date: request.scope.as_of,
        warnings: false,
    };
    let loaded = load_scoped(&table_request)?;
    explain::explain(
        request.kind,
        request.item,
        row,
        &loaded.data,
        &request.scope,
    )
    .map_err(Failure::Usage)
}

/// What `merge` is asked.
#[derive(Debug, Clone)]
pub struct MergeRequest {
    pub files: Vec<PathBuf>,
    /// The merged table's city; otherwise `report.toml`'s in the current folder.
    pub city: Option<String>,
    /// The period, for inputs that do not record one (CSV).
    pub period: Option<(NaiveDate, Option<period::Month>)>,
    pub format: Option<Format>,
    pub output: Option<PathBuf>,
    pub style: Style,
    pub fill_date: NaiveDate,
}

/// Adds up tables written earlier and delivers the sum like any other table.
pub fn run_merge(request: &MergeRequest, stdout_is_terminal: bool) -> Result<(), Failure> {
    let table_request = TableRequest {
        kind: TableKind::Survey,
        data_dir: PathBuf::from("."),
        scope: Scope {
            city: None,
            as_of: request.fill_date,
            month: None,
        },
        format: request.format,
        output: request.output.clone(),
        style: request.style,
        fill_date: request.fill_date,
        warnings: false,
    };
    let format = output_format(&table_request, stdout_is_terminal)?;

    let inputs = request
        .files
        .iter()
        .map(|path| merge::read(path))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Failure::Usage)?;
    let unit = local_unit();
    let city = request.city.clone().or_else(|| unit.city.clone());
    let table = merge::merge(&inputs, city, request.period).map_err(Failure::Usage)?;
    count::check_invariants(&table, false).map_err(|broken| {
        Failure::Usage(format!(
            "the tables do not add up to a valid form ({broken}); were they edited by hand?"
        ))
    })?;

    let form = render::xlsx::FormContext {
        unit: &unit,
        fill_date: request.fill_date,
        traces: None,
    };
    let bytes =
        render::render(&table, format, request.style, Some(&form)).map_err(Failure::Output)?;
    match &request.output {
        Some(path) => output::write_file(path, &bytes, &request.files).map_err(Failure::Output),
        None => output::write_stdout(&bytes).map_err(Failure::Output),
    }
}

/// The reporting unit of `report.toml` in the current folder, if there is a readable one.
fn local_unit() -> model::ReportUnit {
    let path = Path::new("report.toml");
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| read::report_file::read("report.toml", &text).ok())
        .unwrap_or_default()
}
