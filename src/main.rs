//! The `report` command line: parses the arguments into a validated request, runs it, and
//! maps the outcome to an exit code (0 done, 1 errors in the input or output, 2 a wrong
//! command line).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use report::count::Scope;
use report::layout::TableKind;
use report::period::{Month, parse_day};
use report::render::terminal::Borders;
use report::render::{Format, Style};
use report::{Failure, TableRequest};

/// Party-building statistics of the forensic-appraisal trade (司法鉴定行业党建工作情况),
/// computed from a folder of institution and member records.
#[derive(Parser)]
#[command(name = "report", version, propagate_version = true)]
#[command(
    after_help = "Examples:\n  report survey --data data-examples/jiujiang\n  report monthly --data data-examples/jiujiang --month 2021-04 -o 月报表.csv\n\nExit codes: 0 done; 1 the input has errors (nothing was written); 2 the command line is wrong."
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
        /// The folder that holds the records.
        #[arg(long, value_name = "DIR", default_value = ".")]
        data: PathBuf,

        /// Check only the institutions of this city (设区市), and their members.
        #[arg(long, value_name = "NAME")]
        city: Option<String>,

        /// The reporting date the warnings are judged on [default: today].
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day, conflicts_with = "month")]
        as_of: Option<NaiveDate>,

        /// Judge the warnings as of the last day of this month.
        #[arg(long, value_name = "YYYY-MM", value_parser = Month::parse)]
        month: Option<Month>,
    },
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

    match run(cli.command, color) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{}", failure.render(color));
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
        Command::Check {
            data,
            city,
            as_of,
            month,
        } => {
            let scope = Scope {
                city,
                as_of: month.map_or(as_of.unwrap_or(today), |m| m.last_day()),
                month,
            };
            eprint!("{}", report::run_check(&data, &scope)?.render(color));
            Ok(())
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
    if !common.quiet {
        eprint!("{}", warnings.render(color));
    }
    Ok(())
}
