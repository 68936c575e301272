//! `report` computes the two statistical forms on party-building work in the
//! forensic-appraisal trade (司法鉴定行业党建工作): the survey table (统计表, items 1–32) and
//! the monthly table (月报表, items 1–36), from a folder of plain TOML and CSV records.
//!
//! The flow follows the module list: [`read`] the folder, [`classify`] the institutions and
//! resolve their organisations, [`count`] every cell of a [`layout`], and [`render`] it.

pub mod classify;
pub mod count;
pub mod layout;
pub mod model;
pub mod output;
pub mod period;
pub mod problem;
pub mod read;
pub mod render;
pub mod trace;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use count::{Dataset, Scope};
use layout::TableKind;
use problem::InputErrors;
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

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Input(errors) => write!(f, "{errors}"),
            Failure::Usage(message) | Failure::Output(message) => write!(f, "error: {message}"),
        }
    }
}

/// A data folder read and checked: the records with their organisations resolved, and the
/// files they came from.
pub struct Loaded {
    pub data: Dataset,
    pub files: Vec<PathBuf>,
}

/// Reads and checks a data folder. Every problem in it is reported together.
pub fn load(dir: &Path) -> Result<Loaded, InputErrors> {
    let reading = read::read_folder(dir);
    let mut problems = reading.problems;

    let organisations =
        classify::organisations(&reading.records.institutions).unwrap_or_else(|found| {
            problems.extend(found);
            Vec::new()
        });
    if !problems.is_empty() {
        return Err(InputErrors(problems));
    }

    Ok(Loaded {
        data: Dataset {
            records: reading.records,
            organisations,
        },
        files: reading.files,
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
}

/// Reads the folder a request names and checks its `--city`.
pub fn load_scoped(request: &TableRequest) -> Result<Loaded, Failure> {
    let loaded = load(&request.data_dir).map_err(Failure::Input)?;

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

/// Produces a form and delivers it to the output file or standard output.
pub fn run_table(request: &TableRequest, stdout_is_terminal: bool) -> Result<(), Failure> {
    let format = output_format(request, stdout_is_terminal)?;
    let loaded = load_scoped(request)?;
    let table = count::compute(request.kind, &loaded.data, &request.scope);

    let bytes = if format == Format::Xlsx {
        let traces = trace::trace(request.kind, &loaded.data, &request.scope);
        let form = render::xlsx::FormContext {
            unit: &loaded.data.records.unit,
            fill_date: request.fill_date,
            traces: &traces,
        };
        render::render(&table, format, request.style, Some(&form))
    } else {
        render::render(&table, format, request.style, None)
    }
    .map_err(Failure::Output)?;

    match &request.output {
        Some(path) => output::write_file(path, &bytes, &loaded.files).map_err(Failure::Output),
        None => output::write_stdout(&bytes).map_err(Failure::Output),
    }
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
