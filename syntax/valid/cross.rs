//! Rules across resources of one stack: what one construct's settings mean for another's.

use crate::syntax::ast::*;
use crate::syntax::errors::Ctxt;
use crate::syntax::limits::QUEUE_VISIBILITY_DEFAULT_S;
use crate::syntax::valid::range::reserved_concurrency_max;

/// Whether `function` (a handler path's last segment) is the function a path names.
fn is(path: &syn::Path, function: &syn::Ident) -> bool {
    path_ident(path) == function
}

/// The function's own role, or the declared role it uses, as a principal name.
fn role_of<'a>(stack: &'a Stack, function: &'a syn::Ident) -> Option<&'a syn::Ident> {
    let decl = stack.functions.iter().find(|f| is(&f.path, function))?;
    decl.props.role.as_ref()
}

/// Whether `function` may write objects to `bucket`, through a grant or a statement given to
/// it or to the role it uses.
fn writes_to(stack: &Stack, function: &syn::Ident, bucket: &syn::Ident) -> bool {
    let role = role_of(stack, function);
    let holds =
        |principal: &syn::Path| is(principal, function) || role.is_some_and(|r| is(principal, r));
    let grant = stack.grants.iter().any(|g| {
        holds(&g.principal)
            && g.resource == *bucket
            && matches!(g.access.value, Access::Write | Access::ReadWrite)
    });
    let statement = stack.statements.iter().any(|s| {
        let puts = s.actions.iter().any(|a| {
            let lower = a.value.to_ascii_lowercase();
            // Of the actions that write objects, only these create them and fire the event.
            ["*", "s3:*", "s3:put*", "s3:putobject", "s3:restoreobject"].contains(&lower.as_str())
        });
        holds(&s.principal)
            && puts
            && s.resources
                .iter()
                .any(|r| r.construct == *bucket && r.objects.is_some())
    });
    grant || statement
}

/// A function triggered by objects created in a bucket that it may also write to calls
/// itself for every object it writes: without a filter that is certain and an error; with a
/// filter it depends on where the function writes, and is a warning (`recursive_trigger`).
/// Source: Lambda Developer Guide, "Using Lambda with Amazon S3", avoiding recursive invocations.
pub(crate) fn check_recursive_triggers(stack: &Stack, cx: &mut Ctxt) {
    for (index, n) in stack.notifications.iter().enumerate() {
        if n.event.value != ObjectEvent::Created {
            continue;
        }
        let function = path_ident(&n.handler);
        if !writes_to(stack, function, &n.bucket) {
            continue;
        }
        let filtered = n.prefix.is_some() || n.suffix.is_some();
        if !filtered {
            cx.error_spanned(n.event.span, format!("function `{function}` is triggered by every object created in `{0}` and may write to `{0}`, so each object it writes triggers it again (a recursive loop); write to another bucket, or filter the notification with a `prefix` or `suffix` the function never writes", n.bucket));
        } else if !stack.allows("recursive_trigger", ItemKind::Notification, index) {
            cx.warn_spanned(n.event.span, format!("function `{function}` may write to `{}`, which triggers it: make sure it never writes a key that matches this notification's filter (`#[allow(recursive_trigger)]` on this notification once it does not)", n.bucket));
        }
    }
}

/// S3 refuses two notification configurations for the same event type whose filters could
/// both match one key: overlapping prefixes (one starts the other) and overlapping suffixes.
/// Source: S3 User Guide, "Configuring event notifications using object key name filtering".
pub(crate) fn check_overlapping_notifications(stack: &Stack, cx: &mut Ctxt) {
    let overlap = |a: &Option<Sp<String>>, b: &Option<Sp<String>>, suffix: bool| match (a, b) {
        (Some(a), Some(b)) if suffix => a.value.ends_with(&b.value) || b.value.ends_with(&a.value),
        (Some(a), Some(b)) => a.value.starts_with(&b.value) || b.value.starts_with(&a.value),
        _ => true,
    };
    for (i, n) in stack.notifications.iter().enumerate() {
        let clash = stack.notifications[..i].iter().find(|m| {
            m.bucket == n.bucket
                && m.event.value == n.event.value
                && overlap(&m.prefix, &n.prefix, false)
                && overlap(&m.suffix, &n.suffix, true)
        });
        if clash.is_some() {
            cx.error_spanned(n.event.span, format!("this notification overlaps an earlier one on `{}` for the same event: S3 refuses two filters that can match one key; make the prefixes or the suffixes disjoint", n.bucket));
        }
    }
}

/// Code in another runtime: its reserved concurrency within the account's, not 0 while it
/// has triggers, and at least its provisioned concurrency; a queue it reads hides messages
/// at least as long as it runs, and six times as long to allow retries.
/// Source: "Configuring reserved concurrency"; "Using Lambda with Amazon SQS".
pub(crate) fn check_asset_concurrency(stack: &Stack, cx: &mut Ctxt) {
    let max = reserved_concurrency_max(stack);
    for function in stack.functions.iter().filter(|f| f.is_asset()) {
        let ident = path_ident(&function.path);
        let Some(reserved) = &function.props.reserved_concurrency else {
            continue;
        };
        if reserved.value > max {
            cx.error_spanned(reserved.span, format!("`reserved_concurrency` must be at most {max}: the account's concurrency less the {} Lambda keeps unreserved; declare a raised quota with `quotas {{ concurrent_executions: ... }}`", crate::syntax::limits::UNRESERVED_CONCURRENCY_MIN));
        }
        if reserved.value == 0
            && crate::syntax::valid::handler_paths(stack)
                .iter()
                .any(|p| is(p, ident))
        {
            cx.error_spanned(reserved.span, format!("function `{ident}` has triggers, and `reserved_concurrency: 0` keeps it from ever running; remove it or raise it"));
        }
        for alias in stack.aliases.iter().filter(|a| is(&a.function, ident)) {
            if let Some(pc) = alias
                .provisioned_concurrency
                .as_ref()
                .filter(|pc| pc.value > reserved.value)
            {
                cx.error_spanned(pc.span, format!("alias `{ident}.{}` provisioned concurrency ({}) is above function `{ident}` reserved concurrency ({}); raise `reserved_concurrency` or lower `provisioned_concurrency`", alias.name, pc.value, reserved.value));
            }
        }
    }
}

/// See [`check_asset_concurrency`]: the queue side, for code in another runtime.
pub(crate) fn check_asset_visibility(stack: &Stack, cx: &mut Ctxt) {
    for (index, source) in stack.sources.iter().enumerate() {
        let Some(queue) = stack.queues.iter().find(|q| q.ident == source.source) else {
            continue;
        };
        let function = stack
            .functions
            .iter()
            .find(|f| f.is_asset() && is(&f.path, path_ident(&source.handler)));
        let Some(timeout) = function
            .and_then(|f| f.props.timeout.as_ref().map(|t| t.value))
            .or(function.map(|_| crate::syntax::limits::TIMEOUT_DEFAULT_S))
        else {
            continue;
        };
        let visibility = queue
            .visibility_timeout
            .as_ref()
            .map_or(QUEUE_VISIBILITY_DEFAULT_S, |v| v.value);
        let name = path_ident(&source.handler);
        if visibility < timeout {
            cx.error_spanned(source.source.span(), format!("queue `{}` visibility timeout ({visibility} s) is below consumer `{name}` timeout ({timeout} s); raise the queue's `visibility_timeout` to at least the function's timeout, six times it to allow retries", queue.ident));
        } else if visibility < 6 * timeout
            && !stack.allows("short_visibility_timeout", ItemKind::Source, index)
        {
            cx.warn_spanned(source.source.span(), format!("queue `{}` visibility timeout ({visibility} s) is below six times consumer `{name}` timeout ({timeout} s), so a retried batch may run twice; raise it to {} s (or `#[allow(short_visibility_timeout)]` on this trigger)", queue.ident, 6 * timeout));
        }
    }
}
