//! Rebuild when the built-in theme changes: it is embedded with include_dir,
//! which does not tell cargo about the files it reads.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
