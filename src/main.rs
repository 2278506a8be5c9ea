//! The `waymark` binary: a subcommand runs on the command line, none opens the window.

use std::process::ExitCode;

fn main() -> ExitCode {
    waymark::cli::main()
}
