//! `AWS::Events::EventBus`, and `AWS::Events::Rule`: schedules and event patterns that invoke
//! functions, each with its scoped invoke permission.

use super::{function, get_att, invalid, logical, reference, Resources, SynthError};
use crate::model::{EventBus, Rule, Stack};
use serde::Serialize;
use serde_json::{json, Value};

/// Longest `Id` of a rule target (EventBridge API Reference, `Target`).
const MAX_TARGET_ID: usize = 64;

/// The logical ID of event bus `id`.
pub(crate) fn bus_logical_id(id: &str) -> String {
    logical(id, "Bus")
}

pub(crate) fn find_bus<'a>(stack: &'a Stack, id: &str) -> Result<&'a EventBus, SynthError> {
    super::find(stack, &stack.event_buses, "event bus", id, |b| &b.id)
}

/// The bus's ARN. Buses refer to nothing, so referring to one closes no dependency cycle.
pub(crate) fn bus_arn(bus: &EventBus) -> Value {
    get_att(&bus_logical_id(&bus.id), "Arn")
}

/// The logical ID of rule `id`.
fn rule_logical_id(id: &str) -> String {
    logical(id, "Rule")
}

pub(crate) fn add_buses(resources: &mut Resources<'_>) -> Result<(), SynthError> {
    let stack = resources.stack;
    for bus in &stack.event_buses {
        resources.add(
            bus_logical_id(&bus.id),
            json!({
                "Type": "AWS::Events::EventBus",
                "Properties": { "Name": format!("{}-{}", stack.name, bus.id) },
            }),
        );
    }
    Ok(())
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RuleProperties {
    #[serde(skip_serializing_if = "Option::is_none")]
    event_bus_name: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schedule_expression: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event_pattern: Option<Value>,
    targets: [RuleTarget; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RuleTarget {
    arn: Value,
    id: String,
}

pub(crate) fn add_rules(resources: &mut Resources<'_>) -> Result<(), SynthError> {
    for rule in &resources.stack.rules {
        add_rule(resources, rule)?;
    }
    Ok(())
}

fn add_rule(resources: &mut Resources<'_>, rule: &Rule) -> Result<(), SynthError> {
    let stack = resources.stack;
    check_trigger(stack, rule)?;
    let invoked = function::invoked(stack, &rule.function)?;
    let event_bus_name = match &rule.event_bus {
        // The `Ref` of a bus is its name.
        Some(id) => Some(reference(&bus_logical_id(&find_bus(stack, id)?.id))),
        None => None,
    };
    let mut target_id = function::logical_id(&rule.function);
    target_id.truncate(MAX_TARGET_ID);
    let properties = RuleProperties {
        event_bus_name,
        schedule_expression: rule.schedule.clone(),
        event_pattern: rule.pattern.clone(),
        targets: [RuleTarget {
            arn: invoked.arn(),
            id: target_id,
        }],
    };
    let properties = serde_json::to_value(properties).unwrap_or_default();
    let rule_id = rule_logical_id(&rule.id);
    resources.add(
        format!(
            "{}{rule_id}Permission",
            function::logical_id(&rule.function)
        ),
        json!({
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "Action": "lambda:InvokeFunction",
                "FunctionName": invoked.arn(),
                "Principal": "events.amazonaws.com",
                "SourceArn": get_att(&rule_id, "Arn"),
            },
        }),
    );
    resources.add(
        rule_id,
        json!({ "Type": "AWS::Events::Rule", "Properties": properties }),
    );
    Ok(())
}

/// A rule has a schedule or an event pattern, not both; and schedules run on the default bus
/// only (EventBridge User Guide, "Creating a rule that runs on a schedule").
fn check_trigger(stack: &Stack, rule: &Rule) -> Result<(), SynthError> {
    let problem = match (&rule.schedule, &rule.pattern, &rule.event_bus) {
        (Some(_), Some(_), _) => "has both a schedule and an event pattern; split it into two rules",
        (None, None, _) => "has neither a schedule nor an event pattern; give it one",
        (Some(_), None, Some(_)) => "runs on a schedule on a custom event bus, and schedules run on the default bus only; remove the bus",
        _ => return Ok(()),
    };
    Err(invalid(
        stack,
        format!("rule `{}`", rule.id),
        problem.to_owned(),
    ))
}
