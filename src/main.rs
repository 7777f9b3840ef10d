fn main() -> std::process::ExitCode {
    stackproof::cli::main()
}
