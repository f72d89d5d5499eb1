//! `syn` parsers that build the ast. They check the grammar; value rules live in `valid`.

use crate::syntax::ast::*;
use crate::syntax::errors::{backticked, suggestion};
use crate::syntax::kw;
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{braced, bracketed, parenthesized, Error, Ident, LitInt, LitStr, Path, Result, Token};

/// A `key = value` (attribute) or `key: value` (stack) property, before its meaning is known.
pub struct Prop {
    pub key: Ident,
    pub value: Value,
}

/// A property value as written.
pub enum Value {
    Int { lit: LitInt, negative: bool },
    Float { lit: syn::LitFloat, negative: bool },
    Str(LitStr),
    Ident(Ident),
    Bool(syn::LitBool),
    Map(Span, Vec<(Sp<String>, Value)>),
    List(Span, Vec<Value>),
}

impl Value {
    fn span(&self) -> Span {
        match self {
            Value::Int { lit, .. } => lit.span(),
            Value::Float { lit, .. } => lit.span(),
            Value::Str(lit) => lit.span(),
            Value::Ident(ident) => ident.span(),
            Value::Bool(lit) => lit.span,
            Value::Map(span, _) | Value::List(span, _) => *span,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Value::Int { .. } => "an integer",
            Value::Float { .. } => "a decimal number",
            Value::Str(_) => "a string",
            Value::Ident(_) => "a name",
            Value::Bool(_) => "a boolean",
            Value::Map(..) => "a `{ ... }` map",
            Value::List(..) => "a `[ ... ]` list",
        }
    }
}

/// How a property list separates keys from values.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    /// `key = value`, inside `#[lambda_function(...)]` and call arguments.
    Eq,
    /// `key: value`, inside `stack!` blocks.
    Colon,
}

fn parse_separator(input: ParseStream<'_>, sep: Separator, key: &Ident) -> Result<()> {
    match sep {
        Separator::Eq if input.peek(Token![=]) => input.parse::<Token![=]>().map(drop),
        Separator::Colon if input.peek(Token![:]) => input.parse::<Token![:]>().map(drop),
        Separator::Eq => Err(input.error(format!("expected `=` after `{key}`"))),
        Separator::Colon => Err(input.error(format!("expected `:` after `{key}`"))),
    }
}

/// Parses `key <sep> value, ...` up to the end of `input`.
pub fn parse_props(input: ParseStream<'_>, sep: Separator) -> Result<Vec<Prop>> {
    let mut props = Vec::new();
    while !input.is_empty() {
        let key = Ident::parse_any(input)?;
        parse_separator(input, sep, &key)?;
        let value = parse_value(input, sep)?;
        props.push(Prop { key, value });
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(props)
}

fn parse_value(input: ParseStream<'_>, sep: Separator) -> Result<Value> {
    let lookahead = input.lookahead1();
    if lookahead.peek(Token![-]) {
        input.parse::<Token![-]>()?;
        if input.peek(syn::LitFloat) {
            let lit = input.parse()?;
            return Ok(Value::Float {
                lit,
                negative: true,
            });
        }
        let lit = input.parse()?;
        Ok(Value::Int {
            lit,
            negative: true,
        })
    } else if lookahead.peek(syn::LitFloat) {
        let lit = input.parse()?;
        Ok(Value::Float {
            lit,
            negative: false,
        })
    } else if lookahead.peek(LitInt) {
        let lit = input.parse()?;
        Ok(Value::Int {
            lit,
            negative: false,
        })
    } else if lookahead.peek(LitStr) {
        input.parse().map(Value::Str)
    } else if lookahead.peek(syn::LitBool) {
        input.parse().map(Value::Bool)
    } else if lookahead.peek(Ident::peek_any) {
        Ident::parse_any(input).map(Value::Ident)
    } else if lookahead.peek(syn::token::Brace) {
        let content;
        let brace = braced!(content in input);
        let mut entries = Vec::new();
        while !content.is_empty() {
            let key = if content.peek(LitStr) {
                let lit: LitStr = content.parse()?;
                Sp::new(lit.value(), lit.span())
            } else {
                let ident = Ident::parse_any(&content)?;
                Sp::new(ident.to_string(), ident.span())
            };
            let key_ident = Ident::new("key", key.span);
            parse_separator(&content, sep, &key_ident).map_err(|_| {
                let want = if sep == Separator::Eq { "=" } else { ":" };
                content.error(format!("expected `{want}` after `{}`", key.value))
            })?;
            entries.push((key, parse_value(&content, sep)?));
            if content.is_empty() {
                break;
            }
            content.parse::<Token![,]>()?;
        }
        Ok(Value::Map(brace.span.join(), entries))
    } else if lookahead.peek(syn::token::Bracket) {
        let content;
        let bracket = bracketed!(content in input);
        let mut items = Vec::new();
        while !content.is_empty() {
            items.push(parse_value(&content, sep)?);
            if content.is_empty() {
                break;
            }
            content.parse::<Token![,]>()?;
        }
        Ok(Value::List(bracket.span.join(), items))
    } else {
        Err(lookahead.error())
    }
}

/// Reads typed values out of a property list, recording every mistake and going on.
struct PropReader<'a> {
    errors: &'a mut Vec<Error>,
    seen: Vec<String>,
}

impl PropReader<'_> {
    fn wrong_type(&mut self, key: &Ident, value: &Value, want: &str) {
        let message = format!("`{key}` expects {want}, found {}", value.kind());
        self.errors.push(Error::new(value.span(), message));
    }

    /// Records the key; `false` (with an error on the key) when it was already given.
    fn first_time(&mut self, key: &Ident) -> bool {
        let name = key.to_string();
        if self.seen.contains(&name) {
            let message = format!("duplicate `{name}` property");
            self.errors.push(Error::new(key.span(), message));
            return false;
        }
        self.seen.push(name);
        true
    }

    fn int(&mut self, key: &Ident, value: &Value, unit: &str) -> Option<Sp<u64>> {
        match value {
            Value::Int { lit, negative } => match lit.base10_parse::<u64>() {
                Ok(n) if !*negative && lit.suffix().is_empty() => Some(Sp::new(n, lit.span())),
                Ok(_) if !lit.suffix().is_empty() => {
                    let message =
                        format!("`{key}` takes a plain integer in {unit}, without a type suffix");
                    self.errors.push(Error::new(lit.span(), message));
                    None
                }
                Ok(_) => {
                    let message = format!("`{key}` must not be negative, found `-{lit}` {unit}");
                    self.errors.push(Error::new(lit.span(), message));
                    None
                }
                Err(_) => {
                    let message = format!("`{key}` is far too large, found `{lit}` {unit}");
                    self.errors.push(Error::new(lit.span(), message));
                    None
                }
            },
            other => {
                self.wrong_type(key, other, &format!("an integer in {unit}"));
                None
            }
        }
    }

    /// An integer that may be negative, such as `-1` for "no limit".
    fn signed(&mut self, key: &Ident, value: &Value, unit: &str) -> Option<Sp<i64>> {
        match value {
            Value::Int { lit, negative } if lit.suffix().is_empty() => match lit
                .base10_parse::<i64>()
            {
                Ok(n) => Some(Sp::new(if *negative { -n } else { n }, lit.span())),
                Err(_) => {
                    let message = format!("`{key}` must be an integer in {unit}, found `{lit}`");
                    self.errors.push(Error::new(lit.span(), message));
                    None
                }
            },
            other => {
                self.wrong_type(key, other, &format!("an integer in {unit}"));
                None
            }
        }
    }

    /// A number, integer or decimal.
    fn float(&mut self, key: &Ident, value: &Value) -> Option<Sp<f64>> {
        let parsed = match value {
            Value::Int { lit, negative } => lit
                .base10_parse::<f64>()
                .map(|n| (n, *negative, lit.span())),
            Value::Float { lit, negative } => lit
                .base10_parse::<f64>()
                .map(|n| (n, *negative, lit.span())),
            other => {
                self.wrong_type(key, other, "a number");
                return None;
            }
        };
        match parsed {
            Ok((n, negative, span)) if n.is_finite() => {
                Some(Sp::new(if negative { -n } else { n }, span))
            }
            _ => {
                self.wrong_type(key, value, "a finite number");
                None
            }
        }
    }

    fn boolean(&mut self, key: &Ident, value: &Value) -> Option<Sp<bool>> {
        match value {
            Value::Bool(lit) => Some(Sp::new(lit.value, lit.span)),
            other => {
                self.wrong_type(key, other, "`true` or `false`");
                None
            }
        }
    }

    /// One construct name, or a `[a, b]` list of them.
    fn idents(&mut self, key: &Ident, value: &Value, what: &str) -> Vec<Ident> {
        match value {
            Value::Ident(ident) => vec![ident.clone()],
            Value::List(_, items) => items
                .iter()
                .filter_map(|item| self.ident(key, item, &[what]))
                .collect(),
            other => {
                self.wrong_type(key, other, what);
                Vec::new()
            }
        }
    }

    fn string(&mut self, key: &Ident, value: &Value) -> Option<Sp<String>> {
        match value {
            Value::Str(lit) => Some(Sp::new(lit.value(), lit.span())),
            other => {
                self.wrong_type(key, other, "a string literal");
                None
            }
        }
    }

    fn ident(&mut self, key: &Ident, value: &Value, allowed: &[&str]) -> Option<Ident> {
        match value {
            Value::Ident(ident) => Some(ident.clone()),
            other => {
                let want = format!("one of {}", backticked(allowed));
                self.wrong_type(key, other, &want);
                None
            }
        }
    }

    fn choice<T: Copy>(
        &mut self,
        key: &Ident,
        value: &Value,
        table: &[(&str, T)],
    ) -> Option<Sp<T>> {
        let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
        let ident = self.ident(key, value, &names)?;
        let found = ident.to_string();
        match table.iter().find(|(n, _)| *n == found) {
            Some((_, v)) => Some(Sp::new(*v, ident.span())),
            None => {
                let message = format!(
                    "unknown `{key}` value `{found}`{}",
                    suggestion(&found, &names)
                );
                self.errors.push(Error::new(ident.span(), message));
                None
            }
        }
    }

    fn environment(&mut self, key: &Ident, value: &Value) -> Vec<(Sp<String>, Sp<String>)> {
        let Value::Map(_, entries) = value else {
            self.wrong_type(key, value, "a `{ NAME = \"value\", ... }` map");
            return Vec::new();
        };
        let mut vars: Vec<(Sp<String>, Sp<String>)> = Vec::new();
        for (name, value) in entries {
            if vars.iter().any(|(n, _)| n.value == name.value) {
                let message = format!("duplicate environment variable `{}`", name.value);
                self.errors.push(Error::new(name.span, message));
                continue;
            }
            match value {
                Value::Str(lit) => vars.push((name.clone(), Sp::new(lit.value(), lit.span()))),
                other => {
                    let message = format!(
                        "environment variable `{}` expects a string literal, found {}",
                        name.value,
                        other.kind()
                    );
                    self.errors.push(Error::new(other.span(), message));
                }
            }
        }
        vars
    }
}

/// Where a function's properties are written, which decides the keys it accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PropsSite {
    /// `#[lambda_function(...)]`
    Attribute,
    /// `function name { ... }` naming a Rust handler: only stack-level settings.
    StackHandler,
    /// `function name { runtime: ..., ... }`: code in another runtime.
    StackAsset,
}

const FUNCTION_KEYS: &[&str] = &[
    "memory",
    "timeout",
    "name",
    "description",
    "architecture",
    "environment",
    "reserved_concurrency",
    "ephemeral_storage",
    "log_retention",
    "tracing",
    "log_format",
    "application_log_level",
    "system_log_level",
];
const ASSET_KEYS: &[&str] = &["runtime", "handler", "code"];
/// Settings of a function that name other constructs, so they live in `stack!`.
const STACK_KEYS: &[&str] = &[
    "role",
    "retry_attempts",
    "max_event_age",
    "on_success",
    "on_failure",
    "dead_letter",
];
const LOG_FORMATS: &[(&str, LogFormat)] = &[("text", LogFormat::Text), ("json", LogFormat::Json)];
const LOG_LEVELS: &[(&str, LogLevel)] = &[
    ("trace", LogLevel::Trace),
    ("debug", LogLevel::Debug),
    ("info", LogLevel::Info),
    ("warn", LogLevel::Warn),
    ("error", LogLevel::Error),
    ("fatal", LogLevel::Fatal),
];
const ARCHITECTURES: &[(&str, Architecture)] = &[
    ("x86_64", Architecture::X86_64),
    ("arm64", Architecture::Arm64),
];
const TRACING_MODES: &[(&str, Tracing)] = &[
    ("active", Tracing::Active),
    ("pass_through", Tracing::PassThrough),
];

fn accepted_keys(site: PropsSite) -> Vec<&'static str> {
    match site {
        PropsSite::Attribute => FUNCTION_KEYS.to_vec(),
        PropsSite::StackHandler => STACK_KEYS.to_vec(),
        PropsSite::StackAsset => FUNCTION_KEYS
            .iter()
            .chain(ASSET_KEYS)
            .chain(STACK_KEYS)
            .copied()
            .collect(),
    }
}

/// Builds function settings from a property list, recording every mistake in `errors`.
pub fn function_props(props: &[Prop], site: PropsSite, errors: &mut Vec<Error>) -> FunctionProps {
    let mut out = FunctionProps::default();
    let mut reader = PropReader {
        errors,
        seen: Vec::new(),
    };
    let accepted = accepted_keys(site);
    for Prop { key, value } in props {
        let name = key.to_string();
        if !accepted.contains(&name.as_str()) {
            let message = unknown_function_key(&name, site, &accepted);
            reader.errors.push(Error::new(key.span(), message));
            continue;
        }
        if !reader.first_time(key) {
            continue;
        }
        match name.as_str() {
            "memory" => out.memory = reader.int(key, value, "MB"),
            "timeout" => out.timeout = reader.int(key, value, "seconds"),
            "name" => out.name = reader.string(key, value),
            "description" => out.description = reader.string(key, value),
            "architecture" => out.architecture = reader.choice(key, value, ARCHITECTURES),
            "environment" => out.environment = reader.environment(key, value),
            "reserved_concurrency" => {
                out.reserved_concurrency = reader.int(key, value, "concurrent executions");
            }
            "ephemeral_storage" => out.ephemeral_storage = reader.int(key, value, "MB"),
            "log_retention" => out.log_retention = reader.int(key, value, "days"),
            "tracing" => out.tracing = reader.choice(key, value, TRACING_MODES),
            "runtime" => out.runtime = reader.string(key, value),
            "handler" => out.handler = reader.string(key, value),
            "code" => out.code = reader.string(key, value),
            "role" => out.role = reader.ident(key, value, &["a role declared in this stack"]),
            "log_format" => out.log_format = reader.choice(key, value, LOG_FORMATS),
            "application_log_level" => {
                out.application_log_level = reader.choice(key, value, LOG_LEVELS);
            }
            "system_log_level" => out.system_log_level = reader.choice(key, value, LOG_LEVELS),
            "retry_attempts" => out.retry_attempts = reader.int(key, value, "retries"),
            "max_event_age" => out.max_event_age = reader.int(key, value, "seconds"),
            "on_success" => {
                out.on_success =
                    reader.ident(key, value, &["a queue, topic, function or event bus"]);
            }
            "on_failure" => {
                out.on_failure =
                    reader.ident(key, value, &["a queue, topic, function or event bus"]);
            }
            _ => out.dead_letter = reader.ident(key, value, &["a queue or topic"]),
        }
    }
    out
}

fn unknown_function_key(name: &str, site: PropsSite, accepted: &[&str]) -> String {
    if site == PropsSite::StackHandler && FUNCTION_KEYS.contains(&name) {
        return format!("`{name}` of a Rust handler is set in its `#[lambda_function({name} = ...)]` attribute, not in `stack!`");
    }
    if site == PropsSite::Attribute && STACK_KEYS.contains(&name) {
        return format!("`{name}` names other constructs, so it is set in `stack!`: `function handler {{ {name}: ... }}`");
    }
    if site == PropsSite::Attribute && ASSET_KEYS.contains(&name) {
        return format!("`{name}` is not a `#[lambda_function]` property; a Rust handler runs on `provided.al2023` from this crate's binary, and code in another runtime is declared in `stack!` with `function name {{ runtime: ..., handler: ..., code: ... }}`");
    }
    format!(
        "unknown function property `{name}`{}",
        suggestion(name, accepted)
    )
}

impl Parse for FunctionAttr {
    fn parse(input: ParseStream<'_>) -> Result<Self> {
        let props = parse_props(input, Separator::Eq)?;
        let mut errors = Vec::new();
        let props = function_props(&props, PropsSite::Attribute, &mut errors);
        Ok(FunctionAttr { props, errors })
    }
}

impl Parse for StackInput {
    fn parse(input: ParseStream<'_>) -> Result<Self> {
        let mut stacks = Vec::new();
        let mut errors = Vec::new();
        if input.is_empty() {
            let message = "`stack!` declares no stack; write `stack! { MyStack { ... } }`";
            return Err(Error::new(Span::call_site(), message));
        }
        while !input.is_empty() {
            stacks.push(parse_stack(input, &mut errors)?);
        }
        Ok(StackInput { stacks, errors })
    }
}

fn parse_stack(input: ParseStream<'_>, errors: &mut Vec<Error>) -> Result<Stack> {
    let name: Ident = input.parse().map_err(|e| {
        Error::new(
            e.span(),
            "expected a stack name, as in `stack! { MyStack { ... } }`",
        )
    })?;
    let content;
    braced!(content in input);
    let mut stack = Stack {
        name,
        functions: Vec::new(),
        buckets: Vec::new(),
        roles: Vec::new(),
        apis: Vec::new(),
        notifications: Vec::new(),
        grants: Vec::new(),
        statements: Vec::new(),
        outputs: Vec::new(),
        queues: Vec::new(),
        tables: Vec::new(),
        streams: Vec::new(),
        topics: Vec::new(),
        buses: Vec::new(),
        sources: Vec::new(),
        schedules: Vec::new(),
        rules: Vec::new(),
        versions: Vec::new(),
        aliases: Vec::new(),
        alarms: Vec::new(),
        allowed: Vec::new(),
        quotas: Quotas::default(),
    };
    while !content.is_empty() {
        parse_stack_item(&content, &mut stack, errors)?;
    }
    Ok(stack)
}

const STACK_ITEMS: &str = "expected a stack item: `function`, `api`, `quotas`, `bucket`, `queue`, `table`, `stream`, `topic`, `event_bus`, `schedule`, `rule`, `role`, `grant`, `allow`, `version`, `alias`, `alarm`, `output`, or a trigger such as `uploads.on_object_created() => handler;`";

/// Parses one item with its `#[allow(...)]` attributes.
fn parse_stack_item(
    input: ParseStream<'_>,
    stack: &mut Stack,
    errors: &mut Vec<Error>,
) -> Result<()> {
    let attrs = input.call(syn::Attribute::parse_outer)?;
    let lints = allowed_lints(&attrs, errors);
    let before = item_counts(stack);
    parse_item(input, stack, errors)?;
    let after = item_counts(stack);
    let item = before
        .iter()
        .zip(after)
        .find(|((_, b), (_, a))| a > b)
        .map(|((kind, _), (_, count))| (*kind, count - 1));
    for lint in lints {
        let applies = LINTS
            .iter()
            .find(|(name, _)| lint == name)
            .map(|(_, kind)| *kind);
        match (item, applies) {
            (Some((kind, index)), Some(applies)) if kind == applies => {
                stack.allowed.push(Allowed { lint, kind, index });
            }
            _ => {
                let message = format!(
                    "`{lint}` is not a warning of this item; lints and the items they apply to: {}",
                    lint_list()
                );
                errors.push(Error::new(lint.span(), message));
            }
        }
    }
    Ok(())
}

fn lint_list() -> String {
    let items: Vec<String> = LINTS
        .iter()
        .map(|(name, kind)| format!("`{name}` ({})", item_word(*kind)))
        .collect();
    items.join(", ")
}

fn item_word(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Function => "on `function`",
        ItemKind::Source => "on `on_message` and `on_record` triggers",
        ItemKind::Notification => "on bucket notifications",
        ItemKind::Statement => "on `allow`",
    }
}

fn item_counts(stack: &Stack) -> [(ItemKind, usize); 4] {
    [
        (ItemKind::Function, stack.functions.len()),
        (ItemKind::Source, stack.sources.len()),
        (ItemKind::Notification, stack.notifications.len()),
        (ItemKind::Statement, stack.statements.len()),
    ]
}

/// The lints of `#[allow(a, b)]` attributes; any other attribute is an error.
fn allowed_lints(attrs: &[syn::Attribute], errors: &mut Vec<Error>) -> Vec<Ident> {
    let mut lints = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("allow") {
            let message = "the only attribute on stack items is `#[allow(<warning>)]`";
            errors.push(Error::new(attr.path().span(), message));
            continue;
        }
        let parsed =
            attr.parse_args_with(syn::punctuated::Punctuated::<Ident, Token![,]>::parse_terminated);
        match parsed {
            Ok(names) => {
                for name in names {
                    if LINTS.iter().any(|(n, _)| name == n) {
                        lints.push(name);
                    } else {
                        let known: Vec<&str> = LINTS.iter().map(|(n, _)| *n).collect();
                        let message = format!(
                            "unknown warning `{name}`{}",
                            suggestion(&name.to_string(), &known)
                        );
                        errors.push(Error::new(name.span(), message));
                    }
                }
            }
            Err(error) => errors.push(error),
        }
    }
    lints
}

fn parse_quotas(input: ParseStream<'_>, stack: &mut Stack, errors: &mut Vec<Error>) -> Result<()> {
    let keyword = input.parse::<kw::quotas>()?;
    let content;
    braced!(content in input);
    let props = parse_props(&content, Separator::Colon)?;
    if stack.quotas.integration_timeout.is_some() || stack.quotas.concurrent_executions.is_some() {
        errors.push(Error::new(keyword.span, "duplicate `quotas` block"));
    }
    let quotas = &mut stack.quotas;
    read_block(
        &props,
        "quotas",
        &["integration_timeout", "concurrent_executions"],
        errors,
        |r, name, key, value| match name {
            "integration_timeout" => quotas.integration_timeout = r.int(key, value, "seconds"),
            _ => quotas.concurrent_executions = r.int(key, value, "concurrent executions"),
        },
    );
    Ok(())
}

fn parse_item(input: ParseStream<'_>, stack: &mut Stack, errors: &mut Vec<Error>) -> Result<()> {
    let lookahead = input.lookahead1();
    if lookahead.peek(kw::quotas) {
        parse_quotas(input, stack, errors)?;
    } else if lookahead.peek(kw::function) {
        stack.functions.push(parse_function_decl(input, errors)?);
    } else if lookahead.peek(kw::bucket) {
        stack.buckets.push(parse_bucket(input, errors)?);
    } else if lookahead.peek(kw::role) {
        stack.roles.push(parse_role(input, errors)?);
    } else if lookahead.peek(kw::api) {
        stack.apis.push(parse_api(input, errors)?);
    } else if lookahead.peek(kw::grant) {
        stack.grants.push(parse_grant(input)?);
    } else if lookahead.peek(kw::allow) {
        stack.statements.push(parse_allow(input)?);
    } else if lookahead.peek(kw::output) {
        stack.outputs.push(parse_output(input)?);
    } else if lookahead.peek(kw::queue) {
        stack.queues.push(parse_queue(input, errors)?);
    } else if lookahead.peek(kw::table) {
        stack.tables.push(parse_table(input, errors)?);
    } else if lookahead.peek(kw::stream) {
        stack.streams.push(parse_kinesis(input, errors)?);
    } else if lookahead.peek(kw::topic) {
        stack.topics.push(parse_topic(input, errors)?);
    } else if lookahead.peek(kw::event_bus) {
        input.parse::<kw::event_bus>()?;
        let ident = input.parse()?;
        input.parse::<Token![;]>()?;
        stack.buses.push(BusDecl { ident });
    } else if lookahead.peek(kw::schedule) {
        stack.schedules.push(parse_schedule(input)?);
    } else if lookahead.peek(kw::rule) {
        stack.rules.push(parse_rule(input, errors)?);
    } else if lookahead.peek(kw::version) {
        input.parse::<kw::version>()?;
        stack.versions.push(Path::parse_mod_style(input)?);
        input.parse::<Token![;]>()?;
    } else if lookahead.peek(kw::alias) {
        stack.aliases.push(parse_alias(input, errors)?);
    } else if lookahead.peek(kw::alarm) {
        stack.alarms.push(parse_alarm(input, errors)?);
    } else if lookahead.peek(Ident) && input.peek2(Token![.]) {
        parse_trigger(input, stack, errors)?;
    } else {
        return Err(input.error(STACK_ITEMS));
    }
    Ok(())
}

/// Parses either `;` or a `{ key: value, ... }` block (then an optional `;`).
fn parse_block_or_semi(input: ParseStream<'_>) -> Result<Vec<Prop>> {
    if input.peek(Token![;]) {
        input.parse::<Token![;]>()?;
        return Ok(Vec::new());
    }
    if !input.peek(syn::token::Brace) {
        return Err(input.error("expected `;` or a `{ ... }` block"));
    }
    let content;
    braced!(content in input);
    let props = parse_props(&content, Separator::Colon)?;
    if input.peek(Token![;]) {
        input.parse::<Token![;]>()?;
    }
    Ok(props)
}

fn parse_function_decl(input: ParseStream<'_>, errors: &mut Vec<Error>) -> Result<FunctionDecl> {
    input.parse::<kw::function>()?;
    let path = Path::parse_mod_style(input)?;
    let props = parse_block_or_semi(input)?;
    let is_asset = props
        .iter()
        .any(|p| ["runtime", "code", "handler"].contains(&p.key.to_string().as_str()));
    let site = if is_asset {
        PropsSite::StackAsset
    } else {
        PropsSite::StackHandler
    };
    if is_asset && path.segments.len() > 1 {
        let message = "a function in another runtime is named by a plain identifier, not a path";
        errors.push(Error::new(path.span(), message));
    }
    let props = function_props(&props, site, errors);
    Ok(FunctionDecl { path, props })
}

/// Reads `key: "string"` properties of a bucket, role or API block.
fn string_props(
    props: &[Prop],
    what: &str,
    keys: &[&str],
    errors: &mut Vec<Error>,
) -> Vec<(String, Sp<String>)> {
    let mut reader = PropReader {
        errors,
        seen: Vec::new(),
    };
    let mut out = Vec::new();
    for Prop { key, value } in props {
        let name = key.to_string();
        if !keys.contains(&name.as_str()) {
            let message = format!(
                "unknown {what} property `{name}`{}",
                suggestion(&name, keys)
            );
            reader.errors.push(Error::new(key.span(), message));
        } else if reader.first_time(key) {
            if let Some(s) = reader.string(key, value) {
                out.push((name, s));
            }
        }
    }
    out
}

fn take(props: &mut Vec<(String, Sp<String>)>, key: &str) -> Option<Sp<String>> {
    let index = props.iter().position(|(k, _)| k == key)?;
    Some(props.remove(index).1)
}

fn parse_bucket(input: ParseStream<'_>, errors: &mut Vec<Error>) -> Result<BucketDecl> {
    input.parse::<kw::bucket>()?;
    let ident: Ident = input.parse()?;
    let props = parse_block_or_semi(input)?;
    let mut props = string_props(&props, "bucket", &["name"], errors);
    Ok(BucketDecl {
        ident,
        name: take(&mut props, "name"),
    })
}

fn parse_role(input: ParseStream<'_>, errors: &mut Vec<Error>) -> Result<RoleDecl> {
    input.parse::<kw::role>()?;
    let ident: Ident = input.parse()?;
    let props = parse_block_or_semi(input)?;
    let mut role = RoleDecl {
        ident,
        name: None,
        managed_policies: Vec::new(),
    };
    let mut reader = PropReader {
        errors,
        seen: Vec::new(),
    };
    for Prop { key, value } in &props {
        if !reader.first_time(key) {
            continue;
        }
        match key.to_string().as_str() {
            "name" => role.name = reader.string(key, value),
            "managed_policies" => role.managed_policies = string_list(&mut reader, key, value),
            other => {
                let keys = &["name", "managed_policies"];
                let message = format!("unknown role property `{other}`{}", suggestion(other, keys));
                reader.errors.push(Error::new(key.span(), message));
            }
        }
    }
    Ok(role)
}

fn string_list(reader: &mut PropReader<'_>, key: &Ident, value: &Value) -> Vec<Sp<String>> {
    let Value::List(_, items) = value else {
        reader.wrong_type(key, value, "a `[\"...\", ...]` list of strings");
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| reader.string(key, item))
        .collect()
}

fn parse_api(input: ParseStream<'_>, errors: &mut Vec<Error>) -> Result<ApiDecl> {
    input.parse::<kw::api>()?;
    let ident: Ident = input.parse()?;
    let content;
    braced!(content in input);
    let mut api = ApiDecl {
        ident,
        name: None,
        stage: None,
        description: None,
        routes: Vec::new(),
        paths: Vec::new(),
        had_errors: false,
    };
    let mut settings = Vec::new();
    while !content.is_empty() {
        if content.peek(LitStr) {
            parse_path_block(&content, &[], &mut api, errors)?;
        } else if content.peek(Ident::peek_any) && content.peek2(Token![:]) {
            let key = Ident::parse_any(&content)?;
            content.parse::<Token![:]>()?;
            let value = parse_value(&content, Separator::Colon)?;
            settings.push(Prop { key, value });
        } else {
            return Err(content.error("expected a route path such as `\"/items\" { GET => handler }`, or an API setting `stage: \"prod\"`"));
        }
        if content.peek(Token![,]) {
            content.parse::<Token![,]>()?;
        }
    }
    let mut settings = string_props(&settings, "api", &["name", "stage", "description"], errors);
    api.name = take(&mut settings, "name");
    api.stage = take(&mut settings, "stage");
    api.description = take(&mut settings, "description");
    if input.peek(Token![;]) {
        input.parse::<Token![;]>()?;
    }
    Ok(api)
}

fn parse_path_block(
    input: ParseStream<'_>,
    prefix: &[Segment],
    api: &mut ApiDecl,
    errors: &mut Vec<Error>,
) -> Result<()> {
    let lit: LitStr = input.parse()?;
    let mut segments = prefix.to_vec();
    let valid = match parse_route_path(&lit.value()) {
        Ok(more) => {
            segments.extend(more);
            true
        }
        Err(message) => {
            errors.push(Error::new(lit.span(), message));
            api.had_errors = true;
            false
        }
    };
    let path = PathDecl {
        segments,
        span: lit.span(),
    };
    if valid {
        api.paths.push(path.clone());
    }
    let content;
    braced!(content in input);
    while !content.is_empty() {
        if content.peek(LitStr) {
            parse_path_block(&content, &path.segments, api, errors)?;
        } else {
            let method = parse_method(&content, errors)?;
            content.parse::<Token![=>]>()?;
            let handler = Path::parse_mod_style(&content)?;
            if method.is_none() {
                api.had_errors = true;
            }
            if let Some(method) = method.filter(|_| valid) {
                api.routes.push(RouteDecl {
                    path: path.clone(),
                    method,
                    handler,
                });
            }
        }
        if content.peek(Token![,]) {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(())
}

fn parse_method(input: ParseStream<'_>, errors: &mut Vec<Error>) -> Result<Option<Sp<HttpMethod>>> {
    let ident = Ident::parse_any(input).map_err(|e| {
        Error::new(
            e.span(),
            "expected an HTTP method such as `GET => handler`, or a nested path `\"/sub\" { ... }`",
        )
    })?;
    let found = ident.to_string();
    if let Some((_, method)) = HttpMethod::ALL.iter().find(|(n, _)| *n == found) {
        return Ok(Some(Sp::new(*method, ident.span())));
    }
    let names: Vec<&str> = HttpMethod::ALL.iter().map(|(n, _)| *n).collect();
    let upper = found.to_ascii_uppercase();
    let message = if names.contains(&upper.as_str()) {
        format!("HTTP methods are written in upper case; write `{upper}`")
    } else {
        format!(
            "unknown HTTP method `{found}`; expected one of {}",
            backticked(&names)
        )
    };
    errors.push(Error::new(ident.span(), message));
    Ok(None)
}

/// Splits a route path such as `/items/{id}` into segments, or says what is wrong with it.
pub fn parse_route_path(path: &str) -> std::result::Result<Vec<Segment>, String> {
    let Some(rest) = path.strip_prefix('/') else {
        return Err(format!("route path `{path}` must start with `/`"));
    };
    if rest.is_empty() {
        return Ok(Vec::new());
    }
    rest.split('/')
        .map(|part| parse_segment(path, part))
        .collect()
}

fn parse_segment(path: &str, part: &str) -> std::result::Result<Segment, String> {
    if part.is_empty() {
        return Err(format!(
            "route path `{path}` has an empty segment; remove the doubled or trailing `/`"
        ));
    }
    if let Some(inner) = part.strip_prefix('{') {
        let Some(inner) = inner.strip_suffix('}') else {
            return Err(format!("path parameter `{part}` in `{path}` must be a whole segment closed with `}}`, as in `{{id}}`"));
        };
        let (name, greedy) = match inner.strip_suffix('+') {
            Some(name) => (name, true),
            None => (inner, false),
        };
        let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(format!("path parameter `{part}` in `{path}` must be named with letters, digits and `_`, as in `{{id}}` or `{{proxy+}}`"));
        }
        return Ok(if greedy {
            Segment::Greedy(name.to_owned())
        } else {
            Segment::Param(name.to_owned())
        });
    }
    let valid = part
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._~:@".contains(c));
    if !valid {
        return Err(format!("route path segment `{part}` in `{path}` may hold only letters, digits and `-._~:@`, or be a parameter such as `{{id}}`"));
    }
    Ok(Segment::Literal(part.to_owned()))
}

/// Methods that would make an event source mapping of a bucket, as the AWS CDK writes it;
/// S3 is not a poll-based source, and the rules say what to write instead.
pub const POLL_METHODS: &[&str] = &[
    "event_source",
    "event_source_mapping",
    "add_event_source_mapping",
];

/// Trigger methods of queues and topics (`on_message`) and of streams (`on_record`).
pub const SOURCE_METHODS: &[&str] = &["on_message", "on_record"];

/// `source.method(args) => handler;`: a bucket notification or an event source.
fn parse_trigger(input: ParseStream<'_>, stack: &mut Stack, errors: &mut Vec<Error>) -> Result<()> {
    let source: Ident = input.parse()?;
    input.parse::<Token![.]>()?;
    let method: Ident = input.parse()?;
    let content;
    parenthesized!(content in input);
    let args = parse_props(&content, Separator::Eq)?;
    input.parse::<Token![=>]>()?;
    let handler = Path::parse_mod_style(input)?;
    input.parse::<Token![;]>()?;
    let found = method.to_string();
    let event = match found.as_str() {
        "on_object_created" => ObjectEvent::Created,
        "on_object_removed" => ObjectEvent::Removed,
        m if POLL_METHODS.contains(&m) => ObjectEvent::Poll(found.clone()),
        m if SOURCE_METHODS.contains(&m) => {
            let props = source_props(&args, errors);
            stack.sources.push(SourceDecl {
                source,
                method,
                props,
                handler,
            });
            return Ok(());
        }
        _ => {
            let names = [
                "on_object_created",
                "on_object_removed",
                "on_message",
                "on_record",
            ];
            let message = format!("unknown trigger `{found}`{}", suggestion(&found, &names));
            return Err(Error::new(method.span(), message));
        }
    };
    let mut args = if matches!(event, ObjectEvent::Poll(_)) {
        Vec::new()
    } else {
        string_props(&args, "notification filter", &["prefix", "suffix"], errors)
    };
    stack.notifications.push(NotificationDecl {
        bucket: source,
        event: Sp::new(event, method.span()),
        prefix: take(&mut args, "prefix"),
        suffix: take(&mut args, "suffix"),
        handler,
    });
    Ok(())
}

const SOURCE_KEYS: &[&str] = &[
    "batch_size",
    "batching_window",
    "max_concurrency",
    "report_batch_item_failures",
    "starting_position",
    "starting_timestamp",
    "parallelization_factor",
    "bisect_on_error",
    "max_retry_attempts",
    "max_record_age",
    "tumbling_window",
    "on_failure",
];
const STARTING_POSITIONS: &[(&str, StartingPosition)] = &[
    ("TRIM_HORIZON", StartingPosition::TrimHorizon),
    ("LATEST", StartingPosition::Latest),
    ("AT_TIMESTAMP", StartingPosition::AtTimestamp),
];

fn source_props(props: &[Prop], errors: &mut Vec<Error>) -> SourceProps {
    let mut out = SourceProps::default();
    let mut reader = PropReader {
        errors,
        seen: Vec::new(),
    };
    for Prop { key, value } in props {
        let name = key.to_string();
        if !SOURCE_KEYS.contains(&name.as_str()) {
            let message = format!(
                "unknown event source setting `{name}`{}",
                suggestion(&name, SOURCE_KEYS)
            );
            reader.errors.push(Error::new(key.span(), message));
            continue;
        }
        if !reader.first_time(key) {
            continue;
        }
        out.keys.push(key.clone());
        match name.as_str() {
            "batch_size" => out.batch_size = reader.int(key, value, "records"),
            "batching_window" => out.batching_window = reader.int(key, value, "seconds"),
            "max_concurrency" => {
                out.max_concurrency = reader.int(key, value, "concurrent invocations");
            }
            "report_batch_item_failures" => {
                out.report_batch_item_failures = reader.boolean(key, value);
            }
            "starting_position" => {
                out.starting_position = reader.choice(key, value, STARTING_POSITIONS);
            }
            "starting_timestamp" => out.starting_timestamp = reader.int(key, value, "Unix seconds"),
            "parallelization_factor" => {
                out.parallelization_factor = reader.int(key, value, "batches per shard");
            }
            "bisect_on_error" => out.bisect_on_error = reader.boolean(key, value),
            "max_retry_attempts" => out.max_retry_attempts = reader.signed(key, value, "retries"),
            "max_record_age" => out.max_record_age = reader.signed(key, value, "seconds"),
            "tumbling_window" => out.tumbling_window = reader.int(key, value, "seconds"),
            _ => out.on_failure = reader.ident(key, value, &["a queue or topic"]),
        }
    }
    out
}

/// Reads a `{ key: value }` block with `read` for each key of `keys`, after the common
/// checks for unknown and duplicate keys.
fn read_block(
    props: &[Prop],
    what: &str,
    keys: &[&str],
    errors: &mut Vec<Error>,
    mut read: impl FnMut(&mut PropReader<'_>, &str, &Ident, &Value),
) {
    let mut reader = PropReader {
        errors,
        seen: Vec::new(),
    };
    for Prop { key, value } in props {
        let name = key.to_string();
        if !keys.contains(&name.as_str()) {
            let message = format!(
                "unknown {what} property `{name}`{}",
                suggestion(&name, keys)
            );
            reader.errors.push(Error::new(key.span(), message));
        } else if reader.first_time(key) {
            read(&mut reader, &name, key, value);
        }
    }
}

fn parse_queue(input: ParseStream<'_>, errors: &mut Vec<Error>) -> Result<QueueDecl> {
    input.parse::<kw::queue>()?;
    let ident: Ident = input.parse()?;
    let props = parse_block_or_semi(input)?;
    let mut queue = QueueDecl {
        ident,
        name: None,
        fifo: None,
        visibility_timeout: None,
        retention: None,
        dead_letter: None,
        max_receive_count: None,
    };
    let keys = [
        "name",
        "fifo",
        "visibility_timeout",
        "retention",
        "dead_letter",
        "max_receive_count",
    ];
    read_block(
        &props,
        "queue",
        &keys,
        errors,
        |r, name, key, value| match name {
            "name" => queue.name = r.string(key, value),
            "fifo" => queue.fifo = r.boolean(key, value),
            "visibility_timeout" => queue.visibility_timeout = r.int(key, value, "seconds"),
            "retention" => queue.retention = r.int(key, value, "seconds"),
            "dead_letter" => {
                queue.dead_letter = r.ident(key, value, &["a queue declared in this stack"]);
            }
            _ => queue.max_receive_count = r.int(key, value, "receives"),
        },
    );
    Ok(queue)
}

const KEY_TYPES: &[(&str, KeyType)] = &[
    ("string", KeyType::String),
    ("number", KeyType::Number),
    ("binary", KeyType::Binary),
];
const STREAM_VIEWS: &[(&str, StreamViewType)] = &[
    ("keys_only", StreamViewType::KeysOnly),
    ("new_image", StreamViewType::NewImage),
    ("old_image", StreamViewType::OldImage),
    ("new_and_old_images", StreamViewType::NewAndOldImages),
];

fn parse_table(input: ParseStream<'_>, errors: &mut Vec<Error>) -> Result<TableDecl> {
    input.parse::<kw::table>()?;
    let ident: Ident = input.parse()?;
    let props = parse_block_or_semi(input)?;
    let mut table = TableDecl {
        ident,
        partition_key: None,
        partition_key_type: None,
        sort_key: None,
        sort_key_type: None,
        stream: None,
    };
    let keys = [
        "partition_key",
        "partition_key_type",
        "sort_key",
        "sort_key_type",
        "stream",
    ];
    read_block(
        &props,
        "table",
        &keys,
        errors,
        |r, name, key, value| match name {
            "partition_key" => table.partition_key = r.string(key, value),
            "partition_key_type" => table.partition_key_type = r.choice(key, value, KEY_TYPES),
            "sort_key" => table.sort_key = r.string(key, value),
            "sort_key_type" => table.sort_key_type = r.choice(key, value, KEY_TYPES),
            _ => table.stream = r.choice(key, value, STREAM_VIEWS),
        },
    );
    Ok(table)
}

fn parse_kinesis(input: ParseStream<'_>, errors: &mut Vec<Error>) -> Result<KinesisDecl> {
    input.parse::<kw::stream>()?;
    let ident: Ident = input.parse()?;
    let props = parse_block_or_semi(input)?;
    let mut stream = KinesisDecl {
        ident,
        shards: None,
        retention_hours: None,
    };
    read_block(
        &props,
        "stream",
        &["shards", "retention_hours"],
        errors,
        |r, name, key, value| match name {
            "shards" => stream.shards = r.int(key, value, "shards"),
            _ => stream.retention_hours = r.int(key, value, "hours"),
        },
    );
    Ok(stream)
}

fn parse_topic(input: ParseStream<'_>, errors: &mut Vec<Error>) -> Result<TopicDecl> {
    input.parse::<kw::topic>()?;
    let ident: Ident = input.parse()?;
    let props = parse_block_or_semi(input)?;
    let mut topic = TopicDecl { ident, fifo: None };
    read_block(&props, "topic", &["fifo"], errors, |r, _, key, value| {
        topic.fifo = r.boolean(key, value);
    });
    Ok(topic)
}

fn parse_schedule(input: ParseStream<'_>) -> Result<ScheduleDecl> {
    input.parse::<kw::schedule>()?;
    let ident: Ident = input.parse()?;
    input.parse::<Token![=]>()?;
    let expression: LitStr = input.parse().map_err(|e| {
        Error::new(
            e.span(),
            "expected a schedule expression such as `\"rate(1 hour)\"` or `\"cron(0 3 * * ? *)\"`",
        )
    })?;
    input.parse::<Token![=>]>()?;
    let handler = Path::parse_mod_style(input)?;
    input.parse::<Token![;]>()?;
    Ok(ScheduleDecl {
        ident,
        expression: Sp::new(expression.value(), expression.span()),
        handler,
    })
}

fn parse_rule(input: ParseStream<'_>, errors: &mut Vec<Error>) -> Result<RuleDecl> {
    input.parse::<kw::rule>()?;
    let ident: Ident = input.parse()?;
    let content;
    braced!(content in input);
    let props = parse_props(&content, Separator::Colon)?;
    input.parse::<Token![=>]>()?;
    let handler = Path::parse_mod_style(input)?;
    input.parse::<Token![;]>()?;
    let mut rule = RuleDecl {
        ident,
        pattern: Vec::new(),
        bus: None,
        handler,
    };
    let mut reader = PropReader {
        errors,
        seen: Vec::new(),
    };
    for Prop { key, value } in &props {
        if !reader.first_time(key) {
            continue;
        }
        if key == "bus" {
            rule.bus = reader.ident(key, value, &["an event bus declared in this stack"]);
        } else if let Some(pattern) = pattern_value(value, reader.errors) {
            // EventBridge spells its keys with `-`, which an identifier cannot hold.
            let name = key.to_string().replace('_', "-");
            rule.pattern.push((Sp::new(name, key.span()), pattern));
        }
    }
    Ok(rule)
}

fn pattern_value(value: &Value, errors: &mut Vec<Error>) -> Option<PatternValue> {
    Some(match value {
        Value::Str(lit) => PatternValue::Str(lit.value()),
        Value::Bool(lit) => PatternValue::Bool(lit.value),
        Value::Int { lit, negative } => {
            let n = lit.base10_parse::<f64>().ok()?;
            PatternValue::Number(if *negative { -n } else { n })
        }
        Value::Float { lit, negative } => {
            let n = lit.base10_parse::<f64>().ok()?;
            PatternValue::Number(if *negative { -n } else { n })
        }
        Value::List(_, items) => PatternValue::List(
            items
                .iter()
                .filter_map(|v| pattern_value(v, errors))
                .collect(),
        ),
        Value::Map(_, entries) => PatternValue::Map(
            entries
                .iter()
                .filter_map(|(k, v)| Some((k.value.clone(), pattern_value(v, errors)?)))
                .collect(),
        ),
        Value::Ident(ident) => {
            let message = format!("event pattern values are strings, numbers, booleans, lists or maps; write `\"{ident}\"`");
            errors.push(Error::new(ident.span(), message));
            return None;
        }
    })
}

fn parse_alias(input: ParseStream<'_>, errors: &mut Vec<Error>) -> Result<AliasDecl> {
    input.parse::<kw::alias>()?;
    let function = Path::parse_mod_style(input)?;
    input.parse::<Token![.]>().map_err(|e| {
        Error::new(
            e.span(),
            "expected `.` and the alias name, as in `alias handler.live;`",
        )
    })?;
    if input.peek(LitInt) {
        let message = "an alias name is a word, not a version number; write `alias handler.live` and route to a version with `additional_version`";
        return Err(input.error(message));
    }
    let name = Ident::parse_any(input)?;
    let props = parse_block_or_semi(input)?;
    let mut alias = AliasDecl {
        function,
        name,
        provisioned_concurrency: None,
        additional_version: None,
        additional_weight: None,
    };
    let keys = [
        "provisioned_concurrency",
        "additional_version",
        "additional_weight",
    ];
    read_block(
        &props,
        "alias",
        &keys,
        errors,
        |r, name, key, value| match name {
            "provisioned_concurrency" => {
                alias.provisioned_concurrency = r.int(key, value, "concurrent executions");
            }
            "additional_version" => alias.additional_version = r.string(key, value),
            _ => alias.additional_weight = r.float(key, value),
        },
    );
    Ok(alias)
}

const METRICS: &[(&str, Metric)] = &[
    ("errors", Metric::Errors),
    ("throttles", Metric::Throttles),
    ("duration", Metric::Duration),
    ("invocations", Metric::Invocations),
    ("iterator_age", Metric::IteratorAge),
    ("dead_letter_errors", Metric::DeadLetterErrors),
    ("concurrent_executions", Metric::ConcurrentExecutions),
];
const STATISTICS: &[(&str, Statistic)] = &[
    ("sum", Statistic::Sum),
    ("average", Statistic::Average),
    ("maximum", Statistic::Maximum),
    ("minimum", Statistic::Minimum),
    ("sample_count", Statistic::SampleCount),
];
const COMPARISONS: &[(&str, Comparison)] = &[
    ("greater_or_equal", Comparison::GreaterOrEqual),
    ("greater", Comparison::Greater),
    ("less", Comparison::Less),
    ("less_or_equal", Comparison::LessOrEqual),
];

fn parse_alarm(input: ParseStream<'_>, errors: &mut Vec<Error>) -> Result<AlarmDecl> {
    input.parse::<kw::alarm>()?;
    let ident: Ident = input.parse()?;
    let content;
    braced!(content in input);
    let props = parse_props(&content, Separator::Colon)?;
    let mut alarm = AlarmDecl {
        ident,
        function: None,
        metric: None,
        statistic: None,
        threshold: None,
        comparison: None,
        period: None,
        evaluation_periods: None,
        datapoints_to_alarm: None,
        actions: Vec::new(),
    };
    let keys = [
        "function",
        "metric",
        "statistic",
        "threshold",
        "comparison",
        "period",
        "evaluation_periods",
        "datapoints_to_alarm",
        "actions",
    ];
    read_block(
        &props,
        "alarm",
        &keys,
        errors,
        |r, name, key, value| match name {
            "function" => {
                alarm.function = r
                    .ident(key, value, &["a function of this stack"])
                    .map(Path::from);
            }
            "metric" => alarm.metric = r.choice(key, value, METRICS),
            "statistic" => alarm.statistic = r.choice(key, value, STATISTICS),
            "threshold" => alarm.threshold = r.float(key, value),
            "comparison" => alarm.comparison = r.choice(key, value, COMPARISONS),
            "period" => alarm.period = r.int(key, value, "seconds"),
            "evaluation_periods" => alarm.evaluation_periods = r.int(key, value, "periods"),
            "datapoints_to_alarm" => alarm.datapoints_to_alarm = r.int(key, value, "data points"),
            _ => alarm.actions = r.idents(key, value, "topics declared in this stack"),
        },
    );
    if input.peek(Token![;]) {
        input.parse::<Token![;]>()?;
    }
    Ok(alarm)
}

fn parse_grant(input: ParseStream<'_>) -> Result<GrantDecl> {
    input.parse::<kw::grant>()?;
    let principal = Path::parse_mod_style(input)?;
    let access_ident = Ident::parse_any(input)?;
    let levels = [
        ("read", Access::Read),
        ("write", Access::Write),
        ("read_write", Access::ReadWrite),
        ("send", Access::Send),
        ("consume", Access::Consume),
        ("publish", Access::Publish),
    ];
    let found = access_ident.to_string();
    let Some((_, access)) = levels.iter().find(|(n, _)| *n == found) else {
        let names: Vec<&str> = levels.iter().map(|(n, _)| *n).collect();
        let message = format!("unknown grant `{found}`{}", suggestion(&found, &names));
        return Err(Error::new(access_ident.span(), message));
    };
    let resource: Ident = input.parse()?;
    input.parse::<Token![;]>()?;
    Ok(GrantDecl {
        principal,
        access: Sp::new(*access, access_ident.span()),
        resource,
    })
}

fn parse_allow(input: ParseStream<'_>) -> Result<AllowDecl> {
    input.parse::<kw::allow>()?;
    let principal = Path::parse_mod_style(input)?;
    let content;
    bracketed!(content in input);
    let actions = content.parse_terminated(<LitStr as Parse>::parse, Token![,])?;
    let actions = actions
        .into_iter()
        .map(|lit| Sp::new(lit.value(), lit.span()))
        .collect();
    input.parse::<kw::on>()?;
    let mut resources = Vec::new();
    loop {
        let construct: Ident = input.parse()?;
        let mut objects = None;
        if input.peek(Token![.]) {
            input.parse::<Token![.]>()?;
            let attribute: Ident = input.parse()?;
            if attribute != "objects" {
                let message = format!("unknown resource `{construct}.{attribute}`; a bucket's objects are `{construct}.objects`");
                return Err(Error::new(attribute.span(), message));
            }
            objects = Some(attribute.span());
        }
        resources.push(ResourceTarget { construct, objects });
        if !input.peek(Token![,]) {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    input.parse::<Token![;]>()?;
    Ok(AllowDecl {
        principal,
        actions,
        resources,
    })
}

fn parse_output(input: ParseStream<'_>) -> Result<OutputDecl> {
    input.parse::<kw::output>()?;
    let name: Ident = input.parse()?;
    input.parse::<Token![=]>()?;
    let construct: Ident = input.parse()?;
    input.parse::<Token![.]>()?;
    let attribute = Ident::parse_any(input)?;
    input.parse::<Token![;]>()?;
    Ok(OutputDecl {
        name,
        construct,
        attribute,
    })
}
