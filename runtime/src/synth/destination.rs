//! Where Lambda sends records: dead-letter targets, destinations of asynchronous invocations
//! and of failed stream batches; and `AWS::Lambda::EventInvokeConfig`.

use super::{
    events, function, iam, invalid, queue, reference, topic, version, Resources, SynthError,
};
use crate::model::{AsyncInvoke, Function, Stack, Target};
use serde::Serialize;
use serde_json::{json, Value};

/// What a target receives, which decides the kinds of target allowed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Use {
    /// Events of asynchronous invocations that failed all their attempts
    /// (`DeadLetterConfig`): a queue or a topic.
    DeadLetter,
    /// Records of stream batches that failed all their attempts: a queue or a topic.
    StreamFailure,
    /// Records of asynchronous invocations: a queue, a topic, a function or an event bus.
    Destination,
}

impl Use {
    fn name(self) -> &'static str {
        match self {
            Use::DeadLetter => "dead-letter target",
            Use::StreamFailure => "on-failure destination",
            Use::Destination => "destination",
        }
    }
}

/// A checked target.
pub(crate) struct Delivery {
    /// The target's ARN in resource properties.
    pub(crate) arn: Value,
    /// The statement that lets the sender's role deliver to the target, and nothing else.
    pub(crate) statement: Value,
}

/// Checks that `target` can receive `usage` records from `construct`, and resolves it.
///
/// Lambda delivers only to standard queues and topics, never FIFO ones, and dead-letter
/// targets and stream failure records go to queues and topics only (Lambda Developer Guide,
/// "Capturing records of asynchronous invocations" and "Retaining discarded batches").
pub(crate) fn resolve(
    stack: &Stack,
    target: &Target,
    usage: Use,
    construct: &str,
) -> Result<Delivery, SynthError> {
    let unfit = |kind: &str, id: &str, why: &str| {
        let problem = format!("has {kind} `{id}` as its {}, {why}", usage.name());
        invalid(stack, construct.to_owned(), problem)
    };
    match target {
        Target::Queue(id) => {
            let queue = queue::find(stack, id)?;
            if queue.fifo {
                return Err(unfit(
                    "FIFO queue",
                    id,
                    "and Lambda sends records to standard queues only; use a standard queue",
                ));
            }
            let arn = queue::arn(queue);
            let statement = iam::allow(&["sqs:SendMessage"], vec![arn.clone()]);
            Ok(Delivery { arn, statement })
        }
        Target::Topic(id) => {
            let topic = topic::find(stack, id)?;
            if topic.fifo {
                return Err(unfit(
                    "FIFO topic",
                    id,
                    "and Lambda sends records to standard topics only; use a standard topic",
                ));
            }
            let arn = topic::arn(topic);
            let statement = iam::allow(&["sns:Publish"], vec![arn.clone()]);
            Ok(Delivery { arn, statement })
        }
        Target::Function(id) if usage == Use::Destination => {
            let invoked = function::invoked(stack, id)?;
            let statement = iam::allow(&["lambda:InvokeFunction"], vec![invoked.name_arn()]);
            Ok(Delivery {
                arn: invoked.arn(),
                statement,
            })
        }
        Target::EventBus(id) if usage == Use::Destination => {
            let arn = events::bus_arn(events::find_bus(stack, id)?);
            let statement = iam::allow(&["events:PutEvents"], vec![arn.clone()]);
            Ok(Delivery { arn, statement })
        }
        Target::Function(id) => Err(unfit("function", id, "which takes queues and topics only")),
        Target::EventBus(id) => Err(unfit("event bus", id, "which takes queues and topics only")),
    }
}

/// The targets `function` sends records to itself: its dead-letter target and the
/// destinations of its asynchronous invocations.
pub(crate) fn function_deliveries(
    stack: &Stack,
    function: &Function,
) -> Result<Vec<Delivery>, SynthError> {
    let construct = format!("function `{}`", function.id);
    let mut deliveries = Vec::new();
    if let Some(target) = &function.dead_letter {
        deliveries.push(resolve(stack, target, Use::DeadLetter, &construct)?);
    }
    if let Some(config) = &function.async_invoke {
        for target in [&config.on_success, &config.on_failure]
            .into_iter()
            .flatten()
        {
            deliveries.push(resolve(stack, target, Use::Destination, &construct)?);
        }
    }
    Ok(deliveries)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct InvokeConfigProperties {
    function_name: Value,
    qualifier: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum_retry_attempts: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum_event_age_in_seconds: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    destination_config: Option<DestinationConfig>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DestinationConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    on_success: Option<OnDestination>,
    #[serde(skip_serializing_if = "Option::is_none")]
    on_failure: Option<OnDestination>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct OnDestination {
    destination: Value,
}

/// `$LATEST`: the unpublished version, which is what an unqualified invocation runs.
const LATEST: &str = "$LATEST";

/// One `AWS::Lambda::EventInvokeConfig` per function with asynchronous invocation settings,
/// on what its triggers invoke: `$LATEST`, or the alias with provisioned concurrency.
pub(crate) fn add_invoke_configs(resources: &mut Resources<'_>) -> Result<(), SynthError> {
    let stack = resources.stack;
    for function in &stack.functions {
        if let Some(config) = &function.async_invoke {
            let logical_id = format!("{}EventInvokeConfig", function::logical_id(&function.id));
            resources.add(logical_id, invoke_config(stack, function, config)?);
        }
    }
    Ok(())
}

fn invoke_config(
    stack: &Stack,
    function: &Function,
    config: &AsyncInvoke,
) -> Result<Value, SynthError> {
    check_not_own_destination(stack, function, config)?;
    let construct = format!("function `{}`", function.id);
    let destination = |target: &Option<Target>| {
        target
            .as_ref()
            .map(|t| resolve(stack, t, Use::Destination, &construct))
            .transpose()
            .map(|d| d.map(|d| OnDestination { destination: d.arn }))
    };
    let (on_success, on_failure) = (
        destination(&config.on_success)?,
        destination(&config.on_failure)?,
    );
    let alias = version::provisioned_alias(stack, function)?;
    let properties = InvokeConfigProperties {
        function_name: reference(&function::logical_id(&function.id)),
        qualifier: alias.map_or_else(|| LATEST.to_owned(), |a| a.name.clone()),
        maximum_retry_attempts: config.max_retry_attempts,
        maximum_event_age_in_seconds: config.max_event_age,
        destination_config: (on_success.is_some() || on_failure.is_some()).then_some(
            DestinationConfig {
                on_success,
                on_failure,
            },
        ),
    };
    let properties = serde_json::to_value(properties).unwrap_or_default();
    let mut resource =
        json!({ "Type": "AWS::Lambda::EventInvokeConfig", "Properties": properties });
    if let Some(alias) = alias {
        // The qualifier names the alias in plain text, so the alias must exist first.
        resource["DependsOn"] = json!([version::alias_logical_id(alias)]);
    }
    Ok(resource)
}

/// A function that is its own destination would start a new invocation for each one that
/// ends, without end.
fn check_not_own_destination(
    stack: &Stack,
    function: &Function,
    config: &AsyncInvoke,
) -> Result<(), SynthError> {
    let own = Target::Function(function.id.clone());
    if config.on_success.as_ref() == Some(&own) || config.on_failure.as_ref() == Some(&own) {
        let problem = "is its own destination, so each invocation would start another; send the records to another function, a queue, a topic or an event bus".to_owned();
        return Err(invalid(
            stack,
            format!("function `{}`", function.id),
            problem,
        ));
    }
    Ok(())
}
