//! Packaging: the app's `bootstrap` zip for Lambda, built by cargo-lambda.
//!
//! A build script runs before the crate it belongs to is compiled, so it cannot zip that
//! crate's binary. It runs a nested `cargo lambda build --release --output-format zip` of the
//! same package instead, into a target directory of its own under the app's target directory:
//! Cargo holds the lock of the outer target directory for the whole build, so a nested build
//! there would wait for ever. The nested build runs the app's build script too, which sees
//! [`NESTED_ENV`] and does nothing. The zip's timestamps are then fixed, so that the same binary
//! gives the same bytes, and the zip is named by the SHA-256 of those bytes.

use crate::one_line;
use crate::BuildEnv;
use serde_json::Value;
use stackforge::assembly::sha256_hex;
use stackforge::model::Architecture;
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The cargo-lambda release packaging is built and tested with (PyPI `cargo-lambda`, which
/// brings zig).
pub const CARGO_LAMBDA_VERSION: &str = "1.9.2";

/// Set to `0` (or `false`, `off`, `no`) to skip packaging: the build writes the templates only.
pub const PACKAGE_ENV: &str = "STACKFORGE_PACKAGE";

/// The cargo-lambda executable; `cargo-lambda` on `PATH` when unset.
pub const CARGO_LAMBDA_ENV: &str = "STACKFORGE_CARGO_LAMBDA";

/// Set in the nested build, whose build scripts then do nothing.
pub const NESTED_ENV: &str = "STACKFORGE_NESTED_BUILD";

/// Variables Cargo sets for a build script that the nested Cargo must not inherit: they
/// describe the outer build (its flags, features, cfgs, output folder), not the nested one.
const OUTER_BUILD_VARS: &[&str] = &[
    "CARGO_ENCODED_RUSTFLAGS",
    "RUSTC_WORKSPACE_WRAPPER",
    "CARGO_TARGET_DIR",
    "CARGO_PRIMARY_PACKAGE",
    "CARGO_CRATE_NAME",
    "OUT_DIR",
    "TARGET",
    "HOST",
    "PROFILE",
    "OPT_LEVEL",
    "DEBUG",
    "NUM_JOBS",
    "RUSTC_LINKER",
];
const OUTER_BUILD_PREFIXES: &[&str] = &[
    "CARGO_FEATURE_",
    "CARGO_CFG_",
    "CARGO_PKG_",
    "CARGO_MANIFEST_",
    "DEP_",
];

/// How the build step packages the app's `bootstrap`.
#[derive(Clone, Debug)]
pub struct Packaging {
    /// The cargo-lambda executable: a path, or a name looked up on `PATH`.
    pub cargo_lambda: PathBuf,
    /// The nested build's target directory, apart from the one of the build that runs it.
    pub target_dir: PathBuf,
}

impl Packaging {
    /// Packaging as the build script sets it up: `None` when [`PACKAGE_ENV`] turns it off.
    /// The nested build goes to `stackforge-lambda/` in the target directory, beside the
    /// profile folders, so that debug and release builds of the app share it.
    pub(crate) fn from_env(profile_dir: &Path) -> Result<Option<Self>, String> {
        let enabled = match std::env::var(PACKAGE_ENV) {
            Err(_) => true,
            Ok(value) => match value.trim().to_ascii_lowercase().as_str() {
                "0" | "false" | "off" | "no" => false,
                "" | "1" | "true" | "on" | "yes" => true,
                _ => {
                    return Err(format!(
                        "{PACKAGE_ENV}={value} is not understood, so the app's `bootstrap` is not packaged: set it to 0 to skip packaging, or 1 to package"
                    ))
                }
            },
        };
        if !enabled {
            return Ok(None);
        }
        let cargo_lambda = std::env::var_os(CARGO_LAMBDA_ENV)
            .filter(|v| !v.is_empty())
            .map_or_else(|| PathBuf::from("cargo-lambda"), PathBuf::from);
        let target_root = profile_dir.parent().unwrap_or(profile_dir);
        Ok(Some(Packaging {
            cargo_lambda,
            target_dir: target_root.join("stackforge-lambda"),
        }))
    }
}

/// The Rust target a Lambda architecture builds for.
fn triple(architecture: Architecture) -> &'static str {
    match architecture {
        Architecture::X86_64 => "x86_64-unknown-linux-gnu",
        Architecture::Arm64 => "aarch64-unknown-linux-gnu",
    }
}

/// What packaging produced.
#[derive(Default)]
pub(crate) struct Packaged {
    /// The zip of each architecture that was built, normalized.
    pub zips: BTreeMap<Architecture, Vec<u8>>,
    /// Why an architecture has no zip, as warnings.
    pub warnings: Vec<String>,
    /// Files the binary is built from beyond `src/` (path dependencies, `Cargo.lock`).
    pub watched: Vec<PathBuf>,
}

/// Builds one zip per architecture in `functions` (each with the functions that need it).
pub(crate) fn package(
    env: &BuildEnv,
    packaging: &Packaging,
    functions: &BTreeMap<Architecture, Vec<String>>,
) -> Packaged {
    let mut packaged = Packaged::default();
    if functions.is_empty() {
        return packaged;
    }
    packaged.watched.extend(cargo_lock(&env.manifest_dir));
    let tool = match find_tool(&packaging.cargo_lambda) {
        Ok(tool) => tool,
        Err(warning) => {
            packaged.warnings.push(warning);
            return packaged;
        }
    };
    if let Some(warning) = tool.missing_zig(&env.manifest_dir) {
        packaged.warnings.push(warning);
        return packaged;
    }
    for (&architecture, names) in functions {
        let triple = triple(architecture);
        let names = names.join(", ");
        if !target_installed(triple, &env.manifest_dir) {
            packaged.warnings.push(format!(
                "the code of {names} ({}) cannot be packaged here: the Rust target {triple} is not installed (`rustup target add {triple}` installs it); the template names an asset that is not built",
                architecture.as_str()
            ));
            continue;
        }
        match build(env, packaging, &tool, architecture) {
            Ok((zip, watched)) => {
                packaged.zips.insert(architecture, zip);
                packaged.watched.extend(watched);
            }
            Err(problem) => packaged.warnings.push(format!(
                "the code of {names} ({}) was not packaged: {problem}; the template names an asset that is not built",
                architecture.as_str()
            )),
        }
    }
    packaged.watched.sort();
    packaged.watched.dedup();
    packaged
}

/// The start of every warning about packaging as a whole.
const NOT_PACKAGED: &str =
    "the app's `bootstrap` zip was not packaged, and the template names an asset that is not built";

/// How to get the tools, or do without them.
fn install_hint() -> String {
    format!("install it with `pip install cargo-lambda=={CARGO_LAMBDA_VERSION}`, which brings zig, or set {CARGO_LAMBDA_ENV} to its path; {PACKAGE_ENV}=0 skips packaging")
}

/// cargo-lambda, found.
struct Tool {
    path: PathBuf,
    /// `PATH` for its runs, with its own folder first: pip installs zig beside it, as the
    /// `ziglang` module of the Python there.
    search_path: OsString,
}

fn find_tool(cargo_lambda: &Path) -> Result<Tool, String> {
    let found = if cargo_lambda.components().count() > 1 {
        cargo_lambda.is_file().then(|| cargo_lambda.to_path_buf())
    } else {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(cargo_lambda))
                .find(|path| path.is_file())
        })
    };
    let Some(path) = found else {
        let place = if cargo_lambda.components().count() > 1 {
            format!("at {}", display(cargo_lambda))
        } else {
            "on PATH".to_owned()
        };
        return Err(format!(
            "{NOT_PACKAGED}: cargo-lambda was not found {place}; {}",
            install_hint()
        ));
    };
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(dir) = std::fs::canonicalize(&path)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
    {
        dirs.push(dir);
    }
    if let Some(paths) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&paths));
    }
    let search_path = std::env::join_paths(dirs).unwrap_or_default();
    Ok(Tool { path, search_path })
}

impl Tool {
    fn command(&self, cwd: &Path) -> Command {
        let mut command = Command::new(&self.path);
        command
            .current_dir(cwd)
            .env("PATH", &self.search_path)
            .stdin(Stdio::null());
        for var in OUTER_BUILD_VARS {
            command.env_remove(var);
        }
        for (var, _) in std::env::vars_os() {
            let name = var.to_string_lossy();
            if OUTER_BUILD_PREFIXES.iter().any(|p| name.starts_with(p)) {
                command.env_remove(&var);
            }
        }
        command
    }

    /// A warning when cargo-lambda cannot find zig, from `cargo lambda system`.
    fn missing_zig(&self, cwd: &Path) -> Option<String> {
        let output = self
            .command(cwd)
            .args(["lambda", "system", "--output-format", "json"])
            .output();
        let output = match output {
            Ok(output) if output.status.success() => output,
            Ok(output) => {
                return Some(format!(
                    "{NOT_PACKAGED}: `{} lambda system` failed ({}); {}",
                    display(&self.path),
                    last_lines(&output.stderr),
                    install_hint()
                ))
            }
            Err(error) => {
                return Some(format!(
                    "{NOT_PACKAGED}: cannot run {} ({error}); {}",
                    display(&self.path),
                    install_hint()
                ))
            }
        };
        // An answer of another shape is left to the build, which reports a missing zig too.
        let status: Value = serde_json::from_slice(&output.stdout).ok()?;
        let zig = status.get("zig")?;
        if zig.get("command").is_some() {
            return None;
        }
        Some(format!(
            "{NOT_PACKAGED}: zig was not found, which cargo-lambda ({}) links with; install both with `pip install cargo-lambda=={CARGO_LAMBDA_VERSION}`, or zig alone with `pip install ziglang` into the Python beside cargo-lambda; {PACKAGE_ENV}=0 skips packaging",
            display(&self.path),
        ))
    }
}

/// Whether the standard library of `triple` is installed for the compiler of this build.
fn target_installed(triple: &str, cwd: &Path) -> bool {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let Ok(output) = Command::new(rustc)
        .args(["--print", "target-libdir", "--target", triple])
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
    else {
        return false;
    };
    if !output.status.success() {
        return false;
    }
    let dir = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with("libstd-") && name.ends_with(".rlib")
        })
    })
}

/// Runs the nested build for one architecture; returns the normalized zip and the files the
/// binary was built from.
fn build(
    env: &BuildEnv,
    packaging: &Packaging,
    tool: &Tool,
    architecture: Architecture,
) -> Result<(Vec<u8>, Vec<PathBuf>), String> {
    let triple = triple(architecture);
    let work = packaging.target_dir.join("lambda").join(&env.package);
    let lambda_dir = work.join(architecture.as_str());
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", display(&work)))?;
    let log = work.join(format!("{}.log", architecture.as_str()));
    let output = tool
        .command(&env.manifest_dir)
        .args(["lambda", "build", "--release", "--output-format", "zip"])
        .args(["--target", triple, "--skip-target-check"])
        .arg("--lambda-dir")
        .arg(&lambda_dir)
        .arg("--manifest-path")
        .arg(env.manifest_dir.join("Cargo.toml"))
        .args(["--offline", "--color", "never"])
        // cargo-lambda 1.9 hands `--target-dir` to `cargo metadata`, which refuses it.
        .env("CARGO_TARGET_DIR", &packaging.target_dir)
        .env(NESTED_ENV, "1")
        .output()
        .map_err(|e| format!("cannot run {} ({e})", display(&tool.path)))?;
    let mut text = output.stdout.clone();
    text.extend_from_slice(&output.stderr);
    let _ = std::fs::write(&log, &text);
    if !output.status.success() {
        let text = String::from_utf8_lossy(&text);
        if text.contains("Zig is not installed") {
            return Err(format!(
                "zig was not found, which cargo-lambda links with; install both with `pip install cargo-lambda=={CARGO_LAMBDA_VERSION}`"
            ));
        }
        // The nested build is offline: dependencies of another platform may not be here yet.
        let fetch = if text.contains("--offline") {
            format!("; `cargo fetch --target {triple}` downloads what it needs")
        } else {
            String::new()
        };
        return Err(format!(
            "`cargo lambda build` failed ({}; the whole output is in {}){fetch}",
            error_lines(&text),
            display(&log)
        ));
    }
    let zip_path = find_zip(&lambda_dir, &env.package)?;
    let mut zip =
        std::fs::read(&zip_path).map_err(|e| format!("cannot read {}: {e}", display(&zip_path)))?;
    normalize_zip(&mut zip).map_err(|e| format!("{}: {e}", display(&zip_path)))?;
    let bin = zip_path
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dep_info = packaging
        .target_dir
        .join(triple)
        .join("release")
        .join(format!("{bin}.d"));
    Ok((zip, dep_info_paths(&dep_info, &packaging.target_dir)))
}

/// The zip of the app's binary: the one named after the package, or the only one built.
fn find_zip(lambda_dir: &Path, package: &str) -> Result<PathBuf, String> {
    let named = lambda_dir.join(package).join("bootstrap.zip");
    if named.is_file() {
        return Ok(named);
    }
    let mut zips: Vec<PathBuf> = std::fs::read_dir(lambda_dir)
        .map_err(|e| format!("cannot read {}: {e}", display(lambda_dir)))?
        .flatten()
        .map(|entry| entry.path().join("bootstrap.zip"))
        .filter(|path| path.is_file())
        .collect();
    zips.sort();
    match zips.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!(
            "cargo-lambda wrote no bootstrap.zip under {}",
            display(lambda_dir)
        )),
        _ => Err(format!(
            "the package has several binaries and none is named `{package}`, the one packaged"
        )),
    }
}

/// The workspace's `Cargo.lock`, which pins what the binary is built from.
fn cargo_lock(manifest_dir: &Path) -> Option<PathBuf> {
    manifest_dir
        .ancestors()
        .map(|dir| dir.join("Cargo.lock"))
        .find(|path| path.is_file())
}

/// The source files of a Cargo dep-info file (`target: a.rs b.rs`), but those under
/// `exclude`, which the nested build itself writes.
fn dep_info_paths(file: &Path, exclude: &Path) -> Vec<PathBuf> {
    let Ok(text) = std::fs::read_to_string(file) else {
        return Vec::new();
    };
    let mut paths = Vec::new();
    for line in text.lines() {
        let Some((_, deps)) = line.split_once(": ") else {
            continue;
        };
        let mut current = String::new();
        let mut chars = deps.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let Some(next) = chars.next() {
                        current.push(next);
                    }
                }
                ' ' => {
                    if !current.is_empty() {
                        paths.push(PathBuf::from(std::mem::take(&mut current)));
                    }
                }
                _ => current.push(c),
            }
        }
        if !current.is_empty() {
            paths.push(PathBuf::from(current));
        }
    }
    paths.retain(|p| !p.starts_with(exclude) && p.exists());
    paths
}

/// The DOS date of 1980-01-01, the earliest a zip holds, with time 00:00:00.
const ZIP_DATE: [u8; 2] = [0x21, 0x00];
const ZIP_TIME: [u8; 2] = [0x00, 0x00];

/// Checks that `zip` holds one executable `bootstrap`, and sets its timestamps to a fixed date
/// so that the zip's bytes depend on the binary's only.
pub(crate) fn normalize_zip(zip: &mut [u8]) -> Result<(), String> {
    const END: u32 = 0x0605_4b50;
    const CENTRAL: u32 = 0x0201_4b50;
    const LOCAL: u32 = 0x0403_4b50;
    let u16_at = |b: &[u8], at: usize| -> Option<usize> {
        Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?).into())
    };
    let u32_at = |b: &[u8], at: usize| -> Option<u32> {
        Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
    };
    let bad = || "not a zip of one `bootstrap`".to_owned();
    let end = (0..=zip.len().saturating_sub(22))
        .rev()
        .take(65_536 + 22)
        .find(|&at| u32_at(zip, at) == Some(END))
        .ok_or_else(bad)?;
    if u16_at(zip, end + 10) != Some(1) {
        return Err(bad());
    }
    let central = u32_at(zip, end + 16).ok_or_else(bad)? as usize;
    if u32_at(zip, central) != Some(CENTRAL) {
        return Err(bad());
    }
    let name_len = u16_at(zip, central + 28).ok_or_else(bad)?;
    let name = zip
        .get(central + 46..central + 46 + name_len)
        .ok_or_else(bad)?;
    if name != b"bootstrap" {
        return Err(format!(
            "the zip holds `{}`, not `bootstrap`",
            String::from_utf8_lossy(name)
        ));
    }
    let mode = u32_at(zip, central + 38).ok_or_else(bad)? >> 16;
    if mode & 0o111 == 0 {
        return Err("its `bootstrap` is not executable".to_owned());
    }
    let local = u32_at(zip, central + 42).ok_or_else(bad)? as usize;
    if u32_at(zip, local) != Some(LOCAL) {
        return Err(bad());
    }
    zip[central + 12..central + 14].copy_from_slice(&ZIP_TIME);
    zip[central + 14..central + 16].copy_from_slice(&ZIP_DATE);
    zip[local + 10..local + 12].copy_from_slice(&ZIP_TIME);
    zip[local + 12..local + 14].copy_from_slice(&ZIP_DATE);
    Ok(())
}

/// The compiler's error lines of a failed build, at most three, else its last lines.
fn error_lines(text: &str) -> String {
    let errors: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("error") || l.starts_with("Error"))
        .take(3)
        .collect();
    if errors.is_empty() {
        last_lines(text.as_bytes())
    } else {
        one_line(&errors.join("; "))
    }
}

fn last_lines(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let start = lines.len().saturating_sub(3);
    one_line(&lines[start..].join("; "))
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// The content hash that names a packaged zip.
pub(crate) fn zip_hash(zip: &[u8]) -> String {
    sha256_hex(zip)
}

/// The architectures of the app's Rust functions, each with the functions that run on it.
pub(crate) fn rust_functions(
    stacks: &[&stackforge::model::Stack],
) -> BTreeMap<Architecture, Vec<String>> {
    let mut by_architecture: BTreeMap<Architecture, BTreeSet<String>> = BTreeMap::new();
    for stack in stacks {
        for function in &stack.functions {
            if let stackforge::model::Code::Rust { .. } = function.code {
                by_architecture
                    .entry(function.architecture)
                    .or_default()
                    .insert(format!("`{}`", function.id));
            }
        }
    }
    by_architecture
        .into_iter()
        .map(|(a, names)| (a, names.into_iter().collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip of one stored file, as a zip writer lays it out, stamped 2026-05-04 12:34:56.
    fn stored_zip(name: &str, data: &[u8], mode: u32) -> Vec<u8> {
        let (time, date) = (0x6457u16.to_le_bytes(), 0x5ca4u16.to_le_bytes());
        let size = (data.len() as u32).to_le_bytes();
        let name_len = (name.len() as u16).to_le_bytes();
        let mut zip = Vec::new();
        zip.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        zip.extend_from_slice(&[20, 0, 0, 0, 0, 0]);
        zip.extend_from_slice(&time);
        zip.extend_from_slice(&date);
        zip.extend_from_slice(&[0; 4]);
        zip.extend_from_slice(&size);
        zip.extend_from_slice(&size);
        zip.extend_from_slice(&name_len);
        zip.extend_from_slice(&[0, 0]);
        zip.extend_from_slice(name.as_bytes());
        zip.extend_from_slice(data);
        let central = zip.len() as u32;
        zip.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        zip.extend_from_slice(&[20, 3, 20, 0, 0, 0, 0, 0]);
        zip.extend_from_slice(&time);
        zip.extend_from_slice(&date);
        zip.extend_from_slice(&[0; 4]);
        zip.extend_from_slice(&size);
        zip.extend_from_slice(&size);
        zip.extend_from_slice(&name_len);
        zip.extend_from_slice(&[0; 8]);
        zip.extend_from_slice(&(mode << 16).to_le_bytes());
        zip.extend_from_slice(&0u32.to_le_bytes());
        zip.extend_from_slice(name.as_bytes());
        let central_len = zip.len() as u32 - central;
        zip.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        zip.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
        zip.extend_from_slice(&central_len.to_le_bytes());
        zip.extend_from_slice(&central.to_le_bytes());
        zip.extend_from_slice(&[0, 0]);
        zip
    }

    #[test]
    fn normalized_zips_differ_only_by_content() {
        let mut zip = stored_zip("bootstrap", b"\x7fELF", 0o100_755);
        let mut stamped_later = zip.clone();
        stamped_later[10] = 0x99;
        normalize_zip(&mut zip).expect("a bootstrap zip");
        normalize_zip(&mut stamped_later).expect("a bootstrap zip");
        assert_eq!(zip, stamped_later);
        assert_eq!(&zip[10..14], &[0, 0, 0x21, 0]);
        let mut other = stored_zip("bootstrap", b"\x7fELG", 0o100_755);
        normalize_zip(&mut other).expect("a bootstrap zip");
        assert_ne!(zip_hash(&zip), zip_hash(&other));
    }

    #[test]
    fn zips_of_anything_but_an_executable_bootstrap_are_refused() {
        let mut named = stored_zip("main", b"x", 0o100_755);
        assert_eq!(
            normalize_zip(&mut named),
            Err("the zip holds `main`, not `bootstrap`".to_owned())
        );
        let mut plain = stored_zip("bootstrap", b"x", 0o100_644);
        assert_eq!(
            normalize_zip(&mut plain),
            Err("its `bootstrap` is not executable".to_owned())
        );
        assert!(normalize_zip(&mut b"PK".to_vec()).is_err());
    }

    #[test]
    fn dep_info_lists_sources_but_generated_files() {
        let dir = std::env::temp_dir().join(format!("stackforge-dep-info-{}", std::process::id()));
        let target = dir.join("target");
        std::fs::create_dir_all(target.join("out")).expect("dirs");
        for file in ["a b.rs", "c.rs"] {
            std::fs::write(dir.join(file), "").expect("source");
        }
        std::fs::write(target.join("out/gen.rs"), "").expect("generated");
        let info = format!(
            "{0}/target/bin: {0}/a\\ b.rs {0}/c.rs {0}/target/out/gen.rs {0}/gone.rs\n",
            dir.display()
        );
        std::fs::write(dir.join("bin.d"), info).expect("dep-info");
        let paths = dep_info_paths(&dir.join("bin.d"), &target);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(paths, vec![dir.join("a b.rs"), dir.join("c.rs")]);
    }
}
