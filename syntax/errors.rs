//! The error accumulator used by parsing and validation.

use proc_macro2::Span;
use std::fmt::Display;

/// Collects every diagnostic of one declaration so that they are all reported at once.
///
/// A context must be consumed with [`Ctxt::check`]; dropping an unchecked context is a bug in
/// this crate, and debug builds panic so that tests notice.
pub struct Ctxt {
    errors: Option<Vec<syn::Error>>,
    warnings: Vec<Warning>,
}

/// A setting that is valid but risky: reported, and the build goes on.
pub struct Warning {
    pub span: Span,
    pub message: String,
}

impl Ctxt {
    pub fn new() -> Self {
        Ctxt {
            errors: Some(Vec::new()),
            warnings: Vec::new(),
        }
    }

    /// Records a warning at `span`.
    pub fn warn_spanned(&mut self, span: Span, message: impl Display) {
        self.warnings.push(Warning {
            span,
            message: message.to_string(),
        });
    }

    /// The warnings recorded so far, taken out of the context.
    pub fn take_warnings(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.warnings)
    }

    /// Records an error at `span`.
    pub fn error_spanned(&mut self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// Records an error that syn already built (a parse error, for instance).
    pub fn push(&mut self, error: syn::Error) {
        if let Some(errors) = self.errors.as_mut() {
            errors.push(error);
        }
    }

    /// Whether any error was recorded so far.
    pub fn has_errors(&self) -> bool {
        self.errors.as_ref().is_some_and(|e| !e.is_empty())
    }

    /// Consumes the context: `Ok` when nothing was recorded, else every error combined.
    pub fn check(mut self) -> Result<(), syn::Error> {
        let errors = self.errors.take().unwrap_or_default();
        let mut iter = errors.into_iter();
        match iter.next() {
            None => Ok(()),
            Some(mut first) => {
                for error in iter {
                    first.combine(error);
                }
                Err(first)
            }
        }
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if self.errors.is_some() && !std::thread::panicking() {
            debug_assert!(false, "diagnostics context dropped without check()");
        }
    }
}

/// Suggests the accepted word closest to `found`, if one is close enough to be a typo.
pub fn did_you_mean<'a>(found: &str, accepted: &[&'a str]) -> Option<&'a str> {
    accepted
        .iter()
        .map(|candidate| (strsim::jaro_winkler(found, candidate), *candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// Formats the tail of an "unknown ..." message: a suggestion, or the accepted words.
pub fn suggestion(found: &str, accepted: &[&str]) -> String {
    match did_you_mean(found, accepted) {
        Some(close) => format!("; did you mean `{close}`?"),
        None => format!("; expected one of {}", backticked(accepted)),
    }
}

/// `a`, `b`, `c` as a message fragment.
pub fn backticked(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
