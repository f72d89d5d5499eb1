//! A stack built by hand from the construct model, with every construct and setting that
//! synthesis supports: its template passes cfn-lint with no finding at all, has no
//! dependency cycle, routes triggers to the alias with provisioned concurrency, gives each
//! role least privilege, and publishes a new version exactly when its function changes.
//!
//! cfn-lint is `CFN_LINT` when set (the test command sets it to the pinned one), else
//! `cfn-lint` from `PATH`.

use serde_json::{json, Value};
use stackforge::model::{
    Access, Alarm, Alias, Architecture, Asset, AssetSource, AsyncInvoke, AttributeKind, Bucket,
    BucketName, Code, Comparison, EventBus, EventSource, Function, Grant, KeyAttribute,
    KinesisStream, LogFormat, LogLevel, Metric, Notification, ObjectEvent, Output, OutputValue,
    PollSource, Principal, Queue, Redrive, ResourceRef, RestApi, Role, Route, Rule, Stack,
    StartingPosition, Statement, Statistic, StreamView, Subscription, Table, Target, Topic,
    Tracing,
};
use stackforge::synth::{synthesize, SynthError};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

const STACK: &str = "ModelStack";

fn asset(hash: &str, source: AssetSource) -> Asset {
    Asset {
        hash: hash.repeat(64 / hash.len()),
        source,
    }
}

/// A Rust function with defaults: 256 MB, 30 s, arm64, two weeks of logs, its own role.
fn function(id: &str) -> Function {
    Function {
        id: id.to_owned(),
        function_name: format!("{STACK}-{id}"),
        code: Code::Rust {
            handler: id.to_owned(),
            asset: asset("ab", AssetSource::BootstrapZip),
        },
        memory: 256,
        timeout: 30,
        description: None,
        architecture: Architecture::Arm64,
        environment: BTreeMap::new(),
        reserved_concurrency: None,
        ephemeral_storage: None,
        log_retention: 14,
        tracing: None,
        role: None,
        log_format: None,
        application_log_level: None,
        system_log_level: None,
        async_invoke: None,
        dead_letter: None,
    }
}

fn functions() -> Vec<Function> {
    let worker = Function {
        reserved_concurrency: Some(10),
        tracing: Some(Tracing::Active),
        environment: BTreeMap::from([("MODE".to_owned(), "batch".to_owned())]),
        async_invoke: Some(AsyncInvoke {
            max_retry_attempts: Some(0),
            ..AsyncInvoke::default()
        }),
        ..function("worker")
    };
    let stream_reader = Function {
        role: Some("shared".to_owned()),
        timeout: 60,
        ..function("stream_reader")
    };
    let notifier = Function {
        log_format: Some(LogFormat::Json),
        application_log_level: Some(LogLevel::Debug),
        system_log_level: Some(LogLevel::Warn),
        dead_letter: Some(Target::Queue("dead_letters".to_owned())),
        async_invoke: Some(AsyncInvoke {
            max_retry_attempts: Some(1),
            max_event_age: Some(3600),
            on_success: Some(Target::Function("worker".to_owned())),
            on_failure: Some(Target::EventBus("orders".to_owned())),
        }),
        ..function("notifier")
    };
    let auditor = Function {
        code: Code::Managed {
            runtime: "python3.13".to_owned(),
            handler: "index.handler".to_owned(),
            asset: asset("cd", AssetSource::Directory(PathBuf::from("lambda"))),
        },
        architecture: Architecture::X86_64,
        description: Some("Audits orders".to_owned()),
        ephemeral_storage: Some(1024),
        log_format: Some(LogFormat::Text),
        dead_letter: Some(Target::Topic("alerts".to_owned())),
        async_invoke: Some(AsyncInvoke {
            on_success: Some(Target::Queue("dead_letters".to_owned())),
            on_failure: Some(Target::Topic("alerts".to_owned())),
            ..AsyncInvoke::default()
        }),
        ..function("auditor")
    };
    vec![
        worker,
        stream_reader,
        function("fifo_worker"),
        notifier,
        auditor,
    ]
}

fn queues() -> Vec<Queue> {
    let queue = |id: &str, fifo: bool| Queue {
        id: id.to_owned(),
        queue_name: None,
        fifo,
        visibility_timeout: None,
        retention: None,
        dead_letter: None,
    };
    let redrive = |queue: &str, max_receive_count| {
        Some(Redrive {
            queue: queue.to_owned(),
            max_receive_count,
        })
    };
    vec![
        Queue {
            visibility_timeout: Some(120),
            retention: Some(86_400),
            dead_letter: redrive("jobs_dlq", 5),
            ..queue("jobs", false)
        },
        Queue {
            retention: Some(1_209_600),
            ..queue("jobs_dlq", false)
        },
        Queue {
            queue_name: Some("model-orders".to_owned()),
            dead_letter: redrive("orders_dlq", 3),
            ..queue("orders", true)
        },
        queue("orders_dlq", true),
        queue("dead_letters", false),
    ]
}

fn storage(stack: &mut Stack) {
    stack.buckets = vec![Bucket {
        id: "uploads".to_owned(),
        name: BucketName::Derived("model-uploads".to_owned()),
        notifications: vec![Notification {
            event: ObjectEvent::Created,
            prefix: Some("incoming/".to_owned()),
            suffix: None,
            function: "worker".to_owned(),
        }],
    }];
    stack.tables = vec![Table {
        id: "items".to_owned(),
        partition_key: KeyAttribute {
            name: "pk".to_owned(),
            kind: AttributeKind::String,
        },
        sort_key: Some(KeyAttribute {
            name: "sk".to_owned(),
            kind: AttributeKind::Number,
        }),
        stream: Some(StreamView::NewAndOldImages),
    }];
    stack.streams = vec![
        KinesisStream {
            id: "clicks".to_owned(),
            shard_count: None,
            retention_hours: Some(48),
        },
        KinesisStream {
            id: "metrics".to_owned(),
            shard_count: Some(2),
            retention_hours: None,
        },
    ];
    stack.topics = vec![
        Topic {
            id: "alerts".to_owned(),
            fifo: false,
        },
        Topic {
            id: "audit".to_owned(),
            fifo: true,
        },
    ];
    stack.event_buses = vec![EventBus {
        id: "orders".to_owned(),
    }];
}

/// An event source with nothing set but the function and what it reads.
fn source(function: &str, source: PollSource) -> EventSource {
    EventSource {
        function: function.to_owned(),
        source,
        batch_size: None,
        batching_window: None,
        max_concurrency: None,
        report_batch_item_failures: false,
        starting_position: None,
        parallelization_factor: None,
        bisect_on_error: false,
        max_retry_attempts: None,
        max_record_age: None,
        tumbling_window: None,
        on_failure: None,
    }
}

fn event_sources() -> Vec<EventSource> {
    vec![
        EventSource {
            batch_size: Some(10),
            batching_window: Some(5),
            max_concurrency: Some(5),
            report_batch_item_failures: true,
            ..source("worker", PollSource::Queue("jobs".to_owned()))
        },
        EventSource {
            batch_size: Some(10),
            max_concurrency: Some(2),
            report_batch_item_failures: true,
            ..source("fifo_worker", PollSource::Queue("orders".to_owned()))
        },
        EventSource {
            batch_size: Some(100),
            starting_position: Some(StartingPosition::TrimHorizon),
            bisect_on_error: true,
            max_retry_attempts: Some(3),
            max_record_age: Some(3600),
            tumbling_window: Some(60),
            report_batch_item_failures: true,
            on_failure: Some(Target::Queue("dead_letters".to_owned())),
            ..source("stream_reader", PollSource::TableStream("items".to_owned()))
        },
        EventSource {
            starting_position: Some(StartingPosition::AtTimestamp(1_767_225_600)),
            parallelization_factor: Some(2),
            max_retry_attempts: Some(-1),
            max_record_age: Some(-1),
            on_failure: Some(Target::Topic("alerts".to_owned())),
            ..source("stream_reader", PollSource::Kinesis("clicks".to_owned()))
        },
        EventSource {
            starting_position: Some(StartingPosition::Latest),
            ..source("stream_reader", PollSource::Kinesis("metrics".to_owned()))
        },
    ]
}

fn triggers(stack: &mut Stack) {
    stack.apis = vec![RestApi {
        id: "public".to_owned(),
        name: format!("{STACK}-public"),
        stage: "prod".to_owned(),
        description: None,
        integration_timeout: None,
        routes: vec![Route {
            path: vec!["jobs".to_owned()],
            method: "POST".to_owned(),
            function: "worker".to_owned(),
        }],
    }];
    stack.event_sources = event_sources();
    stack.subscriptions = vec![Subscription {
        topic: "alerts".to_owned(),
        function: "worker".to_owned(),
    }];
    stack.rules = vec![
        Rule {
            id: "nightly".to_owned(),
            function: "worker".to_owned(),
            schedule: Some("cron(0 3 * * ? *)".to_owned()),
            pattern: None,
            event_bus: None,
        },
        Rule {
            id: "order_placed".to_owned(),
            function: "auditor".to_owned(),
            schedule: None,
            pattern: Some(json!({ "source": ["shop.orders"], "detail-type": ["OrderPlaced"] })),
            event_bus: Some("orders".to_owned()),
        },
    ];
}

fn versions(stack: &mut Stack) {
    stack.versions = vec!["auditor".to_owned()];
    stack.aliases = vec![
        Alias {
            function: "worker".to_owned(),
            name: "live".to_owned(),
            provisioned_concurrency: Some(2),
            additional_version: None,
        },
        Alias {
            function: "worker".to_owned(),
            name: "beta".to_owned(),
            provisioned_concurrency: None,
            additional_version: Some(("1".to_owned(), 0.1)),
        },
    ];
}

fn alarms() -> Vec<Alarm> {
    let alarm = |metric: Metric, statistic, comparison, threshold| Alarm {
        id: format!("{metric:?}"),
        function: "worker".to_owned(),
        metric,
        statistic,
        threshold,
        comparison,
        period: 60,
        evaluation_periods: 3,
        datapoints_to_alarm: None,
        actions: Vec::new(),
    };
    let (sum, greater) = (Statistic::Sum, Comparison::Greater);
    vec![
        Alarm {
            datapoints_to_alarm: Some(2),
            actions: vec!["alerts".to_owned()],
            ..alarm(Metric::Errors, sum, Comparison::GreaterOrEqual, 1.0)
        },
        alarm(Metric::Throttles, sum, greater, 0.0),
        Alarm {
            period: 300,
            ..alarm(Metric::Duration, Statistic::Average, greater, 20_000.0)
        },
        alarm(
            Metric::Invocations,
            Statistic::SampleCount,
            Comparison::Less,
            1.0,
        ),
        Alarm {
            function: "stream_reader".to_owned(),
            ..alarm(Metric::IteratorAge, Statistic::Maximum, greater, 60_000.0)
        },
        alarm(Metric::DeadLetterErrors, sum, greater, 0.0),
        alarm(
            Metric::ConcurrentExecutions,
            Statistic::Minimum,
            Comparison::LessOrEqual,
            0.0,
        ),
    ]
}

fn grants() -> Vec<Grant> {
    let grant = |principal: Principal, access, resource: &str| Grant {
        principal,
        access,
        resource: resource.to_owned(),
    };
    let function = |id: &str| Principal::Function(id.to_owned());
    let shared = || Principal::Role("shared".to_owned());
    vec![
        grant(function("worker"), Access::Read, "uploads"),
        grant(function("auditor"), Access::Write, "uploads"),
        grant(shared(), Access::ReadWrite, "uploads"),
        grant(function("notifier"), Access::Send, "jobs"),
        grant(function("fifo_worker"), Access::Consume, "orders"),
        grant(function("auditor"), Access::Read, "items"),
        grant(function("notifier"), Access::Write, "items"),
        grant(shared(), Access::ReadWrite, "items"),
        grant(function("auditor"), Access::Read, "clicks"),
        grant(function("notifier"), Access::Write, "clicks"),
        grant(function("stream_reader"), Access::ReadWrite, "metrics"),
        grant(function("notifier"), Access::Publish, "alerts"),
        grant(function("auditor"), Access::Publish, "audit"),
    ]
}

fn outputs() -> Vec<Output> {
    let output = |name: &str, value| Output {
        name: name.to_owned(),
        value,
    };
    let id = |id: &str| id.to_owned();
    vec![
        output("api_url", OutputValue::ApiUrl(id("public"))),
        output("api_id", OutputValue::ApiId(id("public"))),
        output("bucket_name", OutputValue::BucketName(id("uploads"))),
        output("bucket_arn", OutputValue::BucketArn(id("uploads"))),
        output("function_name", OutputValue::FunctionName(id("worker"))),
        output("function_arn", OutputValue::FunctionArn(id("worker"))),
        output("role_name", OutputValue::RoleName(id("shared"))),
        output("role_arn", OutputValue::RoleArn(id("shared"))),
        output("queue_url", OutputValue::QueueUrl(id("jobs"))),
        output("queue_arn", OutputValue::QueueArn(id("jobs"))),
        output("table_name", OutputValue::TableName(id("items"))),
        output("table_arn", OutputValue::TableArn(id("items"))),
        output("stream_arn", OutputValue::StreamArn(id("clicks"))),
        output("topic_arn", OutputValue::TopicArn(id("alerts"))),
        output("alias_arn", OutputValue::AliasArn(id("worker"), id("live"))),
    ]
}

/// The stack: every construct and setting of the model.
fn stack() -> Stack {
    let mut stack = Stack {
        name: STACK.to_owned(),
        functions: functions(),
        queues: queues(),
        roles: vec![Role {
            id: "shared".to_owned(),
            role_name: None,
            managed_policies: Vec::new(),
        }],
        grants: grants(),
        statements: vec![Statement {
            principal: Principal::Function("auditor".to_owned()),
            actions: vec!["lambda:GetFunctionConfiguration".to_owned()],
            resources: vec![ResourceRef::Function("worker".to_owned())],
        }],
        alarms: alarms(),
        outputs: outputs(),
        ..Stack::default()
    };
    storage(&mut stack);
    triggers(&mut stack);
    versions(&mut stack);
    stack
}

fn template(stack: &Stack) -> Value {
    match synthesize(stack) {
        Ok(template) => template.body,
        Err(error) => panic!("the stack does not synthesize: {error}"),
    }
}

fn resource<'a>(template: &'a Value, logical_id: &str) -> &'a Value {
    let resource = &template["Resources"][logical_id];
    assert!(resource.is_object(), "no resource `{logical_id}`");
    resource
}

fn properties<'a>(template: &'a Value, logical_id: &str) -> &'a Value {
    &resource(template, logical_id)["Properties"]
}

/// The logical ID of the one resource whose ID starts with `prefix`.
fn logical_id_starting(template: &Value, prefix: &str) -> String {
    let ids: Vec<&String> = template["Resources"]
        .as_object()
        .map(|r| r.keys().filter(|k| k.starts_with(prefix)).collect())
        .unwrap_or_default();
    assert_eq!(ids.len(), 1, "resources starting with `{prefix}`: {ids:?}");
    ids[0].clone()
}

fn cfn_lint() -> String {
    std::env::var("CFN_LINT").unwrap_or_else(|_| "cfn-lint".to_owned())
}

#[test]
fn every_construct_passes_cfn_lint() {
    let template = synthesize(&stack()).expect("the stack synthesizes");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("model");
    std::fs::create_dir_all(&dir).expect("template folder");
    let file = dir.join(format!("{STACK}.template.json"));
    std::fs::write(&file, template.to_json()).expect("write template");
    // Informational checks too: no finding of any level.
    let output = Command::new(cfn_lint())
        .args(["--format", "parseable", "--include-checks", "I", "--"])
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{}` ({e}); set CFN_LINT", cfn_lint()));
    let findings = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && findings.trim().is_empty(),
        "cfn-lint found problems in {}:\n{findings}{}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn synthesis_is_deterministic() {
    let first = synthesize(&stack()).expect("synthesizes").to_json();
    let second = synthesize(&stack()).expect("synthesizes").to_json();
    assert_eq!(first, second);
}

/// The resources each resource refers to: `Ref`, `Fn::GetAtt`, `Fn::Sub` variables and
/// `DependsOn`, pseudo parameters left out.
fn dependencies(template: &Value) -> BTreeMap<String, BTreeSet<String>> {
    fn walk(value: &Value, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(target)) = map.get("Ref") {
                    out.insert(target.clone());
                }
                if let Some(Value::Array(parts)) = map.get("Fn::GetAtt") {
                    if let Some(Value::String(target)) = parts.first() {
                        out.insert(target.clone());
                    }
                }
                match map.get("DependsOn") {
                    Some(Value::String(target)) => {
                        out.insert(target.clone());
                    }
                    Some(Value::Array(targets)) => {
                        out.extend(targets.iter().filter_map(Value::as_str).map(str::to_owned));
                    }
                    _ => {}
                }
                if let Some(Value::String(text)) = map.get("Fn::Sub") {
                    for piece in text.split("${").skip(1) {
                        let variable = piece.split('}').next().unwrap_or_default();
                        out.insert(variable.split('.').next().unwrap_or_default().to_owned());
                    }
                }
                map.values().for_each(|v| walk(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let resources = template["Resources"].as_object().expect("resources");
    resources
        .iter()
        .map(|(id, resource)| {
            let mut out = BTreeSet::new();
            walk(resource, &mut out);
            out.retain(|target| resources.contains_key(target));
            (id.clone(), out)
        })
        .collect()
}

/// The resources of `template` in a dependency cycle or behind one. Kahn's algorithm: a
/// cycle leaves resources that never become free of dependencies.
fn cyclic(template: &Value) -> BTreeMap<String, BTreeSet<String>> {
    let mut left = dependencies(template);
    loop {
        let free: Vec<String> = left
            .iter()
            .filter(|(_, deps)| deps.is_empty())
            .map(|(id, _)| id.clone())
            .collect();
        if free.is_empty() {
            return left;
        }
        for id in &free {
            left.remove(id);
        }
        for deps in left.values_mut() {
            deps.retain(|d| !free.contains(d));
        }
    }
}

#[test]
fn template_has_no_dependency_cycle() {
    let left = cyclic(&template(&stack()));
    assert!(left.is_empty(), "resources in or behind a cycle: {left:#?}");
}

#[test]
fn cycle_check_catches_a_cycle() {
    // The check above can fail: a role that refers to a function that runs with it.
    let template = json!({ "Resources": {
        "Fn": { "Properties": { "Role": { "Fn::GetAtt": ["Role", "Arn"] } } },
        "Role": { "Properties": { "Resource": { "Fn::Sub": "${Fn.Arn}:live" } } },
        "Other": { "DependsOn": ["Fn"] },
        "Free": { "Properties": { "Ref": "AWS::Region" } },
    } });
    let left: Vec<String> = cyclic(&template).into_keys().collect();
    assert_eq!(left, ["Fn", "Other", "Role"]);
}

#[test]
fn triggers_of_a_function_with_provisioned_concurrency_invoke_its_alias() {
    let template = template(&stack());
    let alias = json!({ "Ref": "WorkerFunctionLiveAlias" });
    let method = properties(&template, "PublicApiJobsPost");
    let uri = method["Integration"]["Uri"]["Fn::Sub"]
        .as_str()
        .unwrap_or_default();
    assert!(
        uri.contains("/functions/${WorkerFunctionLiveAlias}/invocations"),
        "{uri}"
    );
    for permission in [
        "PublicApiJobsPostPermission",
        "WorkerFunctionUploadsBucketPermission",
        "WorkerFunctionAlertsTopicPermission",
        "WorkerFunctionNightlyRulePermission",
    ] {
        assert_eq!(
            properties(&template, permission)["FunctionName"],
            alias,
            "{permission}"
        );
    }
    let notification = &properties(&template, "UploadsBucket")["NotificationConfiguration"];
    assert_eq!(notification["LambdaConfigurations"][0]["Function"], alias);
    let mapping = properties(&template, "WorkerFunctionJobsQueueMapping");
    assert_eq!(mapping["FunctionName"], alias);
    let subscription = properties(&template, "WorkerFunctionAlertsTopicSubscription");
    assert_eq!(subscription["Endpoint"], alias);
    assert_eq!(
        properties(&template, "NightlyRule")["Targets"][0]["Arn"],
        alias
    );
    let config = resource(&template, "WorkerFunctionEventInvokeConfig");
    assert_eq!(config["Properties"]["Qualifier"], "live");
    assert_eq!(config["DependsOn"], json!(["WorkerFunctionLiveAlias"]));
    // A destination that is a function goes to its alias too, and the sender may invoke
    // exactly that alias.
    let destinations = properties(&template, "NotifierFunctionEventInvokeConfig");
    assert_eq!(
        destinations["DestinationConfig"]["OnSuccess"]["Destination"],
        alias
    );
    let statements = policy(&template, "NotifierFunctionRole", "destinations");
    let invoke = json!({ "Fn::Sub": format!("arn:${{AWS::Partition}}:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:{STACK}-worker:live") });
    assert!(statements.contains(&allow(&["lambda:InvokeFunction"], &[invoke])));
}

#[test]
fn functions_without_provisioned_concurrency_are_invoked_unqualified() {
    let template = template(&stack());
    let auditor = json!({ "Fn::GetAtt": ["AuditorFunction", "Arn"] });
    assert_eq!(
        properties(&template, "OrderPlacedRule")["Targets"][0]["Arn"],
        auditor
    );
    let config = resource(&template, "AuditorFunctionEventInvokeConfig");
    assert_eq!(config["Properties"]["Qualifier"], "$LATEST");
    assert!(config.get("DependsOn").is_none());
    let mapping = properties(&template, "StreamReaderFunctionClicksStreamMapping");
    assert_eq!(
        mapping["FunctionName"],
        json!({ "Fn::GetAtt": ["StreamReaderFunction", "Arn"] })
    );
    // Provisioned concurrency is on the alias only, never on a version or `$LATEST`.
    let text = serde_json::to_string(&template).expect("json");
    assert_eq!(text.matches("ProvisionedConcurrencyConfig").count(), 1);
    let alias = properties(&template, "WorkerFunctionLiveAlias");
    assert_eq!(
        alias["ProvisionedConcurrencyConfig"]["ProvisionedConcurrentExecutions"],
        2
    );
}

#[test]
fn mappings_depend_on_the_role_with_the_poller_permissions() {
    let template = template(&stack());
    for (mapping, role) in [
        ("WorkerFunctionJobsQueueMapping", "WorkerFunctionRole"),
        (
            "FifoWorkerFunctionOrdersQueueMapping",
            "FifoWorkerFunctionRole",
        ),
        ("StreamReaderFunctionItemsTableStreamMapping", "SharedRole"),
        ("StreamReaderFunctionClicksStreamMapping", "SharedRole"),
        ("StreamReaderFunctionMetricsStreamMapping", "SharedRole"),
    ] {
        assert_eq!(
            resource(&template, mapping)["DependsOn"],
            json!([role]),
            "{mapping}"
        );
    }
    let sqs = policy(&template, "WorkerFunctionRole", "event-sources");
    let queue = json!({ "Fn::GetAtt": ["JobsQueue", "Arn"] });
    let actions = [
        "sqs:ChangeMessageVisibility",
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
        "sqs:ReceiveMessage",
    ];
    assert_eq!(sqs, vec![allow(&actions, &[queue])]);
    let streams = policy(&template, "SharedRole", "event-sources");
    let table_stream = json!({ "Fn::GetAtt": ["ItemsTable", "StreamArn"] });
    let actions = [
        "dynamodb:DescribeStream",
        "dynamodb:GetRecords",
        "dynamodb:GetShardIterator",
    ];
    assert!(streams.contains(&allow(&actions, &[table_stream])));
    assert!(streams.contains(&allow(&["dynamodb:ListStreams"], &[json!("*")])));
    assert!(streams.contains(&allow(&["kinesis:ListStreams"], &[json!("*")])));
    let clicks = json!({ "Fn::GetAtt": ["ClicksStream", "Arn"] });
    let actions = [
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:GetRecords",
        "kinesis:GetShardIterator",
        "kinesis:ListShards",
    ];
    assert!(streams.contains(&allow(&actions, &[clicks])));
    // Two Kinesis sources share the role: `ListStreams` is there once.
    let list = allow(&["kinesis:ListStreams"], &[json!("*")]);
    assert_eq!(streams.iter().filter(|s| **s == list).count(), 1);
}

#[test]
fn mapping_properties_follow_the_source() {
    let template = template(&stack());
    let queue = properties(&template, "WorkerFunctionJobsQueueMapping");
    assert_eq!(
        queue["EventSourceArn"],
        json!({ "Fn::GetAtt": ["JobsQueue", "Arn"] })
    );
    assert_eq!(queue["ScalingConfig"], json!({ "MaximumConcurrency": 5 }));
    assert_eq!(queue["MaximumBatchingWindowInSeconds"], 5);
    assert_eq!(
        queue["FunctionResponseTypes"],
        json!(["ReportBatchItemFailures"])
    );
    assert!(queue.get("StartingPosition").is_none());
    let table = properties(&template, "StreamReaderFunctionItemsTableStreamMapping");
    assert_eq!(table["StartingPosition"], "TRIM_HORIZON");
    assert_eq!(table["BisectBatchOnFunctionError"], true);
    assert_eq!(table["TumblingWindowInSeconds"], 60);
    assert_eq!(
        table["DestinationConfig"]["OnFailure"]["Destination"],
        json!({ "Fn::GetAtt": ["DeadLettersQueue", "Arn"] })
    );
    let clicks = properties(&template, "StreamReaderFunctionClicksStreamMapping");
    assert_eq!(clicks["StartingPosition"], "AT_TIMESTAMP");
    assert_eq!(clicks["StartingPositionTimestamp"], 1_767_225_600);
    assert_eq!(clicks["MaximumRetryAttempts"], -1);
    assert_eq!(clicks["ParallelizationFactor"], 2);
    assert_eq!(
        clicks["DestinationConfig"]["OnFailure"]["Destination"],
        json!({ "Ref": "AlertsTopic" })
    );
}

#[test]
fn version_changes_exactly_when_the_function_does() {
    let version = |stack: &Stack| logical_id_starting(&template(stack), "WorkerFunctionVersion");
    let original = version(&stack());
    assert_eq!(
        original.len(),
        "WorkerFunctionVersion".len() + 10,
        "{original}"
    );
    assert_eq!(
        version(&stack()),
        original,
        "an unchanged function keeps its version"
    );
    let mut other_changes = stack();
    other_changes.alarms.clear();
    other_changes.grants.pop();
    assert_eq!(
        version(&other_changes),
        original,
        "the function did not change"
    );
    let mut more_memory = stack();
    more_memory.functions[0].memory = 512;
    let changed = version(&more_memory);
    assert_ne!(changed, original, "a memory change publishes a new version");
    let alias = properties(&template(&more_memory), "WorkerFunctionLiveAlias").clone();
    assert_eq!(
        alias["FunctionVersion"],
        json!({ "Fn::GetAtt": [changed, "Version"] })
    );
    let mut new_code = stack();
    new_code.functions[0].code = Code::Rust {
        handler: "worker".to_owned(),
        asset: asset("ef", AssetSource::BootstrapZip),
    };
    assert_ne!(
        version(&new_code),
        original,
        "new code publishes a new version"
    );
    let template = template(&stack());
    let published = resource(&template, &original);
    assert_eq!(published["DeletionPolicy"], "Retain");
    assert_eq!(published["UpdateReplacePolicy"], "Retain");
    logical_id_starting(&template, "AuditorFunctionVersion");
    let routing = &properties(&template, "WorkerFunctionBetaAlias")["RoutingConfig"];
    assert_eq!(
        routing["AdditionalVersionWeights"],
        json!([{ "FunctionVersion": "1", "FunctionWeight": 0.1 }])
    );
}

#[test]
fn resources_carry_their_settings() {
    let template = template(&stack());
    let orders = properties(&template, "OrdersQueue");
    assert_eq!(orders["QueueName"], "model-orders.fifo");
    assert_eq!(orders["FifoQueue"], true);
    assert_eq!(orders["SqsManagedSseEnabled"], true);
    let orders_dlq = properties(&template, "OrdersDlqQueue");
    assert_eq!(
        orders_dlq,
        &json!({ "FifoQueue": true, "MessageRetentionPeriod": 345_600, "SqsManagedSseEnabled": true })
    );
    let jobs = properties(&template, "JobsQueue");
    assert!(jobs.get("FifoQueue").is_none() && jobs.get("QueueName").is_none());
    assert_eq!(
        jobs["RedrivePolicy"],
        json!({ "deadLetterTargetArn": { "Fn::GetAtt": ["JobsDlqQueue", "Arn"] }, "maxReceiveCount": 5 })
    );
    let table = resource(&template, "ItemsTable");
    assert_eq!(table["DeletionPolicy"], "Retain");
    assert_eq!(table["Properties"]["BillingMode"], "PAY_PER_REQUEST");
    assert_eq!(
        table["Properties"]["StreamSpecification"]["StreamViewType"],
        "NEW_AND_OLD_IMAGES"
    );
    let clicks = properties(&template, "ClicksStream");
    assert_eq!(clicks["StreamModeDetails"]["StreamMode"], "ON_DEMAND");
    assert_eq!(clicks["StreamEncryption"]["KeyId"], "alias/aws/kinesis");
    assert_eq!(properties(&template, "MetricsStream")["ShardCount"], 2);
    assert_eq!(
        properties(&template, "AuditTopic")["TopicName"],
        "ModelStack-audit.fifo"
    );
    assert_eq!(
        properties(&template, "OrdersBus")["Name"],
        "ModelStack-orders"
    );
    let rule = properties(&template, "OrderPlacedRule");
    assert_eq!(rule["EventBusName"], json!({ "Ref": "OrdersBus" }));
    let permission = properties(&template, "AuditorFunctionOrderPlacedRulePermission");
    assert_eq!(
        permission["SourceArn"],
        json!({ "Fn::GetAtt": ["OrderPlacedRule", "Arn"] })
    );
    let notifier = properties(&template, "NotifierFunction");
    assert_eq!(
        notifier["LoggingConfig"],
        json!({ "LogGroup": { "Ref": "NotifierFunctionLogGroup" }, "LogFormat": "JSON", "ApplicationLogLevel": "DEBUG", "SystemLogLevel": "WARN" })
    );
    assert_eq!(
        notifier["DeadLetterConfig"]["TargetArn"],
        json!({ "Fn::GetAtt": ["DeadLettersQueue", "Arn"] })
    );
    let alarm = properties(&template, "ErrorsAlarm");
    assert_eq!(alarm["Namespace"], "AWS/Lambda");
    assert_eq!(alarm["AlarmActions"], json!([{ "Ref": "AlertsTopic" }]));
    assert_eq!(alarm["TreatMissingData"], "notBreaching");
    assert_eq!(
        alarm["Dimensions"],
        json!([{ "Name": "FunctionName", "Value": { "Ref": "WorkerFunction" } }])
    );
}

/// The statements of inline policy `name` of `role`.
fn policy(template: &Value, role: &str, name: &str) -> Vec<Value> {
    let policies = properties(template, role)["Policies"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let policy = policies
        .iter()
        .find(|p| p["PolicyName"] == name)
        .unwrap_or_else(|| panic!("`{role}` has no policy `{name}`"));
    policy["PolicyDocument"]["Statement"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn allow(actions: &[&str], resources: &[Value]) -> Value {
    json!({ "Effect": "Allow", "Action": actions, "Resource": resources })
}

#[test]
fn grants_give_least_privilege_by_access_level() {
    let template = template(&stack());
    let notifier = policy(&template, "NotifierFunctionRole", "permissions");
    let jobs = json!({ "Fn::GetAtt": ["JobsQueue", "Arn"] });
    assert!(notifier.contains(&allow(&["sqs:SendMessage"], &[jobs])));
    assert!(notifier.contains(&allow(&["sns:Publish"], &[json!({ "Ref": "AlertsTopic" })])));
    let writes = [
        "dynamodb:BatchWriteItem",
        "dynamodb:DeleteItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
    ];
    let table = json!({ "Fn::GetAtt": ["ItemsTable", "Arn"] });
    assert!(notifier.contains(&allow(&writes, std::slice::from_ref(&table))));
    let auditor = policy(&template, "AuditorFunctionRole", "permissions");
    let reads = [
        "dynamodb:BatchGetItem",
        "dynamodb:ConditionCheckItem",
        "dynamodb:GetItem",
        "dynamodb:Query",
        "dynamodb:Scan",
    ];
    let indexes = json!({ "Fn::Sub": "${ItemsTable.Arn}/index/*" });
    assert!(auditor.contains(&allow(&reads, &[table, indexes])));
    let consume = [
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
        "sqs:ReceiveMessage",
    ];
    let orders = json!({ "Fn::GetAtt": ["OrdersQueue", "Arn"] });
    let fifo_worker = policy(&template, "FifoWorkerFunctionRole", "permissions");
    assert_eq!(fifo_worker, vec![allow(&consume, &[orders])]);
    let metrics = json!({ "Fn::GetAtt": ["MetricsStream", "Arn"] });
    let shared = policy(&template, "SharedRole", "permissions");
    assert!(shared.contains(&allow(
        &["kinesis:PutRecord", "kinesis:PutRecords"],
        &[metrics]
    )));
    // Destinations and dead-letter targets: exactly the target.
    let destinations = policy(&template, "AuditorFunctionRole", "destinations");
    let dead_letters = json!({ "Fn::GetAtt": ["DeadLettersQueue", "Arn"] });
    assert!(destinations.contains(&allow(&["sqs:SendMessage"], &[dead_letters])));
    let bus = json!({ "Fn::GetAtt": ["OrdersBus", "Arn"] });
    let notifier = policy(&template, "NotifierFunctionRole", "destinations");
    assert!(notifier.contains(&allow(&["events:PutEvents"], &[bus])));
}

#[test]
fn no_statement_allows_every_action() {
    let template = template(&stack());
    for (id, resource) in template["Resources"].as_object().expect("resources") {
        for policy in resource["Properties"]["Policies"]
            .as_array()
            .into_iter()
            .flatten()
        {
            for statement in policy["PolicyDocument"]["Statement"]
                .as_array()
                .into_iter()
                .flatten()
            {
                for action in statement["Action"].as_array().into_iter().flatten() {
                    let action = action.as_str().unwrap_or_default();
                    assert!(!action.contains('*'), "{id} allows `{action}`");
                }
            }
        }
    }
}

#[test]
fn outputs_show_each_value() {
    let template = template(&stack());
    let outputs = &template["Outputs"];
    assert_eq!(outputs.as_object().map(|o| o.len()), Some(15));
    assert_eq!(outputs["QueueUrl"]["Value"], json!({ "Ref": "JobsQueue" }));
    assert_eq!(
        outputs["QueueArn"]["Value"],
        json!({ "Fn::GetAtt": ["JobsQueue", "Arn"] })
    );
    assert_eq!(
        outputs["TableName"]["Value"],
        json!({ "Ref": "ItemsTable" })
    );
    assert_eq!(
        outputs["TableArn"]["Value"],
        json!({ "Fn::GetAtt": ["ItemsTable", "Arn"] })
    );
    assert_eq!(
        outputs["StreamArn"]["Value"],
        json!({ "Fn::GetAtt": ["ClicksStream", "Arn"] })
    );
    assert_eq!(
        outputs["TopicArn"]["Value"],
        json!({ "Ref": "AlertsTopic" })
    );
    assert_eq!(
        outputs["AliasArn"]["Value"],
        json!({ "Ref": "WorkerFunctionLiveAlias" })
    );
    let mut unknown = stack();
    unknown.outputs = vec![Output {
        name: "missing".to_owned(),
        value: OutputValue::AliasArn("worker".to_owned(), "canary".to_owned()),
    }];
    assert_eq!(
        synthesize(&unknown).err(),
        Some(SynthError::UnknownReference {
            stack: STACK.to_owned(),
            kind: "alias",
            id: "worker.canary".to_owned(),
        })
    );
}

#[test]
fn an_access_level_that_does_not_fit_the_resource_is_an_error() {
    let mut stack = stack();
    stack.grants.push(Grant {
        principal: Principal::Function("worker".to_owned()),
        access: Access::Publish,
        resource: "uploads".to_owned(),
    });
    let error = synthesize(&stack).err();
    assert_eq!(
        error,
        Some(SynthError::WrongAccess {
            stack: STACK.to_owned(),
            access: "publish",
            kind: "bucket",
            resource: "uploads".to_owned(),
            allowed: "`read`, `write` or `read_write`",
        })
    );
    let message = error.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.contains("grants `publish` on bucket `uploads`"),
        "{message}"
    );
}

#[test]
fn several_aliases_with_provisioned_concurrency_are_an_error() {
    let mut stack = stack();
    stack.aliases[1].provisioned_concurrency = Some(1);
    stack.aliases[1].additional_version = None;
    assert_eq!(
        synthesize(&stack).err(),
        Some(SynthError::SeveralProvisionedAliases {
            stack: STACK.to_owned(),
            function: "worker".to_owned(),
            aliases: vec!["live".to_owned(), "beta".to_owned()],
        })
    );
}

/// The problem of the `InvalidSetting` error that synthesizing `stack` gives.
fn invalid_setting(stack: &Stack) -> String {
    match synthesize(stack) {
        Err(SynthError::InvalidSetting { problem, .. }) => problem,
        other => panic!("expected an invalid setting, got {other:?}"),
    }
}

#[test]
fn settings_aws_rejects_are_errors() {
    let mut queue_with_stream_setting = stack();
    queue_with_stream_setting.event_sources[0].starting_position = Some(StartingPosition::Latest);
    assert!(invalid_setting(&queue_with_stream_setting).contains("`starting_position`"));
    let mut fifo_subscription = stack();
    fifo_subscription.subscriptions[0].topic = "audit".to_owned();
    assert!(invalid_setting(&fifo_subscription).contains("FIFO topics"));
    let mut fifo_dead_letter = stack();
    fifo_dead_letter.functions[3].dead_letter = Some(Target::Queue("orders".to_owned()));
    assert!(invalid_setting(&fifo_dead_letter).contains("standard queues only"));
    let mut levels_in_text = stack();
    levels_in_text.functions[3].log_format = Some(LogFormat::Text);
    assert!(invalid_setting(&levels_in_text).contains("JSON"));
    let mut short_visibility = stack();
    short_visibility.queues[0].visibility_timeout = Some(10);
    assert!(invalid_setting(&short_visibility).contains("visibility timeout (10 s)"));
    let mut redrive_loop = stack();
    redrive_loop.queues[1].dead_letter = Some(Redrive {
        queue: "jobs".to_owned(),
        max_receive_count: 5,
    });
    assert!(invalid_setting(&redrive_loop).contains("reaches itself"));
    let mut weighted_and_provisioned = stack();
    weighted_and_provisioned.aliases[0].additional_version = Some(("1".to_owned(), 0.5));
    assert!(invalid_setting(&weighted_and_provisioned).contains("weighted routing"));
    let mut scheduled_on_bus = stack();
    scheduled_on_bus.rules[0].event_bus = Some("orders".to_owned());
    assert!(invalid_setting(&scheduled_on_bus).contains("default bus"));
}
