//! `fovea`: the clinic IT person's front door. It only translates command lines into catalog operations of
//! fovea-core; every rule is checked there, exactly as for the desktop app.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use fovea_core::{Error, Fovea};
use serde_json::{Value, json};

#[derive(Parser)]
#[command(
    name = "fovea",
    version,
    about = "Fovea clinic system: set-up, scripting and administration."
)]
struct Cli {
    /// Database file. Defaults to $FOVEA_DB, else the desktop app's database in the OS app-data folder.
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Set up a new database: the clinic's name and this workstation's code.
    Init(InitArgs),
    /// Run one operation of the catalog with a JSON request; prints the JSON response.
    ///
    /// The response goes to standard output; an error goes to standard error as {"code", "message", "field"} and
    /// the exit status is 1.
    Call(CallArgs),
    /// Demo data for trying Fovea out and for benchmarks.
    Demo {
        #[command(subcommand)]
        command: DemoCommand,
    },
    /// Print where the database is.
    Where,
}

#[derive(Args)]
struct InitArgs {
    /// The clinic's name, as printed on documents.
    #[arg(long)]
    clinic_name: String,
    /// This workstation's short code, which prefixes the MRNs it issues (for example R1 for reception).
    #[arg(long)]
    workstation: String,
    /// How dates are typed and shown.
    #[arg(long, value_enum, default_value_t = DateFormatArg::Dmy)]
    date_format: DateFormatArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum DateFormatArg {
    /// DD/MM/YYYY
    Dmy,
    /// MM/DD/YYYY
    Mdy,
    /// YYYY-MM-DD
    Ymd,
}

#[derive(Args)]
struct CallArgs {
    /// Operation name, such as patients.search (see --list).
    #[arg(required_unless_present = "list")]
    operation: Option<String>,
    /// The request as JSON; `-` reads it from standard input. Defaults to `{}`.
    #[arg(long, value_name = "JSON")]
    json: Option<String>,
    /// List every operation with the shape of its request.
    #[arg(long)]
    list: bool,
}

#[derive(Subcommand)]
enum DemoCommand {
    /// Add believable demo patients (sets up a demo clinic, workstation R1, if the database is new).
    Seed {
        /// How many patients to add.
        #[arg(long, default_value_t = 200)]
        patients: usize,
        /// Random seed; the same seed gives the same patients.
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "{}",
                serde_json::to_string(&e).unwrap_or_else(|_| e.message.clone())
            );
            ExitCode::FAILURE
        }
    }
}

fn db_path(cli_db: Option<PathBuf>) -> Result<PathBuf, Error> {
    match cli_db {
        Some(p) => Ok(p),
        None => fovea_core::default_db_path(),
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    let path = db_path(cli.db)?;
    match cli.command {
        Command::Where => {
            println!("{}", path.display());
            Ok(())
        }
        Command::Call(args) if args.list => {
            for op in fovea_core::catalog::operations() {
                println!(
                    "{}  [{}]\n    {}\n    request: {}\n    response: {}\n",
                    op.name,
                    permission_name(&op),
                    op.summary,
                    op.request,
                    op.response
                );
            }
            Ok(())
        }
        Command::Call(args) => {
            let request = read_request(args.json.as_deref())?;
            let fovea = Fovea::open(&path)?;
            let op = args.operation.unwrap_or_default();
            let res = fovea.call(&op, request)?;
            println!("{}", serde_json::to_string_pretty(&res).unwrap_or_default());
            Ok(())
        }
        Command::Init(args) => {
            let fovea = Fovea::open(&path)?;
            let format = match args.date_format {
                DateFormatArg::Dmy => "DMY",
                DateFormatArg::Mdy => "MDY",
                DateFormatArg::Ymd => "YMD",
            };
            let info = fovea.call(
                "app.setup",
                json!({"clinic_name": args.clinic_name, "workstation_code": args.workstation, "date_format": format, "demo_patients": 0}),
            )?;
            eprintln!(
                "Set up {} as workstation {} in {}.",
                info["clinic_name"].as_str().unwrap_or(""),
                info["workstation_code"].as_str().unwrap_or(""),
                path.display()
            );
            Ok(())
        }
        Command::Demo {
            command: DemoCommand::Seed { patients, seed },
        } => {
            let fovea = Fovea::open(&path)?;
            let info = fovea.call("app.info", Value::Null)?;
            if info["setup_done"] != json!(true) {
                fovea.call(
                    "app.setup",
                    json!({"clinic_name": "Fovea Demo Eye Clinic", "workstation_code": "R1", "date_format": "DMY", "demo_patients": 0}),
                )?;
                eprintln!(
                    "Set up a demo clinic (workstation R1) in {}.",
                    path.display()
                );
            }
            let bar = indicatif::ProgressBar::new(patients as u64).with_style(
                indicatif::ProgressStyle::with_template(
                    "{msg} [{bar:40}] {pos}/{len} ({eta} left)",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_message("Adding demo patients");
            fovea_core::demo::seed_patients(&fovea, patients, seed, &mut |done, _| {
                bar.set_position(done as u64)
            })?;
            bar.finish_with_message("Added demo patients");
            Ok(())
        }
    }
}

fn permission_name(op: &fovea_core::catalog::OperationInfo) -> String {
    serde_json::to_value(op.permission)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

fn read_request(arg: Option<&str>) -> Result<Value, Error> {
    let text = match arg {
        None => return Ok(json!({})),
        Some("-") => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s).map_err(|e| {
                Error::bad_request(format!("Cannot read the request from standard input: {e}"))
            })?;
            s
        }
        Some(s) => s.to_string(),
    };
    serde_json::from_str(&text)
        .map_err(|e| Error::bad_request(format!("The request is not valid JSON: {e}.")))
}
