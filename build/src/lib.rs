//! The build step of Stackforge: call [`emit`] from an app's `build.rs`.
//!
//! It reads the app's `src/` with the same parser and rules as the macros, lowers every
//! `stack!` to the construct model, synthesizes the templates and writes the cloud assembly
//! to `target/<profile>/stackforge/<package>/`, with the app's `bootstrap` zip for Lambda
//! when packaging is on (see [`Packaging`]).
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
mod package;
mod scan;

pub use package::{Packaging, CARGO_LAMBDA_ENV, CARGO_LAMBDA_VERSION, NESTED_ENV, PACKAGE_ENV};
use scan::{Location, Source};
use stackforge::assembly::{self, StackArtifact};
use stackforge::model::Code;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Runs the build step for the package being built, as a build script.
///
/// A declaration the macros will reject leaves no assembly behind and lets the compiler
/// report it on its tokens; whole-stack problems fail the build here, naming file and line.
///
/// Packaging is on unless [`PACKAGE_ENV`] is `0`; in the nested build that packaging runs,
/// this does nothing.
pub fn emit() {
    println!("cargo::rerun-if-changed=src");
    println!("cargo::rerun-if-changed=Cargo.toml");
    if std::env::var_os(NESTED_ENV).is_some() {
        return;
    }
    let Some((env, profile_dir)) = BuildEnv::from_env() else {
        println!("cargo::error=stackforge_build::emit() runs from a build script: CARGO_MANIFEST_DIR, OUT_DIR and CARGO_PKG_NAME must be set");
        return;
    };
    println!("cargo::rerun-if-env-changed=SOURCE_DATE_EPOCH");
    println!("cargo::rerun-if-env-changed={PACKAGE_ENV}");
    println!("cargo::rerun-if-env-changed={CARGO_LAMBDA_ENV}");
    let packaging = match Packaging::from_env(&profile_dir) {
        Ok(packaging) => packaging,
        Err(warning) => {
            println!("cargo::warning={warning}");
            None
        }
    };
    for line in run_with(&env, packaging.as_ref()) {
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
    /// The build script's environment, and the profile folder of the build.
    fn from_env() -> Option<(Self, PathBuf)> {
        let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
        let out_dir = PathBuf::from(std::env::var_os("OUT_DIR")?);
        let package = std::env::var("CARGO_PKG_NAME").ok()?;
        // OUT_DIR is <target>/<profile>/build/<package>-<hash>/out.
        let profile_dir = out_dir.ancestors().nth(3)?.to_path_buf();
        let assembly_dir = profile_dir.join("stackforge").join(&package);
        let env = BuildEnv {
            manifest_dir,
            package,
            assembly_dir,
        };
        Some((env, profile_dir))
    }
}

/// Runs the build step, without packaging, and returns the `cargo::` lines to print.
pub fn run(env: &BuildEnv) -> Vec<String> {
    run_with(env, None)
}

/// Runs the build step, packaging the app's `bootstrap` when `packaging` is given, and
/// returns the `cargo::` lines to print.
///
/// Packaging never fails the build: when a tool is missing or the nested build fails, a
/// warning says why, the template names the asset by the hash of the crate's sources as
/// without packaging, and the build script runs again on the next build.
pub fn run_with(env: &BuildEnv, packaging: Option<&Packaging>) -> Vec<String> {
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
    match build(env, &source, packaging) {
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

fn synthesize(lowered: &lower::Lowered) -> Result<Vec<stackforge::synth::Template>, Vec<String>> {
    let mut templates = Vec::new();
    let mut errors = Vec::new();
    for (stack, location) in &lowered.stacks {
        match stackforge::synth::synthesize(stack) {
            Ok(template) => templates.push(template),
            Err(error) => errors.push(format!("{location}: {error}")),
        }
    }
    if errors.is_empty() {
        Ok(templates)
    } else {
        Err(errors)
    }
}

fn build(
    env: &BuildEnv,
    source: &Source,
    packaging: Option<&Packaging>,
) -> Result<Vec<String>, Vec<String>> {
    let mut lowered = lower::lower(env, source)?;
    if let Some(first) = lowered.deferred.first() {
        let _ = assembly::remove(&env.assembly_dir);
        return Ok(vec![format!("cargo::warning=no template written: the declaration has errors, reported by the compiler (first: {first})")]);
    }
    // Whole-stack problems fail the build before packaging spends minutes on it.
    let mut templates = synthesize(&lowered)?;
    let mut lines = Vec::new();
    let mut zips: Vec<(stackforge::model::Architecture, Vec<u8>)> = Vec::new();
    if let Some(packaging) = packaging {
        let stacks: Vec<&stackforge::model::Stack> =
            lowered.stacks.iter().map(|(s, _)| s).collect();
        let functions = package::rust_functions(&stacks);
        let packaged = package::package(env, packaging, &functions);
        for warning in &packaged.warnings {
            lines.push(format!("cargo::warning={}", one_line(warning)));
        }
        for path in &packaged.watched {
            lines.push(format!("cargo::rerun-if-changed={}", path.display()));
        }
        for (stack, _) in &mut lowered.stacks {
            for function in &mut stack.functions {
                if let Code::Rust { asset, .. } = &mut function.code {
                    if let Some(zip) = packaged.zips.get(&function.architecture) {
                        asset.hash = package::zip_hash(zip);
                    } else {
                        // Not built: the build script runs again until it is there.
                        let missing = env.assembly_dir.join(format!("asset.{}.zip", asset.hash));
                        let line = format!("cargo::rerun-if-changed={}", missing.display());
                        if !lines.contains(&line) {
                            lines.push(line);
                        }
                    }
                }
            }
        }
        zips = packaged.zips.into_iter().collect();
        if !zips.is_empty() {
            templates = synthesize(&lowered)?;
        }
    }
    let artifacts: Vec<StackArtifact<'_>> = lowered
        .stacks
        .iter()
        .zip(&templates)
        .map(|((stack, _), template)| StackArtifact { stack, template })
        .collect();
    let zip_bytes: Vec<&[u8]> = zips.iter().map(|(_, zip)| zip.as_slice()).collect();
    if let Err(error) = assembly::write_with_zips(&env.assembly_dir, &artifacts, &zip_bytes) {
        return Err(vec![format!(
            "cannot write the cloud assembly to {}: {error}",
            env.assembly_dir.display()
        )]);
    }
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
    for (architecture, zip) in &zips {
        let path = env
            .assembly_dir
            .join(format!("asset.{}.zip", package::zip_hash(zip)));
        lines.push(format!(
            "cargo::warning=bootstrap ({}): {} ({} KiB)",
            architecture.as_str(),
            display(&path),
            zip.len().div_ceil(1024)
        ));
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
