//! `AWS::DynamoDB::Table`: billed per request, with point-in-time recovery, retained when the
//! stack lets go of it.

use super::{get_att, invalid, logical, sub, Resources, SynthError};
use crate::model::{AttributeKind, KeyAttribute, Stack, StreamView, Table};
use serde::Serialize;
use serde_json::{json, Value};

/// The logical ID of table `id`.
pub(crate) fn logical_id(id: &str) -> String {
    logical(id, "Table")
}

pub(crate) fn find<'a>(stack: &'a Stack, id: &str) -> Result<&'a Table, SynthError> {
    super::find(stack, &stack.tables, "table", id, |t| &t.id)
}

/// The table's ARN. Tables refer to nothing, so referring to one closes no dependency cycle.
pub(crate) fn arn(table: &Table) -> Value {
    get_att(&logical_id(&table.id), "Arn")
}

/// The ARN of every index of the table.
pub(crate) fn indexes_arn(table: &Table) -> Value {
    sub(format!("${{{}.Arn}}/index/*", logical_id(&table.id)))
}

/// The ARN of the table's stream, or an error naming `construct` that reads it.
pub(crate) fn stream_arn(
    stack: &Stack,
    table: &Table,
    construct: &str,
) -> Result<Value, SynthError> {
    if table.stream.is_none() {
        let problem = format!(
            "reads the stream of table `{}`, which has none; give the table a stream",
            table.id
        );
        return Err(invalid(stack, construct.to_owned(), problem));
    }
    Ok(get_att(&logical_id(&table.id), "StreamArn"))
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct TableProperties {
    billing_mode: &'static str,
    key_schema: Vec<KeySchemaElement>,
    attribute_definitions: Vec<AttributeDefinition>,
    point_in_time_recovery_specification: PointInTimeRecoverySpecification,
    #[serde(skip_serializing_if = "Option::is_none")]
    stream_specification: Option<StreamSpecification>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct KeySchemaElement {
    attribute_name: String,
    key_type: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AttributeDefinition {
    attribute_name: String,
    attribute_type: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PointInTimeRecoverySpecification {
    point_in_time_recovery_enabled: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct StreamSpecification {
    stream_view_type: &'static str,
}

pub(crate) fn add_tables(resources: &mut Resources<'_>) -> Result<(), SynthError> {
    let stack = resources.stack;
    for table in &stack.tables {
        check_keys(stack, table)?;
        let mut keys = vec![(&table.partition_key, "HASH")];
        keys.extend(table.sort_key.as_ref().map(|key| (key, "RANGE")));
        let properties = TableProperties {
            billing_mode: "PAY_PER_REQUEST",
            key_schema: keys.iter().map(|(k, t)| key_element(k, t)).collect(),
            attribute_definitions: keys.iter().map(|(k, _)| attribute(k)).collect(),
            point_in_time_recovery_specification: PointInTimeRecoverySpecification {
                point_in_time_recovery_enabled: true,
            },
            stream_specification: table.stream.map(|view| StreamSpecification {
                stream_view_type: stream_view_type(view),
            }),
        };
        let properties = serde_json::to_value(properties).unwrap_or_default();
        resources.add(
            logical_id(&table.id),
            json!({
                "Type": "AWS::DynamoDB::Table",
                "DeletionPolicy": "Retain",
                "UpdateReplacePolicy": "Retain",
                "Properties": properties,
            }),
        );
    }
    Ok(())
}

/// The partition key and the sort key are two attributes (DynamoDB Developer Guide, "Core
/// components": a composite primary key is made of two attributes).
fn check_keys(stack: &Stack, table: &Table) -> Result<(), SynthError> {
    match &table.sort_key {
        Some(sort) if sort.name == table.partition_key.name => {
            let problem = format!("has `{}` as both its partition key and its sort key; a sort key is another attribute", sort.name);
            Err(invalid(stack, format!("table `{}`", table.id), problem))
        }
        _ => Ok(()),
    }
}

fn key_element(key: &KeyAttribute, key_type: &'static str) -> KeySchemaElement {
    KeySchemaElement {
        attribute_name: key.name.clone(),
        key_type,
    }
}

fn attribute(key: &KeyAttribute) -> AttributeDefinition {
    AttributeDefinition {
        attribute_name: key.name.clone(),
        attribute_type: match key.kind {
            AttributeKind::String => "S",
            AttributeKind::Number => "N",
            AttributeKind::Binary => "B",
        },
    }
}

fn stream_view_type(view: StreamView) -> &'static str {
    match view {
        StreamView::KeysOnly => "KEYS_ONLY",
        StreamView::NewImage => "NEW_IMAGE",
        StreamView::OldImage => "OLD_IMAGE",
        StreamView::NewAndOldImages => "NEW_AND_OLD_IMAGES",
    }
}
