//! `AWS::IAM::Role`: one per function unless it names a declared role, with least privilege.

use super::{bucket, function, get_att, logical, Resources, SynthError};
use crate::model::{Access, Function, Principal, ResourceRef, Stack, Tracing};
use serde_json::{json, Value};

/// The logical ID of declared role `id`.
pub(crate) fn role_logical_id(_stack: &Stack, id: &str) -> String {
    logical(id, "Role")
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
/// enabled, then grants and statements addressed to it.
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
    let mut statements = Vec::new();
    for grant in &stack.grants {
        if principal_role(stack, &grant.principal)? == *role {
            statements.extend(grant_statements(stack, grant.access, &grant.resource)?);
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
    if !statements.is_empty() {
        policies.push(policy("permissions", statements));
    }
    Ok(policies)
}

fn policy(name: &str, statements: Vec<Value>) -> Value {
    json!({
        "PolicyName": name,
        "PolicyDocument": { "Version": "2012-10-17", "Statement": statements },
    })
}

fn allow(actions: &[&str], resources: Vec<Value>) -> Value {
    json!({ "Effect": "Allow", "Action": actions, "Resource": resources })
}

/// Least privilege per access level: object actions on `bucket/*`, listing on the bucket.
fn grant_statements(
    stack: &Stack,
    access: Access,
    bucket_id: &str,
) -> Result<Vec<Value>, SynthError> {
    let bucket = bucket::find(stack, bucket_id)?;
    let objects = bucket::objects_arn(bucket);
    let mut statements = Vec::new();
    if matches!(access, Access::Read | Access::ReadWrite) {
        statements.push(allow(&["s3:GetObject"], vec![objects.clone()]));
        statements.push(allow(&["s3:ListBucket"], vec![bucket::arn(bucket)]));
    }
    if matches!(access, Access::Write | Access::ReadWrite) {
        statements.push(allow(&["s3:DeleteObject", "s3:PutObject"], vec![objects]));
    }
    Ok(statements)
}

fn resource_arn(stack: &Stack, resource: &ResourceRef) -> Result<Value, SynthError> {
    match resource {
        ResourceRef::Bucket(id) => Ok(bucket::arn(bucket::find(stack, id)?)),
        ResourceRef::BucketObjects(id) => Ok(bucket::objects_arn(bucket::find(stack, id)?)),
        ResourceRef::Function(id) => stack
            .functions
            .iter()
            .find(|f| &f.id == id)
            .map(function::arn)
            .ok_or_else(|| SynthError::UnknownReference {
                stack: stack.name.clone(),
                kind: "function",
                id: id.clone(),
            }),
    }
}
