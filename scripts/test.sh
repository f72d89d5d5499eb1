#!/usr/bin/env bash
# The test command: everything CI checks, on a fresh clone, with no manual set-up.
# Installs the pinned Python tools into target/tools when they are missing, then checks
# formatting, lints and docs, builds every example (which emits its cloud assembly) and runs
# the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

# install_tool NAME VERSION PIP_SPEC EXECUTABLE: a venv per pinned tool, made once.
install_tool() {
    local venv="target/tools/$1-$2"
    if [ ! -x "$venv/bin/$4" ]; then
        echo "installing $1 $2 into $venv" >&2
        python3 -m venv "$venv" >&2
        "$venv/bin/pip" install --quiet "$3" >&2
    fi
    echo "$PWD/$venv/bin"
}

# cfn-lint checks every emitted template (tests/tests/cfn_lint.rs).
CFN_LINT_VERSION=1.58.0
bin=$(install_tool cfn-lint "$CFN_LINT_VERSION" "cfn-lint==$CFN_LINT_VERSION" cfn-lint)
export CFN_LINT="$bin/cfn-lint"

# moto emulates CloudFormation on loopback for the deploy test (tests/tests/deploy.rs).
MOTO_VERSION=5.2.5
bin=$(install_tool moto "$MOTO_VERSION" "moto[server]==$MOTO_VERSION" moto_server)
export STACKFORGE_PYTHON="$bin/python"

# cargo-lambda (with zig) packages one example's bootstrap zip (tests/tests/package.rs);
# every other build here skips packaging.
CARGO_LAMBDA_VERSION=1.9.2
bin=$(install_tool cargo-lambda "$CARGO_LAMBDA_VERSION" "cargo-lambda==$CARGO_LAMBDA_VERSION" cargo-lambda)
export STACKFORGE_CARGO_LAMBDA="$bin/cargo-lambda"
export STACKFORGE_PACKAGE=0

cargo fmt --all --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
cargo build --workspace
cargo test --workspace
