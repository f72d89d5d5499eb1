//! `AWS::S3::Bucket` with native notifications, its TLS-only policy, and the permissions that
//! let S3 invoke the notified functions.

use super::{function, get_att, logical, reference, sub, Resources, SynthError};
use crate::model::{Bucket, BucketName, Notification, ObjectEvent, Stack};
use serde_json::{json, Value};

/// The logical ID of bucket `id`.
pub(crate) fn logical_id(id: &str) -> String {
    logical(id, "Bucket")
}

pub(crate) fn find<'a>(stack: &'a Stack, id: &str) -> Result<&'a Bucket, SynthError> {
    super::find(stack, &stack.buckets, "bucket", id, |b| &b.id)
}

/// The bucket name as a `Fn::Sub` pattern.
fn name_pattern(bucket: &Bucket) -> String {
    match &bucket.name {
        BucketName::Literal(name) => name.clone(),
        BucketName::Derived(prefix) => format!("{prefix}-${{AWS::AccountId}}-${{AWS::Region}}"),
    }
}

/// The bucket's ARN from its name alone: policies and permissions that use it need no
/// reference to the bucket, which keeps the template free of dependency cycles.
pub(crate) fn arn(bucket: &Bucket) -> Value {
    sub(format!(
        "arn:${{AWS::Partition}}:s3:::{}",
        name_pattern(bucket)
    ))
}

/// The ARN of every object in the bucket.
pub(crate) fn objects_arn(bucket: &Bucket) -> Value {
    sub(format!(
        "arn:${{AWS::Partition}}:s3:::{}/*",
        name_pattern(bucket)
    ))
}

fn permission_logical_id(bucket: &Bucket, function: &str) -> String {
    format!(
        "{}{}Permission",
        function::logical_id(function),
        logical_id(&bucket.id)
    )
}

pub(crate) fn add_buckets(resources: &mut Resources<'_>) -> Result<(), SynthError> {
    let stack = resources.stack;
    for bucket in &stack.buckets {
        let mut permissions: Vec<String> = Vec::new();
        for notification in &bucket.notifications {
            // The function, or its alias with provisioned concurrency.
            let invoked = function::invoked(stack, &notification.function)?;
            let id = permission_logical_id(bucket, &notification.function);
            if !permissions.contains(&id) {
                resources.add(
                    id.clone(),
                    json!({
                        "Type": "AWS::Lambda::Permission",
                        "Properties": {
                            "Action": "lambda:InvokeFunction",
                            "FunctionName": invoked.arn(),
                            "Principal": "s3.amazonaws.com",
                            "SourceAccount": reference("AWS::AccountId"),
                            "SourceArn": arn(bucket),
                        },
                    }),
                );
                permissions.push(id);
            }
        }
        let resource = bucket_resource(stack, bucket, permissions)?;
        resources.add(logical_id(&bucket.id), resource);
        resources.add(
            format!("{}Policy", logical_id(&bucket.id)),
            tls_policy(bucket),
        );
    }
    Ok(())
}

fn bucket_resource(
    stack: &Stack,
    bucket: &Bucket,
    permissions: Vec<String>,
) -> Result<Value, SynthError> {
    let mut properties = json!({
        "BucketName": sub(name_pattern(bucket)),
        "BucketEncryption": {
            "ServerSideEncryptionConfiguration": [
                { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "AES256" } }
            ],
        },
        "OwnershipControls": { "Rules": [{ "ObjectOwnership": "BucketOwnerEnforced" }] },
        "PublicAccessBlockConfiguration": {
            "BlockPublicAcls": true,
            "BlockPublicPolicy": true,
            "IgnorePublicAcls": true,
            "RestrictPublicBuckets": true,
        },
    });
    if !bucket.notifications.is_empty() {
        let configurations = bucket
            .notifications
            .iter()
            .map(|n| notification(stack, n))
            .collect::<Result<Vec<_>, _>>()?;
        properties["NotificationConfiguration"] = json!({ "LambdaConfigurations": configurations });
    }
    let mut resource = json!({
        "Type": "AWS::S3::Bucket",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": properties,
    });
    if !permissions.is_empty() {
        // S3 checks that it may invoke each destination when the notification is set.
        resource["DependsOn"] = json!(permissions);
    }
    Ok(resource)
}

fn notification(stack: &Stack, notification: &Notification) -> Result<Value, SynthError> {
    let event = match notification.event {
        ObjectEvent::Created => "s3:ObjectCreated:*",
        ObjectEvent::Removed => "s3:ObjectRemoved:*",
    };
    let mut configuration = json!({
        "Event": event,
        "Function": function::invoked(stack, &notification.function)?.arn(),
    });
    let mut rules = Vec::new();
    if let Some(prefix) = &notification.prefix {
        rules.push(json!({ "Name": "prefix", "Value": prefix }));
    }
    if let Some(suffix) = &notification.suffix {
        rules.push(json!({ "Name": "suffix", "Value": suffix }));
    }
    if !rules.is_empty() {
        configuration["Filter"] = json!({ "S3Key": { "Rules": rules } });
    }
    Ok(configuration)
}

fn tls_policy(bucket: &Bucket) -> Value {
    let id = logical_id(&bucket.id);
    json!({
        "Type": "AWS::S3::BucketPolicy",
        "Properties": {
            "Bucket": reference(&id),
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{
                    "Sid": "DenyInsecureTransport",
                    "Effect": "Deny",
                    "Principal": { "AWS": "*" },
                    "Action": "s3:*",
                    "Resource": [get_att(&id, "Arn"), sub(format!("${{{id}.Arn}}/*"))],
                    "Condition": { "Bool": { "aws:SecureTransport": "false" } },
                }],
            },
        },
    })
}
