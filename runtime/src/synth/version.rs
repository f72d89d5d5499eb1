//! `AWS::Lambda::Version`, named after a hash of its function so that exactly a change of the
//! function publishes a new one, and `AWS::Lambda::Alias`, with provisioned concurrency and
//! weighted routing.

use super::{function, get_att, invalid, pascal, reference, short_hash, Resources, SynthError};
use crate::model::{Alias, Function, Stack};
use serde::Serialize;
use serde_json::{json, Value};

/// Hex digits of the function's hash in the logical ID of its version.
const HASH_LEN: usize = 10;

/// The logical ID of the version of `function`: it hashes the function's properties, so a
/// change of code or configuration makes CloudFormation publish a new version, and an
/// unchanged function keeps its version.
pub(crate) fn version_logical_id(stack: &Stack, function: &Function) -> Result<String, SynthError> {
    let properties = function::properties(stack, function)?;
    Ok(format!(
        "{}Version{}",
        function::logical_id(&function.id),
        short_hash(&properties, HASH_LEN)
    ))
}

/// The logical ID of `alias`.
pub(crate) fn alias_logical_id(alias: &Alias) -> String {
    format!(
        "{}{}Alias",
        function::logical_id(&alias.function),
        pascal(&alias.name)
    )
}

/// Alias `name` of function `function`.
pub(crate) fn find_alias<'a>(
    stack: &'a Stack,
    function: &str,
    name: &str,
) -> Result<&'a Alias, SynthError> {
    function::find(stack, function)?;
    stack
        .aliases
        .iter()
        .find(|a| a.function == function && a.name == name)
        .ok_or_else(|| SynthError::UnknownReference {
            stack: stack.name.clone(),
            kind: "alias",
            id: format!("{function}.{name}"),
        })
}

/// The alias of `function` with provisioned concurrency, which takes the function's triggers;
/// an error if there are several, since triggers can invoke only one.
pub(crate) fn provisioned_alias<'a>(
    stack: &'a Stack,
    function: &Function,
) -> Result<Option<&'a Alias>, SynthError> {
    let provisioned: Vec<&Alias> = stack
        .aliases
        .iter()
        .filter(|a| a.function == function.id && a.provisioned_concurrency.is_some())
        .collect();
    match provisioned[..] {
        [] => Ok(None),
        [alias] => Ok(Some(alias)),
        _ => Err(SynthError::SeveralProvisionedAliases {
            stack: stack.name.clone(),
            function: function.id.clone(),
            aliases: provisioned.iter().map(|a| a.name.clone()).collect(),
        }),
    }
}

pub(crate) fn add_versions(resources: &mut Resources<'_>) -> Result<(), SynthError> {
    let stack = resources.stack;
    for id in &stack.versions {
        function::find(stack, id)?;
    }
    for function in &stack.functions {
        let aliased = stack.aliases.iter().any(|a| a.function == function.id);
        if aliased || stack.versions.contains(&function.id) {
            resources.add(version_logical_id(stack, function)?, version(function));
        }
    }
    for alias in &stack.aliases {
        let resource = alias_resource(stack, alias)?;
        resources.add(alias_logical_id(alias), resource);
    }
    Ok(())
}

fn version(function: &Function) -> Value {
    json!({
        "Type": "AWS::Lambda::Version",
        // Earlier versions stay published: a weighted alias may still route to them, and
        // deleting one that an alias points at would fail.
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": { "FunctionName": reference(&function::logical_id(&function.id)) },
    })
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AliasProperties {
    function_name: Value,
    function_version: Value,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    provisioned_concurrency_config: Option<ProvisionedConcurrencyConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    routing_config: Option<RoutingConfig>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ProvisionedConcurrencyConfig {
    provisioned_concurrent_executions: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RoutingConfig {
    additional_version_weights: [VersionWeight; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct VersionWeight {
    function_version: String,
    function_weight: f64,
}

fn alias_resource(stack: &Stack, alias: &Alias) -> Result<Value, SynthError> {
    let function = function::find(stack, &alias.function)?;
    provisioned_alias(stack, function)?;
    check_provisioned_concurrency(stack, function, alias)?;
    check_routing(stack, alias)?;
    let properties = AliasProperties {
        function_name: reference(&function::logical_id(&function.id)),
        function_version: get_att(&version_logical_id(stack, function)?, "Version"),
        name: alias.name.clone(),
        provisioned_concurrency_config: alias.provisioned_concurrency.map(|executions| {
            ProvisionedConcurrencyConfig {
                provisioned_concurrent_executions: executions,
            }
        }),
        routing_config: alias
            .additional_version
            .as_ref()
            .map(|(version, weight)| RoutingConfig {
                additional_version_weights: [VersionWeight {
                    function_version: version.clone(),
                    function_weight: *weight,
                }],
            }),
    };
    let properties = serde_json::to_value(properties).unwrap_or_default();
    Ok(json!({ "Type": "AWS::Lambda::Alias", "Properties": properties }))
}

/// Provisioned concurrency is at least 1, and at most the function's reserved concurrency
/// when it has some (Lambda Developer Guide, "Configuring provisioned concurrency").
fn check_provisioned_concurrency(
    stack: &Stack,
    function: &Function,
    alias: &Alias,
) -> Result<(), SynthError> {
    let Some(provisioned) = alias.provisioned_concurrency else {
        return Ok(());
    };
    let problem = match function.reserved_concurrency {
        _ if provisioned == 0 => "has provisioned concurrency 0; set at least 1, or remove it".to_owned(),
        Some(reserved) if provisioned > reserved => format!("has provisioned concurrency {provisioned}, above the function's reserved concurrency {reserved}; lower it or reserve more"),
        _ => return Ok(()),
    };
    Err(invalid(
        stack,
        format!("alias `{}.{}`", alias.function, alias.name),
        problem,
    ))
}

/// Weighted routing sends a share from 0 to 1 of the traffic to another published version,
/// named by its number (Lambda API Reference, `AliasRoutingConfiguration`), and is refused on
/// an alias with provisioned concurrency (the `AWS::Lambda::Alias` resource schema excludes
/// `RoutingConfig` beside `ProvisionedConcurrencyConfig`).
fn check_routing(stack: &Stack, alias: &Alias) -> Result<(), SynthError> {
    let Some((version, weight)) = &alias.additional_version else {
        return Ok(());
    };
    let problem = if alias.provisioned_concurrency.is_some() {
        "has both provisioned concurrency and weighted routing, and Lambda takes weights only on aliases without provisioned concurrency; shift traffic on another alias".to_owned()
    } else if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit()) {
        format!("routes traffic to version `{version}`, and weighted routing takes a published version number such as `3`")
    } else if !(0.0..=1.0).contains(weight) {
        format!("gives version {version} a weight of {weight}, and weights run from 0 to 1")
    } else {
        return Ok(());
    };
    Err(invalid(
        stack,
        format!("alias `{}.{}`", alias.function, alias.name),
        problem,
    ))
}
