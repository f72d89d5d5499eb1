//! `AWS::Kinesis::Stream`: on-demand unless it has a shard count, encrypted with the AWS
//! managed key, retained when the stack lets go of it.

use super::{get_att, logical, Resources, SynthError};
use crate::model::{KinesisStream, Stack};
use serde::Serialize;
use serde_json::{json, Value};

/// The AWS managed KMS key of Kinesis Data Streams: encryption at no key cost, and usable by
/// any principal of the account that may read or write the stream, with no key policy to
/// manage (Kinesis Data Streams Developer Guide, "Data protection").
const AWS_MANAGED_KEY: &str = "alias/aws/kinesis";

/// Kinesis's retention when a stream sets none, in hours (Kinesis Data Streams Developer
/// Guide, "Changing the data retention period"). Written out, so that the template states
/// how long records live.
const DEFAULT_RETENTION_HOURS: u64 = 24;

/// The logical ID of stream `id`.
pub(crate) fn logical_id(id: &str) -> String {
    logical(id, "Stream")
}

pub(crate) fn find<'a>(stack: &'a Stack, id: &str) -> Result<&'a KinesisStream, SynthError> {
    super::find(stack, &stack.streams, "stream", id, |s| &s.id)
}

/// The stream's ARN. Streams refer to nothing, so referring to one closes no dependency
/// cycle.
pub(crate) fn arn(stream: &KinesisStream) -> Value {
    get_att(&logical_id(&stream.id), "Arn")
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct StreamProperties {
    #[serde(skip_serializing_if = "Option::is_none")]
    shard_count: Option<u64>,
    stream_mode_details: StreamModeDetails,
    stream_encryption: StreamEncryption,
    retention_period_hours: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct StreamModeDetails {
    stream_mode: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct StreamEncryption {
    encryption_type: &'static str,
    key_id: &'static str,
}

pub(crate) fn add_streams(resources: &mut Resources<'_>) -> Result<(), SynthError> {
    for stream in &resources.stack.streams {
        let properties = StreamProperties {
            shard_count: stream.shard_count,
            stream_mode_details: StreamModeDetails {
                stream_mode: match stream.shard_count {
                    Some(_) => "PROVISIONED",
                    None => "ON_DEMAND",
                },
            },
            stream_encryption: StreamEncryption {
                encryption_type: "KMS",
                key_id: AWS_MANAGED_KEY,
            },
            retention_period_hours: stream.retention_hours.unwrap_or(DEFAULT_RETENTION_HOURS),
        };
        let properties = serde_json::to_value(properties).unwrap_or_default();
        resources.add(
            logical_id(&stream.id),
            json!({
                "Type": "AWS::Kinesis::Stream",
                // Records may be kept for up to a year and be their only copy, so the stream
                // outlives the stack like a bucket or a table.
                "DeletionPolicy": "Retain",
                "UpdateReplacePolicy": "Retain",
                "Properties": properties,
            }),
        );
    }
    Ok(())
}
