//! Names and strings: the characters and lengths AWS accepts, for names users write and
//! names Stackforge derives.

use crate::syntax::ast::{path_ident, FunctionDecl, FunctionProps, Stack, StackInput};
use crate::syntax::errors::{suggestion, Ctxt};
use crate::syntax::limits::*;
use crate::syntax::runtimes::{self, Lifecycle};

/// A function name has 1 to 64 characters from `[A-Za-z0-9-_]`, and a description at most
/// 256 characters. Source: AWS::Lambda::Function `FunctionName` and `Description`.
pub(crate) fn check_function(props: &FunctionProps, cx: &mut Ctxt) {
    if let Some(name) = &props.name {
        if let Some(problem) = function_name_problem(&name.value) {
            cx.error_spanned(
                name.span,
                format!("function name `{}` {problem}", name.value),
            );
        }
    }
    if let Some(description) = &props.description {
        let len = description.value.chars().count();
        if len > DESCRIPTION_MAX {
            cx.error_spanned(
                description.span,
                format!("`description` must be at most {DESCRIPTION_MAX} characters, found {len}"),
            );
        }
    }
}

/// Why `name` cannot be a Lambda function name, if it cannot.
pub(crate) fn function_name_problem(name: &str) -> Option<String> {
    let len = name.chars().count();
    if len == 0 || len > FUNCTION_NAME_MAX {
        return Some(format!(
            "must have 1 to {FUNCTION_NAME_MAX} characters, found {len}"
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && *c != '-' && *c != '_')
    {
        return Some(format!(
            "may hold only letters, digits, `-` and `_`, found `{c}`"
        ));
    }
    None
}

/// Environment variable names start with a letter and hold letters, digits and `_`; Lambda
/// reserves some names; all variables together take at most 4 KB.
/// Source: "Working with Lambda environment variables", "Lambda quotas".
pub(crate) fn check_environment(props: &FunctionProps, cx: &mut Ctxt) {
    let mut total = 0;
    for (key, value) in &props.environment {
        total += key.value.len() + value.value.len();
        let mut chars = key.value.chars();
        let starts_well = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
        let long_enough = key.value.len() >= 2;
        if !starts_well || !long_enough || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
            cx.error_spanned(key.span, format!("environment variable name `{}` must have at least two characters, start with a letter and hold only letters, digits and `_`", key.value));
        } else if RESERVED_ENVIRONMENT_NAMES.contains(&key.value.as_str()) {
            cx.error_spanned(key.span, format!("environment variable `{}` is reserved by Lambda and cannot be set; choose another name", key.value));
        }
    }
    if total > ENVIRONMENT_MAX_BYTES {
        if let Some((key, _)) = props.environment.first() {
            cx.error_spanned(key.span, format!("environment variables must take at most {ENVIRONMENT_MAX_BYTES} bytes in total, found {total} bytes"));
        }
    }
}

/// Code in another runtime names a managed runtime that still accepts new functions, a
/// handler string, and a code folder inside the crate.
/// Source: AWS Lambda Developer Guide, "Lambda runtimes".
pub(crate) fn check_asset_function(function: &FunctionDecl, warn_deprecated: bool, cx: &mut Ctxt) {
    let ident = path_ident(&function.path);
    let props = &function.props;
    for (key, value, example) in [
        ("runtime", &props.runtime, "runtime: \"nodejs24.x\""),
        ("handler", &props.handler, "handler: \"index.handler\""),
        ("code", &props.code, "code: \"lambda\""),
    ] {
        if value.is_none() {
            cx.error_spanned(ident.span(), format!("function `{ident}` in another runtime is missing required property `{key}`; add `{example}`"));
        }
    }
    if let Some(runtime) = &props.runtime {
        check_runtime(&runtime.value, runtime.span, warn_deprecated, cx);
    }
    if let Some(code) = &props.code {
        let path = std::path::Path::new(&code.value);
        let escapes = path.components().any(|c| {
            !matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        });
        if code.value.is_empty() || escapes {
            cx.error_spanned(code.span, format!("`code` must be a folder inside the crate, relative to `Cargo.toml`, found `{}`", code.value));
        }
    }
}

/// A runtime AWS no longer lets anyone create functions on is an error; a deprecated one, or
/// one deprecated within [`RUNTIME_DEPRECATION_NOTICE_DAYS`], still deploys and is a warning
/// (`deprecated_runtime`). Dates: [`runtimes::RUNTIMES`].
fn check_runtime(id: &str, span: proc_macro2::Span, warn_deprecated: bool, cx: &mut Ctxt) {
    if id.starts_with("provided") {
        let hint = "a Rust handler needs no `runtime`: annotate it with `#[lambda_function]` and it runs on `provided.al2023` from this crate's binary";
        if id != "provided.al2023" {
            cx.error_spanned(span, format!("runtime `{id}` is not supported; {hint}"));
            return;
        }
    }
    let Some(runtime) = runtimes::find(id) else {
        let today = runtimes::today();
        let known: Vec<&str> = runtimes::RUNTIMES
            .iter()
            .filter(|r| r.lifecycle(today) == Lifecycle::Supported)
            .map(|r| r.id)
            .collect();
        cx.error_spanned(
            span,
            format!("unknown runtime `{id}`{}", suggestion(id, &known)),
        );
        return;
    };
    let today = runtimes::today();
    match runtime.lifecycle(today) {
        Lifecycle::CreateBlocked => {
            let since = runtime
                .create_blocked
                .map(runtimes::format_date)
                .unwrap_or_default();
            cx.error_spanned(span, format!("runtime `{id}` is deprecated and AWS blocks creating functions on it since {since}; use `{}`", runtime.successor));
        }
        Lifecycle::Deprecated => {
            let since = runtime
                .deprecated
                .map(runtimes::format_date)
                .unwrap_or_default();
            let blocked = runtime
                .create_blocked
                .map(runtimes::format_date)
                .unwrap_or_default();
            if warn_deprecated {
                cx.warn_spanned(span, format!("runtime `{id}` is deprecated since {since} and AWS blocks creating functions on it from {blocked}; use `{}` (or `#[allow(deprecated_runtime)]` on this function)", runtime.successor));
            }
        }
        Lifecycle::Supported => {
            let soon = runtime
                .deprecated
                .filter(|d| runtimes::days_between(today, *d) <= RUNTIME_DEPRECATION_NOTICE_DAYS);
            if let (Some(date), true) = (soon, warn_deprecated) {
                let date = runtimes::format_date(date);
                cx.warn_spanned(span, format!("runtime `{id}` will be deprecated on {date}; plan the move to `{}` (or `#[allow(deprecated_runtime)]` on this function)", runtime.successor));
            }
        }
    }
}

/// Stack names start with a letter and hold letters, digits and `-`, at most 128 characters,
/// once per `stack!`. Source: CloudFormation `CreateStack`, `StackName`.
pub(crate) fn check_stack_names(input: &StackInput, cx: &mut Ctxt) {
    let mut seen: Vec<String> = Vec::new();
    for stack in &input.stacks {
        let name = stack.name.to_string();
        let ascii = name.chars().all(|c| c.is_ascii_alphanumeric());
        if !ascii || name.starts_with(|c: char| !c.is_ascii_alphabetic()) {
            cx.error_spanned(stack.name.span(), format!("stack name `{name}` must start with a letter and hold only letters and digits, as CloudFormation stack names do; write it in PascalCase"));
        } else if name.len() > STACK_NAME_MAX {
            cx.error_spanned(
                stack.name.span(),
                format!(
                    "stack name must be at most {STACK_NAME_MAX} characters, found {}",
                    name.len()
                ),
            );
        }
        if seen.contains(&name) {
            cx.error_spanned(stack.name.span(), format!("duplicate stack `{name}`"));
        }
        seen.push(name);
    }
}

/// The bucket name Stackforge derives when none is given: stack and bucket names, then the
/// account and region, so that the name is unique and known before the bucket exists.
pub fn derived_bucket_prefix(stack: &str, bucket: &str) -> String {
    format!(
        "{}-{}",
        stack.to_ascii_lowercase(),
        bucket.to_ascii_lowercase().replace('_', "-")
    )
}

/// Characters the account and region add to a derived bucket name: `-` + 12 digits + `-` +
/// the longest region code in use (14 characters, `ap-southeast-2`).
const BUCKET_SUFFIX_LEN: usize = 1 + 12 + 1 + 14;

/// Names the user writes and names Stackforge derives obey the same rules: bucket names,
/// role names, stage names and derived bucket names.
/// Source: S3 User Guide, "General purpose bucket naming rules"; IAM quotas; API Gateway.
pub(crate) fn check_derived_names(stack: &Stack, cx: &mut Ctxt) {
    for bucket in &stack.buckets {
        match &bucket.name {
            Some(name) => {
                if let Some(problem) = bucket_name_problem(&name.value) {
                    cx.error_spanned(name.span, format!("bucket name `{}` {problem}", name.value));
                }
            }
            None => {
                let prefix =
                    derived_bucket_prefix(&stack.name.to_string(), &bucket.ident.to_string());
                let len = prefix.len() + BUCKET_SUFFIX_LEN;
                if len > BUCKET_NAME_MAX {
                    cx.error_spanned(bucket.ident.span(), format!("the derived name of bucket `{}` (`{prefix}-<account>-<region>`) can reach {len} characters, above S3's {BUCKET_NAME_MAX}; shorten the stack or bucket name, or set `name: \"...\"`", bucket.ident));
                }
            }
        }
    }
    for role in &stack.roles {
        if let Some(name) = &role.name {
            let len = name.value.chars().count();
            let bad = name
                .value
                .chars()
                .find(|c| !c.is_ascii_alphanumeric() && !"+=,.@_-".contains(*c));
            if len == 0 || len > ROLE_NAME_MAX {
                cx.error_spanned(
                    name.span,
                    format!("role name must have 1 to {ROLE_NAME_MAX} characters, found {len}"),
                );
            } else if let Some(c) = bad {
                cx.error_spanned(
                    name.span,
                    format!(
                        "role name `{}` may hold only letters, digits and `+=,.@_-`, found `{c}`",
                        name.value
                    ),
                );
            }
        }
        for policy in &role.managed_policies {
            if !policy.value.starts_with("arn:") {
                cx.error_spanned(policy.span, format!("managed policy `{}` must be an ARN; for an AWS managed policy write `arn:aws:iam::aws:policy/{}`", policy.value, policy.value));
            }
        }
    }
    for api in &stack.apis {
        if let Some(stage) = &api.stage {
            let ok = !stage.value.is_empty()
                && stage.value.len() <= STAGE_NAME_MAX
                && stage
                    .value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if !ok {
                cx.error_spanned(
                    stage.span,
                    format!(
                        "stage name `{}` must have 1 to {STAGE_NAME_MAX} letters, digits, `-` or `_`",
                        stage.value
                    ),
                );
            }
        }
    }
    for function in &stack.functions {
        if function.is_asset() && function.props.name.is_none() {
            check_derived_function_name(stack, path_ident(&function.path), cx);
        }
    }
}

/// A function without a `name` is deployed as `<Stack>-<function>`.
pub fn derived_function_name(stack: &str, function: &str) -> String {
    format!("{stack}-{function}")
}

fn check_derived_function_name(stack: &Stack, ident: &syn::Ident, cx: &mut Ctxt) {
    let derived = derived_function_name(&stack.name.to_string(), &ident.to_string());
    if derived.len() > FUNCTION_NAME_MAX {
        cx.error_spanned(ident.span(), format!("the derived function name `{derived}` has {} characters, above Lambda's {FUNCTION_NAME_MAX}; shorten the stack or function name, or set `name: \"...\"`", derived.len()));
    }
}

/// Why `name` cannot be a general purpose bucket name, if it cannot.
pub(crate) fn bucket_name_problem(name: &str) -> Option<String> {
    let len = name.len();
    if !(BUCKET_NAME_MIN..=BUCKET_NAME_MAX).contains(&len) {
        return Some(format!(
            "must have {BUCKET_NAME_MIN} to {BUCKET_NAME_MAX} characters, found {len}"
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !c.is_ascii_lowercase() && !c.is_ascii_digit() && *c != '.' && *c != '-')
    {
        return Some(format!(
            "may hold only lower-case letters, digits, `.` and `-`, found `{c}`"
        ));
    }
    let edge_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !edge_ok(name.chars().next()) || !edge_ok(name.chars().last()) {
        return Some("must begin and end with a letter or digit".to_owned());
    }
    if name.contains("..") {
        return Some("must not hold two adjacent periods".to_owned());
    }
    if name.split('.').count() == 4 && name.split('.').all(|p| p.parse::<u8>().is_ok()) {
        return Some("must not be formatted as an IP address".to_owned());
    }
    for prefix in ["xn--", "sthree-", "amzn-s3-demo-"] {
        if name.starts_with(prefix) {
            return Some(format!("must not start with `{prefix}`"));
        }
    }
    for suffix in ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] {
        if name.ends_with(suffix) {
            return Some(format!("must not end with `{suffix}`"));
        }
    }
    None
}
