//! Tokens from validated input: the handler glue of `#[lambda_function]` and the type
//! checks and stack types of `stack!`.

use crate::fallback;
use crate::syntax::ast::{
    path_ident, FunctionAttr, FunctionProps, ItemKind, SourceDecl, Stack, StackInput,
};
use crate::syntax::errors::{Ctxt, Warning};
use crate::syntax::limits::{
    API_INTEGRATION_TIMEOUT_S, FUNCTION_NAME_MAX, MEMORY_DEFAULT_MB, QUEUE_VISIBILITY_DEFAULT_S,
    TIMEOUT_DEFAULT_S,
};
use crate::syntax::valid::Kind;
use crate::syntax::valid::{self, naming, range};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{FnArg, ItemFn, Path, ReturnType, Type};

/// Expands `#[lambda_function(args)]` on `input`.
pub(crate) fn lambda_function(args: TokenStream, input: TokenStream) -> TokenStream {
    let item: ItemFn = match syn::parse2(input.clone()) {
        Ok(item) => item,
        Err(error) => {
            let message = "`#[lambda_function]` goes on an `async fn` handler";
            let error = syn::Error::new(error.span(), message).to_compile_error();
            return quote!(#error #input);
        }
    };
    let mut cx = Ctxt::new();
    let attr = match syn::parse2::<FunctionAttr>(args) {
        Ok(attr) => Some(attr),
        Err(error) => {
            cx.push(error);
            None
        }
    };
    if let Some(attr) = &attr {
        valid::validate_attr(attr, &item.sig.ident, &mut cx);
    }
    let signature = check_signature(&item, &mut cx);
    let warnings = cx.take_warnings();
    match (cx.check(), attr, signature) {
        (Ok(()), Some(attr), Some((event, output))) => {
            let warnings = expand_warnings(&warnings);
            let handler = expand_handler(&item, &attr.props, event, output);
            quote!(#handler #warnings)
        }
        (result, _, _) => {
            let error = result.err().map(|e| e.to_compile_error());
            let stub = fallback::handler(&item);
            quote!(#error #stub)
        }
    }
}

/// A handler is a free `async fn` taking the event, and optionally the `Context`, and
/// returning a `Result`. Returns the event and return types.
fn check_signature<'a>(item: &'a ItemFn, cx: &mut Ctxt) -> Option<(&'a Type, &'a Type)> {
    let sig = &item.sig;
    let ident = &sig.ident;
    let before = cx.has_errors();
    if sig.asyncness.is_none() {
        cx.error_spanned(
            sig.fn_token.span,
            format!("handler `{ident}` must be an `async fn`; write `async fn {ident}`"),
        );
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        cx.error_spanned(
            sig.generics.span(),
            format!(
                "handler `{ident}` must not be generic; Lambda invokes one concrete event type"
            ),
        );
    }
    if let Some(variadic) = &sig.variadic {
        cx.error_spanned(variadic.span(), "a handler takes no variadic arguments");
    }
    let mut types = Vec::new();
    for input in &sig.inputs {
        match input {
            FnArg::Receiver(receiver) => cx.error_spanned(
                receiver.span(),
                format!("handler `{ident}` must be a free function, not a method"),
            ),
            FnArg::Typed(arg) => types.push(&*arg.ty),
        }
    }
    if types.is_empty() || types.len() > 2 {
        let span = if types.is_empty() {
            ident.span()
        } else {
            sig.inputs.span()
        };
        cx.error_spanned(span, format!("handler `{ident}` must take the event, and optionally the `Context`, as in `async fn {ident}(event: S3Event)`; found {} arguments", types.len()));
    }
    let output = match &sig.output {
        ReturnType::Type(_, ty) => Some(&**ty),
        ReturnType::Default => {
            cx.error_spanned(ident.span(), format!("handler `{ident}` must return `Result<T, Error>`, as in `-> Result<(), Error>`"));
            None
        }
    };
    if cx.has_errors() && !before {
        return None;
    }
    Some((types.first().copied()?, output?))
}

fn expand_handler(
    item: &ItemFn,
    props: &FunctionProps,
    event: &Type,
    output: &Type,
) -> TokenStream {
    let ident = &item.sig.ident;
    let vis = &item.vis;
    let name = ident.to_string();
    let memory = props.memory.as_ref().map_or(MEMORY_DEFAULT_MB, |m| m.value);
    let timeout = props
        .timeout
        .as_ref()
        .map_or(TIMEOUT_DEFAULT_S, |t| t.value);
    let reserved = match &props.reserved_concurrency {
        Some(r) => {
            let r = r.value;
            quote!(::core::option::Option::Some(#r))
        }
        None => quote!(::core::option::Option::None),
    };
    let function_name = match &props.name {
        Some(n) => {
            let n = &n.value;
            quote!(::core::option::Option::Some(#n))
        }
        None => quote!(::core::option::Option::None),
    };
    let call = if item.sig.inputs.len() == 2 {
        quote!(#ident(event, context))
    } else {
        quote!({
            let _ = context;
            #ident(event)
        })
    };
    let event_type = quote_spanned!(event.span()=> type Event = #event;);
    let output_type = quote_spanned!(output.span()=>
        type Output = <#output as ::stackforge::__private::HandlerResult>::Ok;
    );
    quote! {
        #item

        #[doc(hidden)]
        #[allow(
            non_camel_case_types,
            dead_code,
            reason = "names the handler's settings in the type namespace, beside the function"
        )]
        #vis struct #ident {}

        #[automatically_derived]
        #[allow(unused_qualifications)]
        impl ::stackforge::__private::Handler for #ident {
            #event_type
            #output_type
            const CONFIG: ::stackforge::__private::FunctionConfig =
                ::stackforge::__private::FunctionConfig {
                    handler: #name,
                    function_name: #function_name,
                    timeout: #timeout,
                    memory: #memory,
                    reserved_concurrency: #reserved,
                };
            fn call(
                event: Self::Event,
                context: ::stackforge::__private::Context,
            ) -> impl ::core::future::Future<
                Output = ::core::result::Result<Self::Output, ::stackforge::Error>,
            > + ::core::marker::Send {
                async move { ::stackforge::__private::HandlerResult::into_result(#call.await) }
            }
        }
    }
}

/// Warnings reach the user on stable Rust as the deprecation lint of a constant used at the
/// token to blame.
fn expand_warnings(warnings: &[Warning]) -> TokenStream {
    warnings
        .iter()
        .map(|Warning { span, message }| {
            let use_site = quote_spanned!(*span=> stackforge_warning);
            quote! {
                const _: () = {
                    #[deprecated(note = #message)]
                    #[allow(non_upper_case_globals, reason = "read as a message, not a name")]
                    const stackforge_warning: () = ();
                    #use_site
                };
            }
        })
        .collect()
}

/// Expands `stack! { ... }`.
pub(crate) fn stack(input: TokenStream) -> TokenStream {
    let parsed: StackInput = match syn::parse2(input) {
        Ok(parsed) => parsed,
        Err(error) => return error.to_compile_error(),
    };
    let mut cx = Ctxt::new();
    valid::validate_stacks(&parsed, &mut cx);
    let warnings = cx.take_warnings();
    match cx.check() {
        Ok(()) => {
            let stacks = parsed.stacks.iter().map(expand_stack);
            let warnings = expand_warnings(&warnings);
            quote!(#(#stacks)* #warnings)
        }
        Err(error) => {
            let error = error.to_compile_error();
            // One stub per name, so that a duplicate stack gives one error.
            let mut seen: Vec<String> = Vec::new();
            let stubs = parsed
                .stacks
                .iter()
                .filter(|s| {
                    let first = !seen.contains(&s.name.to_string());
                    seen.push(s.name.to_string());
                    first
                })
                .map(|s| fallback::stack_type(&s.name, &quote!(), &quote!()));
            quote!(#error #(#stubs)*)
        }
    }
}

/// The Rust handlers of a stack, once each, in declaration order.
fn rust_handlers(stack: &Stack) -> Vec<&Path> {
    let assets: Vec<String> = stack
        .functions
        .iter()
        .filter(|f| f.is_asset())
        .map(|f| path_ident(&f.path).to_string())
        .collect();
    let mut seen: Vec<String> = Vec::new();
    let declared = stack
        .functions
        .iter()
        .filter(|f| !f.is_asset())
        .map(|f| &f.path);
    let wired = valid::handler_paths(stack);
    // Principals that are no role are handlers too, so the compiler checks they exist.
    let roles: Vec<String> = stack.roles.iter().map(|r| r.ident.to_string()).collect();
    let principals = stack
        .grants
        .iter()
        .map(|g| &g.principal)
        .chain(stack.statements.iter().map(|s| &s.principal))
        .filter(|p| p.segments.len() > 1 || !roles.contains(&path_ident(p).to_string()));
    let mut handlers = Vec::new();
    for path in declared.chain(wired).chain(principals) {
        let name = path_ident(path).to_string();
        if !assets.contains(&name) && !seen.contains(&name) {
            seen.push(name);
            handlers.push(path);
        }
    }
    handlers
}

fn is_rust_handler(stack: &Stack, path: &Path) -> bool {
    let ident = path_ident(path);
    !stack
        .functions
        .iter()
        .any(|f| f.is_asset() && path_ident(&f.path) == ident)
}

fn expand_stack(stack: &Stack) -> TokenStream {
    let handlers = rust_handlers(stack);
    let entries = handlers.iter().map(
        |path| quote_spanned!(path.span()=> ::stackforge::__private::HandlerEntry::of::<#path>()),
    );
    let routes = routes(stack);
    let stack_type = fallback::stack_type(&stack.name, &quote!(#(#entries),*), &routes);

    let mut checks = Vec::new();
    let mut limits = Vec::new();
    for api in &stack.apis {
        let mut seen: Vec<String> = Vec::new();
        for route in api
            .routes
            .iter()
            .filter(|r| is_rust_handler(stack, &r.handler))
        {
            let path = &route.handler;
            checks
                .push(quote_spanned!(path.span()=> ::stackforge::__private::api_route::<#path>();));
            let name = path_ident(path).to_string();
            if !seen.contains(&name) {
                limits.push(api_timeout_check(
                    path,
                    &api.ident.to_string(),
                    range::integration_timeout(stack),
                ));
                seen.push(name);
            }
        }
    }
    for notification in stack
        .notifications
        .iter()
        .filter(|n| is_rust_handler(stack, &n.handler))
    {
        let path = &notification.handler;
        checks.push(
            quote_spanned!(path.span()=> ::stackforge::__private::s3_notification::<#path>();),
        );
    }
    trigger_checks(stack, &mut checks, &mut limits);
    for (i, path) in handlers.iter().enumerate() {
        limits.push(derived_name_check(stack, path));
        limits.push(reserved_check(stack, path));
        for earlier in &handlers[..i] {
            limits.push(same_name_check(earlier, path));
        }
    }
    quote! {
        #stack_type

        const _: () = {
            fn __stackforge_checks() {
                #(#checks)*
            }
            #(#limits)*
        };
    }
}

/// The entries of the stack's API routes, in declaration order, for `serve`.
fn routes(stack: &Stack) -> TokenStream {
    let entries = stack.apis.iter().flat_map(|api| {
        let name = api.ident.to_string();
        let stage = api.stage.as_ref().map_or("prod", |s| s.value.as_str());
        api.routes.iter().map(move |route| {
            let parts: Vec<String> = route
                .path
                .segments
                .iter()
                .map(crate::syntax::ast::Segment::path_part)
                .collect();
            let path = format!("/{}", parts.join("/"));
            let method = route.method.value.as_str();
            let handler = path_ident(&route.handler).to_string();
            quote! {
                ::stackforge::__private::RouteEntry {
                    api: #name,
                    stage: #stage,
                    method: #method,
                    path: #path,
                    handler: #handler,
                }
            }
        })
    });
    quote!(#(#entries),*)
}

/// Type checks of the handlers of queues, topics, streams, schedules and rules, and the
/// limits across their settings and the handlers' attributes.
fn trigger_checks(stack: &Stack, checks: &mut Vec<TokenStream>, limits: &mut Vec<TokenStream>) {
    let names = valid::declared(stack);
    let kind = |ident: &syn::Ident| {
        names
            .iter()
            .find(|(n, _, _)| ident == n)
            .map(|(_, k, _)| *k)
    };
    for source in stack
        .sources
        .iter()
        .filter(|s| is_rust_handler(stack, &s.handler))
    {
        let path = &source.handler;
        let partial = source
            .props
            .report_batch_item_failures
            .as_ref()
            .is_some_and(|r| r.value);
        let (event, batch) = match kind(&source.source) {
            Some(Kind::Queue) => (quote!(sqs_source), quote!(sqs_batch_response)),
            Some(Kind::Table) => (quote!(dynamodb_source), quote!(dynamodb_batch_response)),
            Some(Kind::Stream) => (quote!(kinesis_source), quote!(kinesis_batch_response)),
            _ => (quote!(sns_subscription), quote!(ignored_response)),
        };
        let response = if partial {
            batch
        } else {
            quote!(ignored_response)
        };
        checks.push(quote_spanned!(path.span()=>
            ::stackforge::__private::#event::<#path>();
            ::stackforge::__private::#response::<#path>();
        ));
        if kind(&source.source) == Some(Kind::Queue) {
            limits.push(visibility_check(stack, source));
            let index = stack
                .sources
                .iter()
                .position(|s| std::ptr::eq(s, source))
                .unwrap_or_default();
            if !stack.allows("short_visibility_timeout", ItemKind::Source, index) {
                limits.push(visibility_warning(stack, source));
            }
        }
    }
    let targets = stack
        .schedules
        .iter()
        .map(|s| &s.handler)
        .chain(stack.rules.iter().map(|r| &r.handler));
    for path in targets.filter(|p| is_rust_handler(stack, p)) {
        checks.push(
            quote_spanned!(path.span()=> ::stackforge::__private::eventbridge_target::<#path>();),
        );
    }
    for alias in stack
        .aliases
        .iter()
        .filter(|a| is_rust_handler(stack, &a.function))
    {
        if let Some(pc) = &alias.provisioned_concurrency {
            limits.push(provisioned_check(
                &alias.function,
                &alias.name.to_string(),
                pc,
            ));
        }
    }
}

/// Lambda hides a message for the queue's visibility timeout while a function works on it;
/// a function that may run longer makes the mapping fail to create, or messages run twice.
/// Source: "Using Lambda with Amazon SQS", configuring a queue.
fn visibility_check(stack: &Stack, source: &SourceDecl) -> TokenStream {
    let path = &source.handler;
    let queue = stack.queues.iter().find(|q| q.ident == source.source);
    let visibility = queue
        .and_then(|q| q.visibility_timeout.as_ref())
        .map_or(QUEUE_VISIBILITY_DEFAULT_S, |v| v.value);
    let name = path_ident(path).to_string();
    let before = format!(
        "queue `{}` visibility timeout ({visibility} s) is below consumer `{name}` timeout (",
        source.source
    );
    let after = " s); raise the queue's `visibility_timeout` to at least the function's timeout, six times it to allow retries".to_string();
    let config = quote!(<#path as ::stackforge::__private::Handler>::CONFIG);
    let check = ConstCheck {
        span: source.source.span(),
        before: &before,
        number: quote!(#config.timeout),
        after: &after,
        fails: quote!(#config.timeout > #visibility),
    };
    check.expand()
}

/// A queue should hide a message six times as long as its consumer may run, so that a
/// retried batch does not run twice; below that is a warning. The timeout is only known to
/// the compiler, so the warning is the deprecation lint of a method chosen by a constant.
fn visibility_warning(stack: &Stack, source: &SourceDecl) -> TokenStream {
    let path = &source.handler;
    let queue = stack.queues.iter().find(|q| q.ident == source.source);
    let visibility = queue
        .and_then(|q| q.visibility_timeout.as_ref())
        .map_or(QUEUE_VISIBILITY_DEFAULT_S, |v| v.value);
    let name = path_ident(path).to_string();
    let message = format!("queue `{}` visibility timeout ({visibility} s) is below six times consumer `{name}` timeout, so a retried batch may run twice; raise it to six times the function's timeout (or `#[allow(short_visibility_timeout)]` on this trigger)", source.source);
    let config = quote!(<#path as ::stackforge::__private::Handler>::CONFIG);
    let call = quote_spanned!(source.source.span()=> __Visibility::<{ #config.timeout <= #visibility && #config.timeout * 6 > #visibility }>::check());
    quote! {
        const _: () = {
            struct __Visibility<const SHORT: bool>;
            impl __Visibility<true> {
                #[deprecated(note = #message)]
                const fn check() {}
            }
            impl __Visibility<false> {
                const fn check() {}
            }
            #call
        };
    }
}

/// Provisioned concurrency comes out of the function's reserved concurrency, so it cannot be
/// larger. Source: "Configuring provisioned concurrency for a function".
fn provisioned_check(
    path: &Path,
    alias: &str,
    provisioned: &crate::syntax::ast::Sp<u64>,
) -> TokenStream {
    let name = path_ident(path).to_string();
    let value = provisioned.value;
    let before = format!("alias `{name}.{alias}` provisioned concurrency ({value}) is above function `{name}` reserved concurrency (");
    let after = "); raise `reserved_concurrency` or lower `provisioned_concurrency`";
    let config = quote!(<#path as ::stackforge::__private::Handler>::CONFIG);
    let reserved = quote!(match #config.reserved_concurrency {
        ::core::option::Option::Some(r) => r,
        ::core::option::Option::None => 0,
    });
    let check = ConstCheck {
        span: provisioned.span,
        before: &before,
        number: reserved,
        after,
        fails: quote!(match #config.reserved_concurrency {
            ::core::option::Option::Some(reserved) => #value > reserved,
            ::core::option::Option::None => false,
        }),
    };
    check.expand()
}

/// A rule whose message holds a number only the compiler knows (a handler's setting): a
/// constant assembles `before`, the number and `after`, and panics with it, at `span`,
/// when `fails` holds.
struct ConstCheck<'a> {
    span: proc_macro2::Span,
    before: &'a str,
    number: TokenStream,
    after: &'a str,
    fails: TokenStream,
}

impl ConstCheck<'_> {
    fn expand(&self) -> TokenStream {
        let ConstCheck {
            before,
            number,
            after,
            fails,
            ..
        } = self;
        let panic = quote_spanned!(self.span=> ::core::panic!("{}", __MESSAGE.as_str()));
        quote! {
            const _: () = {
                const __MESSAGE: ::stackforge::__private::ConstMessage<512> =
                    ::stackforge::__private::ConstMessage::new()
                        .str(#before)
                        .num(#number)
                        .str(#after);
                if #fails {
                    #panic
                }
            };
        }
    }
}

/// Two handlers of one stack deployed under one explicit `name` collide in the account.
fn same_name_check(earlier: &Path, path: &Path) -> TokenStream {
    let (a, b) = (path_ident(earlier), path_ident(path));
    let message = format!("handlers `{a}` and `{b}` have the same `name`, and function names are unique in an account; rename one of them");
    let panic = quote_spanned!(b.span()=> ::core::panic!("{}", #message));
    quote! {
        const _: () = if ::stackforge::__private::same_name(
            <#earlier as ::stackforge::__private::Handler>::CONFIG.function_name,
            <#path as ::stackforge::__private::Handler>::CONFIG.function_name,
        ) {
            #panic
        };
    }
}

/// A Rust handler's reserved concurrency fits the account's, and is not 0 while it has
/// triggers. Source: "Configuring reserved concurrency for a function".
fn reserved_check(stack: &Stack, path: &Path) -> TokenStream {
    let name = path_ident(path).to_string();
    let max = range::reserved_concurrency_max(stack);
    let unreserved = crate::syntax::limits::UNRESERVED_CONCURRENCY_MIN;
    let above = format!("function `{name}` reserves more concurrency than the account allows ({max}: its concurrency less the {unreserved} Lambda keeps unreserved); lower `reserved_concurrency`, or declare the raised quota with `quotas {{ concurrent_executions: ... }}`");
    let triggered = valid::handler_paths(stack)
        .iter()
        .any(|p| path_ident(p) == path_ident(path));
    let config = quote!(<#path as ::stackforge::__private::Handler>::CONFIG);
    let panic_above = quote_spanned!(path.span()=> ::core::panic!("{}", #above));
    let zero = if triggered {
        let message = format!("function `{name}` has triggers, and `reserved_concurrency = 0` keeps it from ever running; remove it or raise it");
        let panic = quote_spanned!(path.span()=> ::core::panic!("{}", #message));
        quote!(if r == 0 { #panic })
    } else {
        quote!()
    };
    quote! {
        const _: () = if let ::core::option::Option::Some(r) = #config.reserved_concurrency {
            if r > #max {
                #panic_above
            }
            #zero
        };
    }
}

/// A function behind a REST API answers within the integration timeout; the limit is in
/// `stack!` and the timeout in `#[lambda_function]`, so a constant compares them.
fn api_timeout_check(path: &Path, api: &str, limit: u64) -> TokenStream {
    let name = path_ident(path).to_string();
    let before = format!("function `{name}` timeout (");
    let hint = if limit == API_INTEGRATION_TIMEOUT_S {
        ", or declare the account's raised quota with `quotas { integration_timeout: ... }`"
    } else {
        ""
    };
    let after = format!(" s) exceeds the {limit} s integration timeout of API `{api}`; lower it with `#[lambda_function(timeout = {limit})]` or less{hint}");
    let config = quote!(<#path as ::stackforge::__private::Handler>::CONFIG);
    let check = ConstCheck {
        span: path.span(),
        before: &before,
        number: quote!(#config.timeout),
        after: &after,
        fails: quote!(#config.timeout > #limit),
    };
    check.expand()
}

/// A handler without `name` is deployed as `<Stack>-<handler>`, which must fit Lambda's limit.
fn derived_name_check(stack: &Stack, path: &Path) -> TokenStream {
    let ident = path_ident(path);
    let derived = naming::derived_function_name(&stack.name.to_string(), &ident.to_string());
    if derived.len() <= FUNCTION_NAME_MAX {
        return quote!();
    }
    let message = format!("the derived function name `{derived}` has {} characters, above Lambda's {FUNCTION_NAME_MAX}; set `#[lambda_function(name = \"...\")]` on `{ident}` or shorten the stack name", derived.len());
    let panic = quote_spanned!(ident.span()=> ::core::panic!("{}", #message));
    quote! {
        const _: () = if <#path as ::stackforge::__private::Handler>::CONFIG.function_name.is_none() {
            #panic
        };
    }
}
