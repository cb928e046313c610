//! `fovea`: the clinic IT person's front door. It only translates command lines into catalog operations of
//! fovea-core, signed in as a named user; every rule and permission is checked there, exactly as for the app.

mod bridge;

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use fovea_core::catalog::Empty;
use fovea_core::clinic::{ClinicSettings, PaperSize};
use fovea_core::dates::DateFormat;
use fovea_core::demo;
use fovea_core::workstation::ops::{Info, NewAdmin, Setup, SetupRequest};
use fovea_core::{Error, ErrorCode, Fovea};
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
    /// Act as this staff user. The password comes from $FOVEA_PASSWORD, else it is asked for.
    #[arg(long, global = true, env = "FOVEA_USER", value_name = "USERNAME")]
    user: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Set up a new database: the clinic, this workstation's code and the first administrator.
    ///
    /// The administrator's password comes from $FOVEA_PASSWORD, else it is asked for (twice).
    Init(InitArgs),
    /// Run one operation of the catalog with a JSON request, as --user; prints the JSON response.
    ///
    /// The response goes to standard output; an error goes to standard error as {"code", "message", "field"} and
    /// the exit status is 1. Public operations (app.info, auth.sign_in) need no --user.
    Call(CallArgs),
    /// Demo data for trying Fovea out and for benchmarks.
    Demo {
        #[command(subcommand)]
        command: DemoCommand,
    },
    /// The audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Save a printed document as PDF (in the documents folder beside the database, or where --out says), as --user.
    Print {
        #[command(subcommand)]
        command: PrintCommand,
    },
    /// Print where the database is.
    Where,
    /// Tools for developing Fovea itself.
    Dev {
        #[command(subcommand)]
        command: DevCommand,
    },
}

#[derive(Subcommand)]
enum DevCommand {
    /// Serve the real core over HTTP on this computer only, for the UI's tests and its browser dev mode.
    ///
    /// Prints {"url", "token", "db"} as one JSON line; every request needs `Authorization: Bearer <token>`.
    /// POST /call {op, request, session, db?} answers {"ok": ...} or {"error": {code, message, field}};
    /// POST /scratch answers {"db": id}, a private copy of the database for one test file.
    Serve {
        /// Address to listen on: 127.0.0.1 or ::1 (nothing else is accepted).
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// Port; 0 picks a free one.
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Stop when standard input closes (for a test runner that starts the bridge).
        #[arg(long)]
        until_stdin_closes: bool,
        /// Look for the CUPS commands (lp, lpstat) in this folder instead of on the PATH (stand-ins for tests).
        #[arg(long, value_name = "DIR")]
        cups_dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum PrintCommand {
    /// The spectacle prescription of a visit's final refraction.
    SpectacleRx {
        /// The visit (its id, as `fovea call exams.chart` or `queue.board` show).
        #[arg(long)]
        visit: String,
        /// Lens notes printed under the table.
        #[arg(long)]
        notes: Option<String>,
        /// Also copy the PDF to this path.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The medication prescription of a visit (a draft until the examination is signed).
    MedicationRx {
        /// The visit (its id, as `fovea call exams.chart` or `queue.board` show).
        #[arg(long)]
        visit: String,
        /// Also copy the PDF to this path.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// An issued invoice: lines with tax, totals, payments and the balance.
    Invoice {
        /// The invoice's number as printed (C1-2026-000123) or its id.
        #[arg(long)]
        invoice: String,
        /// Also copy the PDF to this path.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The receipt for what was paid on an invoice.
    Receipt {
        /// The invoice's number as printed (C1-2026-000123) or its id.
        #[arg(long)]
        invoice: String,
        /// Also copy the PDF to this path.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// A day's reminder call list (tomorrow by default).
    Reminders {
        /// The clinic day, ISO or in the clinic's format.
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Args)]
struct InitArgs {
    /// The clinic's name, as printed on documents.
    #[arg(long)]
    clinic_name: String,
    /// This workstation's short code, which prefixes the MRNs it issues (for example R1 for reception).
    #[arg(long)]
    workstation: String,
    /// The first administrator's username.
    #[arg(long, default_value = "admin")]
    admin_username: String,
    /// The first administrator's full name.
    #[arg(long)]
    admin_name: String,
    /// How dates are typed and shown.
    #[arg(long, value_enum, default_value_t = DateFormatArg::Dmy)]
    date_format: DateFormatArg,
    /// ISO 4217 currency code.
    #[arg(long, default_value = "EUR")]
    currency: String,
    /// IANA time zone of the clinic.
    #[arg(long, default_value = "UTC")]
    time_zone: String,
    /// Paper size for printed documents: A4, A5 or Letter.
    #[arg(long, default_value = "A4")]
    paper_size: String,
    /// A demo clinic: one that takes demo data (`fovea demo seed`), for trying Fovea and for tests. Fixed now: a
    /// clinic set up without it never takes demo data.
    #[arg(long)]
    demo: bool,
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
    #[arg(required_unless_present_any = ["list", "describe"])]
    operation: Option<String>,
    /// The request as JSON; `-` reads it from standard input. Defaults to `{}`.
    #[arg(long, value_name = "JSON")]
    json: Option<String>,
    /// List every operation with its permission and the shape of its request.
    #[arg(long)]
    list: bool,
    /// Show the full shape of one operation's request: its type and every nested type it uses, with their fields.
    #[arg(long, value_name = "OPERATION")]
    describe: Option<String>,
}

#[derive(Subcommand)]
enum DemoCommand {
    /// Add believable demo patients and fill the appointment book around today, as --user (a receptionist, doctor or administrator).
    ///
    /// On a new database this first sets up a demo clinic (workstation R1) whose administrator is --user
    /// (default `admin`), with one staff account per role sharing that password.
    Seed {
        /// How many patients to add.
        #[arg(long, default_value_t = 200)]
        patients: usize,
        /// Random seed; the same seed gives the same patients.
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Days of past attendances to add to the book before today (0 for none).
        #[arg(long, default_value_t = 28)]
        days_back: u32,
        /// Days of bookings to add after today.
        #[arg(long, default_value_t = 21)]
        days_ahead: u32,
        /// Past visits with signed examinations to add over the last three years (default: one per patient).
        #[arg(long)]
        past_visits: Option<u32>,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check every workstation's audit chain and report the first broken link (exit status 1 if any).
    Verify {
        /// Also rebuild every replicated row from the operation log and list rows edited, added or deleted
        /// behind Fovea's back (exit status 1 if any).
        #[arg(long)]
        deep: bool,
    },
}

/// Prints one line of the command's output. A reader that stops early (`fovea call … | head`) ends the command
/// quietly with the status a shell reports for a process ended by SIGPIPE (128 + 13), as `cat` or `ls` end.
macro_rules! out {
    ($($arg:tt)*) => { print_line(format_args!($($arg)*)) };
}

fn print_line(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = writeln!(stdout, "{line}").and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(141);
        }
        eprintln!("Could not write the output: {e}");
        std::process::exit(1);
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!(
                "{}",
                serde_json::to_string(&e).unwrap_or_else(|_| e.message.clone())
            );
            ExitCode::FAILURE
        }
    }
}

/// A password from $FOVEA_PASSWORD (for scripts), else typed without echo.
fn password(prompt: &str, confirm: bool) -> Result<String, Error> {
    if let Ok(p) = std::env::var("FOVEA_PASSWORD") {
        return Ok(p);
    }
    let read = |p: &str| {
        rpassword::prompt_password(p).map_err(|e| {
            Error::bad_request(format!(
                "No password: set FOVEA_PASSWORD or run in a terminal ({e})."
            ))
        })
    };
    let first = read(prompt)?;
    if confirm && read("Again: ")? != first {
        return Err(Error::bad_request("The two passwords differ."));
    }
    Ok(first)
}

/// Signs in as `user` and returns the session token.
fn sign_in(fovea: &Fovea, user: &str) -> Result<String, Error> {
    let pw = password(&format!("Password for {user}: "), false)?;
    let res = fovea.call(
        None,
        "auth.sign_in",
        json!({"username": user, "password": pw}),
    )?;
    Ok(res["token"].as_str().unwrap_or_default().to_string())
}

fn session(fovea: &Fovea, user: &Option<String>) -> Result<Option<String>, Error> {
    user.as_deref().map(|u| sign_in(fovea, u)).transpose()
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let path = match cli.db {
        Some(p) => p,
        None => fovea_core::default_db_path()?,
    };
    match cli.command {
        // The absolute path, so that a script can find the file from any directory.
        Command::Where => out!("{}", std::path::absolute(&path).unwrap_or(path).display()),
        Command::Dev {
            command:
                DevCommand::Serve {
                    host,
                    port,
                    until_stdin_closes,
                    cups_dir,
                },
        } => bridge::serve(bridge::Options {
            db: path,
            host,
            port,
            until_stdin_closes,
            cups_dir,
        })?,
        Command::Call(args) if args.list => {
            for op in fovea_core::catalog::operations() {
                let perm = serde_json::to_value(op.permission)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from));
                out!(
                    "{}  [{}]\n    {}\n    request: {}\n    response: {}\n",
                    op.name,
                    perm.unwrap_or_default(),
                    op.summary,
                    op.request,
                    op.response
                );
            }
        }
        Command::Call(CallArgs {
            describe: Some(name),
            ..
        }) => {
            let op = fovea_core::catalog::operations()
                .into_iter()
                .find(|o| o.name == name)
                .ok_or_else(|| {
                    Error::bad_request(format!(
                        "There is no operation `{name}`; see fovea call --list."
                    ))
                })?;
            out!("{}  ({})\n\nrequest: {}\n", op.name, op.summary, op.request);
            for decl in &op.request_types {
                out!("{decl}");
            }
            out!("\nresponse: {}", op.response);
        }
        Command::Call(args) => {
            let request = read_request(args.json.as_deref())?;
            let fovea = Fovea::open_existing(&path)?;
            let token = session(&fovea, &cli.user)?;
            let res = fovea
                .call(
                    token.as_deref(),
                    &args.operation.unwrap_or_default(),
                    request,
                )
                .map_err(|e| match e.code {
                    ErrorCode::Unauthenticated if cli.user.is_none() => Error {
                        message: format!(
                            "{} Give the user with --user NAME or FOVEA_USER=NAME; the password is asked for, or read from FOVEA_PASSWORD.",
                            e.message
                        ),
                        ..e
                    },
                    _ => e,
                })?;
            out!("{}", serde_json::to_string_pretty(&res).unwrap_or_default());
        }
        Command::Init(args) => {
            let fovea = Fovea::open(&path)?;
            let date_format = match args.date_format {
                DateFormatArg::Dmy => DateFormat::DMY,
                DateFormatArg::Mdy => DateFormat::MDY,
                DateFormatArg::Ymd => DateFormat::YMD,
            };
            let paper_size: PaperSize =
                serde_json::from_value(json!(args.paper_size)).map_err(|_| {
                    Error::validation("paper_size", "The paper size is A4, A5 or Letter.")
                })?;
            let pw = password(&format!("New password for {}: ", args.admin_username), true)?;
            let clinic = ClinicSettings {
                currency: args.currency,
                time_zone: args.time_zone,
                date_format,
                paper_size,
                ..ClinicSettings::named(&args.clinic_name)
            };
            let admin = NewAdmin::new(&args.admin_username, &args.admin_name, &pw);
            let request = SetupRequest {
                demo: args.demo,
                ..SetupRequest::new(clinic, &args.workstation, admin)
            };
            let info = fovea.run::<Setup>(None, request)?;
            eprintln!(
                "Set up {} as workstation {} in {}.",
                info.clinic_name.as_deref().unwrap_or(""),
                info.workstation_code.as_deref().unwrap_or(""),
                path.display()
            );
        }
        Command::Demo {
            command:
                DemoCommand::Seed {
                    patients,
                    seed,
                    days_back,
                    days_ahead,
                    past_visits,
                },
        } => {
            let fovea = Fovea::open(&path)?;
            let user = cli.user.clone().unwrap_or_else(|| "admin".into());
            let info = fovea.run::<Info>(None, Empty {})?;
            let pw = if info.setup_done {
                password(&format!("Password for {user}: "), false)?
            } else {
                let pw = password(&format!("New password for {user}: "), true)?;
                demo::seed::set_up(&fovea, &user, &pw)?;
                eprintln!(
                    "Set up a demo clinic (workstation R1) in {}: administrator {user}, and staff doctor, optom, \
                     reception, pharmacy and cashier with the same password.",
                    path.display()
                );
                pw
            };
            let token = demo::seed::sign_in(&fovea, &user, &pw)?;
            let bar = indicatif::ProgressBar::new(patients as u64).with_style(
                indicatif::ProgressStyle::with_template(
                    "{msg} [{bar:40}] {pos}/{len} ({eta} left)",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_message("Adding demo patients");
            let plan = demo::seed::DemoPlan {
                patients,
                seed,
                days_back,
                days_ahead,
                past_visits,
            };
            let report = demo::seed::seed(&fovea, &token, &plan, &mut |done, _| {
                bar.set_position(done as u64)
            })?;
            bar.finish_with_message("Added demo patients");
            if report.skipped_without_clinicians {
                eprintln!(
                    "No active doctor in this clinic: skipped the past visits and the appointment book. Add one \
                     (fovea call users.create) and run demo seed again."
                );
            }
            if report.past_visits > 0 {
                eprintln!(
                    "Added {} past visits with signed examinations.",
                    report.past_visits
                );
            }
            if report.appointments > 0 {
                eprintln!(
                    "Added {} demo appointments from {days_back} days ago to {days_ahead} days ahead.",
                    report.appointments
                );
            }
        }
        Command::Print { command } => {
            let fovea = Fovea::open_existing(&path)?;
            let token = session(&fovea, &cli.user)?;
            let (op, request, out) = match command {
                PrintCommand::SpectacleRx { visit, notes, out } => (
                    "print.spectacle_rx",
                    json!({"visit_id": visit, "notes": notes}),
                    out,
                ),
                PrintCommand::MedicationRx { visit, out } => {
                    ("prescriptions.print", json!({"visit_id": visit}), out)
                }
                PrintCommand::Invoice { invoice, out } => {
                    ("billing.print_invoice", json!({ "invoice": invoice }), out)
                }
                PrintCommand::Receipt { invoice, out } => {
                    ("billing.print_receipt", json!({ "invoice": invoice }), out)
                }
                PrintCommand::Reminders { date, out } => {
                    ("print.reminders", json!({"date": date}), out)
                }
            };
            let doc = fovea.call(token.as_deref(), op, request)?;
            let saved = doc["path"].as_str().unwrap_or_default().to_string();
            match out {
                Some(out) => {
                    std::fs::copy(&saved, &out).map_err(|e| {
                        fovea_core::Error::storage(format!("Cannot write {}: {e}", out.display()))
                    })?;
                    out!("{}", out.display());
                }
                None => out!("{saved}"),
            }
        }
        Command::Audit {
            command: AuditCommand::Verify { deep },
        } => {
            let fovea = Fovea::open_existing(&path)?;
            let token = session(&fovea, &cli.user)?;
            let report = fovea.call(token.as_deref(), "audit.verify", json!({ "deep": deep }))?;
            out!(
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
            if !report["first_break"].is_null()
                || report["deep"]["problems_found"].as_u64().unwrap_or(0) > 0
            {
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
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
