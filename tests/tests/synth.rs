//! Each example's emitted templates equal the expected templates checked in beside it.
//!
//! Set `STACKFORGE_BLESS=1` to rewrite the expected files from the current output, then
//! review the diff.

mod common;

use common::{build_step, templates, workspace, EXAMPLES};

#[test]
fn examples_match_their_expected_templates() {
    let bless = std::env::var_os("STACKFORGE_BLESS").is_some();
    let mut mismatches = Vec::new();
    for example in EXAMPLES {
        let dir = workspace().join("examples").join(example);
        let (lines, assembly) = build_step(&dir, example);
        let emitted = templates(&assembly);
        assert!(
            !emitted.is_empty(),
            "{example} emitted no template: {lines:#?}"
        );
        for (name, text) in emitted {
            let expected_path = dir.join(&name);
            if bless {
                std::fs::write(&expected_path, &text).expect("write expected template");
                continue;
            }
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if expected != text {
                mismatches.push(format!("examples/{example}/{name}"));
            }
        }
    }
    assert!(mismatches.is_empty(), "emitted templates differ from the expected ones (rerun with STACKFORGE_BLESS=1 and review the diff): {mismatches:?}");
}

#[test]
fn rebuilding_gives_identical_bytes() {
    for example in EXAMPLES {
        let dir = workspace().join("examples").join(example);
        let (_, first) = build_step(&dir, &format!("{example}-first"));
        let (_, second) = build_step(&dir, &format!("{example}-second"));
        let (a, b) = (files(&first), files(&second));
        assert!(
            a.len() >= 3,
            "{example}: the assembly holds {} files",
            a.len()
        );
        assert!(a == b, "{example}: the assemblies of two builds differ");
    }
}

#[test]
fn build_step_reports_one_line_per_stack() {
    let dir = workspace().join("examples").join("hello-api");
    let (lines, assembly) = build_step(&dir, "hello-api-lines");
    let stack_lines: Vec<&String> = lines
        .iter()
        .filter(|l| l.starts_with("cargo::warning=stack "))
        .collect();
    assert_eq!(stack_lines.len(), 1, "{lines:#?}");
    let path = assembly.join("HelloStack.template.json");
    assert_eq!(
        stack_lines[0],
        &format!(
            "cargo::warning=stack HelloStack: {} (18 resources)",
            path.display()
        )
    );
}

/// Every file under `dir`, as (relative path, bytes), sorted.
fn files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current)
            .expect("read assembly")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                out.push((name, std::fs::read(&path).expect("read file")));
            }
        }
    }
    out.sort();
    out
}
