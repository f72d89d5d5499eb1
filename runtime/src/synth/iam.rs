//! `AWS::IAM::Role`: one per function unless it names a declared role, with least privilege.

use super::{
    bucket, destination, function, get_att, invalid, logical, queue, source, stream, table, topic,
    Resources, SynthError,
};
use crate::model::{
    Access, Bucket, Function, Grant, KinesisStream, Principal, Queue, ResourceRef, Stack, Table,
    Topic, Tracing,
};
use serde_json::{json, Value};

/// The logical ID of declared role `id`.
pub(crate) fn role_logical_id(_stack: &Stack, id: &str) -> String {
    logical(id, "Role")
}

/// Declared role `id`.
pub(crate) fn find<'a>(stack: &'a Stack, id: &str) -> Result<&'a crate::model::Role, SynthError> {
    super::find(stack, &stack.roles, "role", id, |r| &r.id)
}

/// The logical ID of the role `function` runs with.
pub(crate) fn function_role_logical_id(
    stack: &Stack,
    function: &Function,
) -> Result<String, SynthError> {
    match &function.role {
        None => Ok(format!("{}Role", function::logical_id(&function.id))),
        Some(role) if stack.roles.iter().any(|r| &r.id == role) => Ok(role_logical_id(stack, role)),
        Some(role) => Err(SynthError::UnknownReference {
            stack: stack.name.clone(),
            kind: "role",
            id: role.clone(),
        }),
    }
}

fn assume_role_policy() -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": { "Service": "lambda.amazonaws.com" },
            "Action": "sts:AssumeRole",
        }],
    })
}

/// Which role a principal's permissions land on: a function's own, or a declared one.
fn principal_role<'a>(stack: &'a Stack, principal: &'a Principal) -> Result<Role<'a>, SynthError> {
    let unknown = |kind, id: &String| SynthError::UnknownReference {
        stack: stack.name.clone(),
        kind,
        id: id.clone(),
    };
    match principal {
        Principal::Role(id) if stack.roles.iter().any(|r| &r.id == id) => Ok(Role::Declared(id)),
        Principal::Role(id) => Err(unknown("role", id)),
        Principal::Function(id) => {
            let function = stack
                .functions
                .iter()
                .find(|f| &f.id == id)
                .ok_or_else(|| unknown("function", id))?;
            Ok(match &function.role {
                Some(role) => Role::Declared(role),
                None => Role::Own(&function.id),
            })
        }
    }
}

#[derive(PartialEq, Eq)]
enum Role<'a> {
    Own(&'a str),
    Declared(&'a str),
}

pub(crate) fn add_roles(resources: &mut Resources<'_>) -> Result<(), SynthError> {
    let stack = resources.stack;
    for function in stack.functions.iter().filter(|f| f.role.is_none()) {
        let logical_id = function_role_logical_id(stack, function)?;
        let policies = policies(stack, &Role::Own(&function.id), &[function])?;
        resources.add(logical_id, role_resource(None, &[], policies));
    }
    for role in &stack.roles {
        let users: Vec<&Function> = stack
            .functions
            .iter()
            .filter(|f| f.role.as_ref() == Some(&role.id))
            .collect();
        let policies = policies(stack, &Role::Declared(&role.id), &users)?;
        let resource = role_resource(role.role_name.as_deref(), &role.managed_policies, policies);
        resources.add(role_logical_id(stack, &role.id), resource);
    }
    Ok(())
}

fn role_resource(name: Option<&str>, managed: &[String], policies: Vec<Value>) -> Value {
    let mut properties = json!({ "AssumeRolePolicyDocument": assume_role_policy() });
    if let Some(name) = name {
        properties["RoleName"] = json!(name);
    }
    if !managed.is_empty() {
        properties["ManagedPolicyArns"] = json!(managed);
    }
    if !policies.is_empty() {
        properties["Policies"] = Value::Array(policies);
    }
    json!({ "Type": "AWS::IAM::Role", "Properties": properties })
}

/// The inline policies of one role: logging for the functions that use it, tracing where
/// enabled, grants and statements addressed to it, what Lambda's pollers need for the event
/// sources of its functions, and what its functions need to deliver records.
fn policies(stack: &Stack, role: &Role<'_>, users: &[&Function]) -> Result<Vec<Value>, SynthError> {
    let mut policies = Vec::new();
    if !users.is_empty() {
        let log_groups: Vec<Value> = users
            .iter()
            .map(|f| get_att(&function::log_group_logical_id(&f.id), "Arn"))
            .collect();
        policies.push(policy(
            "logs",
            vec![allow(
                &["logs:CreateLogStream", "logs:PutLogEvents"],
                log_groups,
            )],
        ));
    }
    if users.iter().any(|f| f.tracing == Some(Tracing::Active)) {
        // X-Ray's write actions support no resource-level permissions.
        let actions = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"];
        policies.push(policy("tracing", vec![allow(&actions, vec![json!("*")])]));
    }
    let permissions = permissions(stack, role)?;
    let (polls, stream_failures) = source::poller_statements(stack, users)?;
    let mut deliveries = Vec::new();
    for user in users {
        let own = destination::function_deliveries(stack, user)?;
        deliveries.extend(own.into_iter().map(|d| d.statement));
    }
    deliveries.extend(stream_failures);
    for (name, statements) in [
        ("permissions", permissions),
        ("event-sources", polls),
        ("destinations", deliveries),
    ] {
        if !statements.is_empty() {
            policies.push(policy(name, unique(statements)));
        }
    }
    Ok(policies)
}

/// The grants and statements addressed to `role`.
fn permissions(stack: &Stack, role: &Role<'_>) -> Result<Vec<Value>, SynthError> {
    let mut statements = Vec::new();
    for grant in &stack.grants {
        if principal_role(stack, &grant.principal)? == *role {
            statements.extend(grant_statements(stack, grant)?);
        }
    }
    for statement in &stack.statements {
        if principal_role(stack, &statement.principal)? == *role {
            let resources = statement
                .resources
                .iter()
                .map(|r| resource_arn(stack, r))
                .collect::<Result<Vec<_>, _>>()?;
            let actions: Vec<&str> = statement.actions.iter().map(String::as_str).collect();
            statements.push(allow(&actions, resources));
        }
    }
    Ok(statements)
}

/// `statements` without repeats, in their first order: functions that share a role may need
/// the same statement.
fn unique(statements: Vec<Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::with_capacity(statements.len());
    for statement in statements {
        if !out.contains(&statement) {
            out.push(statement);
        }
    }
    out
}

fn policy(name: &str, statements: Vec<Value>) -> Value {
    json!({
        "PolicyName": name,
        "PolicyDocument": { "Version": "2012-10-17", "Statement": statements },
    })
}

/// An `Allow` statement of `actions` on `resources`.
pub(crate) fn allow(actions: &[&str], resources: Vec<Value>) -> Value {
    json!({ "Effect": "Allow", "Action": actions, "Resource": resources })
}

/// A resource of the stack that a grant names.
enum Granted<'a> {
    Bucket(&'a Bucket),
    Queue(&'a Queue),
    Table(&'a Table),
    Stream(&'a KinesisStream),
    Topic(&'a Topic),
}

impl Granted<'_> {
    /// The kind of resource, and the access levels it takes.
    fn kind(&self) -> (&'static str, &'static str) {
        match self {
            Granted::Bucket(_) => ("bucket", "`read`, `write` or `read_write`"),
            Granted::Queue(_) => ("queue", "`send` or `consume`"),
            Granted::Table(_) => ("table", "`read`, `write` or `read_write`"),
            Granted::Stream(_) => ("stream", "`read`, `write` or `read_write`"),
            Granted::Topic(_) => ("topic", "`publish`"),
        }
    }
}

/// The resource named `id`: a bucket, a queue, a table, a Kinesis stream or a topic.
fn granted<'a>(stack: &'a Stack, id: &str) -> Result<Granted<'a>, SynthError> {
    let mut found: Vec<Granted<'a>> = [
        stack
            .buckets
            .iter()
            .find(|b| b.id == id)
            .map(Granted::Bucket),
        stack.queues.iter().find(|q| q.id == id).map(Granted::Queue),
        stack.tables.iter().find(|t| t.id == id).map(Granted::Table),
        stack
            .streams
            .iter()
            .find(|s| s.id == id)
            .map(Granted::Stream),
        stack.topics.iter().find(|t| t.id == id).map(Granted::Topic),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let [first, second, ..] = &found[..] {
        let problem = format!(
            "names both a {} and a {}; rename one so that the grant names one resource",
            first.kind().0,
            second.kind().0
        );
        return Err(invalid(stack, format!("grant on `{id}`"), problem));
    }
    found.pop().ok_or_else(|| SynthError::UnknownReference {
        stack: stack.name.clone(),
        kind: "resource",
        id: id.to_owned(),
    })
}

/// The access level as the DSL spells it.
fn access_name(access: Access) -> &'static str {
    match access {
        Access::Read => "read",
        Access::Write => "write",
        Access::ReadWrite => "read_write",
        Access::Send => "send",
        Access::Consume => "consume",
        Access::Publish => "publish",
    }
}

/// Least privilege per access level and kind of resource; an error when the level does not
/// apply to the kind.
fn grant_statements(stack: &Stack, grant: &Grant) -> Result<Vec<Value>, SynthError> {
    let resource = granted(stack, &grant.resource)?;
    let statements = match &resource {
        Granted::Bucket(bucket) => bucket_access(grant.access, bucket),
        Granted::Queue(queue) => queue_access(grant.access, queue),
        Granted::Table(table) => table_access(grant.access, table),
        Granted::Stream(stream) => stream_access(grant.access, stream),
        Granted::Topic(topic) => topic_access(grant.access, topic),
    };
    statements.ok_or_else(|| {
        let (kind, allowed) = resource.kind();
        SynthError::WrongAccess {
            stack: stack.name.clone(),
            access: access_name(grant.access),
            kind,
            resource: grant.resource.clone(),
            allowed,
        }
    })
}

/// The statements of `read` and of `write` that `access` asks for; `None` for a level other
/// than read, write or both.
fn read_write(
    access: Access,
    read: impl FnOnce() -> Vec<Value>,
    write: impl FnOnce() -> Vec<Value>,
) -> Option<Vec<Value>> {
    let mut statements = Vec::new();
    match access {
        Access::Read => statements.extend(read()),
        Access::Write => statements.extend(write()),
        Access::ReadWrite => {
            statements.extend(read());
            statements.extend(write());
        }
        Access::Send | Access::Consume | Access::Publish => return None,
    }
    Some(statements)
}

/// Object actions on `bucket/*`, listing on the bucket.
fn bucket_access(access: Access, bucket: &Bucket) -> Option<Vec<Value>> {
    let objects = bucket::objects_arn(bucket);
    read_write(
        access,
        || {
            vec![
                allow(&["s3:GetObject"], vec![objects.clone()]),
                allow(&["s3:ListBucket"], vec![bucket::arn(bucket)]),
            ]
        },
        || {
            vec![allow(
                &["s3:DeleteObject", "s3:PutObject"],
                vec![objects.clone()],
            )]
        },
    )
}

/// Item reads on the table and its indexes; item writes on the table, since indexes are
/// written through it.
fn table_access(access: Access, table: &Table) -> Option<Vec<Value>> {
    let reads = [
        "dynamodb:BatchGetItem",
        "dynamodb:ConditionCheckItem",
        "dynamodb:GetItem",
        "dynamodb:Query",
        "dynamodb:Scan",
    ];
    let writes = [
        "dynamodb:BatchWriteItem",
        "dynamodb:DeleteItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
    ];
    read_write(
        access,
        || {
            vec![allow(
                &reads,
                vec![table::arn(table), table::indexes_arn(table)],
            )]
        },
        || vec![allow(&writes, vec![table::arn(table)])],
    )
}

/// Record reads or writes on the Kinesis stream.
fn stream_access(access: Access, stream: &KinesisStream) -> Option<Vec<Value>> {
    let reads = [
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:GetRecords",
        "kinesis:GetShardIterator",
        "kinesis:ListShards",
    ];
    let writes = ["kinesis:PutRecord", "kinesis:PutRecords"];
    read_write(
        access,
        || vec![allow(&reads, vec![stream::arn(stream)])],
        || vec![allow(&writes, vec![stream::arn(stream)])],
    )
}

/// Sending, or receiving, deleting and reading attributes, on the queue.
fn queue_access(access: Access, queue: &Queue) -> Option<Vec<Value>> {
    let actions: &[&str] = match access {
        Access::Send => &["sqs:SendMessage"],
        Access::Consume => &[
            "sqs:DeleteMessage",
            "sqs:GetQueueAttributes",
            "sqs:ReceiveMessage",
        ],
        _ => return None,
    };
    Some(vec![allow(actions, vec![queue::arn(queue)])])
}

/// Publishing to the topic.
fn topic_access(access: Access, topic: &Topic) -> Option<Vec<Value>> {
    (access == Access::Publish).then(|| vec![allow(&["sns:Publish"], vec![topic::arn(topic)])])
}

fn resource_arn(stack: &Stack, resource: &ResourceRef) -> Result<Value, SynthError> {
    match resource {
        ResourceRef::Bucket(id) => Ok(bucket::arn(bucket::find(stack, id)?)),
        ResourceRef::BucketObjects(id) => Ok(bucket::objects_arn(bucket::find(stack, id)?)),
        ResourceRef::Function(id) => Ok(function::arn(function::find(stack, id)?)),
    }
}
