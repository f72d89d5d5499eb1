//! `AWS::Lambda::Function` and its `AWS::Logs::LogGroup`.

use super::{get_att, iam, logical, reference, sub, Resources, SynthError, BOOTSTRAP_QUALIFIER};
use crate::model::{AssetSource, Code, Function, Tracing};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The logical ID of function `id`.
pub(crate) fn logical_id(id: &str) -> String {
    logical(id, "Function")
}

/// The logical ID of the log group of function `id`.
pub(crate) fn log_group_logical_id(id: &str) -> String {
    format!("{}LogGroup", logical_id(id))
}

/// The ARN of a function, from its name alone, so that policies need no reference to it.
pub(crate) fn arn(function: &Function) -> Value {
    sub(format!(
        "arn:${{AWS::Partition}}:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:{}",
        function.function_name
    ))
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct FunctionProperties {
    function_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    runtime: String,
    handler: String,
    code: Value,
    architectures: [&'static str; 1],
    memory_size: u64,
    timeout: u64,
    role: Value,
    logging_config: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    environment: Option<Environment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reserved_concurrent_executions: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ephemeral_storage: Option<EphemeralStorage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tracing_config: Option<TracingConfig>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Environment {
    variables: BTreeMap<String, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct EphemeralStorage {
    size: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct TracingConfig {
    mode: &'static str,
}

/// The code location of an asset in the CDK bootstrap bucket.
fn code_location(hash: &str) -> Value {
    json!({
        "S3Bucket": sub(format!("cdk-{BOOTSTRAP_QUALIFIER}-assets-${{AWS::AccountId}}-${{AWS::Region}}")),
        "S3Key": format!("{hash}.zip"),
    })
}

pub(crate) fn add_functions(resources: &mut Resources<'_>) -> Result<(), SynthError> {
    let stack = resources.stack;
    for function in &stack.functions {
        let (runtime, handler) = match &function.code {
            Code::Rust { handler, .. } => ("provided.al2023".to_owned(), handler.clone()),
            Code::Managed {
                runtime, handler, ..
            } => (runtime.clone(), handler.clone()),
        };
        let asset = function.code.asset();
        debug_assert!(matches!(
            (&function.code, &asset.source),
            (Code::Rust { .. }, AssetSource::BootstrapZip)
                | (Code::Managed { .. }, AssetSource::Directory(_))
        ));
        let role = iam::function_role_logical_id(stack, function)?;
        let log_group = log_group_logical_id(&function.id);
        let properties = FunctionProperties {
            function_name: function.function_name.clone(),
            description: function.description.clone(),
            runtime,
            handler,
            code: code_location(&asset.hash),
            architectures: [function.architecture.as_str()],
            memory_size: function.memory,
            timeout: function.timeout,
            role: get_att(&role, "Arn"),
            logging_config: json!({ "LogGroup": reference(&log_group) }),
            environment: (!function.environment.is_empty()).then(|| Environment {
                variables: function.environment.clone(),
            }),
            reserved_concurrent_executions: function.reserved_concurrency,
            ephemeral_storage: function
                .ephemeral_storage
                .map(|size| EphemeralStorage { size }),
            tracing_config: function.tracing.map(|mode| TracingConfig {
                mode: match mode {
                    Tracing::Active => "Active",
                    Tracing::PassThrough => "PassThrough",
                },
            }),
        };
        let properties = serde_json::to_value(properties).unwrap_or_default();
        resources.add(
            logical_id(&function.id),
            json!({ "Type": "AWS::Lambda::Function", "Properties": properties }),
        );
        resources.add(
            log_group,
            json!({
                "Type": "AWS::Logs::LogGroup",
                "DeletionPolicy": "Delete",
                "UpdateReplacePolicy": "Delete",
                "Properties": {
                    "LogGroupName": format!("/aws/lambda/{}", function.function_name),
                    "RetentionInDays": function.log_retention,
                },
            }),
        );
    }
    Ok(())
}
