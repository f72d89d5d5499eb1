//! The build step of Stackforge: call [`emit`] from an app's `build.rs`.
//!
//! It reads the app's `src/` with the same parser and rules as the macros, lowers every
//! `stack!` to the construct model, synthesizes the templates and writes the cloud assembly
//! to `target/<profile>/stackforge/<package>/`.
//!
//! ```text
//! // build.rs
//! fn main() {
//!     stackforge_build::emit();
//! }
//! ```

#![allow(
    unreachable_pub,
    dead_code,
    reason = "the shared grammar is used by two crates, each through its own subset"
)]

#[path = "../../syntax/mod.rs"]
mod syntax;

mod events;
#[cfg(test)]
mod fuzz;
mod lower;
mod scan;

use scan::{Location, Source};
use stackforge::assembly::{self, StackArtifact};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Runs the build step for the package being built, as a build script.
///
/// A declaration the macros will reject leaves no assembly behind and lets the compiler
/// report it on its tokens; whole-stack problems fail the build here, naming file and line.
pub fn emit() {
    let Some(env) = BuildEnv::from_env() else {
        println!("cargo::error=stackforge_build::emit() runs from a build script: CARGO_MANIFEST_DIR, OUT_DIR and CARGO_PKG_NAME must be set");
        return;
    };
    println!("cargo::rerun-if-changed=src");
    println!("cargo::rerun-if-changed=Cargo.toml");
    println!("cargo::rerun-if-env-changed=SOURCE_DATE_EPOCH");
    for line in run(&env) {
        println!("{line}");
    }
}

/// What the build step reads from Cargo.
pub struct BuildEnv {
    /// The app crate's folder.
    pub manifest_dir: PathBuf,
    /// The package name, which names the assembly folder.
    pub package: String,
    /// Where the assembly goes.
    pub assembly_dir: PathBuf,
}

impl BuildEnv {
    fn from_env() -> Option<Self> {
        let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
        let out_dir = PathBuf::from(std::env::var_os("OUT_DIR")?);
        let package = std::env::var("CARGO_PKG_NAME").ok()?;
        // OUT_DIR is <target>/<profile>/build/<package>-<hash>/out.
        let profile_dir = out_dir.ancestors().nth(3)?.to_path_buf();
        let assembly_dir = profile_dir.join("stackforge").join(&package);
        Some(BuildEnv {
            manifest_dir,
            package,
            assembly_dir,
        })
    }
}

/// Runs the build step and returns the `cargo::` lines to print.
pub fn run(env: &BuildEnv) -> Vec<String> {
    let mut lines = Vec::new();
    let source = match scan::scan(&env.manifest_dir) {
        Ok(source) => source,
        Err(scan::ScanError::Io(path, error)) => {
            lines.push(format!(
                "cargo::error=cannot read {}: {error}",
                path.display()
            ));
            let _ = assembly::remove(&env.assembly_dir);
            return lines;
        }
        Err(scan::ScanError::Rust(location)) => {
            // The compiler reports the syntax error itself.
            let _ = assembly::remove(&env.assembly_dir);
            lines.push(format!(
                "cargo::warning=no template written: {location} does not parse as Rust"
            ));
            return lines;
        }
    };
    for warning in &source.warnings {
        lines.push(format!("cargo::warning={warning}"));
    }
    if let Some(first) = source.errors.first() {
        let _ = assembly::remove(&env.assembly_dir);
        lines.push(format!("cargo::warning=no template written: the declaration has errors, reported by the compiler (first: {first})"));
        return lines;
    }
    match build(env, &source) {
        Ok(summary) => lines.extend(summary),
        Err(errors) => {
            let _ = assembly::remove(&env.assembly_dir);
            for error in errors {
                lines.push(format!("cargo::error={}", one_line(&error)));
            }
        }
    }
    lines
}

fn one_line(text: &str) -> String {
    text.replace('\n', " ")
}

fn build(env: &BuildEnv, source: &Source) -> Result<Vec<String>, Vec<String>> {
    let lowered = lower::lower(env, source)?;
    if let Some(first) = lowered.deferred.first() {
        let _ = assembly::remove(&env.assembly_dir);
        return Ok(vec![format!("cargo::warning=no template written: the declaration has errors, reported by the compiler (first: {first})")]);
    }
    let mut templates = Vec::new();
    let mut errors = Vec::new();
    for (stack, location) in &lowered.stacks {
        match stackforge::synth::synthesize(stack) {
            Ok(template) => templates.push(template),
            Err(error) => errors.push(format!("{location}: {error}")),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let artifacts: Vec<StackArtifact<'_>> = lowered
        .stacks
        .iter()
        .zip(&templates)
        .map(|((stack, _), template)| StackArtifact { stack, template })
        .collect();
    if let Err(error) = assembly::write(&env.assembly_dir, &artifacts) {
        return Err(vec![format!(
            "cannot write the cloud assembly to {}: {error}",
            env.assembly_dir.display()
        )]);
    }
    let mut lines = Vec::new();
    for path in &lowered.watched {
        lines.push(format!("cargo::rerun-if-changed={}", path.display()));
    }
    for template in &templates {
        let path = env
            .assembly_dir
            .join(format!("{}.template.json", template.stack));
        let mut line = String::new();
        let _ = write!(
            line,
            "cargo::warning=stack {}: {} ({} resources)",
            template.stack,
            display(&path),
            template.resource_count()
        );
        lines.push(line);
    }
    Ok(lines)
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Where a diagnostic points: `src/main.rs:12:5`.
impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}
