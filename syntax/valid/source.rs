//! Queues, tables, streams, topics, schedules and rules, the triggers they feed, and the
//! error handling, versions, aliases and alarms around functions.

use crate::syntax::ast::*;
use crate::syntax::errors::Ctxt;
use crate::syntax::limits::*;
use crate::syntax::valid::reference::{declared, expect_kind, kind_of, kind_word, unknown, Kind};
use proc_macro2::Span;
use syn::Ident;

type Names = [(String, Kind, Span)];

fn range(cx: &mut Ctxt, key: &str, value: Option<&Sp<u64>>, min: u64, max: u64, unit: &str) {
    let Some(value) = value else { return };
    if value.value < min || value.value > max {
        cx.error_spanned(
            value.span,
            format!(
                "`{key}` must be {min} to {max} {unit}, found {}",
                value.value
            ),
        );
    }
}

/// Queues: visibility timeout, retention and redrive within SQS's limits; a dead-letter
/// queue is another queue of the same type; FIFO names end in `.fifo`.
/// Source: SQS Developer Guide, "Amazon SQS quotas" and "dead-letter queues".
pub(crate) fn check_queues(stack: &Stack, cx: &mut Ctxt) {
    let names = declared(stack);
    for queue in &stack.queues {
        range(
            cx,
            "visibility_timeout",
            queue.visibility_timeout.as_ref(),
            0,
            QUEUE_VISIBILITY_MAX_S,
            "s",
        );
        range(
            cx,
            "retention",
            queue.retention.as_ref(),
            QUEUE_RETENTION_MIN_S,
            QUEUE_RETENTION_MAX_S,
            "s",
        );
        range(
            cx,
            "max_receive_count",
            queue.max_receive_count.as_ref(),
            1,
            MAX_RECEIVE_COUNT_MAX,
            "receives",
        );
        let fifo = queue.fifo.as_ref().is_some_and(|f| f.value);
        if let Some(name) = &queue.name {
            check_queue_name(name, fifo, cx);
        }
        match (&queue.dead_letter, &queue.max_receive_count) {
            (Some(dlq), _) if *dlq == queue.ident => {
                cx.error_spanned(
                    dlq.span(),
                    format!(
                        "queue `{dlq}` cannot be its own dead-letter queue; declare another queue"
                    ),
                );
            }
            (Some(dlq), Some(_)) => {
                expect_kind(&names, dlq, Kind::Queue, cx);
                let dlq_fifo = stack
                    .queues
                    .iter()
                    .find(|q| q.ident == *dlq)
                    .and_then(|q| q.fifo.as_ref())
                    .is_some_and(|f| f.value);
                if stack.queues.iter().any(|q| q.ident == *dlq) && dlq_fifo != fifo {
                    let (this, that) = if fifo {
                        ("FIFO", "standard")
                    } else {
                        ("standard", "FIFO")
                    };
                    cx.error_spanned(dlq.span(), format!("the dead-letter queue of a {this} queue must be {this} too, and `{dlq}` is {that}"));
                }
            }
            (Some(dlq), None) => {
                cx.error_spanned(dlq.span(), format!("queue `{}` has a dead-letter queue but no `max_receive_count`; add `max_receive_count: 5` (receives before a message moves)", queue.ident));
            }
            (None, Some(count)) => {
                cx.error_spanned(
                    count.span,
                    format!(
                        "`max_receive_count` needs a `dead_letter` queue for queue `{}`",
                        queue.ident
                    ),
                );
            }
            (None, None) => {}
        }
    }
}

fn check_queue_name(name: &Sp<String>, fifo: bool, cx: &mut Ctxt) {
    let base = name.value.strip_suffix(".fifo").unwrap_or(&name.value);
    let len = name.value.len();
    if len == 0 || len > QUEUE_NAME_MAX {
        cx.error_spanned(
            name.span,
            format!("queue name must have 1 to {QUEUE_NAME_MAX} characters, found {len}"),
        );
    } else if let Some(c) = base
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && *c != '-' && *c != '_')
    {
        cx.error_spanned(
            name.span,
            format!(
                "queue name `{}` may hold only letters, digits, `-` and `_`, found `{c}`",
                name.value
            ),
        );
    } else if fifo && !name.value.ends_with(".fifo") {
        cx.error_spanned(
            name.span,
            format!(
                "the name of a FIFO queue ends in `.fifo`; write `{}.fifo`",
                name.value
            ),
        );
    } else if !fifo && name.value.ends_with(".fifo") {
        cx.error_spanned(name.span, format!("only a FIFO queue's name ends in `.fifo`; add `fifo: true` or rename it to `{base}`"));
    }
}

/// Tables name a partition key; Kinesis retention lies within its limits.
/// Source: DynamoDB Developer Guide, "Core components"; Kinesis Developer Guide.
pub(crate) fn check_tables_and_streams(stack: &Stack, cx: &mut Ctxt) {
    for table in &stack.tables {
        match &table.partition_key {
            None => cx.error_spanned(table.ident.span(), format!("table `{}` is missing required property `partition_key`; add `partition_key: \"id\"`", table.ident)),
            Some(key) if key.value.is_empty() || key.value.len() > 255 => {
                cx.error_spanned(key.span, "a key attribute name has 1 to 255 characters");
            }
            Some(_) => {}
        }
        if table.sort_key.is_none() {
            if let Some(kind) = &table.sort_key_type {
                cx.error_spanned(kind.span, "`sort_key_type` needs a `sort_key`");
            }
        }
    }
    for stream in &stack.streams {
        range(
            cx,
            "shards",
            stream.shards.as_ref(),
            1,
            u64::from(u32::MAX),
            "shards",
        );
        range(
            cx,
            "retention_hours",
            stream.retention_hours.as_ref(),
            KINESIS_RETENTION_MIN_H,
            KINESIS_RETENTION_MAX_H,
            "hours",
        );
    }
}

const STREAM_ONLY: &[&str] = &[
    "starting_position",
    "starting_timestamp",
    "parallelization_factor",
    "bisect_on_error",
    "max_retry_attempts",
    "max_record_age",
    "tumbling_window",
    "on_failure",
];

/// Each trigger fits its source: `on_message` on queues and topics, `on_record` on tables
/// with a stream and on Kinesis streams; each setting applies to its source and lies within
/// Lambda's limits. Source: `AWS::Lambda::EventSourceMapping`; "Using Lambda with Amazon SQS".
pub(crate) fn check_sources(stack: &Stack, cx: &mut Ctxt) {
    let names = declared(stack);
    for source in &stack.sources {
        let method = source.method.to_string();
        match (kind_of(&names, &source.source), method.as_str()) {
            (Some(Kind::Queue), "on_message") => check_queue_source(stack, source, cx),
            (Some(Kind::Topic), "on_message") => {
                let topic = stack.topics.iter().find(|t| t.ident == source.source);
                if topic.and_then(|t| t.fifo.as_ref()).is_some_and(|f| f.value) {
                    cx.error_spanned(source.method.span(), format!("FIFO topic `{}` delivers only to SQS FIFO queues, not to functions; subscribe a FIFO queue and read it with `on_message`", source.source));
                }
                if let Some(key) = source.props.keys.first() {
                    cx.error_spanned(
                        key.span(),
                        format!("a topic subscription takes no settings, found `{key}`"),
                    );
                }
            }
            (Some(Kind::Table), "on_record") => {
                let table = stack.tables.iter().find(|t| t.ident == source.source);
                if table.is_some_and(|t| t.stream.is_none()) {
                    cx.error_spanned(source.source.span(), format!("table `{}` has no stream to read; add `stream: new_and_old_images` to it", source.source));
                }
                check_stream_source(&names, source, false, cx);
            }
            (Some(Kind::Stream), "on_record") => check_stream_source(&names, source, true, cx),
            (Some(Kind::Bucket), _) => {
                cx.error_spanned(source.method.span(), format!("S3 is not a poll-based event source, so bucket `{0}` takes no `{method}`; S3 invokes functions through notifications: write `{0}.on_object_created() => handler;`", source.source));
            }
            (Some(kind @ (Kind::Queue | Kind::Topic)), _) => {
                cx.error_spanned(
                    source.method.span(),
                    format!(
                        "{} triggers a function with `on_message`, not `{method}`",
                        kind_word(kind)
                    ),
                );
            }
            (Some(kind @ (Kind::Table | Kind::Stream)), _) => {
                cx.error_spanned(
                    source.method.span(),
                    format!(
                        "{} triggers a function with `on_record`, not `{method}`",
                        kind_word(kind)
                    ),
                );
            }
            (Some(kind), _) => {
                cx.error_spanned(source.source.span(), format!("`{}` is {}, which triggers no function this way; triggers come from queues, topics, tables and streams", source.source, crate::syntax::valid::reference::article(kind)));
            }
            (None, _) => unknown(&names, &source.source, "queue, topic, table or stream", cx),
        }
    }
}

fn check_queue_source(stack: &Stack, source: &SourceDecl, cx: &mut Ctxt) {
    let props = &source.props;
    for key in &props.keys {
        if STREAM_ONLY.contains(&key.to_string().as_str()) {
            cx.error_spanned(
                key.span(),
                format!("`{key}` applies to stream sources; a queue source takes none"),
            );
        }
    }
    let fifo = stack
        .queues
        .iter()
        .find(|q| q.ident == source.source)
        .and_then(|q| q.fifo.as_ref())
        .is_some_and(|f| f.value);
    let windowed = props.batching_window.as_ref().is_some_and(|w| w.value > 0);
    let max = if fifo || !windowed {
        SQS_BATCH_MAX
    } else {
        SQS_BATCH_WINDOWED_MAX
    };
    if let Some(batch) = &props.batch_size {
        if batch.value == 0 || batch.value > max {
            let why = if fifo {
                "for a FIFO queue".to_owned()
            } else if windowed {
                "with a batching window".to_owned()
            } else {
                format!("without a batching window (up to {SQS_BATCH_WINDOWED_MAX} with `batching_window` above 0)")
            };
            cx.error_spanned(
                batch.span,
                format!(
                    "`batch_size` must be 1 to {max} {why}, found {}",
                    batch.value
                ),
            );
        }
    }
    range(
        cx,
        "batching_window",
        props.batching_window.as_ref(),
        0,
        BATCHING_WINDOW_MAX_S,
        "s",
    );
    let concurrency = props.max_concurrency.as_ref();
    range(
        cx,
        "max_concurrency",
        concurrency,
        SQS_MAX_CONCURRENCY_MIN,
        SQS_MAX_CONCURRENCY_MAX,
        "concurrent invocations",
    );
}

fn check_stream_source(names: &Names, source: &SourceDecl, kinesis: bool, cx: &mut Ctxt) {
    let props = &source.props;
    if let Some(key) = props.keys.iter().find(|k| *k == "max_concurrency") {
        cx.error_spanned(key.span(), "`max_concurrency` applies to queue sources; a stream source scales with `parallelization_factor`");
    }
    match (&props.starting_position, &props.starting_timestamp) {
        (None, _) => cx.error_spanned(source.method.span(), format!("a stream source needs `starting_position`: `TRIM_HORIZON` (oldest record) or `LATEST`{}", if kinesis { ", or `AT_TIMESTAMP` with `starting_timestamp`" } else { "" })),
        (Some(p), _) if p.value == StartingPosition::AtTimestamp && !kinesis => {
            cx.error_spanned(p.span, "`AT_TIMESTAMP` applies to Kinesis streams; a DynamoDB stream starts at `TRIM_HORIZON` or `LATEST`");
        }
        (Some(p), None) if p.value == StartingPosition::AtTimestamp => {
            cx.error_spanned(p.span, "`AT_TIMESTAMP` needs `starting_timestamp` (Unix seconds)");
        }
        (Some(p), Some(t)) if p.value != StartingPosition::AtTimestamp => {
            cx.error_spanned(t.span, "`starting_timestamp` applies only with `starting_position = AT_TIMESTAMP`");
        }
        _ => {}
    }
    range(
        cx,
        "batch_size",
        props.batch_size.as_ref(),
        1,
        STREAM_BATCH_MAX,
        "records",
    );
    range(
        cx,
        "batching_window",
        props.batching_window.as_ref(),
        0,
        BATCHING_WINDOW_MAX_S,
        "s",
    );
    range(
        cx,
        "parallelization_factor",
        props.parallelization_factor.as_ref(),
        1,
        PARALLELIZATION_MAX,
        "batches per shard",
    );
    range(
        cx,
        "tumbling_window",
        props.tumbling_window.as_ref(),
        0,
        TUMBLING_WINDOW_MAX_S,
        "s",
    );
    if let Some(retries) = &props.max_retry_attempts {
        if retries.value < -1 || retries.value > STREAM_RETRY_MAX {
            cx.error_spanned(retries.span, format!("`max_retry_attempts` must be -1 (until the record expires) or 0 to {STREAM_RETRY_MAX}, found {}", retries.value));
        }
    }
    if let Some(age) = &props.max_record_age {
        if age.value != -1 && !(RECORD_AGE_MIN_S..=RECORD_AGE_MAX_S).contains(&age.value) {
            cx.error_spanned(age.span, format!("`max_record_age` must be -1 (no limit) or {RECORD_AGE_MIN_S} to {RECORD_AGE_MAX_S} s, found {}", age.value));
        }
    }
    if let Some(target) = &props.on_failure {
        expect_one_of(
            names,
            target,
            &[Kind::Queue, Kind::Topic],
            "a queue or a topic",
            cx,
        );
    }
}

fn expect_one_of(names: &Names, ident: &Ident, kinds: &[Kind], what: &str, cx: &mut Ctxt) {
    match kind_of(names, ident) {
        Some(kind) if kinds.contains(&kind) => {}
        Some(kind) => cx.error_spanned(
            ident.span(),
            format!(
                "`{ident}` is {}, and this takes {what}",
                crate::syntax::valid::reference::article(kind)
            ),
        ),
        None => unknown(names, ident, &what.replace("an ", "").replace("a ", ""), cx),
    }
}

/// Asynchronous invocation: retries and event age within Lambda's limits, destinations that
/// are queues, topics, functions or buses, dead letters that are queues or topics.
/// Source: "Configuring error handling for asynchronous invocation"; "Dead-letter queues".
pub(crate) fn check_async(stack: &Stack, cx: &mut Ctxt) {
    let mut names = declared(stack);
    // A Rust handler wired in the stack is a function without a `function` line.
    for path in crate::syntax::valid::handler_paths(stack) {
        let ident = path_ident(path);
        if !names.iter().any(|(n, _, _)| ident == n) {
            names.push((ident.to_string(), Kind::Function, ident.span()));
        }
    }
    for function in &stack.functions {
        let props = &function.props;
        range(
            cx,
            "retry_attempts",
            props.retry_attempts.as_ref(),
            0,
            ASYNC_RETRY_MAX,
            "retries",
        );
        range(
            cx,
            "max_event_age",
            props.max_event_age.as_ref(),
            EVENT_AGE_MIN_S,
            EVENT_AGE_MAX_S,
            "s",
        );
        let destinations = [Kind::Queue, Kind::Topic, Kind::Function, Kind::Bus];
        for target in [&props.on_success, &props.on_failure].into_iter().flatten() {
            expect_one_of(
                &names,
                target,
                &destinations,
                "a queue, a topic, a function or an event bus",
                cx,
            );
        }
        if let Some(target) = &props.dead_letter {
            expect_one_of(
                &names,
                target,
                &[Kind::Queue, Kind::Topic],
                "a queue or a topic",
                cx,
            );
        }
    }
}

/// Schedule expressions are `rate(N unit)` with the unit singular for 1 and plural above, or
/// `cron(...)` with six fields, one of day-of-month and day-of-week being `?`.
/// Source: EventBridge User Guide, "Schedule expressions for rules".
pub(crate) fn check_schedules(stack: &Stack, cx: &mut Ctxt) {
    for schedule in &stack.schedules {
        if let Err(problem) = check_expression(&schedule.expression.value) {
            cx.error_spanned(schedule.expression.span, problem);
        }
    }
    let names = declared(stack);
    for rule in &stack.rules {
        if rule.pattern.is_empty() {
            cx.error_spanned(
                rule.ident.span(),
                format!(
                    "rule `{}` has no event pattern; add one such as `source: [\"my.app\"]`",
                    rule.ident
                ),
            );
        }
        if let Some(bus) = &rule.bus {
            expect_kind(&names, bus, Kind::Bus, cx);
        }
    }
}

/// Checks one schedule expression.
pub fn check_expression(expression: &str) -> Result<(), String> {
    if let Some(inner) = expression
        .strip_prefix("rate(")
        .and_then(|e| e.strip_suffix(')'))
    {
        return check_rate(expression, inner);
    }
    if let Some(inner) = expression
        .strip_prefix("cron(")
        .and_then(|e| e.strip_suffix(')'))
    {
        return check_cron(expression, inner);
    }
    Err(format!("schedule `{expression}` must be `rate(<value> <unit>)` or `cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)`"))
}

fn check_rate(expression: &str, inner: &str) -> Result<(), String> {
    let parts: Vec<&str> = inner.split_whitespace().collect();
    let [value, unit] = parts.as_slice() else {
        return Err(format!(
            "`{expression}` must be `rate(<value> <unit>)`, as in `rate(5 minutes)`"
        ));
    };
    let Ok(value) = value.parse::<u64>() else {
        return Err(format!(
            "the value of `{expression}` must be a positive whole number"
        ));
    };
    if value == 0 {
        return Err(format!("the value of `{expression}` must be at least 1"));
    }
    let units = ["minute", "hour", "day"];
    let singular = unit.strip_suffix('s').unwrap_or(unit);
    if !units.contains(&singular) {
        return Err(format!(
            "unknown unit `{unit}` in `{expression}`; use `minute(s)`, `hour(s)` or `day(s)`"
        ));
    }
    let want = if value == 1 {
        singular.to_owned()
    } else {
        format!("{singular}s")
    };
    if *unit != want {
        return Err(format!("`{expression}` must be written `rate({value} {want})`: the unit is singular for 1 and plural above"));
    }
    Ok(())
}

fn check_cron(expression: &str, inner: &str) -> Result<(), String> {
    let fields: Vec<&str> = inner.split_whitespace().collect();
    if fields.len() != 6 {
        return Err(format!("`{expression}` has {} fields, and a cron expression has six: minutes, hours, day-of-month, month, day-of-week, year", fields.len()));
    }
    let allowed = "0123456789,-*/?LW#ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let names = [
        "minutes",
        "hours",
        "day-of-month",
        "month",
        "day-of-week",
        "year",
    ];
    for (field, name) in fields.iter().zip(names) {
        if let Some(c) = field
            .chars()
            .find(|c| !allowed.contains(c.to_ascii_uppercase()))
        {
            return Err(format!("the {name} field `{field}` of `{expression}` holds `{c}`, which cron does not accept"));
        }
    }
    let (dom, dow) = (fields[2], fields[4]);
    if (dom == "?") == (dow == "?") {
        return Err(format!("in `{expression}`, exactly one of day-of-month (`{dom}`) and day-of-week (`{dow}`) must be `?`"));
    }
    for (field, name, max) in [(fields[0], "minutes", 59), (fields[1], "hours", 23)] {
        let numbers = field
            .split([',', '-', '/'])
            .filter_map(|n| n.parse::<u32>().ok());
        if let Some(n) = numbers.into_iter().find(|n| *n > max) {
            return Err(format!(
                "the {name} field of `{expression}` holds {n}, above {max}"
            ));
        }
    }
    Ok(())
}

/// Aliases: a valid name once per function, provisioned concurrency of at least 1, and
/// weighted routing with both a version and a weight between 0 and 1.
/// Source: `AWS::Lambda::Alias`; "Lambda function aliases".
pub(crate) fn check_aliases(stack: &Stack, cx: &mut Ctxt) {
    for (i, alias) in stack.aliases.iter().enumerate() {
        let name = alias.name.to_string();
        let function = crate::syntax::ast::path_ident(&alias.function);
        let taken = stack.aliases[..i].iter().any(|a| {
            crate::syntax::ast::path_ident(&a.function) == function && a.name == alias.name
        });
        if taken {
            cx.error_spanned(
                alias.name.span(),
                format!("duplicate alias `{name}` of function `{function}`"),
            );
        }
        let numeric = name.chars().all(|c| c.is_ascii_digit());
        if name.len() > ALIAS_NAME_MAX
            || numeric
            || name
                .chars()
                .any(|c| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
        {
            cx.error_spanned(alias.name.span(), format!("alias name `{name}` must have 1 to {ALIAS_NAME_MAX} letters, digits, `-` or `_`, and not be a version number"));
        }
        if let Some(pc) = &alias.provisioned_concurrency {
            if pc.value == 0 {
                cx.error_spanned(
                    pc.span,
                    "`provisioned_concurrency` must be at least 1; remove it for none",
                );
            }
        }
        match (&alias.additional_version, &alias.additional_weight) {
            (Some(version), Some(weight)) => {
                if version.value.is_empty() || !version.value.chars().all(|c| c.is_ascii_digit()) {
                    cx.error_spanned(version.span, format!("`additional_version` is a published version number such as `\"3\"`, found `{}`", version.value));
                }
                if !(weight.value > 0.0 && weight.value < 1.0) {
                    cx.error_spanned(weight.span, format!("`additional_weight` is the share of traffic for the additional version, between 0 and 1 exclusive, found {}", weight.value));
                }
            }
            (Some(version), None) => cx.error_spanned(version.span, "`additional_version` needs `additional_weight`, the share of traffic it takes (0 to 1)"),
            (None, Some(weight)) => cx.error_spanned(weight.span, "`additional_weight` needs `additional_version`, the version that takes that share"),
            (None, None) => {}
        }
    }
    let mut seen: Vec<String> = Vec::new();
    for alias in stack
        .aliases
        .iter()
        .filter(|a| a.provisioned_concurrency.is_some())
    {
        let function = crate::syntax::ast::path_ident(&alias.function).to_string();
        if seen.contains(&function) {
            cx.error_spanned(alias.name.span(), format!("function `{function}` already has an alias with provisioned concurrency, which takes its triggers; give provisioned concurrency to one alias"));
        }
        seen.push(function);
    }
}

/// Alarms name a function, a metric and a threshold; periods are 10 s, 30 s or a multiple
/// of 60 s; the evaluated span is at most a day; actions are topics; an alarm on a metric
/// the function never emits can never fire.
/// Source: CloudWatch User Guide, "Using Amazon CloudWatch alarms"; "Lambda metrics".
pub(crate) fn check_alarms(stack: &Stack, cx: &mut Ctxt) {
    let names = declared(stack);
    for alarm in &stack.alarms {
        let ident = &alarm.ident;
        for (missing, example) in [
            (alarm.function.is_none(), "function: my_function"),
            (alarm.metric.is_none(), "metric: errors"),
            (alarm.threshold.is_none(), "threshold: 1"),
        ] {
            if missing {
                let key = example.split(':').next().unwrap_or(example);
                cx.error_spanned(
                    ident.span(),
                    format!(
                        "alarm `{ident}` is missing required property `{key}`; add `{example}`"
                    ),
                );
            }
        }
        let period = alarm.period.as_ref().map_or(60, |p| p.value);
        if let Some(p) = &alarm.period {
            if !(p.value == 10 || p.value == 30 || (p.value >= 60 && p.value % 60 == 0)) {
                cx.error_spanned(
                    p.span,
                    format!(
                        "`period` must be 10, 30 or a multiple of 60 s, found {} s",
                        p.value
                    ),
                );
            }
        }
        let evaluations = alarm.evaluation_periods.as_ref().map_or(1, |e| e.value);
        if let Some(e) = &alarm.evaluation_periods {
            if e.value == 0 {
                cx.error_spanned(e.span, "`evaluation_periods` must be at least 1");
            } else if period.saturating_mul(e.value) > ALARM_WINDOW_MAX_S {
                cx.error_spanned(e.span, format!("`period` × `evaluation_periods` must be at most {ALARM_WINDOW_MAX_S} s (one day), found {} s", period.saturating_mul(e.value)));
            }
        }
        if let Some(d) = &alarm.datapoints_to_alarm {
            if d.value == 0 || d.value > evaluations {
                cx.error_spanned(d.span, format!("`datapoints_to_alarm` must be 1 to `evaluation_periods` ({evaluations}), found {}", d.value));
            }
        }
        for action in &alarm.actions {
            expect_kind(&names, action, Kind::Topic, cx);
        }
        check_alarm_can_fire(stack, alarm, cx);
    }
}

fn check_alarm_can_fire(stack: &Stack, alarm: &AlarmDecl, cx: &mut Ctxt) {
    let (Some(function), Some(metric)) = (&alarm.function, &alarm.metric) else {
        return;
    };
    let ident = crate::syntax::ast::path_ident(function);
    match metric.value {
        Metric::IteratorAge => {
            let reads_stream = stack.sources.iter().any(|s| {
                crate::syntax::ast::path_ident(&s.handler) == ident && s.method == "on_record"
            });
            if !reads_stream {
                cx.error_spanned(metric.span, format!("`iterator_age` is emitted only for functions that read a stream, and `{ident}` reads none; this alarm can never fire"));
            }
        }
        Metric::DeadLetterErrors => {
            let has_dlq = stack.functions.iter().any(|f| {
                crate::syntax::ast::path_ident(&f.path) == ident && f.props.dead_letter.is_some()
            });
            if !has_dlq {
                cx.error_spanned(metric.span, format!("`dead_letter_errors` is emitted only for functions with a `dead_letter`, and `{ident}` has none; this alarm can never fire"));
            }
        }
        _ => {}
    }
    if let Some(threshold) = &alarm.threshold {
        let below_zero = matches!(
            alarm.comparison.as_ref().map(|c| c.value),
            Some(Comparison::Less)
        ) && threshold.value <= 0.0
            || matches!(
                alarm.comparison.as_ref().map(|c| c.value),
                Some(Comparison::LessOrEqual)
            ) && threshold.value < 0.0;
        if below_zero {
            cx.error_spanned(
                threshold.span,
                "no Lambda metric goes below 0, so this alarm can never fire; raise the threshold",
            );
        }
    }
}

/// Log levels filter JSON logs only.
/// Source: Lambda Developer Guide, "Configuring advanced logging controls".
pub(crate) fn check_logging(props: &FunctionProps, cx: &mut Ctxt) {
    let json = props
        .log_format
        .as_ref()
        .is_some_and(|f| f.value == LogFormat::Json);
    for level in [&props.application_log_level, &props.system_log_level]
        .into_iter()
        .flatten()
    {
        if !json {
            cx.error_spanned(
                level.span,
                "log levels apply to JSON logs; add `log_format = json`",
            );
        }
    }
}
