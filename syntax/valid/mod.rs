//! Rules over the ast. Each returns nothing and records every problem in the context.

mod cross;
pub mod naming;
mod permission;
pub mod range;
mod reference;
mod route;
mod source;

#[allow(
    unused_imports,
    reason = "the macros and the build step each use a part"
)]
pub use reference::{declared, handler_paths, path_text, Kind};

use crate::syntax::ast::{FunctionAttr, ItemKind, StackInput};
use crate::syntax::errors::Ctxt;
use syn::Ident;

/// Checks the arguments of `#[lambda_function]` on the function `ident`.
pub fn validate_attr(attr: &FunctionAttr, ident: &Ident, cx: &mut Ctxt) {
    for error in &attr.errors {
        cx.push(error.clone());
    }
    range::check_function(&attr.props, cx);
    source::check_logging(&attr.props, cx);
    naming::check_function(&attr.props, cx);
    naming::check_environment(&attr.props, cx);
    let _ = ident;
}

/// Checks a whole `stack!` input.
pub fn validate_stacks(input: &StackInput, cx: &mut Ctxt) {
    for error in &input.errors {
        cx.push(error.clone());
    }
    naming::check_stack_names(input, cx);
    for stack in &input.stacks {
        reference::check_unique_constructs(stack, cx);
        reference::check_references(stack, cx);
        reference::check_collisions(stack, cx);
        for (index, function) in stack
            .functions
            .iter()
            .enumerate()
            .filter(|(_, f)| f.is_asset())
        {
            let warn = !stack.allows("deprecated_runtime", ItemKind::Function, index);
            range::check_function(&function.props, cx);
            source::check_logging(&function.props, cx);
            naming::check_function(&function.props, cx);
            naming::check_environment(&function.props, cx);
            naming::check_asset_function(function, warn, cx);
            range::check_asset_api_timeout(stack, function, cx);
        }
        naming::check_derived_names(stack, cx);
        for api in &stack.apis {
            route::check_api(api, cx);
        }
        permission::check_statements(stack, cx);
        source::check_queues(stack, cx);
        source::check_tables_and_streams(stack, cx);
        source::check_sources(stack, cx);
        source::check_async(stack, cx);
        source::check_schedules(stack, cx);
        source::check_aliases(stack, cx);
        source::check_alarms(stack, cx);
        range::check_quotas(stack, cx);
        cross::check_recursive_triggers(stack, cx);
        cross::check_overlapping_notifications(stack, cx);
        cross::check_asset_concurrency(stack, cx);
        cross::check_asset_visibility(stack, cx);
    }
}
