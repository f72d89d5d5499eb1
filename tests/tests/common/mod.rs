//! Helpers shared by the integration tests: running the build step on an app crate.

#![allow(dead_code, reason = "each test file uses a part")]

use stackforge_build::BuildEnv;
use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The example apps, by folder name.
pub const EXAMPLES: &[&str] = &[
    "hello-api",
    "s3-thumbnail",
    "seed-chapter",
    "sqs-worker",
    "stream-processor",
];

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

/// The first ```rust block after `heading` in the README.
fn readme_block(heading: &str) -> String {
    let readme = std::fs::read_to_string(workspace().join("README.md")).expect("README.md");
    let section = readme
        .split_once(heading)
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| panic!("README has the section {heading}"));
    section
        .split_once("```rust\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(block, _)| block.to_owned())
        .expect("the section has a rust block")
}

const README_HANDLERS: &str = r#"
use stackforge::prelude::*;

#[lambda_function(timeout = 10)]
async fn greet(request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    let _ = request;
    Ok(ApiGatewayProxyResponse::default())
}

#[lambda_function(timeout = 60)]
async fn worker(event: S3Event) -> Result<(), Error> {
    let _ = event;
    Ok(())
}
"#;

const README_EVENT_HANDLERS: &str = r#"
#[lambda_function(timeout = 30, reserved_concurrency = 10)]
async fn process_jobs(event: SqsEvent) -> Result<SqsBatchResponse, Error> {
    let _ = event;
    Ok(SqsBatchResponse::default())
}

#[lambda_function]
async fn on_order(event: DynamoDbEvent) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

#[lambda_function]
async fn on_click(event: KinesisEvent) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

#[lambda_function]
async fn notify(event: SnsEvent) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

#[lambda_function]
async fn cleanup(event: EventBridgeEvent) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

#[lambda_function]
async fn on_event(event: EventBridgeEvent) -> Result<(), Error> {
    let _ = event;
    Ok(())
}
"#;

/// The DSL reference examples of the README, as one complete `main.rs` with their handlers,
/// so that the README is compiled, synthesized and linted like the examples.
pub fn readme_app() -> String {
    let stack = readme_block("### `stack! { ... }`");
    let events = readme_block("### Event sources, error handling, versions, logs and alarms");
    format!(
        "{README_HANDLERS}\n{stack}\n{README_EVENT_HANDLERS}\n{events}\nfn main() {{\n    assert_eq!(AppStack::handlers().len(), 2);\n    assert_eq!(OrdersStack::handlers().len(), 6);\n}}\n"
    )
}

/// Writes the README's app as a crate under the test target directory.
pub fn readme_crate() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("readme-app");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("crate dir");
    std::fs::create_dir_all(dir.join("lambda")).expect("code dir");
    let manifest = "[package]\nname = \"readme-app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n";
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("Cargo.toml");
    std::fs::write(
        dir.join("lambda/index.js"),
        "exports.handler = async () => ({});\n",
    )
    .expect("index.js");
    std::fs::write(dir.join("src/main.rs"), readme_app()).expect("main.rs");
    dir
}
