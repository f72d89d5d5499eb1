//! `AWS::SQS::Queue`: standard or FIFO, encrypted with SQS-managed keys, with its redrive
//! policy.

use super::{get_att, invalid, logical, Resources, SynthError};
use crate::model::{Queue, Redrive, Stack};
use serde::Serialize;
use serde_json::{json, Value};

/// A FIFO queue's name ends with this suffix, and a standard queue's name does not (SQS
/// Developer Guide, "Amazon SQS FIFO queues").
const FIFO_SUFFIX: &str = ".fifo";

/// SQS's visibility timeout when a queue sets none, in seconds (SQS Developer Guide,
/// "Amazon SQS visibility timeout").
pub(crate) const DEFAULT_VISIBILITY_TIMEOUT: u64 = 30;

/// SQS's message retention when a queue sets none, in seconds: 4 days (SQS API Reference,
/// `SetQueueAttributes`). Written out, so that the template states how long messages live.
const DEFAULT_RETENTION: u64 = 4 * 24 * 60 * 60;

/// Most receives a redrive policy may allow before moving a message (SQS API Reference,
/// `RedrivePolicy`: `maxReceiveCount` is 1 to 1,000).
const MAX_RECEIVE_COUNT: u64 = 1_000;

/// The logical ID of queue `id`.
pub(crate) fn logical_id(id: &str) -> String {
    logical(id, "Queue")
}

pub(crate) fn find<'a>(stack: &'a Stack, id: &str) -> Result<&'a Queue, SynthError> {
    super::find(stack, &stack.queues, "queue", id, |q| &q.id)
}

/// The queue's ARN. Queues refer to nothing but their dead-letter queue, so referring to
/// one from a role or a function closes no dependency cycle.
pub(crate) fn arn(queue: &Queue) -> Value {
    get_att(&logical_id(&queue.id), "Arn")
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct QueueProperties {
    #[serde(skip_serializing_if = "Option::is_none")]
    queue_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fifo_queue: Option<bool>,
    sqs_managed_sse_enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    visibility_timeout: Option<u64>,
    message_retention_period: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    redrive_policy: Option<RedrivePolicy>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RedrivePolicy {
    dead_letter_target_arn: Value,
    max_receive_count: u64,
}

pub(crate) fn add_queues(resources: &mut Resources<'_>) -> Result<(), SynthError> {
    let stack = resources.stack;
    for queue in &stack.queues {
        check_name(stack, queue)?;
        let redrive_policy = match &queue.dead_letter {
            Some(redrive) => Some(redrive_policy(stack, queue, redrive)?),
            None => None,
        };
        let properties = QueueProperties {
            queue_name: queue_name(queue),
            // Without a name, this alone makes CloudFormation generate one ending in `.fifo`.
            fifo_queue: queue.fifo.then_some(true),
            sqs_managed_sse_enabled: true,
            visibility_timeout: queue.visibility_timeout,
            message_retention_period: queue.retention.unwrap_or(DEFAULT_RETENTION),
            redrive_policy,
        };
        let properties = serde_json::to_value(properties).unwrap_or_default();
        resources.add(
            logical_id(&queue.id),
            json!({
                "Type": "AWS::SQS::Queue",
                // Messages are work in transit, not records: the queue goes with the stack.
                "DeletionPolicy": "Delete",
                "UpdateReplacePolicy": "Delete",
                "Properties": properties,
            }),
        );
    }
    Ok(())
}

/// The `QueueName`: as given, with `.fifo` appended for a FIFO queue that lacks it.
fn queue_name(queue: &Queue) -> Option<String> {
    let name = queue.queue_name.as_ref()?;
    if queue.fifo && !name.ends_with(FIFO_SUFFIX) {
        Some(format!("{name}{FIFO_SUFFIX}"))
    } else {
        Some(name.clone())
    }
}

/// A standard queue's name cannot end with `.fifo`, the suffix SQS keeps for FIFO queues.
fn check_name(stack: &Stack, queue: &Queue) -> Result<(), SynthError> {
    match &queue.queue_name {
        Some(name) if !queue.fifo && name.ends_with(FIFO_SUFFIX) => {
            let problem = format!("is a standard queue named `{name}`, and only FIFO queues have names ending in `{FIFO_SUFFIX}`; make the queue FIFO or rename it");
            Err(invalid(stack, format!("queue `{}`", queue.id), problem))
        }
        _ => Ok(()),
    }
}

/// A dead-letter queue is of the same type as its source queue (FIFO or standard), is not
/// the queue itself nor leads back to it, and `maxReceiveCount` is 1 to 1,000 (SQS Developer
/// Guide, "Using dead-letter queues in Amazon SQS").
fn redrive_policy(
    stack: &Stack,
    queue: &Queue,
    redrive: &Redrive,
) -> Result<RedrivePolicy, SynthError> {
    let construct = || format!("queue `{}`", queue.id);
    let dead_letter = find(stack, &redrive.queue)?;
    if dead_letter.fifo != queue.fifo {
        let kind = |fifo| if fifo { "FIFO" } else { "standard" };
        let problem = format!(
            "is {} and its dead-letter queue `{}` is {}; SQS needs both of one type",
            kind(queue.fifo),
            dead_letter.id,
            kind(dead_letter.fifo)
        );
        return Err(invalid(stack, construct(), problem));
    }
    if leads_back(stack, queue) {
        let problem = format!("reaches itself through dead-letter queue `{}`; end the chain of dead-letter queues on a queue that has none", dead_letter.id);
        return Err(invalid(stack, construct(), problem));
    }
    if !(1..=MAX_RECEIVE_COUNT).contains(&redrive.max_receive_count) {
        let problem = format!(
            "moves messages after {} receives, and SQS takes 1 to {MAX_RECEIVE_COUNT}",
            redrive.max_receive_count
        );
        return Err(invalid(stack, construct(), problem));
    }
    Ok(RedrivePolicy {
        dead_letter_target_arn: arn(dead_letter),
        max_receive_count: redrive.max_receive_count,
    })
}

/// Whether following dead-letter queues from `queue` comes back to it: a dependency cycle.
fn leads_back(stack: &Stack, queue: &Queue) -> bool {
    let mut next = queue.dead_letter.as_ref();
    for _ in 0..stack.queues.len() {
        let Some(redrive) = next else {
            return false;
        };
        if redrive.queue == queue.id {
            return true;
        }
        next = stack
            .queues
            .iter()
            .find(|q| q.id == redrive.queue)
            .and_then(|q| q.dead_letter.as_ref());
    }
    false
}
