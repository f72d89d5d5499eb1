//! IAM statements: well-formed actions, no wildcards, and each action on the kind of
//! resource it acts on.

use crate::syntax::ast::{AllowDecl, Sp, Stack};
use crate::syntax::errors::Ctxt;
use crate::syntax::valid::reference::{declared, Kind};

/// S3 actions whose resource is an object ARN (`arn:aws:s3:::bucket/key`).
/// Source: Service Authorization Reference, "Actions defined by Amazon S3", resource `object`.
pub const S3_OBJECT_ACTIONS: &[&str] = &[
    "s3:AbortMultipartUpload",
    "s3:DeleteObject",
    "s3:DeleteObjectTagging",
    "s3:DeleteObjectVersion",
    "s3:DeleteObjectVersionTagging",
    "s3:GetObject",
    "s3:GetObjectAcl",
    "s3:GetObjectAttributes",
    "s3:GetObjectLegalHold",
    "s3:GetObjectRetention",
    "s3:GetObjectTagging",
    "s3:GetObjectVersion",
    "s3:GetObjectVersionAcl",
    "s3:GetObjectVersionAttributes",
    "s3:GetObjectVersionTagging",
    "s3:ListMultipartUploadParts",
    "s3:PutObject",
    "s3:PutObjectAcl",
    "s3:PutObjectLegalHold",
    "s3:PutObjectRetention",
    "s3:PutObjectTagging",
    "s3:PutObjectVersionAcl",
    "s3:PutObjectVersionTagging",
    "s3:RestoreObject",
];

/// S3 actions whose resource is a bucket ARN (`arn:aws:s3:::bucket`).
/// Source: Service Authorization Reference, "Actions defined by Amazon S3", resource `bucket`.
pub const S3_BUCKET_ACTIONS: &[&str] = &[
    "s3:GetBucketAcl",
    "s3:GetBucketCORS",
    "s3:GetBucketLocation",
    "s3:GetBucketLogging",
    "s3:GetBucketNotification",
    "s3:GetBucketPolicy",
    "s3:GetBucketTagging",
    "s3:GetBucketVersioning",
    "s3:GetBucketWebsite",
    "s3:GetEncryptionConfiguration",
    "s3:GetLifecycleConfiguration",
    "s3:ListBucket",
    "s3:ListBucketMultipartUploads",
    "s3:ListBucketVersions",
    "s3:PutBucketNotification",
    "s3:PutBucketTagging",
    "s3:PutBucketVersioning",
];

/// Every action is `service:Action`, none is a wildcard over a whole service, and each acts
/// on a resource the statement names: object actions on `bucket.objects`, bucket actions on
/// `bucket`, Lambda actions on functions.
/// Source: IAM User Guide, "IAM JSON policy elements: Action"; Service Authorization Reference.
pub(crate) fn check_statements(stack: &Stack, cx: &mut Ctxt) {
    let names = declared(stack);
    let kind_of = |ident: &syn::Ident| {
        names
            .iter()
            .find(|(n, _, _)| ident == n)
            .map(|(_, k, _)| *k)
    };
    for statement in &stack.statements {
        if statement.actions.is_empty() {
            cx.error_spanned(
                crate::syntax::ast::path_ident(&statement.principal).span(),
                "`allow` lists no actions; name at least one, as in `[\"s3:GetObject\"]`",
            );
        }
        for action in &statement.actions {
            if check_action_form(action, cx) {
                check_action_target(statement, action, &kind_of, cx);
            }
        }
    }
}

fn check_action_form(action: &Sp<String>, cx: &mut Ctxt) -> bool {
    let value = &action.value;
    let Some((service, name)) = value.split_once(':') else {
        cx.error_spanned(
            action.span,
            format!("action `{value}` must have the form `service:Action`, as in `s3:GetObject`"),
        );
        return false;
    };
    let service_ok = !service.is_empty()
        && service
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let name_ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '*');
    if !service_ok || !name_ok {
        cx.error_spanned(
            action.span,
            format!("action `{value}` must have the form `service:Action`, as in `s3:GetObject`"),
        );
        return false;
    }
    if name == "*" {
        cx.error_spanned(action.span, format!("action `{value}` grants every action of `{service}`; list the actions the function needs"));
        return false;
    }
    true
}

fn check_action_target(
    statement: &AllowDecl,
    action: &Sp<String>,
    kind_of: &dyn Fn(&syn::Ident) -> Option<Kind>,
    cx: &mut Ctxt,
) {
    let value = action.value.as_str();
    let service = value.split(':').next().unwrap_or_default();
    let buckets = statement
        .resources
        .iter()
        .filter(|r| kind_of(&r.construct) == Some(Kind::Bucket));
    let (objects, bare): (Vec<_>, Vec<_>) = buckets.partition(|r| r.objects.is_some());
    let functions = statement
        .resources
        .iter()
        .filter(|r| kind_of(&r.construct) == Some(Kind::Function))
        .count();
    if S3_OBJECT_ACTIONS.contains(&value) && objects.is_empty() {
        if let Some(bucket) = bare.first() {
            cx.error_spanned(bucket.construct.span(), format!("`{value}` acts on objects, and `{0}` is the bucket itself; write `{0}.objects`", bucket.construct));
        }
    } else if S3_BUCKET_ACTIONS.contains(&value) && bare.is_empty() {
        if let Some(bucket) = objects.first() {
            cx.error_spanned(
                bucket.construct.span(),
                format!(
                    "`{value}` acts on the bucket, not its objects; write `{}`",
                    bucket.construct
                ),
            );
        }
    } else if service == "s3" && objects.is_empty() && bare.is_empty() && functions > 0 {
        cx.error_spanned(
            action.span,
            format!("`{value}` acts on S3, and the statement names no bucket"),
        );
    } else if service == "lambda" && functions == 0 && !statement.resources.is_empty() {
        cx.error_spanned(
            action.span,
            format!("`{value}` acts on Lambda functions, and the statement names none"),
        );
    }
}
