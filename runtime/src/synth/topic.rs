//! `AWS::SNS::Topic`, and the subscriptions through which topics invoke functions, each with
//! its scoped invoke permission.

use super::{function, invalid, logical, reference, Resources, SynthError};
use crate::model::{Stack, Subscription, Topic};
use serde::Serialize;
use serde_json::{json, Value};

/// A FIFO topic's name ends with this suffix (SNS Developer Guide, "FIFO topic and message
/// details").
const FIFO_SUFFIX: &str = ".fifo";

/// The logical ID of topic `id`.
pub(crate) fn logical_id(id: &str) -> String {
    logical(id, "Topic")
}

pub(crate) fn find<'a>(stack: &'a Stack, id: &str) -> Result<&'a Topic, SynthError> {
    super::find(stack, &stack.topics, "topic", id, |t| &t.id)
}

/// The topic's ARN, which is its `Ref`. Topics refer to nothing, so referring to one closes
/// no dependency cycle.
pub(crate) fn arn(topic: &Topic) -> Value {
    reference(&logical_id(&topic.id))
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct TopicProperties {
    #[serde(skip_serializing_if = "Option::is_none")]
    topic_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fifo_topic: Option<bool>,
}

pub(crate) fn add_topics(resources: &mut Resources<'_>) -> Result<(), SynthError> {
    let stack = resources.stack;
    for topic in &stack.topics {
        let properties = TopicProperties {
            // SNS generates no name for a FIFO topic: it must be given, ending in `.fifo`.
            topic_name: topic
                .fifo
                .then(|| format!("{}-{}{FIFO_SUFFIX}", stack.name, topic.id)),
            fifo_topic: topic.fifo.then_some(true),
        };
        let properties = serde_json::to_value(properties).unwrap_or_default();
        resources.add(
            logical_id(&topic.id),
            json!({ "Type": "AWS::SNS::Topic", "Properties": properties }),
        );
    }
    for subscription in &stack.subscriptions {
        add_subscription(resources, subscription)?;
    }
    Ok(())
}

/// A function subscribed to a topic, and the permission that lets this topic alone invoke it.
/// SNS delivers to Lambda from standard topics only (SNS Developer Guide, "FIFO topics":
/// their subscribers are SQS queues).
fn add_subscription(
    resources: &mut Resources<'_>,
    subscription: &Subscription,
) -> Result<(), SynthError> {
    let stack = resources.stack;
    let topic = find(stack, &subscription.topic)?;
    let invoked = function::invoked(stack, &subscription.function)?;
    if topic.fifo {
        let problem = format!("subscribes function `{}`, and FIFO topics deliver to SQS queues only; use a standard topic", subscription.function);
        return Err(invalid(
            stack,
            format!("FIFO topic `{}`", topic.id),
            problem,
        ));
    }
    let name = format!(
        "{}{}",
        function::logical_id(&subscription.function),
        logical_id(&topic.id)
    );
    resources.add(
        format!("{name}Subscription"),
        json!({
            "Type": "AWS::SNS::Subscription",
            "Properties": {
                "Protocol": "lambda",
                "TopicArn": arn(topic),
                "Endpoint": invoked.arn(),
            },
        }),
    );
    resources.add(
        format!("{name}Permission"),
        json!({
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "Action": "lambda:InvokeFunction",
                "FunctionName": invoked.arn(),
                "Principal": "sns.amazonaws.com",
                "SourceArn": arn(topic),
            },
        }),
    );
    Ok(())
}
