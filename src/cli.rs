//! The `leadplan` command: argument handling and I/O around the pure model.
//!
//! ```text
//! leadplan run FILE|- [--runs N] [--seed S]   results JSON (MODEL.md §5) on standard output
//! leadplan check FILE|-                       validate only
//! leadplan example                            the default scenario
//! leadplan calibrate FILE|- [--base SCENARIO]  scenario and report from a lead export (§9)
//! leadplan --help
//! ```
//!
//! `run` prints everything the model computes, the plans a marketeer can buy of MODEL.md §8
//! included (`expected.plan.cheapest_*`, and `expected.plan.for_budget_*` when the scenario has
//! a `budget_per_year`); `check` validates every field, those of §8 too. Scenarios of format
//! versions 1 and 2 are read.
//!
//! Exit codes: 0 success; 1 invalid input (every error on standard error, one per line as
//! `path: message`, nothing on standard output); 2 wrong usage.

use std::io::{Read, Write};

use crate::model::presets::default_scenario;
use crate::model::results::run;
use crate::model::scenario::{MAX_RUNS, Scenario};

/// The usage text.
pub const USAGE: &str = "\
leadplan: lead-plan and follow-up simulator for car dealers

Usage:
  leadplan run FILE|- [--runs N] [--seed S]   print the results (JSON) of a scenario
  leadplan check FILE|-                       validate a scenario only
  leadplan example                            print the default scenario
  leadplan calibrate FILE|- [--base SCENARIO] derive a scenario from a lead export
  leadplan --help                             show this text

FILE is a scenario JSON file, or - for standard input. --runs and --seed override the
scenario's simulation settings. Invalid input: exit code 1, one error per line on standard
error as `path: message`.

calibrate reads a CRM lead export (CSV/TSV in UTF-8 or Windows-1252, or .xlsx) and prints
{ scenario, report } (JSON): the base scenario (default: the example) with sources,
today's process, arrivals and seasonality from the data, and what was found in it.
";

/// Largest scenario file read (16 MiB).
const MAX_INPUT: u64 = 16 << 20;

/// Largest lead export read (256 MiB).
const MAX_EXPORT: u64 = 256 << 20;

/// Exit code for invalid input.
pub const EXIT_INVALID: i32 = 1;
/// Exit code for wrong usage.
pub const EXIT_USAGE: i32 = 2;

/// Runs the command with `args` (without the program name); returns the exit code.
pub fn main_with(
    args: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let result = match parse_args(args) {
        Ok(command) => execute(command, stdin),
        Err(usage_error) => {
            let _ = writeln!(stderr, "leadplan: {usage_error}\n\n{USAGE}");
            return EXIT_USAGE;
        }
    };
    match result {
        Ok(Output {
            stdout: text,
            warnings,
        }) => {
            for w in warnings {
                let _ = writeln!(stderr, "warning: {w}");
            }
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => 0,
                // A closed pipe or full disk: nothing sensible is left to print.
                Err(_) => EXIT_INVALID,
            }
        }
        Err(lines) => {
            for line in lines {
                let _ = writeln!(stderr, "{line}");
            }
            EXIT_INVALID
        }
    }
}

/// A parsed command line.
#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Example,
    Check {
        file: String,
    },
    Run {
        file: String,
        runs: Option<String>,
        seed: Option<String>,
    },
    Calibrate {
        file: String,
        base: Option<String>,
    },
    /// Hidden (the build's): the static first paint of a page, see [`crate::first_paint`].
    FirstPaint(crate::first_paint::Page),
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let Some((first, rest)) = args.split_first() else {
        return Err("missing command".to_string());
    };
    match first.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "example" => match rest {
            [] => Ok(Command::Example),
            _ => Err("`example` takes no arguments".to_string()),
        },
        "check" => match rest {
            [file] => Ok(Command::Check { file: file.clone() }),
            _ => Err("`check` takes one FILE (or -)".to_string()),
        },
        "run" => {
            let (mut file, mut runs, mut seed) = (None, None, None);
            let mut it = rest.iter();
            while let Some(arg) = it.next() {
                let (name, inline) = match arg.split_once('=') {
                    Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
                    _ => (arg.as_str(), None),
                };
                let slot = match name {
                    "--runs" => &mut runs,
                    "--seed" => &mut seed,
                    _ if name.starts_with("--") => return Err(format!("unknown option {name}")),
                    _ if file.is_none() => {
                        file = Some(arg.clone());
                        continue;
                    }
                    _ => return Err(format!("unexpected argument {arg}")),
                };
                let value = match inline {
                    Some(v) => v,
                    None => it
                        .next()
                        .cloned()
                        .ok_or_else(|| format!("{name} needs a value"))?,
                };
                *slot = Some(value);
            }
            let file = file.ok_or("`run` needs a FILE (or -)")?;
            Ok(Command::Run { file, runs, seed })
        }
        "calibrate" => {
            let (mut file, mut base) = (None, None);
            let mut it = rest.iter();
            while let Some(arg) = it.next() {
                if let Some(v) = arg.strip_prefix("--base=") {
                    base = Some(v.to_string());
                } else if arg == "--base" {
                    base = Some(it.next().cloned().ok_or("--base needs a SCENARIO file")?);
                } else if arg.starts_with("--") {
                    return Err(format!("unknown option {arg}"));
                } else if file.is_none() {
                    file = Some(arg.clone());
                } else {
                    return Err(format!("unexpected argument {arg}"));
                }
            }
            let file = file.ok_or("`calibrate` needs a FILE (or -)")?;
            Ok(Command::Calibrate { file, base })
        }
        "first-paint" => match rest {
            [page] if page == "planner" => {
                Ok(Command::FirstPaint(crate::first_paint::Page::Planner))
            }
            [page] if page == "widget" => Ok(Command::FirstPaint(crate::first_paint::Page::Widget)),
            _ => Err("`first-paint` takes planner or widget".to_string()),
        },
        other => Err(format!("unknown command {other}")),
    }
}

struct Output {
    stdout: String,
    warnings: Vec<String>,
}

fn execute(command: Command, stdin: &mut dyn Read) -> Result<Output, Vec<String>> {
    let output = |stdout: String| Output {
        stdout,
        warnings: Vec::new(),
    };
    match command {
        Command::Help => Ok(output(USAGE.to_string())),
        Command::Example => Ok(output(default_scenario().to_json_pretty() + "\n")),
        Command::Check { file } => {
            let scenario = read_scenario(&file, stdin)?;
            let (_, warnings) = crate::model::expected::expected(&scenario)
                .map_err(|e| e.iter().map(ToString::to_string).collect::<Vec<_>>())?;
            Ok(Output {
                stdout: format!(
                    "{file}: valid scenario \"{}\" with {} sources\n",
                    scenario.name,
                    scenario.sources.len()
                ),
                warnings: warnings.iter().map(ToString::to_string).collect(),
            })
        }
        Command::Calibrate { file, base } => calibrate(&file, base.as_deref(), stdin),
        Command::FirstPaint(page) => crate::first_paint::html(page)
            .map(|html| output(html + "\n"))
            .map_err(|e| vec![e]),
        Command::Run { file, runs, seed } => {
            let mut errors = Vec::new();
            let runs = runs.and_then(|r| match r.trim().parse::<u32>() {
                Ok(n) if (1..=MAX_RUNS).contains(&n) => Some(n),
                _ => {
                    errors.push(format!(
                        "--runs: must be a whole number between 1 and {MAX_RUNS}, found {r:?}"
                    ));
                    None
                }
            });
            let seed = seed.and_then(|s| match s.trim().parse::<u64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.push(format!(
                        "--seed: must be a whole number between 0 and {}, found {s:?}",
                        u64::MAX
                    ));
                    None
                }
            });
            let scenario = read_scenario(&file, stdin);
            let mut scenario = match scenario {
                Ok(s) if errors.is_empty() => s,
                Ok(_) => return Err(errors),
                Err(more) => {
                    errors.extend(more);
                    return Err(errors);
                }
            };
            if let Some(n) = runs {
                scenario.simulation.runs = n;
            }
            if let Some(s) = seed {
                scenario.simulation.seed = s;
            }
            let results = run(&scenario)
                .map_err(|e| e.iter().map(ToString::to_string).collect::<Vec<_>>())?;
            Ok(Output {
                stdout: results.to_json_pretty() + "\n",
                // The warnings are in the JSON; repeat them where a person will see them.
                warnings: results.warnings.clone(),
            })
        }
    }
}

/// `leadplan calibrate`: the export at `file`, the scenario at `base` (default: the example).
fn calibrate(file: &str, base: Option<&str>, stdin: &mut dyn Read) -> Result<Output, Vec<String>> {
    use crate::calibrate::{Options, calibrate};
    let base = match base {
        Some(b) => read_scenario(b, stdin)?,
        None => default_scenario(),
    };
    let bytes = read_bytes(file, stdin, MAX_EXPORT)?;
    let name = if file == "-" { "standard input" } else { file };
    let calibration =
        calibrate(&bytes, &Options::default()).map_err(|e| vec![format!("{name}: {e}")])?;
    let base = serde_json::to_value(&base).map_err(|e| vec![e.to_string()])?;
    Ok(Output {
        stdout: calibration.output_json(&base) + "\n",
        warnings: Vec::new(),
    })
}

/// The bytes at `file` (`-`: standard input), at most `limit`.
fn read_bytes(file: &str, stdin: &mut dyn Read, limit: u64) -> Result<Vec<u8>, Vec<String>> {
    let mut bytes = Vec::new();
    let read = if file == "-" {
        stdin.take(limit + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
    };
    let name = if file == "-" { "standard input" } else { file };
    if let Err(e) = read {
        return Err(vec![format!("{name}: cannot read: {e}")]);
    }
    if bytes.len() as u64 > limit {
        return Err(vec![format!("{name}: larger than {} MiB", limit >> 20)]);
    }
    Ok(bytes)
}

/// Reads and parses the scenario at `file` (`-`: standard input).
fn read_scenario(file: &str, stdin: &mut dyn Read) -> Result<Scenario, Vec<String>> {
    let bytes = read_bytes(file, stdin, MAX_INPUT).map_err(|e| {
        e.into_iter()
            .map(|l| l + "; not a scenario")
            .collect::<Vec<_>>()
    })?;
    let name = if file == "-" { "standard input" } else { file };
    let text = String::from_utf8(bytes).map_err(|_| vec![format!("{name}: not UTF-8 text")])?;
    // A byte-order mark from some Windows editors is not an error.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Scenario::from_json(text).map_err(|e| e.iter().map(ToString::to_string).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(args: &[&str], input: &str) -> (i32, String, String) {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = main_with(&args, &mut input.as_bytes(), &mut out, &mut err);
        (
            code,
            String::from_utf8_lossy(&out).into_owned(),
            String::from_utf8_lossy(&err).into_owned(),
        )
    }

    #[test]
    fn parses_run_options_anywhere() {
        let args: Vec<String> = ["run", "--runs=5", "-", "--seed", "7"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            parse_args(&args),
            Ok(Command::Run {
                file: "-".into(),
                runs: Some("5".into()),
                seed: Some("7".into())
            })
        );
    }

    #[test]
    fn example_round_trips_through_run() {
        let (code, example, _) = call(&["example"], "");
        assert_eq!(code, 0);
        let (code, out, err) = call(&["run", "-", "--runs", "50"], &example);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("\"runs\": 50"));
    }

    #[test]
    fn invalid_input_exits_1_with_paths_and_no_stdout() {
        let (code, out, err) = call(&["run", "-"], "{\"version\": 1, \"sources\": []}");
        assert_eq!(code, 1);
        assert!(out.is_empty());
        assert!(err.lines().any(|l| l.starts_with("sources: ")), "{err}");
        assert!(
            err.lines().any(|l| l == "revenue_per_sale: is missing"),
            "{err}"
        );
        let (code, out, err) = call(&["run", "-", "--runs", "0", "--seed", "x"], "");
        assert_eq!((code, out.as_str()), (1, ""));
        assert_eq!(err.lines().count(), 3, "{err}");
    }

    #[test]
    fn usage_errors_exit_2() {
        assert_eq!(call(&[], "").0, 2);
        assert_eq!(call(&["frobnicate"], "").0, 2);
        assert_eq!(call(&["run"], "").0, 2);
        assert_eq!(call(&["run", "-", "--bogus", "1"], "").0, 2);
        assert_eq!(call(&["--help"], "").0, 0);
    }
}
