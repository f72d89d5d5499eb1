//! Numeric settings within the ranges AWS accepts.

use crate::syntax::ast::{FunctionDecl, FunctionProps, Sp, Stack};
use crate::syntax::errors::Ctxt;
use crate::syntax::limits::*;

/// Memory, timeout, `/tmp` size and reserved concurrency lie within Lambda's limits, and log
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
    let reserved = props.reserved_concurrency.as_ref();
    check_range(
        cx,
        "reserved_concurrency",
        reserved,
        0,
        RESERVED_CONCURRENCY_MAX,
        "concurrent executions",
    );
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
    if timeout.value <= API_INTEGRATION_TIMEOUT_S {
        return;
    }
    let ident = crate::syntax::ast::path_ident(&function.path);
    for api in &stack.apis {
        let wired = api
            .routes
            .iter()
            .any(|r| crate::syntax::ast::path_ident(&r.handler) == ident);
        if wired {
            cx.error_spanned(timeout.span, format!("function `{ident}` timeout ({} s) exceeds the {API_INTEGRATION_TIMEOUT_S} s integration timeout of API `{}`; lower `timeout` to at most {API_INTEGRATION_TIMEOUT_S} s", timeout.value, api.ident));
        }
    }
}
