//! Numeric settings within the ranges AWS accepts.

use crate::syntax::ast::{FunctionDecl, FunctionProps, Sp, Stack};
use crate::syntax::errors::Ctxt;
use crate::syntax::limits::*;

/// Memory, timeout and `/tmp` size lie within Lambda's limits, and log
/// retention is one of the periods CloudWatch Logs accepts.
/// Source: AWS Lambda Developer Guide, "Lambda quotas"; CloudWatch Logs `PutRetentionPolicy`.
pub(crate) fn check_function(props: &FunctionProps, cx: &mut Ctxt) {
    check_range(
        cx,
        "memory",
        props.memory.as_ref(),
        MEMORY_MIN_MB,
        MEMORY_MAX_MB,
        "MB",
    );
    check_range(
        cx,
        "timeout",
        props.timeout.as_ref(),
        TIMEOUT_MIN_S,
        TIMEOUT_MAX_S,
        "s",
    );
    let storage = props.ephemeral_storage.as_ref();
    let (lo, hi) = (EPHEMERAL_STORAGE_MIN_MB, EPHEMERAL_STORAGE_MAX_MB);
    check_range(cx, "ephemeral_storage", storage, lo, hi, "MB");
    if let Some(days) = &props.log_retention {
        if !LOG_RETENTION_DAYS.contains(&days.value) {
            let allowed: Vec<String> = LOG_RETENTION_DAYS.iter().map(u64::to_string).collect();
            cx.error_spanned(days.span, format!("`log_retention` must be a period CloudWatch Logs accepts, found {} days; use one of {} days", days.value, allowed.join(", ")));
        }
    }
}

fn check_range(cx: &mut Ctxt, key: &str, value: Option<&Sp<u64>>, min: u64, max: u64, unit: &str) {
    let Some(value) = value else { return };
    if value.value < min {
        cx.error_spanned(
            value.span,
            format!(
                "`{key}` must be at least {min} {unit}, found {} {unit}",
                value.value
            ),
        );
    } else if value.value > max {
        cx.error_spanned(
            value.span,
            format!(
                "`{key}` must be at most {max} {unit}, found {} {unit}",
                value.value
            ),
        );
    }
}

/// A function behind a REST API route must answer within the API's integration timeout,
/// or API Gateway returns 504 while the function still runs.
/// Source: API Gateway Developer Guide, "Amazon API Gateway quotas".
pub(crate) fn check_asset_api_timeout(stack: &Stack, function: &FunctionDecl, cx: &mut Ctxt) {
    let Some(timeout) = &function.props.timeout else {
        return;
    };
    let limit = integration_timeout(stack);
    if timeout.value <= limit {
        return;
    }
    let ident = crate::syntax::ast::path_ident(&function.path);
    for api in &stack.apis {
        let wired = api
            .routes
            .iter()
            .any(|r| crate::syntax::ast::path_ident(&r.handler) == ident);
        if wired {
            cx.error_spanned(timeout.span, format!("function `{ident}` timeout ({} s) exceeds the {limit} s integration timeout of API `{}`; lower `timeout` to at most {limit} s, or declare the account's raised quota with `quotas {{ integration_timeout: ... }}`", timeout.value, api.ident));
        }
    }
}

/// The stack's REST API integration timeout: AWS's default, or the declared raised quota.
pub fn integration_timeout(stack: &Stack) -> u64 {
    stack
        .quotas
        .integration_timeout
        .as_ref()
        .map_or(API_INTEGRATION_TIMEOUT_S, |q| q.value)
}

/// The most concurrency one function may reserve: the account's concurrency, default or
/// declared, less what Lambda keeps unreserved.
pub fn reserved_concurrency_max(stack: &Stack) -> u64 {
    let account = stack
        .quotas
        .concurrent_executions
        .as_ref()
        .map_or(CONCURRENT_EXECUTIONS_DEFAULT, |q| q.value);
    account.saturating_sub(UNRESERVED_CONCURRENCY_MIN)
}

/// Declared quotas are raised ones: at least AWS's default, and an integration timeout no
/// longer than a function can run. Source: "Amazon API Gateway quotas"; "Lambda quotas".
pub(crate) fn check_quotas(stack: &Stack, cx: &mut Ctxt) {
    if let Some(q) = &stack.quotas.integration_timeout {
        if q.value < API_INTEGRATION_TIMEOUT_S || q.value > TIMEOUT_MAX_S {
            cx.error_spanned(q.span, format!("`integration_timeout` is a raised quota: {API_INTEGRATION_TIMEOUT_S} to {TIMEOUT_MAX_S} s, found {} s", q.value));
        }
    }
    if let Some(q) = &stack.quotas.concurrent_executions {
        if q.value < CONCURRENT_EXECUTIONS_DEFAULT {
            cx.error_spanned(q.span, format!("`concurrent_executions` is a raised quota: at least {CONCURRENT_EXECUTIONS_DEFAULT}, found {}", q.value));
        }
    }
}
