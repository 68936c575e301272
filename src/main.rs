//! The `report` command line: parses the arguments into a validated request, runs it, and
//! maps the outcome to an exit code (0 done, 1 errors in the input or output, 2 a wrong
//! command line).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use report::count::Scope;
use report::layout::TableKind;
use report::period::{Month, parse_day};
use report::render::terminal::Borders;
use report::render::{Format, Style};
use report::{ExplainRequest, Failure, MergeRequest, TableRequest};

/// Party-building statistics of the forensic-appraisal trade (司法鉴定行业党建工作情况),
/// computed from a folder of institution and member records.
#[derive(Parser)]
#[command(name = "report", version, propagate_version = true)]
#[command(
    after_help = "Examples:\n  report survey --data data-examples/jiujiang --city 九江市\n  report monthly --data data-examples/jiujiang --month 2021-04 -o 月报表.xlsx\n  report check --data data-examples/jiujiang --month 2021-04\n\nExit codes: 0 done; 1 the input has errors (nothing was written) or a file could not be written; 2 the command line is wrong."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The survey table (司法鉴定行业党建工作情况统计表, items 1–32), as of a day.
    #[command(
        after_help = "Example:\n  report survey --data data-examples/jiujiang --as-of 2021-02-28 --city 九江市"
    )]
    Survey {
        #[command(flatten)]
        common: TableArgs,

        /// The day the figures stand at, printed in the period line [default: today].
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        as_of: Option<NaiveDate>,
    },

    /// The monthly table (司法鉴定行业党建工作情况月报表, items 1–36) for one month.
    #[command(
        after_help = "Example:\n  report monthly --data data-examples/jiujiang --month 2021-04"
    )]
    Monthly {
        #[command(flatten)]
        common: TableArgs,

        /// The report month; the figures stand at its last day.
        #[arg(long, value_name = "YYYY-MM", value_parser = Month::parse)]
        month: Option<Month>,
    },

    /// Read every record and list every error and warning, without producing a table.
    #[command(
        after_help = "Warnings point at institutions that need party-building work (应建尽建, a missing lead or liaison, …); they never stop a table.\n\nExample:\n  report check --data data-examples/jiujiang --month 2021-04 --city 九江市"
    )]
    Check {
        #[command(flatten)]
        selection: Selection,
    },

    /// List the records behind one cell of a form, so that every number can be traced.
    #[command(
        after_help = "Institution items list the institutions counted, member items the members, items 17–23 of the survey each organisation with its host and the institutions it covers, and items 31–32 of the monthly table the members admitted in the month. The last line gives the count, which is the cell.\n\nExamples:\n  report explain survey 17 --row 医院 --data data-examples/jiujiang --city 九江市\n  report explain monthly 31 --month 2021-04 --data data-examples/jiujiang --format csv"
    )]
    Explain {
        /// Which form: survey or monthly.
        #[arg(value_enum)]
        table: TableArg,

        /// The item number (1–32 for the survey, 1–36 for the monthly table).
        item: usize,

        /// The row: a founding type in English or Chinese, or its row label (e.g. hospital,
        /// 医院, 医院设立) [default: 总数, all rows].
        #[arg(long, value_name = "TYPE")]
        row: Option<String>,

        #[command(flatten)]
        selection: Selection,

        /// Output format.
        #[arg(long, value_enum, value_name = "F", default_value = "table")]
        format: ExplainFormat,
    },

    /// Add up forms written earlier by this tool, e.g. the cities' tables into the province's.
    #[command(
        after_help = "All inputs must be the same form in the same layout, CSV or JSON as written by `report`. JSON files record their period and city: those must agree, and no city may come twice. A blank plus a blank stays blank; in the monthly total row, items 19–30 add up to the number of cities in each state.\n\nExample:\n  report merge 九江市.json 上饶市.json --city 江西省 -o 全省月报表.xlsx"
    )]
    Merge {
        /// The tables to add up (.csv or .json).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,

        /// The city line of the sum [default: report.toml's city in the current folder].
        #[arg(long, value_name = "NAME")]
        city: Option<String>,

        /// The period, needed when an input is CSV (which does not record it).
        #[command(flatten)]
        period: Period,

        /// Output format [default: table on a terminal, csv otherwise, or from -o's extension].
        #[arg(long, value_enum, value_name = "F")]
        format: Option<FormatArg>,

        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,

        /// The fill date printed on the XLSX form (填表时间) [default: today].
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        date: Option<NaiveDate>,
    },

    /// Write a commented starter folder: report.toml, and institutions and members in both
    /// TOML and CSV, using every field.
    #[command(
        after_help = "Nothing is overwritten: if any of the five files exists, nothing is written.\n\nExample:\n  report init 南昌市 && report survey --data 南昌市"
    )]
    Init {
        /// The folder to write into (created if needed).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },

    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish).
    #[command(after_help = "Example:\n  report completions bash > /etc/bash_completion.d/report")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print the manual pages (roff): the main page and one for each command, e.g.
    /// `report man > report.1`.
    Man,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableArg {
    /// The survey table (统计表).
    Survey,
    /// The monthly table (月报表).
    Monthly,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExplainFormat {
    Table,
    Csv,
    Json,
}

/// Which records, and as of when: shared by `check` and `explain`.
#[derive(Args)]
struct Selection {
    /// The folder that holds institutions.toml/.csv, members.toml/.csv and report.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    data: PathBuf,

    /// Only the institutions registered in this city (设区市), and their members.
    #[arg(long, value_name = "NAME")]
    city: Option<String>,

    #[command(flatten)]
    period: Period,
}

impl Selection {
    fn scope(&self, today: NaiveDate) -> Scope {
        let (as_of, month) = self.period.given().unwrap_or((today, None));
        Scope {
            city: self.city.as_ref().map(|c| c.trim().to_string()),
            as_of,
            month,
        }
    }
}

/// A reporting day or a report month: shared by `check`, `explain` and `merge`.
#[derive(Args)]
struct Period {
    /// The reporting day (check and explain take today without it; merge needs a day or a
    /// month when an input is CSV).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day, conflicts_with = "month")]
    as_of: Option<NaiveDate>,

    /// The report month: the reporting day is its last day, and the monthly admission
    /// items 31–32 count this month.
    #[arg(long, value_name = "YYYY-MM", value_parser = Month::parse)]
    month: Option<Month>,
}

impl Period {
    /// The day and month given, if either was.
    fn given(&self) -> Option<(NaiveDate, Option<Month>)> {
        match (self.month, self.as_of) {
            (Some(month), _) => Some((month.last_day(), Some(month))),
            (None, Some(day)) => Some((day, None)),
            (None, None) => None,
        }
    }
}

#[derive(Args)]
struct TableArgs {
    /// The folder that holds institutions.toml/.csv, members.toml/.csv and report.toml.
    #[arg(long, value_name = "DIR", default_value = ".")]
    data: PathBuf,

    /// Count only the institutions registered in this city (设区市), and their members.
    #[arg(long, value_name = "NAME")]
    city: Option<String>,

    /// Output format [default: table on a terminal, csv otherwise, or from -o's extension].
    #[arg(long, value_enum, value_name = "F")]
    format: Option<FormatArg>,

    /// Write to this file instead of standard output (.csv, .json, .md or .xlsx).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Start CSV output with a byte-order mark, so that Excel reads the Chinese text.
    #[arg(long)]
    bom: bool,

    /// Draw the terminal table with plain ASCII borders.
    #[arg(long)]
    ascii: bool,

    /// Print no warnings after the table.
    #[arg(short, long)]
    quiet: bool,

    /// The fill date printed on the XLSX form (填表时间) [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    date: Option<NaiveDate>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Turned on its side for a terminal: one line per item.
    Table,
    /// The form's layout, one line per row, for spreadsheets and diffs.
    Csv,
    /// For scripts.
    Json,
    /// A Markdown table, for written reports.
    Md,
    /// The printed form as a workbook, with an audit sheet and a chart (needs -o or a pipe).
    Xlsx,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Format {
        match arg {
            FormatArg::Table => Format::Table,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
            FormatArg::Md => Format::Markdown,
            FormatArg::Xlsx => Format::Xlsx,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    // `check` lists every error; the table commands show the first hundred.
    let all = matches!(cli.command, Command::Check { .. });

    match run(cli.command, color) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let text = match &failure {
                Failure::Input(errors) => errors.render(color, all),
                other => other.render(color),
            };
            eprintln!("{text}");
            ExitCode::from(failure.exit_code() as u8)
        }
    }
}

fn run(command: Command, color: bool) -> Result<(), Failure> {
    let today = chrono::Local::now().date_naive();
    match command {
        Command::Survey { common, as_of } => {
            let as_of = as_of.unwrap_or(today);
            table(TableKind::Survey, common, as_of, None, today, color)
        }
        Command::Monthly { common, month } => {
            let month = month.ok_or_else(|| {
                Failure::Usage(
                    "the monthly table needs its month, e.g. `report monthly --month 2021-04`"
                        .to_string(),
                )
            })?;
            table(
                TableKind::Monthly,
                common,
                month.last_day(),
                Some(month),
                today,
                color,
            )
        }
        Command::Check { selection } => {
            let scope = selection.scope(today);
            eprint!(
                "{}",
                report::run_check(&selection.data, &scope)?.render(color)
            );
            Ok(())
        }
        Command::Explain {
            table,
            item,
            row,
            selection,
            format,
        } => {
            let kind = match table {
                TableArg::Survey => TableKind::Survey,
                TableArg::Monthly => TableKind::Monthly,
            };
            let request = ExplainRequest {
                kind,
                item,
                row,
                scope: selection.scope(today),
                data_dir: selection.data,
            };
            let explanation = report::run_explain(&request)?;
            let bytes = match format {
                ExplainFormat::Table => explanation.to_text().into_bytes(),
                ExplainFormat::Csv => explanation.to_csv(),
                ExplainFormat::Json => explanation.to_json(),
            };
            report::output::write_stdout(&bytes).map_err(Failure::Output)
        }
        Command::Merge {
            files,
            city,
            period,
            format,
            output,
            date,
        } => {
            let request = MergeRequest {
                files,
                city,
                period: period.given(),
                format: format.map(Format::from),
                output,
                style: Style {
                    bom: false,
                    borders: Borders::Unicode,
                },
                fill_date: date.unwrap_or(today),
            };
            report::run_merge(&request, std::io::stdout().is_terminal())
        }
        Command::Init { dir } => {
            let written = report::init::init(&dir).map_err(Failure::Output)?;
            for file in written {
                eprintln!("wrote {file}");
            }
            Ok(())
        }
        Command::Completions { shell } => {
            let mut command = Cli::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command, "report", &mut out);
            report::output::write_stdout(&out).map_err(Failure::Output)
        }
        Command::Man => {
            // The main page, then a page for each command, so that the pages the main one
            // points to (report-survey(1), …) are there too.
            let command = Cli::command();
            let mut out = Vec::new();
            let render = |page: clap::Command, out: &mut Vec<u8>| {
                clap_mangen::Man::new(page)
                    .render(out)
                    .map_err(|e| Failure::Output(e.to_string()))
            };
            render(command.clone(), &mut out)?;
            for sub in command.get_subcommands() {
                let name = format!("report-{}", sub.get_name());
                let page = sub.clone().name(name).version(env!("CARGO_PKG_VERSION"));
                render(page, &mut out)?;
            }
            report::output::write_stdout(&out).map_err(Failure::Output)
        }
    }
}

/// Produces one form from the arguments of `survey` or `monthly`, then shows the warnings.
fn table(
    kind: TableKind,
    common: TableArgs,
    as_of: NaiveDate,
    month: Option<Month>,
    today: NaiveDate,
    color: bool,
) -> Result<(), Failure> {
    let request = TableRequest {
        kind,
        data_dir: common.data,
        scope: Scope {
            city: common.city.map(|c| c.trim().to_string()),
            as_of,
            month,
        },
        format: common.format.map(Format::from),
        fill_date: common.date.unwrap_or(today),
        warnings: !common.quiet,
        output: common.output,
        style: Style {
            bom: common.bom,
            borders: if common.ascii {
                Borders::Ascii
            } else {
                Borders::Unicode
            },
        },
    };

    let warnings = report::run_table(&request, std::io::stdout().is_terminal())?;
    // A quiet request found no warnings to show.
    eprint!("{}", warnings.render(color));
    Ok(())
}
