//! References between constructs: each names something declared in the same stack, of the
//! kind the statement needs, and each name is declared once.

use crate::syntax::ast::{path_ident, ObjectEvent, Stack};
use crate::syntax::errors::{suggestion, Ctxt};
use proc_macro2::Span;
use syn::{Ident, Path};

/// What a name in a stack denotes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Function,
    Bucket,
    Role,
    Api,
    Queue,
    Table,
    Stream,
    Topic,
    Bus,
    Schedule,
    Rule,
    Alarm,
}

/// `a queue`, `an API`.
pub(crate) fn article(kind: Kind) -> &'static str {
    kind.article()
}

impl Kind {
    fn article(self) -> &'static str {
        match self {
            Kind::Function => "a function",
            Kind::Bucket => "a bucket",
            Kind::Role => "a role",
            Kind::Api => "an API",
            Kind::Queue => "a queue",
            Kind::Table => "a table",
            Kind::Stream => "a stream",
            Kind::Topic => "a topic",
            Kind::Bus => "an event bus",
            Kind::Schedule => "a schedule",
            Kind::Rule => "a rule",
            Kind::Alarm => "an alarm",
        }
    }
}

/// Every name declared in `stack`, with its kind and the span that declares it; Rust handlers
/// count as declared where they are first referenced.
pub fn declared(stack: &Stack) -> Vec<(String, Kind, Span)> {
    let mut names = Vec::new();
    for f in &stack.functions {
        let ident = path_ident(&f.path);
        names.push((ident.to_string(), Kind::Function, ident.span()));
    }
    for b in &stack.buckets {
        names.push((b.ident.to_string(), Kind::Bucket, b.ident.span()));
    }
    for r in &stack.roles {
        names.push((r.ident.to_string(), Kind::Role, r.ident.span()));
    }
    for a in &stack.apis {
        names.push((a.ident.to_string(), Kind::Api, a.ident.span()));
    }
    let others = stack
        .queues
        .iter()
        .map(|q| (&q.ident, Kind::Queue))
        .chain(stack.tables.iter().map(|t| (&t.ident, Kind::Table)))
        .chain(stack.streams.iter().map(|s| (&s.ident, Kind::Stream)))
        .chain(stack.topics.iter().map(|t| (&t.ident, Kind::Topic)))
        .chain(stack.buses.iter().map(|b| (&b.ident, Kind::Bus)))
        .chain(stack.schedules.iter().map(|s| (&s.ident, Kind::Schedule)))
        .chain(stack.rules.iter().map(|r| (&r.ident, Kind::Rule)))
        .chain(stack.alarms.iter().map(|a| (&a.ident, Kind::Alarm)));
    for (ident, kind) in others {
        names.push((ident.to_string(), kind, ident.span()));
    }
    names
}

/// Function paths the stack refers to beyond `function` lines: handlers wired to triggers,
/// then functions with versions, aliases and alarms, in declaration order.
pub fn handler_paths(stack: &Stack) -> Vec<&Path> {
    let routes = stack
        .apis
        .iter()
        .flat_map(|a| a.routes.iter().map(|r| &r.handler));
    let notifications = stack.notifications.iter().map(|n| &n.handler);
    let sources = stack.sources.iter().map(|s| &s.handler);
    let schedules = stack.schedules.iter().map(|s| &s.handler);
    let rules = stack.rules.iter().map(|r| &r.handler);
    let versions = stack.versions.iter();
    let aliases = stack.aliases.iter().map(|a| &a.function);
    let alarms = stack.alarms.iter().filter_map(|a| a.function.as_ref());
    routes
        .chain(notifications)
        .chain(sources)
        .chain(schedules)
        .chain(rules)
        .chain(versions)
        .chain(aliases)
        .chain(alarms)
        .collect()
}

/// Each construct name is declared once per stack, whatever its kind, and two handler paths
/// that end in the same name are one function.
pub(crate) fn check_unique_constructs(stack: &Stack, cx: &mut Ctxt) {
    let mut seen: Vec<(String, Kind)> = Vec::new();
    for (name, kind, span) in declared(stack) {
        if let Some((_, earlier)) = seen.iter().find(|(n, _)| *n == name) {
            let message = if *earlier == kind {
                format!(
                    "duplicate {} `{name}` in stack `{}`",
                    kind_word(kind),
                    stack.name
                )
            } else {
                format!("`{name}` is already declared as {} in stack `{}`; give each construct its own name", earlier.article(), stack.name)
            };
            cx.error_spanned(span, message);
        } else {
            seen.push((name, kind));
        }
    }
    let mut paths: Vec<&Path> = stack.functions.iter().map(|f| &f.path).collect();
    paths.extend(handler_paths(stack));
    for (i, path) in paths.iter().enumerate() {
        let ident = path_ident(path);
        let clash = paths[..i]
            .iter()
            .find(|p| path_ident(p) == ident && !same_path(p, path));
        if let Some(other) = clash {
            cx.error_spanned(ident.span(), format!("handler `{}` and handler `{}` share the function name `{ident}` in stack `{}`; rename one of them", path_text(other), path_text(path), stack.name));
        }
    }
}

pub(crate) fn kind_word(kind: Kind) -> &'static str {
    &kind.article()[kind.article().find(' ').map_or(0, |i| i + 1)..]
}

fn same_path(a: &Path, b: &Path) -> bool {
    path_text(a) == path_text(b)
}

/// `a::b::c` as written, without spaces.
pub fn path_text(path: &Path) -> String {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let lead = if path.leading_colon.is_some() {
        "::"
    } else {
        ""
    };
    format!("{lead}{}", segments.join("::"))
}

/// Every reference names a construct of the right kind in the same stack.
pub(crate) fn check_references(stack: &Stack, cx: &mut Ctxt) {
    let names = declared(stack);
    for n in &stack.notifications {
        let is_bucket = kind_of(&names, &n.bucket) == Some(Kind::Bucket);
        if let (true, ObjectEvent::Poll(method)) = (is_bucket, &n.event.value) {
            let handler = path_text(&n.handler);
            cx.error_spanned(n.event.span, format!("S3 is not a poll-based event source, so bucket `{}` takes no event source mapping (`{method}`); S3 invokes functions through notifications: write `{}.on_object_created() => {handler};`", n.bucket, n.bucket));
        }
        expect_kind(&names, &n.bucket, Kind::Bucket, cx);
    }
    for path in handler_paths(stack) {
        expect_handler(&names, path, cx);
    }
    for grant in &stack.grants {
        expect_principal(&names, &grant.principal, cx);
        check_grant(&names, grant, cx);
    }
    for statement in &stack.statements {
        expect_principal(&names, &statement.principal, cx);
        for target in &statement.resources {
            match kind_of(&names, &target.construct) {
                Some(Kind::Bucket) => {}
                Some(Kind::Function) if target.objects.is_none() => {}
                Some(Kind::Function) => cx.error_spanned(
                    target.construct.span(),
                    format!(
                        "`{}` is a function and has no objects; write `{}`",
                        target.construct, target.construct
                    ),
                ),
                Some(kind) => cx.error_spanned(
                    target.construct.span(),
                    format!(
                        "`allow` names buckets and functions, and `{}` is {}",
                        target.construct,
                        kind.article()
                    ),
                ),
                // A Rust handler wired in this stack needs no `function` line.
                None if handler_paths(stack)
                    .iter()
                    .any(|p| path_ident(p) == &target.construct) => {}
                None => unknown(&names, &target.construct, "bucket or function", cx),
            }
        }
    }
    for function in &stack.functions {
        if let Some(role) = &function.props.role {
            expect_kind(&names, role, Kind::Role, cx);
        }
    }
    check_outputs(stack, &names, cx);
}

/// Access levels each kind of resource takes.
const GRANTS: &[(Kind, &[&str])] = &[
    (Kind::Bucket, &["read", "write", "read_write"]),
    (Kind::Table, &["read", "write", "read_write"]),
    (Kind::Stream, &["read", "write", "read_write"]),
    (Kind::Queue, &["send", "consume"]),
    (Kind::Topic, &["publish"]),
];

fn check_grant(
    names: &[(String, Kind, Span)],
    grant: &crate::syntax::ast::GrantDecl,
    cx: &mut Ctxt,
) {
    let Some(kind) = kind_of(names, &grant.resource) else {
        unknown(names, &grant.resource, "resource", cx);
        return;
    };
    let Some((_, levels)) = GRANTS.iter().find(|(k, _)| *k == kind) else {
        cx.error_spanned(
            grant.resource.span(),
            format!(
                "`{}` is {}, and grants go on buckets, tables, streams, queues and topics",
                grant.resource,
                kind.article()
            ),
        );
        return;
    };
    let access = access_word(grant.access.value);
    if !levels.contains(&access) {
        cx.error_spanned(
            grant.access.span,
            format!(
                "`{access}` does not apply to {} `{}`; grant one of {}",
                kind_word(kind),
                grant.resource,
                crate::syntax::errors::backticked(levels)
            ),
        );
    }
}

fn access_word(access: crate::syntax::ast::Access) -> &'static str {
    use crate::syntax::ast::Access;
    match access {
        Access::Read => "read",
        Access::Write => "write",
        Access::ReadWrite => "read_write",
        Access::Send => "send",
        Access::Consume => "consume",
        Access::Publish => "publish",
    }
}

pub(crate) fn kind_of(names: &[(String, Kind, Span)], ident: &Ident) -> Option<Kind> {
    names
        .iter()
        .find(|(n, _, _)| ident == n)
        .map(|(_, k, _)| *k)
}

pub(crate) fn unknown(names: &[(String, Kind, Span)], ident: &Ident, what: &str, cx: &mut Ctxt) {
    let candidates: Vec<&str> = names.iter().map(|(n, _, _)| n.as_str()).collect();
    let hint = match crate::syntax::errors::did_you_mean(&ident.to_string(), &candidates) {
        Some(close) => format!("; did you mean `{close}`?"),
        None => {
            // A name that may be a Rust handler is declared with a `function` line.
            let keyword = if what.contains("function") || what == "construct" {
                "function"
            } else if what.starts_with("event bus") {
                "event_bus"
            } else {
                what.split([' ', ',']).next().unwrap_or(what)
            };
            format!("; declare it in the stack, as in `{keyword} {ident};`")
        }
    };
    cx.error_spanned(ident.span(), format!("unknown {what} `{ident}`{hint}"));
}

pub(crate) fn expect_kind(
    names: &[(String, Kind, Span)],
    ident: &Ident,
    want: Kind,
    cx: &mut Ctxt,
) {
    match kind_of(names, ident) {
        Some(kind) if kind == want => {}
        Some(kind) => cx.error_spanned(
            ident.span(),
            format!("`{ident}` is {}, not {}", kind.article(), want.article()),
        ),
        None => unknown(names, ident, kind_word(want), cx),
    }
}

/// A handler is a Rust handler (checked by the compiler) or a function of this stack.
pub(crate) fn expect_handler(names: &[(String, Kind, Span)], path: &Path, cx: &mut Ctxt) {
    if path.segments.len() > 1 {
        return;
    }
    let ident = path_ident(path);
    if let Some(kind) = kind_of(names, ident).filter(|k| *k != Kind::Function) {
        cx.error_spanned(
            ident.span(),
            format!("`{ident}` is {}, not a function", kind.article()),
        );
    }
}

/// Grants and statements go to a function's own role or to a declared role.
fn expect_principal(names: &[(String, Kind, Span)], path: &Path, cx: &mut Ctxt) {
    if path.segments.len() > 1 {
        return;
    }
    let ident = path_ident(path);
    if let Some(kind) = kind_of(names, ident).filter(|k| *k == Kind::Bucket || *k == Kind::Api) {
        cx.error_spanned(
            ident.span(),
            format!(
                "permissions are granted to a function or a role, and `{ident}` is {}",
                kind.article()
            ),
        );
    }
}

/// Attributes each kind of construct exposes to `output`.
pub const OUTPUT_ATTRIBUTES: &[(Kind, &[&str])] = &[
    (Kind::Api, &["url", "id"]),
    (Kind::Bucket, &["name", "arn"]),
    (Kind::Function, &["name", "arn"]),
    (Kind::Role, &["name", "arn"]),
    (Kind::Queue, &["url", "arn"]),
    (Kind::Table, &["name", "arn"]),
    (Kind::Stream, &["arn"]),
    (Kind::Topic, &["arn"]),
];

fn check_outputs(stack: &Stack, names: &[(String, Kind, Span)], cx: &mut Ctxt) {
    let mut seen: Vec<String> = Vec::new();
    for output in &stack.outputs {
        let name = output.name.to_string();
        if seen.contains(&name) {
            cx.error_spanned(output.name.span(), format!("duplicate output `{name}`"));
        }
        seen.push(name);
        let Some(kind) = kind_of(names, &output.construct) else {
            // A Rust handler may be named without a `function` line.
            if !handler_paths(stack)
                .iter()
                .any(|p| path_ident(p) == &output.construct)
            {
                unknown(names, &output.construct, "construct", cx);
                continue;
            }
            check_attribute(Kind::Function, output, cx);
            continue;
        };
        check_attribute(kind, output, cx);
    }
}

fn check_attribute(kind: Kind, output: &crate::syntax::ast::OutputDecl, cx: &mut Ctxt) {
    let accepted = OUTPUT_ATTRIBUTES
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(&[][..], |(_, a)| *a);
    let found = output.attribute.to_string();
    if !accepted.contains(&found.as_str()) {
        cx.error_spanned(
            output.attribute.span(),
            format!(
                "{} has no output attribute `{found}`{}",
                kind.article(),
                suggestion(&found, accepted)
            ),
        );
    }
}

/// `make_thumbnail` to `MakeThumbnail`, as synthesis names resources.
fn pascal(name: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(if upper { c.to_ascii_uppercase() } else { c });
            upper = false;
        } else {
            upper = true;
        }
    }
    out
}

/// The suffix synthesis gives each kind's logical ID.
fn logical_suffix(kind: Kind) -> &'static str {
    match kind {
        Kind::Function => "Function",
        Kind::Bucket => "Bucket",
        Kind::Role => "Role",
        Kind::Api => "Api",
        Kind::Queue => "Queue",
        Kind::Table => "Table",
        Kind::Stream => "Stream",
        Kind::Topic => "Topic",
        Kind::Bus => "Bus",
        Kind::Schedule | Kind::Rule => "Rule",
        Kind::Alarm => "Alarm",
    }
}

/// Two constructs whose logical IDs would be equal (`uploads` and `uploads_bucket` are both
/// `UploadsBucket`), two outputs with one PascalCase name, and two constructs with the same
/// explicit name all collide in the template or in the account.
pub(crate) fn check_collisions(stack: &Stack, cx: &mut Ctxt) {
    let mut ids: Vec<(String, String)> = Vec::new();
    for (name, kind, span) in declared(stack) {
        let base = pascal(&name);
        let suffix = logical_suffix(kind);
        let id = if base.len() > suffix.len() && base.ends_with(suffix) {
            base
        } else {
            base + suffix
        };
        match ids.iter().find(|(_, other)| *other == id) {
            Some((earlier, _)) if *earlier != name => cx.error_spanned(span, format!("`{name}` and `{earlier}` would both be `{id}` in the template; rename one of them")),
            _ => ids.push((name, id)),
        }
    }
    let mut outputs: Vec<(String, String)> = Vec::new();
    for output in &stack.outputs {
        let name = output.name.to_string();
        let id = pascal(&name);
        match outputs.iter().find(|(_, other)| *other == id) {
            Some((earlier, _)) if *earlier != name => cx.error_spanned(output.name.span(), format!("outputs `{name}` and `{earlier}` would both be `{id}` in the template; rename one of them")),
            _ => outputs.push((name, id)),
        }
    }
    let mut names: Vec<(&str, String)> = Vec::new();
    let explicit = stack
        .functions
        .iter()
        .filter_map(|f| f.props.name.as_ref().map(|n| ("function", n)))
        .chain(
            stack
                .buckets
                .iter()
                .filter_map(|b| b.name.as_ref().map(|n| ("bucket", n))),
        )
        .chain(
            stack
                .queues
                .iter()
                .filter_map(|q| q.name.as_ref().map(|n| ("queue", n))),
        )
        .chain(
            stack
                .roles
                .iter()
                .filter_map(|r| r.name.as_ref().map(|n| ("role", n))),
        );
    for (kind, name) in explicit {
        if names.iter().any(|(k, n)| *k == kind && *n == name.value) {
            cx.error_spanned(
                name.span,
                format!(
                    "another {kind} of this stack is named `{}`; names are unique in an account",
                    name.value
                ),
            );
        } else {
            names.push((kind, name.value.clone()));
        }
    }
}
