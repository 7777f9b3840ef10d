//! `stackproof emulator`: the embedded emulator in the foreground, until Ctrl-C.

use std::io::Write;

use anyhow::{Context, Result};

use super::exit;
use crate::emulator::{
    EMULATOR_ACCESS_KEY, EMULATOR_SECRET_KEY, Emulator, EmulatorOptions, MOTO_VERSION,
    locate_moto_server,
};
use crate::target::DEFAULT_EMULATOR_REGION;

#[derive(clap::Args, Debug)]
pub struct EmulatorArgs {
    /// Port to listen on (127.0.0.1); a free one is picked when omitted
    #[arg(long)]
    port: Option<u16>,
    /// Only make sure moto is available (installing it if missing), print where, and exit
    #[arg(long)]
    install: bool,
}

pub async fn run(args: EmulatorArgs) -> Result<u8> {
    let options = EmulatorOptions {
        port: args.port,
        ..EmulatorOptions::default()
    };
    if args.install {
        let program = tokio::task::spawn_blocking(move || locate_moto_server(&options)).await??;
        println!("moto_server: {}", program.display());
        return Ok(exit::OK);
    }
    let emulator = tokio::task::spawn_blocking(move || Emulator::start(&options))
        .await
        .context("emulator start-up task panicked")?
        .context("could not start the embedded emulator")?;
    print_banner(&emulator)?;
    tokio::signal::ctrl_c()
        .await
        .context("waiting for Ctrl-C")?;
    eprintln!("stopping the emulator (pid {})", emulator.pid());
    tokio::task::spawn_blocking(move || emulator.stop()).await?;
    Ok(exit::OK)
}

fn print_banner(emulator: &Emulator) -> Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "moto {MOTO_VERSION} emulator listening on {}",
        emulator.endpoint()
    )?;
    writeln!(out, "Point AWS tools at it with:")?;
    writeln!(out, "  export AWS_ENDPOINT_URL={}", emulator.endpoint())?;
    writeln!(out, "  export AWS_ACCESS_KEY_ID={EMULATOR_ACCESS_KEY}")?;
    writeln!(out, "  export AWS_SECRET_ACCESS_KEY={EMULATOR_SECRET_KEY}")?;
    writeln!(out, "  export AWS_DEFAULT_REGION={DEFAULT_EMULATOR_REGION}")?;
    writeln!(out, "Press Ctrl-C to stop.")?;
    out.flush()?;
    Ok(())
}
