//! The test suite of the workspace; see `tests/`.
