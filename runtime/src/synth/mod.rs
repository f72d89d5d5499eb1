//! Synthesis: the model to a CloudFormation template, deterministic to the byte.

mod alarm;
mod api;
mod bucket;
mod destination;
mod events;
mod function;
mod iam;
mod queue;
mod source;
mod stream;
mod table;
mod topic;
mod version;

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
        /// The kind of construct expected, such as `function`, `queue` or `alias`.
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
    /// A grant whose access level does not apply to the kind of resource it names.
    WrongAccess {
        /// The stack's name.
        stack: String,
        /// The access level, as the DSL spells it (`publish`).
        access: &'static str,
        /// The kind of resource named: `bucket`, `queue`, `table`, `stream` or `topic`.
        kind: &'static str,
        /// The `id` of the resource.
        resource: String,
        /// The access levels that resource takes.
        allowed: &'static str,
    },
    /// A function with provisioned concurrency on more than one alias: only one alias can
    /// take the function's triggers.
    SeveralProvisionedAliases {
        /// The stack's name.
        stack: String,
        /// The `id` of the function.
        function: String,
        /// The names of the aliases with provisioned concurrency.
        aliases: Vec<String>,
    },
    /// A setting AWS rejects, or settings that cannot work together.
    InvalidSetting {
        /// The stack's name.
        stack: String,
        /// The construct to blame, such as ``queue `jobs` ``.
        construct: String,
        /// What is wrong, and the fix.
        problem: String,
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
            SynthError::WrongAccess { stack, access, kind, resource, allowed } => write!(f, "stack `{stack}` grants `{access}` on {kind} `{resource}`, which takes {allowed}"),
            SynthError::SeveralProvisionedAliases { stack, function, aliases } => write!(f, "function `{function}` of stack `{stack}` has provisioned concurrency on aliases `{}`; only one alias can take the function's triggers, so keep provisioned concurrency on one", aliases.join("`, `")),
            SynthError::InvalidSetting { stack, construct, problem } => write!(f, "stack `{stack}`: {construct} {problem}"),
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
}

/// The construct of `items` whose `id` is `id`, or an unknown-reference error naming `kind`.
pub(crate) fn find<'a, T>(
    stack: &Stack,
    items: &'a [T],
    kind: &'static str,
    id: &str,
    id_of: impl Fn(&T) -> &str,
) -> Result<&'a T, SynthError> {
    items
        .iter()
        .find(|item| id_of(item) == id)
        .ok_or_else(|| SynthError::UnknownReference {
            stack: stack.name.clone(),
            kind,
            id: id.to_owned(),
        })
}

/// An [`SynthError::InvalidSetting`] on `construct`.
pub(crate) fn invalid(stack: &Stack, construct: String, problem: String) -> SynthError {
    SynthError::InvalidSetting {
        stack: stack.name.clone(),
        construct,
        problem,
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
    queue::add_queues(&mut resources)?;
    table::add_tables(&mut resources)?;
    stream::add_streams(&mut resources)?;
    topic::add_topics(&mut resources)?;
    events::add_buses(&mut resources)?;
    events::add_rules(&mut resources)?;
    source::add_event_sources(&mut resources)?;
    version::add_versions(&mut resources)?;
    destination::add_invoke_configs(&mut resources)?;
    alarm::add_alarms(&mut resources)?;
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
        let value = output_value(stack, value)?;
        map.insert(pascal(name), json!({ "Value": value }));
    }
    Ok(map)
}

fn output_value(stack: &Stack, value: &OutputValue) -> Result<Value, SynthError> {
    Ok(match value {
        OutputValue::ApiUrl(id) => api::url(&api::find(stack, id)?.id),
        OutputValue::ApiId(id) => reference(&api::logical_id(&api::find(stack, id)?.id)),
        OutputValue::BucketName(id) => reference(&bucket::logical_id(&bucket::find(stack, id)?.id)),
        OutputValue::BucketArn(id) => {
            get_att(&bucket::logical_id(&bucket::find(stack, id)?.id), "Arn")
        }
        OutputValue::FunctionName(id) => {
            reference(&function::logical_id(&function::find(stack, id)?.id))
        }
        OutputValue::FunctionArn(id) => {
            get_att(&function::logical_id(&function::find(stack, id)?.id), "Arn")
        }
        OutputValue::RoleName(id) => {
            reference(&iam::role_logical_id(stack, &iam::find(stack, id)?.id))
        }
        OutputValue::RoleArn(id) => get_att(
            &iam::role_logical_id(stack, &iam::find(stack, id)?.id),
            "Arn",
        ),
        OutputValue::QueueUrl(id) => reference(&queue::logical_id(&queue::find(stack, id)?.id)),
        OutputValue::QueueArn(id) => queue::arn(queue::find(stack, id)?),
        OutputValue::TableName(id) => reference(&table::logical_id(&table::find(stack, id)?.id)),
        OutputValue::TableArn(id) => table::arn(table::find(stack, id)?),
        OutputValue::StreamArn(id) => stream::arn(stream::find(stack, id)?),
        OutputValue::TopicArn(id) => topic::arn(topic::find(stack, id)?),
        OutputValue::AliasArn(function, name) => {
            let alias = version::find_alias(stack, function, name)?;
            reference(&version::alias_logical_id(alias))
        }
    })
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
