//! The `lineage` binary: parse the command line and run it.

fn main() {
    std::process::exit(lineage::cli::main());
}
