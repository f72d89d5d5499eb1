//! `AWS::Lambda::Function` and its `AWS::Logs::LogGroup`, and what a trigger of a function
//! invokes: the function, or its alias with provisioned concurrency.

use super::destination::{self, Use};
use super::{
    get_att, iam, invalid, logical, reference, sub, version, Resources, SynthError,
    BOOTSTRAP_QUALIFIER,
};
use crate::model::{Alias, AssetSource, Code, Function, LogFormat, LogLevel, Stack, Tracing};
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

pub(crate) fn find<'a>(stack: &'a Stack, id: &str) -> Result<&'a Function, SynthError> {
    super::find(stack, &stack.functions, "function", id, |f| &f.id)
}

/// The ARN of a function, from its name alone, so that policies need no reference to it.
pub(crate) fn arn(function: &Function) -> Value {
    sub(format!(
        "arn:${{AWS::Partition}}:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:{}",
        function.function_name
    ))
}

/// What the triggers of a function invoke.
pub(crate) enum Invoked<'a> {
    /// The function itself (`$LATEST`).
    Function(&'a Function),
    /// The function's alias with provisioned concurrency, so that triggers use the warm
    /// environments kept on it.
    Alias(&'a Function, &'a Alias),
}

/// What the triggers of function `id` invoke.
pub(crate) fn invoked<'a>(stack: &'a Stack, id: &str) -> Result<Invoked<'a>, SynthError> {
    let function = find(stack, id)?;
    Ok(match version::provisioned_alias(stack, function)? {
        Some(alias) => Invoked::Alias(function, alias),
        None => Invoked::Function(function),
    })
}

impl<'a> Invoked<'a> {
    /// The function invoked, directly or through its alias.
    pub(crate) fn function(&self) -> &'a Function {
        match self {
            Invoked::Function(function) | Invoked::Alias(function, _) => function,
        }
    }

    /// The invoked ARN in resource properties: the function's `Arn`, or the alias's `Ref`,
    /// which is the alias ARN.
    pub(crate) fn arn(&self) -> Value {
        match self {
            Invoked::Function(function) => get_att(&logical_id(&function.id), "Arn"),
            Invoked::Alias(_, alias) => reference(&version::alias_logical_id(alias)),
        }
    }

    /// The invoked ARN as a `Fn::Sub` variable.
    pub(crate) fn sub_variable(&self) -> String {
        match self {
            Invoked::Function(function) => format!("${{{}.Arn}}", logical_id(&function.id)),
            Invoked::Alias(_, alias) => format!("${{{}}}", version::alias_logical_id(alias)),
        }
    }

    /// The invoked ARN from names alone, for policies: a reference would tie the policy's
    /// role to another function and can close a dependency cycle.
    pub(crate) fn name_arn(&self) -> Value {
        match self {
            Invoked::Function(function) => arn(function),
            Invoked::Alias(function, alias) => sub(format!(
                "arn:${{AWS::Partition}}:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:{}:{}",
                function.function_name, alias.name
            )),
        }
    }
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
    logging_config: LoggingConfig,
    #[serde(skip_serializing_if = "Option::is_none")]
    environment: Option<Environment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reserved_concurrent_executions: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ephemeral_storage: Option<EphemeralStorage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tracing_config: Option<TracingConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dead_letter_config: Option<DeadLetterConfig>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct LoggingConfig {
    log_group: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    log_format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    application_log_level: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    system_log_level: Option<&'static str>,
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

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DeadLetterConfig {
    target_arn: Value,
}

/// The code location of an asset in the CDK bootstrap bucket.
fn code_location(hash: &str) -> Value {
    json!({
        "S3Bucket": sub(format!("cdk-{BOOTSTRAP_QUALIFIER}-assets-${{AWS::AccountId}}-${{AWS::Region}}")),
        "S3Key": format!("{hash}.zip"),
    })
}

/// The `Properties` of a function's resource; a published version's logical ID hashes them.
pub(crate) fn properties(stack: &Stack, function: &Function) -> Result<Value, SynthError> {
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
    let dead_letter = match &function.dead_letter {
        Some(target) => {
            let construct = format!("function `{}`", function.id);
            let delivery = destination::resolve(stack, target, Use::DeadLetter, &construct)?;
            Some(DeadLetterConfig {
                target_arn: delivery.arn,
            })
        }
        None => None,
    };
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
        logging_config: logging_config(stack, function)?,
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
        dead_letter_config: dead_letter,
    };
    Ok(serde_json::to_value(properties).unwrap_or_default())
}

/// Log levels filter only logs in Lambda's JSON format, and Lambda's own system logs come at
/// `DEBUG`, `INFO` and `WARN` only (Lambda Developer Guide, "Log-level filtering").
fn logging_config(stack: &Stack, function: &Function) -> Result<LoggingConfig, SynthError> {
    let construct = || format!("function `{}`", function.id);
    let levels = function.application_log_level.is_some() || function.system_log_level.is_some();
    if levels && function.log_format != Some(LogFormat::Json) {
        let problem =
            "sets a log level, which Lambda applies only to JSON logs; set the log format to JSON"
                .to_owned();
        return Err(invalid(stack, construct(), problem));
    }
    if let Some(level @ (LogLevel::Trace | LogLevel::Error | LogLevel::Fatal)) =
        function.system_log_level
    {
        let problem = format!(
            "has system log level `{}`, and Lambda's system logs take `DEBUG`, `INFO` or `WARN`",
            level.as_str()
        );
        return Err(invalid(stack, construct(), problem));
    }
    Ok(LoggingConfig {
        log_group: reference(&log_group_logical_id(&function.id)),
        log_format: function.log_format.map(|format| match format {
            LogFormat::Text => "Text",
            LogFormat::Json => "JSON",
        }),
        application_log_level: function.application_log_level.map(LogLevel::as_str),
        system_log_level: function.system_log_level.map(LogLevel::as_str),
    })
}

pub(crate) fn add_functions(resources: &mut Resources<'_>) -> Result<(), SynthError> {
    let stack = resources.stack;
    for function in &stack.functions {
        let properties = properties(stack, function)?;
        resources.add(
            logical_id(&function.id),
            json!({ "Type": "AWS::Lambda::Function", "Properties": properties }),
        );
        resources.add(
            log_group_logical_id(&function.id),
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
