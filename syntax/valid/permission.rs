//! IAM statements: well-formed actions known to their service, no wildcard unless allowed,
//! and each action on the kind of resource it acts on.

use crate::syntax::actions::ACTIONS;
use crate::syntax::ast::{AllowDecl, ItemKind, Sp, Stack};
use crate::syntax::errors::Ctxt;
use crate::syntax::valid::reference::{declared, Kind};

/// The resource types `action` (`service:Name`) acts on, when the service is one of those a
/// stack names; `None` for other services and for names with a wildcard.
fn resource_types(action: &str) -> Option<&'static [&'static str]> {
    let (service, name) = action.split_once(':')?;
    let (_, actions) = ACTIONS.iter().find(|(s, _)| *s == service)?;
    let name = name.to_ascii_lowercase();
    actions.iter().find(|(a, _)| *a == name).map(|(_, r)| *r)
}

/// Every action is `service:Action` and known to its service, none is a wildcard unless the
/// statement carries `#[allow(wildcard_action)]`, and each acts on a resource the statement
/// names: object actions on `bucket.objects`, bucket actions on `bucket`, Lambda actions on
/// functions. Source: IAM User Guide, "IAM JSON policy elements: Action"; Service
/// Authorization Reference.
pub(crate) fn check_statements(stack: &Stack, cx: &mut Ctxt) {
    let names = declared(stack);
    let handlers = crate::syntax::valid::handler_paths(stack);
    // A Rust handler wired in the stack is a function without a `function` line.
    let kind_of = |ident: &syn::Ident| {
        let declared = names
            .iter()
            .find(|(n, _, _)| ident == n)
            .map(|(_, k, _)| *k);
        let wired = handlers
            .iter()
            .any(|p| crate::syntax::ast::path_ident(p) == ident);
        declared.or(wired.then_some(Kind::Function))
    };
    for (index, statement) in stack.statements.iter().enumerate() {
        if statement.actions.is_empty() {
            let span = crate::syntax::ast::path_ident(&statement.principal).span();
            cx.error_spanned(
                span,
                "`allow` lists no actions; name at least one, as in `[\"s3:GetObject\"]`",
            );
        }
        let wildcards = stack.allows("wildcard_action", ItemKind::Statement, index);
        for action in &statement.actions {
            if check_action(action, wildcards, cx) {
                check_action_target(statement, action, &kind_of, cx);
            }
        }
    }
}

const FORM: &str = "must have the form `service:Action`, as in `s3:GetObject`";

/// Checks one action; `true` when it names actions of a known form that rules on resources
/// can check further.
fn check_action(action: &Sp<String>, wildcards: bool, cx: &mut Ctxt) -> bool {
    let value = &action.value;
    if value == "*" {
        if !wildcards {
            cx.error_spanned(action.span, "action `*` grants every action of every service; list the actions the function needs, or write `#[allow(wildcard_action)]` on this `allow`");
        }
        return false;
    }
    let Some((service, name)) = value.split_once(':') else {
        cx.error_spanned(action.span, format!("action `{value}` {FORM}"));
        return false;
    };
    let service_ok = !service.is_empty()
        && service
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let name_ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '*');
    if !service_ok || !name_ok {
        cx.error_spanned(action.span, format!("action `{value}` {FORM}"));
        return false;
    }
    if name.contains('*') {
        if !wildcards {
            cx.error_spanned(action.span, format!("action `{value}` is a wildcard over `{service}` actions; list the actions the function needs, or write `#[allow(wildcard_action)]` on this `allow`"));
        }
        return false;
    }
    let Some((_, actions)) = ACTIONS.iter().find(|(s, _)| *s == service) else {
        return true;
    };
    let lower = name.to_ascii_lowercase();
    if actions.iter().any(|(a, _)| *a == lower) {
        return true;
    }
    let known: Vec<&str> = actions.iter().map(|(a, _)| *a).collect();
    let hint = match crate::syntax::errors::did_you_mean(&lower, &known) {
        Some(close) => format!("; did you mean `{service}:{close}` (IAM ignores case)?"),
        None => format!("; see the Service Authorization Reference for `{service}`"),
    };
    cx.error_spanned(
        action.span,
        format!("`{service}` has no action `{name}`{hint}"),
    );
    false
}

fn check_action_target(
    statement: &AllowDecl,
    action: &Sp<String>,
    kind_of: &dyn Fn(&syn::Ident) -> Option<Kind>,
    cx: &mut Ctxt,
) {
    let value = action.value.as_str();
    let service = value.split(':').next().unwrap_or_default();
    let buckets = statement
        .resources
        .iter()
        .filter(|r| kind_of(&r.construct) == Some(Kind::Bucket));
    let (objects, bare): (Vec<_>, Vec<_>) = buckets.partition(|r| r.objects.is_some());
    let functions = statement
        .resources
        .iter()
        .filter(|r| kind_of(&r.construct) == Some(Kind::Function))
        .count();
    let types = resource_types(value).unwrap_or_default();
    let on_objects = service == "s3" && types.contains(&"object");
    let on_buckets = service == "s3" && types.contains(&"bucket");
    if service == "s3" && objects.is_empty() && bare.is_empty() && functions > 0 {
        cx.error_spanned(action.span, format!("`{value}` acts on S3, and the statement names no bucket; name the bucket, or `bucket.objects` for its objects"));
    } else if on_objects && objects.is_empty() {
        if let Some(bucket) = bare.first() {
            cx.error_spanned(bucket.construct.span(), format!("`{value}` acts on objects, and `{0}` is the bucket itself; write `{0}.objects`", bucket.construct));
        }
    } else if on_buckets && bare.is_empty() {
        if let Some(bucket) = objects.first() {
            cx.error_spanned(
                bucket.construct.span(),
                format!(
                    "`{value}` acts on the bucket, not its objects; write `{}`",
                    bucket.construct
                ),
            );
        }
    } else if service == "s3"
        && objects.is_empty()
        && bare.is_empty()
        && functions > 0
        && statement.resources.len() == functions
    {
        cx.error_spanned(
            action.span,
            format!("`{value}` acts on S3, and the statement names no bucket"),
        );
    } else if service == "lambda" && functions == 0 && !statement.resources.is_empty() {
        cx.error_spanned(
            action.span,
            format!("`{value}` acts on Lambda functions, and the statement names none"),
        );
    }
}
