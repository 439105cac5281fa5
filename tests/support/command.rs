//! The built `leadplan` command, run with arguments and standard input, for the command's
//! integration tests (`tests/cli.rs`, `tests/calibrate_cli.rs`).

use std::io::Write;
use std::process::{Command, Stdio};

/// What a run of the command gave.
pub struct Outcome {
    /// The exit code (`None` when a signal ended it).
    pub code: Option<i32>,
    /// Standard output, as text.
    pub stdout: String,
    /// Standard error, as text.
    pub stderr: String,
}

/// Runs `leadplan` with `args`, writing `stdin` to its standard input.
pub fn leadplan(args: &[&str], stdin: &[u8]) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_leadplan"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start leadplan: {e}"));
    if let Some(mut input) = child.stdin.take() {
        // The command may exit before reading everything; a broken pipe is fine here.
        let _ = input.write_all(stdin);
    }
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("leadplan did not finish: {e}"));
    Outcome {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
