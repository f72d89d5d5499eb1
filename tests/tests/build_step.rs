//! The build step on fixture crates: a bad declaration leaves no template behind, and a
//! problem only the whole app shows fails the build with file and line.

mod common;

use common::build_step;
use std::path::{Path, PathBuf};

/// Writes a one-file app crate under the test target directory.
fn fixture(name: &str, main_rs: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("fixtures")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("fixture dir");
    let manifest =
        format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("Cargo.toml");
    std::fs::write(dir.join("src/main.rs"), main_rs).expect("main.rs");
    dir
}

const GOOD: &str = r#"
use stackforge::prelude::*;

#[lambda_function(timeout = 10)]
async fn greet(request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    Ok(ApiGatewayProxyResponse::default())
}

stack! {
    Fixture {
        api public { "/" { GET => greet } }
    }
}

fn main() {}
"#;

#[test]
fn invalid_declaration_removes_the_previous_template() {
    let dir = fixture("stale", GOOD);
    let (lines, assembly) = build_step(&dir, "stale");
    assert!(
        assembly.join("Fixture.template.json").exists(),
        "{lines:#?}"
    );

    std::fs::write(
        dir.join("src/main.rs"),
        GOOD.replace("timeout = 10", "timeout = 1200"),
    )
    .expect("edit");
    let env = stackforge_build::BuildEnv {
        manifest_dir: dir.clone(),
        package: "stale".to_owned(),
        assembly_dir: assembly.clone(),
    };
    let lines = stackforge_build::run(&env);
    assert!(
        !assembly.exists(),
        "a template from the earlier declaration was left behind"
    );
    let warning = lines
        .iter()
        .find(|l| l.starts_with("cargo::warning=no template written"));
    let warning = warning.unwrap_or_else(|| panic!("no warning in {lines:#?}"));
    assert!(
        warning.contains("src/main.rs:4:29: `timeout` must be at most 900 s, found 1200 s"),
        "{warning}"
    );
}

#[test]
fn handler_missing_from_the_crate_fails_with_file_and_line() {
    let source = GOOD.replace("GET => greet", "GET => greeet");
    let (lines, assembly) = build_step(&fixture("missing", &source), "missing");
    assert!(!assembly.exists());
    assert_eq!(
        lines,
        vec!["cargo::error=src/main.rs:11:35: `greeet` is not a `#[lambda_function]` handler of this crate; did you mean `greet`?".to_owned()]
    );
}

#[test]
fn wrong_event_type_is_left_to_the_compiler() {
    let source = GOOD.replace("request: ApiGatewayProxyRequest", "event: S3Event");
    let (lines, assembly) = build_step(&fixture("wrong-event", &source), "wrong-event");
    assert!(!assembly.exists());
    assert!(
        lines
            .iter()
            .any(|l| l.contains("handler `greet` takes `S3Event`, which does not fit its trigger")),
        "{lines:#?}"
    );
}

#[test]
fn too_many_resources_fail_with_file_and_line() {
    // Each bucket is two resources (the bucket and its TLS policy): 251 make 502.
    let buckets: String = (0..251)
        .map(|i| format!("        bucket b{i};\n"))
        .collect();
    let source = format!("use stackforge::prelude::*;\n\nstack! {{\n    Big {{\n{buckets}    }}\n}}\n\nfn main() {{}}\n");
    let (lines, assembly) = build_step(&fixture("too-many", &source), "too-many");
    assert!(!assembly.exists());
    assert_eq!(
        lines,
        vec!["cargo::error=src/main.rs:4:5: stack `Big` declares 502 resources, above CloudFormation's 500; split it into several stacks".to_owned()]
    );
}

#[test]
fn template_above_one_megabyte_fails_with_file_and_line() {
    // A hundred rules with large event patterns stay under 500 resources but not under 1 MB.
    let values: Vec<String> = (0..600)
        .map(|i| format!("\"source-number-{i:04}\""))
        .collect();
    let pattern = values.join(", ");
    let rules: String = (0..100)
        .map(|i| format!("        rule r{i} {{ source: [{pattern}] }} => on_event;\n"))
        .collect();
    let source = format!(
        "use stackforge::prelude::*;\n\n#[lambda_function]\nasync fn on_event(event: EventBridgeEvent) -> Result<(), Error> {{\n    Ok(())\n}}\n\nstack! {{\n    Large {{\n{rules}    }}\n}}\n\nfn main() {{}}\n"
    );
    let (lines, assembly) = build_step(&fixture("too-large", &source), "too-large");
    assert!(!assembly.exists());
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].starts_with("cargo::error=src/main.rs:9:5: the template of stack `Large` has ")
            && lines[0]
                .ends_with(" bytes, above CloudFormation's 1000000; split it into several stacks"),
        "{}",
        lines[0]
    );
}
