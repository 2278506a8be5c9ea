//! The command line (contract §4): thin over [`crate::workspace`].

use std::process::ExitCode;

pub fn main() -> ExitCode {
    todo!("cli: lead")
}
