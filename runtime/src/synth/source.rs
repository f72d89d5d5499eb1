//! `AWS::Lambda::EventSourceMapping`: queues and streams that Lambda polls for a function,
//! and the permissions the poller needs on the function's role.

use super::destination::{self, Use};
use super::{function, iam, invalid, queue, stream, table, Resources, SynthError};
use crate::model::{EventSource, Function, PollSource, Stack, StartingPosition};
use serde::Serialize;
use serde_json::{json, Value};

/// The only response type Lambda defines: the function returns the records that failed, and
/// only those are retried.
const REPORT_BATCH_ITEM_FAILURES: &str = "ReportBatchItemFailures";

/// The logical ID of the mapping of `source`.
fn logical_id(source: &EventSource) -> String {
    let from = match &source.source {
        PollSource::Queue(id) => queue::logical_id(id),
        PollSource::TableStream(id) => format!("{}Stream", table::logical_id(id)),
        PollSource::Kinesis(id) => stream::logical_id(id),
    };
    format!("{}{from}Mapping", function::logical_id(&source.function))
}

fn construct(source: &EventSource) -> String {
    let from = match &source.source {
        PollSource::Queue(id) => format!("queue `{id}`"),
        PollSource::TableStream(id) => format!("the stream of table `{id}`"),
        PollSource::Kinesis(id) => format!("stream `{id}`"),
    };
    format!(
        "the event source of function `{}` on {from}",
        source.function
    )
}

/// What Lambda reads: the source's ARN, and what its poller needs on the function's role.
struct Poll {
    arn: Value,
    statements: Vec<Value>,
}

/// The ARN of `source` and the least privilege Lambda's poller needs on it (Lambda Developer
/// Guide, "Execution role permissions" of the SQS, DynamoDB and Kinesis event sources).
fn poll(stack: &Stack, source: &EventSource) -> Result<Poll, SynthError> {
    match &source.source {
        PollSource::Queue(id) => {
            let arn = queue::arn(queue::find(stack, id)?);
            let actions = [
                "sqs:ChangeMessageVisibility",
                "sqs:DeleteMessage",
                "sqs:GetQueueAttributes",
                "sqs:ReceiveMessage",
            ];
            let statements = vec![iam::allow(&actions, vec![arn.clone()])];
            Ok(Poll { arn, statements })
        }
        PollSource::TableStream(id) => {
            let table = table::find(stack, id)?;
            let arn = table::stream_arn(stack, table, &construct(source))?;
            let actions = [
                "dynamodb:DescribeStream",
                "dynamodb:GetRecords",
                "dynamodb:GetShardIterator",
            ];
            let statements = vec![
                iam::allow(&actions, vec![arn.clone()]),
                // `ListStreams` acts on no resource type, so IAM takes it on `*` only.
                iam::allow(&["dynamodb:ListStreams"], vec![json!("*")]),
            ];
            Ok(Poll { arn, statements })
        }
        PollSource::Kinesis(id) => {
            let arn = stream::arn(stream::find(stack, id)?);
            let actions = [
                "kinesis:DescribeStream",
                "kinesis:DescribeStreamSummary",
                "kinesis:GetRecords",
                "kinesis:GetShardIterator",
                "kinesis:ListShards",
            ];
            let statements = vec![
                iam::allow(&actions, vec![arn.clone()]),
                // `ListStreams` acts on no resource type, so IAM takes it on `*` only.
                iam::allow(&["kinesis:ListStreams"], vec![json!("*")]),
            ];
            Ok(Poll { arn, statements })
        }
    }
}

/// The statements the poller of each event source of `users` needs on their role, then
/// those that let it send failed batches to their on-failure destination.
pub(crate) fn poller_statements(
    stack: &Stack,
    users: &[&Function],
) -> Result<(Vec<Value>, Vec<Value>), SynthError> {
    let (mut polls, mut deliveries) = (Vec::new(), Vec::new());
    for source in &stack.event_sources {
        if users.iter().any(|f| f.id == source.function) {
            polls.extend(poll(stack, source)?.statements);
            if let Some(target) = &source.on_failure {
                let delivery =
                    destination::resolve(stack, target, Use::StreamFailure, &construct(source))?;
                deliveries.push(delivery.statement);
            }
        }
    }
    Ok((polls, deliveries))
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct MappingProperties {
    function_name: Value,
    event_source_arn: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    batch_size: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum_batching_window_in_seconds: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scaling_config: Option<ScalingConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    function_response_types: Option<[&'static str; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    starting_position: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    starting_position_timestamp: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parallelization_factor: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bisect_batch_on_function_error: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum_retry_attempts: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum_record_age_in_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tumbling_window_in_seconds: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    destination_config: Option<DestinationConfig>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ScalingConfig {
    maximum_concurrency: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DestinationConfig {
    on_failure: OnFailure,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct OnFailure {
    destination: Value,
}

pub(crate) fn add_event_sources(resources: &mut Resources<'_>) -> Result<(), SynthError> {
    let stack = resources.stack;
    for source in &stack.event_sources {
        let function = function::find(stack, &source.function)?;
        match &source.source {
            PollSource::Queue(id) => check_queue_source(stack, source, function, id)?,
            PollSource::TableStream(_) | PollSource::Kinesis(_) => {
                check_stream_source(stack, source)?
            }
        }
        let role = iam::function_role_logical_id(stack, function)?;
        let properties = mapping_properties(stack, source)?;
        resources.add(
            logical_id(source),
            json!({
                "Type": "AWS::Lambda::EventSourceMapping",
                // Lambda checks the poller's permissions on the role when it creates the
                // mapping.
                "DependsOn": [role],
                "Properties": properties,
            }),
        );
    }
    Ok(())
}

fn mapping_properties(stack: &Stack, source: &EventSource) -> Result<Value, SynthError> {
    let on_failure = match &source.on_failure {
        Some(target) => {
            let delivery =
                destination::resolve(stack, target, Use::StreamFailure, &construct(source))?;
            Some(DestinationConfig {
                on_failure: OnFailure {
                    destination: delivery.arn,
                },
            })
        }
        None => None,
    };
    let properties = MappingProperties {
        function_name: function::invoked(stack, &source.function)?.arn(),
        event_source_arn: poll(stack, source)?.arn,
        batch_size: source.batch_size,
        maximum_batching_window_in_seconds: source.batching_window,
        scaling_config: source
            .max_concurrency
            .map(|maximum_concurrency| ScalingConfig {
                maximum_concurrency,
            }),
        function_response_types: source
            .report_batch_item_failures
            .then_some([REPORT_BATCH_ITEM_FAILURES]),
        starting_position: source.starting_position.map(|p| match p {
            StartingPosition::TrimHorizon => "TRIM_HORIZON",
            StartingPosition::Latest => "LATEST",
            StartingPosition::AtTimestamp(_) => "AT_TIMESTAMP",
        }),
        starting_position_timestamp: match source.starting_position {
            Some(StartingPosition::AtTimestamp(seconds)) => Some(seconds),
            _ => None,
        },
        parallelization_factor: source.parallelization_factor,
        bisect_batch_on_function_error: source.bisect_on_error.then_some(true),
        maximum_retry_attempts: source.max_retry_attempts,
        maximum_record_age_in_seconds: source.max_record_age,
        tumbling_window_in_seconds: source.tumbling_window,
        destination_config: on_failure,
    };
    Ok(serde_json::to_value(properties).unwrap_or_default())
}

/// A queue source takes none of the stream settings: a queue retries through its visibility
/// timeout and redrive policy. A FIFO queue takes no batching window. The queue's visibility
/// timeout is at least the function's timeout, or Lambda refuses the mapping (Lambda
/// Developer Guide, "Using Lambda with Amazon SQS").
fn check_queue_source(
    stack: &Stack,
    source: &EventSource,
    function: &Function,
    queue_id: &str,
) -> Result<(), SynthError> {
    let queue = queue::find(stack, queue_id)?;
    let stream_settings = [
        ("starting_position", source.starting_position.is_some()),
        (
            "parallelization_factor",
            source.parallelization_factor.is_some(),
        ),
        ("bisect_on_error", source.bisect_on_error),
        ("max_retry_attempts", source.max_retry_attempts.is_some()),
        ("max_record_age", source.max_record_age.is_some()),
        ("tumbling_window", source.tumbling_window.is_some()),
        ("on_failure", source.on_failure.is_some()),
    ];
    if let Some((name, _)) = stream_settings.iter().find(|(_, set)| *set) {
        let problem = format!("sets `{name}`, which applies to streams only; a queue retries through its visibility timeout and sends failed messages to its dead-letter queue");
        return Err(invalid(stack, construct(source), problem));
    }
    if queue.fifo && source.batching_window.is_some() {
        let problem =
            "sets `batching_window`, which FIFO queues do not support; remove it".to_owned();
        return Err(invalid(stack, construct(source), problem));
    }
    let visibility = queue
        .visibility_timeout
        .unwrap_or(queue::DEFAULT_VISIBILITY_TIMEOUT);
    if visibility < function.timeout {
        let problem = format!("reads a queue whose visibility timeout ({visibility} s) is below the function's timeout ({} s); raise the queue's visibility timeout", function.timeout);
        return Err(invalid(stack, construct(source), problem));
    }
    Ok(())
}

/// A stream source says where it starts reading, and only Kinesis starts at a timestamp;
/// `max_concurrency` applies to queues only (Lambda API Reference,
/// `CreateEventSourceMapping`).
fn check_stream_source(stack: &Stack, source: &EventSource) -> Result<(), SynthError> {
    let problem = match (&source.source, source.starting_position) {
        (_, None) => "has no `starting_position`, which a stream source needs; start at the oldest record, the latest, or a timestamp",
        (PollSource::TableStream(_), Some(StartingPosition::AtTimestamp(_))) => "starts at a timestamp, which DynamoDB streams do not support; start at the oldest or the latest record",
        _ if source.max_concurrency.is_some() => "sets `max_concurrency`, which applies to queues only; use `parallelization_factor` for a stream",
        _ => return Ok(()),
    };
    Err(invalid(stack, construct(source), problem.to_owned()))
}
