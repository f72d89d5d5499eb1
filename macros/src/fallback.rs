//! What to emit beside errors, so that one mistake gives one error: the user's handler as
//! written with a stand-in of its glue, and the items user code names (the stack types).

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Ident, ItemFn};

/// The handler as written, and a stand-in of its glue that fits every trigger.
pub(crate) fn handler(item: &ItemFn) -> TokenStream {
    let ident = &item.sig.ident;
    let vis = &item.vis;
    let name = ident.to_string();
    quote! {
        #item

        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code, reason = "stands in for a handler with errors")]
        #vis struct #ident {}

        #[automatically_derived]
        impl ::stackforge::__private::Handler for #ident {
            type Event = ::stackforge::__private::Unchecked;
            type Output = ::stackforge::__private::Unchecked;
            const CONFIG: ::stackforge::__private::FunctionConfig =
                ::stackforge::__private::FunctionConfig {
                    handler: #name,
                    function_name: ::core::option::Option::Some(#name),
                    timeout: 1,
                    memory: 128,
                    reserved_concurrency: ::core::option::Option::None,
                };
            async fn call(
                event: Self::Event,
                _: ::stackforge::__private::Context,
            ) -> ::core::result::Result<Self::Output, ::stackforge::Error> {
                match event {}
            }
        }
    }
}

/// The type `stack!` defines for a stack, with `handlers` as the entries of its handlers and
/// `routes` as the entries of its API routes.
pub(crate) fn stack_type(
    name: &Ident,
    handlers: &TokenStream,
    routes: &TokenStream,
) -> TokenStream {
    let text = name.to_string();
    let doc = format!("The `{text}` stack declared with `stack!`.");
    quote! {
        #[doc = #doc]
        #[allow(
            dead_code,
            non_camel_case_types,
            reason = "a stack may be declared for its template alone, with any CloudFormation name"
        )]
        pub struct #name;

        #[automatically_derived]
        #[allow(dead_code, reason = "a stack may be declared for its template alone")]
        impl #name {
            /// The stack's name in CloudFormation and in the cloud assembly.
            pub const NAME: &'static str = #text;

            /// The Rust handlers of this stack, for `stackforge::run` to serve.
            pub fn handlers() -> ::std::vec::Vec<::stackforge::__private::HandlerEntry> {
                ::std::vec![#handlers]
            }

            /// The REST API routes of this stack, for `stackforge::run` to serve locally.
            pub fn routes() -> ::std::vec::Vec<::stackforge::__private::RouteEntry> {
                ::std::vec![#routes]
            }

            /// The handlers and routes of this stack: `stackforge::run(Stack::app())`.
            pub fn app() -> ::stackforge::__private::App {
                ::stackforge::__private::App::new(Self::NAME, Self::handlers(), Self::routes())
            }
        }
    }
}
