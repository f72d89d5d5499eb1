//! Helpers shared by the integration tests: running the build step on an app crate.

#![allow(dead_code, reason = "each test file uses a part")]

use stackforge_build::BuildEnv;
use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The example apps, by folder name.
pub const EXAMPLES: &[&str] = &["hello-api", "s3-thumbnail", "seed-chapter"];

/// Runs the build step on the crate at `crate_dir`, writing its assembly under a fresh
/// folder of the test target directory named `label`. Returns the `cargo::` lines and the
/// assembly folder.
pub fn build_step(crate_dir: &Path, label: &str) -> (Vec<String>, PathBuf) {
    let assembly_dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("assemblies")
        .join(label);
    let _ = std::fs::remove_dir_all(&assembly_dir);
    let env = BuildEnv {
        manifest_dir: crate_dir.to_path_buf(),
        package: label.to_owned(),
        assembly_dir: assembly_dir.clone(),
    };
    (stackforge_build::run(&env), assembly_dir)
}

/// The templates of an assembly, as (file name, text), sorted by name.
pub fn templates(assembly_dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(assembly_dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".template.json") {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            out.push((name, text));
        }
    }
    out.sort();
    out
}
