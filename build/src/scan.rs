//! Reads the app's sources: every `#[lambda_function]` handler and every `stack!`, parsed and
//! checked by the shared grammar.

use crate::syntax::ast::{FunctionAttr, Stack, StackInput};
use crate::syntax::errors::Ctxt;
use crate::syntax::valid;
use proc_macro2::{Span, TokenStream};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use syn::{FnArg, Item, PathArguments, Type};

/// A place in the app's sources.
#[derive(Clone, Debug)]
pub struct Location {
    /// Path relative to the crate root, with `/`.
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub(crate) fn of(file: &str, span: Span) -> Self {
        let start = span.start();
        Location {
            file: file.to_owned(),
            line: start.line,
            column: start.column + 1,
        }
    }
}

/// A `#[lambda_function]` handler.
pub struct FoundFunction {
    pub ident: syn::Ident,
    pub file: String,
    pub attr: FunctionAttr,
    /// The last segment of the event type's path (`S3Event`), when it is a plain path.
    pub event_type: Option<String>,
}

/// One stack of a `stack!` invocation.
pub struct FoundStack {
    pub file: String,
    pub stack: Stack,
}

/// Everything the build step reads from `src/`.
pub struct Source {
    pub functions: Vec<FoundFunction>,
    pub stacks: Vec<FoundStack>,
    /// Errors the macros report too, located.
    pub errors: Vec<String>,
    /// Warnings, located.
    pub warnings: Vec<String>,
}

/// Why the sources could not be read.
pub enum ScanError {
    Io(PathBuf, io::Error),
    /// A file that is not valid Rust; the compiler says why.
    Rust(Location),
}

/// Reads every `.rs` file under `<crate>/src`, in sorted order.
pub fn scan(manifest_dir: &Path) -> Result<Source, ScanError> {
    let mut files = Vec::new();
    collect_files(&manifest_dir.join("src"), &mut files).map_err(|(p, e)| ScanError::Io(p, e))?;
    files.sort();
    let mut source = Source {
        functions: Vec::new(),
        stacks: Vec::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    for path in files {
        let text = fs::read_to_string(&path).map_err(|e| ScanError::Io(path.clone(), e))?;
        let relative = path
            .strip_prefix(manifest_dir)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        let file = syn::parse_file(&text)
            .map_err(|e| ScanError::Rust(Location::of(&relative, e.span())))?;
        scan_items(&file.items, &relative, &mut source);
    }
    Ok(source)
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), (PathBuf, io::Error)> {
    let entries = fs::read_dir(dir).map_err(|e| (dir.to_path_buf(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| (dir.to_path_buf(), e))?;
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

fn last_ident_is(path: &syn::Path, name: &str) -> bool {
    path.segments.last().is_some_and(|s| s.ident == name)
}

fn scan_items(items: &[Item], file: &str, source: &mut Source) {
    for item in items {
        match item {
            Item::Fn(function) => {
                let attr = function
                    .attrs
                    .iter()
                    .find(|a| last_ident_is(a.path(), "lambda_function"));
                if let Some(attr) = attr {
                    let tokens = match &attr.meta {
                        syn::Meta::List(list) => list.tokens.clone(),
                        _ => TokenStream::new(),
                    };
                    scan_function(function, tokens, file, source);
                }
            }
            Item::Macro(mac) if last_ident_is(&mac.mac.path, "stack") => {
                scan_stack(mac.mac.tokens.clone(), file, source);
            }
            Item::Mod(module) => {
                if let Some((_, items)) = &module.content {
                    scan_items(items, file, source);
                }
            }
            _ => {}
        }
    }
}

fn report(cx: Ctxt, file: &str, source: &mut Source) {
    let mut cx = cx;
    for warning in cx.take_warnings() {
        let location = Location::of(file, warning.span);
        source
            .warnings
            .push(format!("{location}: {}", warning.message));
    }
    if let Err(errors) = cx.check() {
        for error in errors {
            let location = Location::of(file, error.span());
            source.errors.push(format!("{location}: {error}"));
        }
    }
}

fn scan_function(function: &syn::ItemFn, tokens: TokenStream, file: &str, source: &mut Source) {
    let mut cx = Ctxt::new();
    match syn::parse2::<FunctionAttr>(tokens) {
        Ok(attr) => {
            valid::validate_attr(&attr, &function.sig.ident, &mut cx);
            source.functions.push(FoundFunction {
                ident: function.sig.ident.clone(),
                file: file.to_owned(),
                attr,
                event_type: event_type(&function.sig),
            });
        }
        Err(error) => cx.push(error),
    }
    report(cx, file, source);
}

fn scan_stack(tokens: TokenStream, file: &str, source: &mut Source) {
    let mut cx = Ctxt::new();
    match syn::parse2::<StackInput>(tokens) {
        Ok(input) => {
            valid::validate_stacks(&input, &mut cx);
            for stack in input.stacks {
                source.stacks.push(FoundStack {
                    file: file.to_owned(),
                    stack,
                });
            }
        }
        Err(error) => cx.push(error),
    }
    report(cx, file, source);
}

/// The last segment of the handler's event type, when it is written as a plain path.
fn event_type(sig: &syn::Signature) -> Option<String> {
    let FnArg::Typed(arg) = sig.inputs.first()? else {
        return None;
    };
    last_segment(&arg.ty)
}

fn last_segment(ty: &Type) -> Option<String> {
    let Type::Path(path) = ty else { return None };
    let segment = path.path.segments.last()?;
    matches!(segment.arguments, PathArguments::None).then(|| segment.ident.to_string())
}
