//! The `waymark` binary: a subcommand runs on the command line, none opens the window.

use std::process::ExitCode;

use clap::Parser as _;
use waymark::cli::{self, Args, Outcome};

fn main() -> ExitCode {
    let args = Args::parse();
    let data_dir = match waymark::storage::resolve_data_dir(args.data_dir.as_deref()) {
        Ok(dir) => dir,
        Err(e) => {
            cli::warn(format_args!("waymark: {e}"));
            return Outcome::Failed.into();
        }
    };
    let clock = match waymark::clock::from_env() {
        Ok(clock) => clock,
        Err(e) => {
            cli::warn(format_args!("waymark: {e}"));
            return Outcome::Failed.into();
        }
    };
    match args.command {
        Some(command) => cli::main(command, &data_dir, &clock),
        None => match waymark::ui::run(data_dir, clock) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                cli::warn(format_args!("waymark: the window could not open: {e}"));
                Outcome::Failed.into()
            }
        },
    }
}
