//! Shared by the emulator tests: one moto server per test binary, and a small stack builder.

#[allow(dead_code)] // not every test binary builds the small stack
pub mod small_stack;

use std::sync::OnceLock;

use stackproof::emulator::{Emulator, EmulatorOptions};

/// The test binary's emulator, started on first use. Each test works in its own resources
/// (names carry a per-test suffix), so tests share it and run in parallel.
pub fn shared_emulator() -> &'static Emulator {
    static EMULATOR: OnceLock<Emulator> = OnceLock::new();
    EMULATOR.get_or_init(|| {
        Emulator::start(&EmulatorOptions::default()).expect("start the shared emulator")
    })
}
