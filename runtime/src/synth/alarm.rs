//! `AWS::CloudWatch::Alarm` on a metric of a function, notifying topics.

use super::{function, invalid, logical, reference, topic, Resources, SynthError};
use crate::model::{Alarm, Comparison, Metric, Stack, Statistic};
use serde::Serialize;
use serde_json::{json, Value};

/// The CloudWatch namespace of Lambda's metrics.
const NAMESPACE: &str = "AWS/Lambda";

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AlarmProperties {
    namespace: &'static str,
    metric_name: &'static str,
    dimensions: [Dimension; 1],
    statistic: &'static str,
    threshold: f64,
    comparison_operator: &'static str,
    period: u64,
    evaluation_periods: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    datapoints_to_alarm: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    alarm_actions: Vec<Value>,
    treat_missing_data: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Dimension {
    name: &'static str,
    value: Value,
}

pub(crate) fn add_alarms(resources: &mut Resources<'_>) -> Result<(), SynthError> {
    let stack = resources.stack;
    for alarm in &stack.alarms {
        check_evaluation(stack, alarm)?;
        let function = function::find(stack, &alarm.function)?;
        let actions = alarm
            .actions
            .iter()
            .map(|id| topic::find(stack, id).map(topic::arn))
            .collect::<Result<Vec<_>, _>>()?;
        let properties = AlarmProperties {
            namespace: NAMESPACE,
            metric_name: metric_name(alarm.metric),
            dimensions: [Dimension {
                name: "FunctionName",
                value: reference(&function::logical_id(&function.id)),
            }],
            statistic: statistic(alarm.statistic),
            threshold: alarm.threshold,
            comparison_operator: comparison(alarm.comparison),
            period: alarm.period,
            evaluation_periods: alarm.evaluation_periods,
            datapoints_to_alarm: alarm.datapoints_to_alarm,
            alarm_actions: actions,
            // A function that is not invoked has no errors, throttles or iterator age: a
            // missing data point is a good one.
            treat_missing_data: "notBreaching",
        };
        let properties = serde_json::to_value(properties).unwrap_or_default();
        resources.add(
            logical(&alarm.id, "Alarm"),
            json!({ "Type": "AWS::CloudWatch::Alarm", "Properties": properties }),
        );
    }
    Ok(())
}

/// The threshold is a number (JSON has no infinity nor NaN), and the breaching data points
/// that set off the alarm are among those evaluated (CloudWatch API Reference,
/// `PutMetricAlarm`).
fn check_evaluation(stack: &Stack, alarm: &Alarm) -> Result<(), SynthError> {
    let problem = match alarm.datapoints_to_alarm {
        _ if !alarm.threshold.is_finite() => format!("has threshold {}; give a finite number", alarm.threshold),
        Some(datapoints) if datapoints > alarm.evaluation_periods => format!("fires on {datapoints} data points out of {} evaluated; evaluate at least as many as fire it", alarm.evaluation_periods),
        _ => return Ok(()),
    };
    Err(invalid(stack, format!("alarm `{}`", alarm.id), problem))
}

fn metric_name(metric: Metric) -> &'static str {
    match metric {
        Metric::Errors => "Errors",
        Metric::Throttles => "Throttles",
        Metric::Duration => "Duration",
        Metric::Invocations => "Invocations",
        Metric::IteratorAge => "IteratorAge",
        Metric::DeadLetterErrors => "DeadLetterErrors",
        Metric::ConcurrentExecutions => "ConcurrentExecutions",
    }
}

fn statistic(statistic: Statistic) -> &'static str {
    match statistic {
        Statistic::Sum => "Sum",
        Statistic::Average => "Average",
        Statistic::Maximum => "Maximum",
        Statistic::Minimum => "Minimum",
        Statistic::SampleCount => "SampleCount",
    }
}

fn comparison(comparison: Comparison) -> &'static str {
    match comparison {
        Comparison::GreaterOrEqual => "GreaterThanOrEqualToThreshold",
        Comparison::Greater => "GreaterThanThreshold",
        Comparison::Less => "LessThanThreshold",
        Comparison::LessOrEqual => "LessThanOrEqualToThreshold",
    }
}
