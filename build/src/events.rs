//! Lowering of queues, tables, streams, topics, schedules and rules, the triggers they feed,
//! and versions, aliases and alarms.

use crate::syntax::ast::{self, path_ident, Stack as AstStack};
use crate::syntax::valid::{self, Kind};
use stackforge::model::*;

/// Adds everything of `ast` beyond functions, APIs, buckets and IAM to `stack`.
pub fn lower_events(ast: &AstStack, stack: &mut Stack) {
    stack.queues = ast.queues.iter().map(queue).collect();
    stack.tables = ast.tables.iter().map(table).collect();
    stack.streams = ast
        .streams
        .iter()
        .map(|s| KinesisStream {
            id: s.ident.to_string(),
            shard_count: s.shards.as_ref().map(|n| n.value),
            retention_hours: s.retention_hours.as_ref().map(|n| n.value),
        })
        .collect();
    stack.topics = ast
        .topics
        .iter()
        .map(|t| Topic {
            id: t.ident.to_string(),
            fifo: t.fifo.as_ref().is_some_and(|f| f.value),
        })
        .collect();
    stack.event_buses = ast
        .buses
        .iter()
        .map(|b| EventBus {
            id: b.ident.to_string(),
        })
        .collect();
    for source in &ast.sources {
        let function = path_ident(&source.handler).to_string();
        let id = source.source.to_string();
        match kind(ast, &source.source) {
            Some(Kind::Topic) => stack.subscriptions.push(Subscription {
                topic: id,
                function,
            }),
            Some(Kind::Queue) => {
                stack
                    .event_sources
                    .push(event_source(ast, source, PollSource::Queue(id)))
            }
            Some(Kind::Table) => {
                stack
                    .event_sources
                    .push(event_source(ast, source, PollSource::TableStream(id)))
            }
            _ => stack
                .event_sources
                .push(event_source(ast, source, PollSource::Kinesis(id))),
        }
    }
    for schedule in &ast.schedules {
        stack.rules.push(Rule {
            id: schedule.ident.to_string(),
            function: path_ident(&schedule.handler).to_string(),
            schedule: Some(schedule.expression.value.clone()),
            pattern: None,
            event_bus: None,
        });
    }
    for rule in &ast.rules {
        let pattern = rule
            .pattern
            .iter()
            .map(|(key, value)| (key.value.clone(), pattern_json(value)))
            .collect::<serde_json::Map<_, _>>();
        stack.rules.push(Rule {
            id: rule.ident.to_string(),
            function: path_ident(&rule.handler).to_string(),
            schedule: None,
            pattern: Some(serde_json::Value::Object(pattern)),
            event_bus: rule.bus.as_ref().map(ToString::to_string),
        });
    }
    let mut versions: Vec<String> = ast
        .versions
        .iter()
        .map(|p| path_ident(p).to_string())
        .collect();
    versions.extend(
        ast.aliases
            .iter()
            .map(|a| path_ident(&a.function).to_string()),
    );
    let mut seen = Vec::new();
    versions.retain(|v| {
        let first = !seen.contains(v);
        seen.push(v.clone());
        first
    });
    stack.versions = versions;
    stack.aliases = ast.aliases.iter().map(alias).collect();
    stack.alarms = ast.alarms.iter().map(alarm).collect();
}

fn kind(ast: &AstStack, ident: &syn::Ident) -> Option<Kind> {
    valid::declared(ast)
        .into_iter()
        .find(|(n, _, _)| ident == n)
        .map(|(_, k, _)| k)
}

/// A destination or dead-letter target; the rules ensured it is of a fitting kind, and a
/// name that is no other construct is a function.
pub fn target(ast: &AstStack, ident: &syn::Ident) -> Target {
    let id = ident.to_string();
    match kind(ast, ident) {
        Some(Kind::Queue) => Target::Queue(id),
        Some(Kind::Topic) => Target::Topic(id),
        Some(Kind::Bus) => Target::EventBus(id),
        _ => Target::Function(id),
    }
}

/// The asynchronous invocation settings of a function's `function` block, if it has any.
pub fn async_invoke(ast: &AstStack, props: &ast::FunctionProps) -> Option<AsyncInvoke> {
    let settings = AsyncInvoke {
        max_retry_attempts: props.retry_attempts.as_ref().map(|r| r.value),
        max_event_age: props.max_event_age.as_ref().map(|a| a.value),
        on_success: props.on_success.as_ref().map(|t| target(ast, t)),
        on_failure: props.on_failure.as_ref().map(|t| target(ast, t)),
    };
    (settings != AsyncInvoke::default()).then_some(settings)
}

fn queue(queue: &ast::QueueDecl) -> Queue {
    Queue {
        id: queue.ident.to_string(),
        queue_name: queue.name.as_ref().map(|n| n.value.clone()),
        fifo: queue.fifo.as_ref().is_some_and(|f| f.value),
        visibility_timeout: queue.visibility_timeout.as_ref().map(|v| v.value),
        retention: queue.retention.as_ref().map(|r| r.value),
        dead_letter: queue.dead_letter.as_ref().map(|dlq| Redrive {
            queue: dlq.to_string(),
            max_receive_count: queue.max_receive_count.as_ref().map_or(1, |c| c.value),
        }),
    }
}

fn key_attribute(
    name: Option<&ast::Sp<String>>,
    kind: Option<&ast::Sp<ast::KeyType>>,
) -> Option<KeyAttribute> {
    Some(KeyAttribute {
        name: name?.value.clone(),
        kind: match kind.map(|k| k.value) {
            Some(ast::KeyType::Number) => AttributeKind::Number,
            Some(ast::KeyType::Binary) => AttributeKind::Binary,
            _ => AttributeKind::String,
        },
    })
}

fn table(table: &ast::TableDecl) -> Table {
    let partition_key = key_attribute(
        table.partition_key.as_ref(),
        table.partition_key_type.as_ref(),
    );
    Table {
        id: table.ident.to_string(),
        // The rules require a partition key before lowering.
        partition_key: partition_key.unwrap_or(KeyAttribute {
            name: String::new(),
            kind: AttributeKind::String,
        }),
        sort_key: key_attribute(table.sort_key.as_ref(), table.sort_key_type.as_ref()),
        stream: table.stream.as_ref().map(|s| match s.value {
            ast::StreamViewType::KeysOnly => StreamView::KeysOnly,
            ast::StreamViewType::NewImage => StreamView::NewImage,
            ast::StreamViewType::OldImage => StreamView::OldImage,
            ast::StreamViewType::NewAndOldImages => StreamView::NewAndOldImages,
        }),
    }
}

fn event_source(ast: &AstStack, source: &ast::SourceDecl, poll: PollSource) -> EventSource {
    let props = &source.props;
    let value = |v: &Option<ast::Sp<u64>>| v.as_ref().map(|v| v.value);
    let flag = |v: &Option<ast::Sp<bool>>| v.as_ref().is_some_and(|v| v.value);
    EventSource {
        function: path_ident(&source.handler).to_string(),
        source: poll,
        batch_size: value(&props.batch_size),
        batching_window: value(&props.batching_window),
        max_concurrency: value(&props.max_concurrency),
        report_batch_item_failures: flag(&props.report_batch_item_failures),
        starting_position: props.starting_position.as_ref().map(|p| match p.value {
            ast::StartingPosition::TrimHorizon => StartingPosition::TrimHorizon,
            ast::StartingPosition::Latest => StartingPosition::Latest,
            ast::StartingPosition::AtTimestamp => {
                StartingPosition::AtTimestamp(value(&props.starting_timestamp).unwrap_or_default())
            }
        }),
        parallelization_factor: value(&props.parallelization_factor),
        bisect_on_error: flag(&props.bisect_on_error),
        max_retry_attempts: props.max_retry_attempts.as_ref().map(|v| v.value),
        max_record_age: props.max_record_age.as_ref().map(|v| v.value),
        tumbling_window: value(&props.tumbling_window),
        on_failure: props.on_failure.as_ref().map(|t| target(ast, t)),
    }
}

fn pattern_json(value: &ast::PatternValue) -> serde_json::Value {
    match value {
        ast::PatternValue::Str(s) => serde_json::Value::String(s.clone()),
        ast::PatternValue::Number(n) => serde_json::Number::from_f64(*n)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        ast::PatternValue::Bool(b) => serde_json::Value::Bool(*b),
        ast::PatternValue::List(items) => {
            serde_json::Value::Array(items.iter().map(pattern_json).collect())
        }
        ast::PatternValue::Map(entries) => serde_json::Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), pattern_json(v)))
                .collect(),
        ),
    }
}

fn alias(alias: &ast::AliasDecl) -> Alias {
    Alias {
        function: path_ident(&alias.function).to_string(),
        name: alias.name.to_string(),
        provisioned_concurrency: alias.provisioned_concurrency.as_ref().map(|p| p.value),
        additional_version: alias
            .additional_version
            .as_ref()
            .zip(alias.additional_weight.as_ref())
            .map(|(v, w)| (v.value.clone(), w.value)),
    }
}

fn alarm(alarm: &ast::AlarmDecl) -> Alarm {
    Alarm {
        id: alarm.ident.to_string(),
        function: alarm
            .function
            .as_ref()
            .map(|f| path_ident(f).to_string())
            .unwrap_or_default(),
        metric: match alarm.metric.as_ref().map(|m| m.value) {
            Some(ast::Metric::Throttles) => Metric::Throttles,
            Some(ast::Metric::Duration) => Metric::Duration,
            Some(ast::Metric::Invocations) => Metric::Invocations,
            Some(ast::Metric::IteratorAge) => Metric::IteratorAge,
            Some(ast::Metric::DeadLetterErrors) => Metric::DeadLetterErrors,
            Some(ast::Metric::ConcurrentExecutions) => Metric::ConcurrentExecutions,
            _ => Metric::Errors,
        },
        statistic: match alarm.statistic.as_ref().map(|s| s.value) {
            Some(ast::Statistic::Average) => Statistic::Average,
            Some(ast::Statistic::Maximum) => Statistic::Maximum,
            Some(ast::Statistic::Minimum) => Statistic::Minimum,
            Some(ast::Statistic::SampleCount) => Statistic::SampleCount,
            _ => Statistic::Sum,
        },
        threshold: alarm.threshold.as_ref().map_or(0.0, |t| t.value),
        comparison: match alarm.comparison.as_ref().map(|c| c.value) {
            Some(ast::Comparison::Greater) => Comparison::Greater,
            Some(ast::Comparison::Less) => Comparison::Less,
            Some(ast::Comparison::LessOrEqual) => Comparison::LessOrEqual,
            _ => Comparison::GreaterOrEqual,
        },
        period: alarm.period.as_ref().map_or(60, |p| p.value),
        evaluation_periods: alarm.evaluation_periods.as_ref().map_or(1, |e| e.value),
        datapoints_to_alarm: alarm.datapoints_to_alarm.as_ref().map(|d| d.value),
        actions: alarm.actions.iter().map(ToString::to_string).collect(),
    }
}
