#!/usr/bin/env bash
# The test command: everything CI checks, on a fresh clone, with no manual set-up.
# Installs the pinned cfn-lint into target/tools when it is missing, then checks formatting,
# lints, builds every example (which emits its cloud assembly) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

CFN_LINT_VERSION=1.58.0
venv="target/tools/cfn-lint-$CFN_LINT_VERSION"
if [ ! -x "$venv/bin/cfn-lint" ]; then
    echo "installing cfn-lint $CFN_LINT_VERSION into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "cfn-lint==$CFN_LINT_VERSION"
fi
export CFN_LINT="$PWD/$venv/bin/cfn-lint"

# The deploy test (tests/tests/deploy.rs) runs scripts/deploy_check.py with moto's emulated AWS.
MOTO_VERSION=5.2.5
moto_venv="target/tools/moto-$MOTO_VERSION"
if [ ! -x "$moto_venv/bin/moto_server" ]; then
    echo "installing moto[server] $MOTO_VERSION into $moto_venv"
    python3 -m venv "$moto_venv"
    "$moto_venv/bin/pip" install --quiet "moto[server]==$MOTO_VERSION"
fi
export STACKFORGE_PYTHON="$PWD/$moto_venv/bin/python"

# Packaging (tests/tests/package.rs) builds one example's bootstrap zip with the pinned
# cargo-lambda, which brings zig; every other build here skips packaging.
CARGO_LAMBDA_VERSION=1.9.2
lambda_venv="target/tools/cargo-lambda-$CARGO_LAMBDA_VERSION"
if [ ! -x "$lambda_venv/bin/cargo-lambda" ]; then
    echo "installing cargo-lambda $CARGO_LAMBDA_VERSION into $lambda_venv"
    python3 -m venv "$lambda_venv"
    "$lambda_venv/bin/pip" install --quiet "cargo-lambda==$CARGO_LAMBDA_VERSION"
fi
export STACKFORGE_CARGO_LAMBDA="$PWD/$lambda_venv/bin/cargo-lambda"
export STACKFORGE_PACKAGE=0

cargo fmt --all --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo build --workspace
cargo test --workspace
