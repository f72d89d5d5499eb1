//! Every template the examples emit passes cfn-lint with no error, warning or informational
//! finding. The test command (`scripts/test.sh`) installs the pinned cfn-lint and sets
//! `CFN_LINT`; without it, `cfn-lint` is taken from `PATH`.

mod common;

use common::{build_step, workspace, EXAMPLES};
use std::process::Command;

fn cfn_lint() -> String {
    std::env::var("CFN_LINT").unwrap_or_else(|_| "cfn-lint".to_owned())
}

#[test]
fn example_templates_pass_cfn_lint() {
    let mut files = Vec::new();
    for example in EXAMPLES {
        let dir = workspace().join("examples").join(example);
        let (lines, assembly) = build_step(&dir, &format!("{example}-lint"));
        let templates = common::templates(&assembly);
        assert!(
            !templates.is_empty(),
            "{example} emitted no template: {lines:#?}"
        );
        files.extend(templates.into_iter().map(|(name, _)| assembly.join(name)));
    }
    let (lines, assembly) = build_step(&common::readme_crate(), "readme-app");
    let templates = common::templates(&assembly);
    assert!(
        !templates.is_empty(),
        "the README's app emitted no template: {lines:#?}"
    );
    files.extend(templates.into_iter().map(|(name, _)| assembly.join(name)));
    let output = Command::new(cfn_lint())
        .args(["--include-checks", "I"])
        .args(["--format", "parseable"])
        .args(&files)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `{}` ({e}); run the tests through scripts/test.sh, which installs it",
                cfn_lint()
            )
        });
    let findings = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && findings.trim().is_empty(),
        "cfn-lint found problems in {files:?}:\n{findings}{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn cfn_lint_catches_a_broken_template() {
    // The check above can fail: a template with an unknown property is reported.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("broken-template");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("Broken.template.json");
    let text = r#"{"Resources":{"Fn":{"Type":"AWS::Lambda::Function","Properties":{"Memroy":1}}}}"#;
    std::fs::write(&file, text).expect("write template");
    let output = Command::new(cfn_lint())
        .arg(&file)
        .output()
        .expect("run cfn-lint");
    assert!(
        !output.status.success(),
        "cfn-lint accepted a broken template"
    );
}
