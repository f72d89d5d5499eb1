//! Synthesis: the model to a CloudFormation template, deterministic to the byte.

mod api;
mod bucket;
mod function;
mod iam;

use crate::model::{Output, OutputValue, Stack};
use serde_json::{json, Map, Value};
use std::fmt;

/// The CDK bootstrap qualifier whose asset bucket and roles a template relies on.
pub const BOOTSTRAP_QUALIFIER: &str = "hnb659fds";

/// Most resources a template may declare. Source: CloudFormation User Guide, "quotas".
pub const MAX_RESOURCES: usize = 500;
/// Largest template body CloudFormation accepts from S3, in bytes. Source: "quotas".
pub const MAX_TEMPLATE_BYTES: usize = 1_000_000;

/// A stack that cannot be synthesized, with the construct to blame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SynthError {
    /// A reference names no construct of the needed kind.
    UnknownReference {
        /// The stack's name.
        stack: String,
        /// The kind of construct expected: `function`, `role`, `bucket` or `API`.
        kind: &'static str,
        /// The `id` referred to.
        id: String,
    },
    /// Two constructs map to one logical ID.
    DuplicateLogicalId {
        /// The stack's name.
        stack: String,
        /// The logical ID the constructs share.
        logical_id: String,
    },
    /// The template declares more resources than CloudFormation accepts.
    TooManyResources {
        /// The stack's name.
        stack: String,
        /// The number of resources declared.
        count: usize,
    },
    /// The template body is larger than CloudFormation accepts.
    TemplateTooLarge {
        /// The stack's name.
        stack: String,
        /// The template's size in bytes.
        bytes: usize,
    },
}

impl fmt::Display for SynthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SynthError::UnknownReference { stack, kind, id } => {
                write!(f, "stack `{stack}` refers to {kind} `{id}`, which it does not declare")
            }
            SynthError::DuplicateLogicalId { stack, logical_id } => write!(f, "stack `{stack}` has two constructs whose logical ID is `{logical_id}`; rename one of them"),
            SynthError::TooManyResources { stack, count } => write!(f, "stack `{stack}` declares {count} resources, above CloudFormation's {MAX_RESOURCES}; split it into several stacks"),
            SynthError::TemplateTooLarge { stack, bytes } => write!(f, "the template of stack `{stack}` has {bytes} bytes, above CloudFormation's {MAX_TEMPLATE_BYTES}; split it into several stacks"),
        }
    }
}

impl std::error::Error for SynthError {}

/// A synthesized template.
#[derive(Debug, Clone)]
pub struct Template {
    /// The stack's name.
    pub stack: String,
    /// The template as JSON.
    pub body: Value,
}

impl Template {
    /// The number of resources the template declares.
    pub fn resource_count(&self) -> usize {
        self.body["Resources"].as_object().map_or(0, Map::len)
    }

    /// The template as it is written to disk: pretty JSON with sorted keys and a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.body).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Resources under construction, keyed by logical ID.
pub(crate) struct Resources<'a> {
    pub(crate) stack: &'a Stack,
    pub(crate) map: Map<String, Value>,
    duplicate: Option<String>,
}

impl<'a> Resources<'a> {
    pub(crate) fn add(&mut self, logical_id: String, resource: Value) {
        if self.map.contains_key(&logical_id) && self.duplicate.is_none() {
            self.duplicate = Some(logical_id.clone());
        }
        self.map.insert(logical_id, resource);
    }

    pub(crate) fn unknown(&self, kind: &'static str, id: &str) -> SynthError {
        SynthError::UnknownReference {
            stack: self.stack.name.clone(),
            kind,
            id: id.to_owned(),
        }
    }
}

/// Synthesizes one stack.
pub fn synthesize(stack: &Stack) -> Result<Template, SynthError> {
    let mut resources = Resources {
        stack,
        map: Map::new(),
        duplicate: None,
    };
    function::add_functions(&mut resources)?;
    iam::add_roles(&mut resources)?;
    bucket::add_buckets(&mut resources)?;
    api::add_apis(&mut resources)?;
    if let Some(logical_id) = resources.duplicate {
        let stack = stack.name.clone();
        return Err(SynthError::DuplicateLogicalId { stack, logical_id });
    }
    let count = resources.map.len();
    if count > MAX_RESOURCES {
        let stack = stack.name.clone();
        return Err(SynthError::TooManyResources { stack, count });
    }
    let outputs = outputs(stack)?;
    let mut body = json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": format!("{} (synthesized by Stackforge)", stack.name),
        "Resources": resources.map,
    });
    if !outputs.is_empty() {
        body["Outputs"] = Value::Object(outputs);
    }
    let template = Template {
        stack: stack.name.clone(),
        body,
    };
    let bytes = template.to_json().len();
    if bytes > MAX_TEMPLATE_BYTES {
        let stack = stack.name.clone();
        return Err(SynthError::TemplateTooLarge { stack, bytes });
    }
    Ok(template)
}

fn outputs(stack: &Stack) -> Result<Map<String, Value>, SynthError> {
    let mut map = Map::new();
    for Output { name, value } in &stack.outputs {
        let (kind, id) = output_target(value);
        let known = match kind {
            "api" => stack.apis.iter().any(|a| a.id == id),
            "bucket" => stack.buckets.iter().any(|b| b.id == id),
            "function" => stack.functions.iter().any(|f| f.id == id),
            "role" => stack.roles.iter().any(|r| r.id == id),
            _ => false,
        };
        if !known {
            let stack = stack.name.clone();
            let id = id.to_owned();
            return Err(SynthError::UnknownReference { stack, kind, id });
        }
        let value = output_value(stack, value);
        map.insert(pascal(name), json!({ "Value": value }));
    }
    Ok(map)
}

fn output_target(value: &OutputValue) -> (&'static str, &str) {
    match value {
        OutputValue::ApiUrl(id) | OutputValue::ApiId(id) => ("api", id),
        OutputValue::BucketName(id) | OutputValue::BucketArn(id) => ("bucket", id),
        OutputValue::FunctionName(id) | OutputValue::FunctionArn(id) => ("function", id),
        OutputValue::RoleName(id) | OutputValue::RoleArn(id) => ("role", id),
        OutputValue::QueueUrl(id)
        | OutputValue::QueueArn(id)
        | OutputValue::TableName(id)
        | OutputValue::TableArn(id)
        | OutputValue::StreamArn(id)
        | OutputValue::TopicArn(id)
        | OutputValue::AliasArn(id, _) => ("resource without outputs yet", id),
    }
}

fn output_value(stack: &Stack, value: &OutputValue) -> Value {
    match value {
        OutputValue::ApiUrl(id) => api::url(id),
        OutputValue::ApiId(id) => reference(&api::logical_id(id)),
        OutputValue::BucketName(id) => reference(&bucket::logical_id(id)),
        OutputValue::BucketArn(id) => get_att(&bucket::logical_id(id), "Arn"),
        OutputValue::FunctionName(id) => reference(&function::logical_id(id)),
        OutputValue::FunctionArn(id) => get_att(&function::logical_id(id), "Arn"),
        OutputValue::RoleName(id) => reference(&iam::role_logical_id(stack, id)),
        OutputValue::RoleArn(id) => get_att(&iam::role_logical_id(stack, id), "Arn"),
        _ => Value::Null,
    }
}

/// `make_thumbnail` to `MakeThumbnail`; anything but ASCII letters and digits separates words.
pub fn pascal(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
            upper = false;
        } else {
            upper = true;
        }
    }
    out
}

/// A logical ID: the construct's name in PascalCase, then its kind unless the name ends
/// with it already (`uploads` gives `UploadsBucket`, `my_bucket` gives `MyBucket`).
pub(crate) fn logical(id: &str, kind: &str) -> String {
    let name = pascal(id);
    if name.len() > kind.len() && name.ends_with(kind) {
        name
    } else {
        name + kind
    }
}

pub(crate) fn reference(logical_id: &str) -> Value {
    json!({ "Ref": logical_id })
}

pub(crate) fn get_att(logical_id: &str, attribute: &str) -> Value {
    json!({ "Fn::GetAtt": [logical_id, attribute] })
}

/// `Fn::Sub` of `text`, or `text` itself when it names no variable.
pub(crate) fn sub(text: impl Into<String>) -> Value {
    let text = text.into();
    if text.contains("${") {
        json!({ "Fn::Sub": text })
    } else {
        Value::String(text)
    }
}

/// The first `len` hex digits of the SHA-256 of `value`'s JSON text.
pub(crate) fn short_hash(value: &Value, len: usize) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(value.to_string().as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    hex[..len].to_owned()
}

#[cfg(test)]
mod tests {
    use super::pascal;

    #[test]
    fn pascal_case() {
        assert_eq!(pascal("make_thumbnail"), "MakeThumbnail");
        assert_eq!(pascal("greet"), "Greet");
        assert_eq!(pascal("items-v2.json"), "ItemsV2Json");
    }
}
