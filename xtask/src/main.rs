//! `cargo xtask`: the project's automation entry point (see the README).

fn main() {
    eprintln!("usage: cargo xtask <schema|codegen> ...");
    std::process::exit(2);
}
