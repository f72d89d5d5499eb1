//! Running handlers locally and as Lambda runs them, through the app binaries: `invoke` on a
//! sample event of each trigger, `serve` answered over HTTP on 127.0.0.1, and `runtime-api`
//! answered by an app binary started with the environment Lambda gives a `bootstrap`.
//!
//! The example binaries are built with `cargo build` on first use; the fixture app
//! (`src/bin/handlers-fixture.rs`) covers the triggers the examples do not, and handlers that
//! fail or panic. Every server listens on 127.0.0.1 on a port the system picks, every wait is
//! bounded, and every process started here is stopped when its guard drops.

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long a server may take to start listening.
const START_TIMEOUT: Duration = Duration::from_secs(30);
/// How long one HTTP exchange may take.
const IO_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a Runtime API session may take.
const SESSION_TIMEOUT: Duration = Duration::from_secs(60);

const FIXTURE: &str = env!("CARGO_BIN_EXE_handlers-fixture");

/// Variables that would switch an app binary to Lambda mode or change its logs.
const LAMBDA_ENV: &[&str] = &[
    "_HANDLER",
    "AWS_LAMBDA_RUNTIME_API",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_LOG_FORMAT",
    "AWS_LAMBDA_LOG_LEVEL",
    "RUST_LOG",
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn event(name: &str) -> String {
    workspace()
        .join("tests/events")
        .join(name)
        .display()
        .to_string()
}

/// The binary of example `name`, built once for all tests into this test's own target
/// directory and profile.
fn example(name: &str) -> PathBuf {
    // This test runs from <target>/<profile>/deps/.
    let exe = std::env::current_exe().expect("test executable path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("profile directory")
        .to_path_buf();
    static BUILT: OnceLock<Result<(), String>> = OnceLock::new();
    let built = BUILT.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let mut command = Command::new(&cargo);
        // The binaries run here natively: no `bootstrap` zip needed.
        command
            .current_dir(workspace())
            .env("STACKFORGE_PACKAGE", "0")
            .args(["build", "--quiet", "--target-dir"])
            .arg(profile_dir.parent().expect("target directory"))
            .args([
                "-p",
                "hello-api",
                "-p",
                "s3-thumbnail",
                "-p",
                "seed-chapter",
            ])
            .args(["-p", "sqs-worker", "-p", "stream-processor"]);
        if profile_dir.ends_with("release") {
            command.arg("--release");
        }
        let output = command
            .output()
            .map_err(|e| format!("cannot run `{cargo}` ({e})"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).into_owned())
        }
    });
    if let Err(error) = built {
        panic!("building the examples failed:\n{error}");
    }
    profile_dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

fn local(binary: &Path) -> Command {
    let mut command = Command::new(binary);
    for name in LAMBDA_ENV {
        command.env_remove(name);
    }
    command.stdin(Stdio::null());
    command
}

/// Runs `binary` with `args` locally, bounded by `cargo test`'s own limits.
fn run(binary: &Path, args: &[&str]) -> Output {
    local(binary)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", binary.display()))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The JSON on the last line of `stdout`: what `invoke` prints after the handler's own output.
fn last_json(output: &Output) -> Value {
    let stdout = text(&output.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(last).unwrap_or_else(|e| {
        panic!(
            "the last line of stdout is not JSON ({e}):\n{stdout}\nstderr:\n{}",
            text(&output.stderr)
        )
    })
}

/// A child process, killed when dropped, whose stderr lines are collected as they come.
struct Process {
    child: Child,
    stderr: Arc<Mutex<Vec<String>>>,
    lines: mpsc::Receiver<String>,
}

impl Process {
    fn start(mut command: Command) -> Process {
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("start the app binary");
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let (sender, lines) = mpsc::channel();
        let pipe = child.stderr.take().expect("stderr is piped");
        let collected = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                collected.lock().expect("stderr lines").push(line.clone());
                let _ = sender.send(line);
            }
        });
        Process {
            child,
            stderr,
            lines,
        }
    }

    /// Waits for the `127.0.0.1:<port>` the process prints on stderr when it listens.
    fn address(&self) -> SocketAddr {
        let deadline = Instant::now() + START_TIMEOUT;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            let Ok(line) = self.lines.recv_timeout(left) else {
                break;
            };
            if let Some(at) = line.find("127.0.0.1:") {
                let address: String = line[at..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ':')
                    .collect();
                if let Ok(address) = address.parse() {
                    return address;
                }
            }
        }
        panic!(
            "the server printed no address within {START_TIMEOUT:?}:\n{}",
            self.stderr_text()
        );
    }

    fn stderr_text(&self) -> String {
        self.stderr.lock().expect("stderr lines").join("\n")
    }

    /// Waits up to `timeout` for stderr lines matching `matches` to number `count`.
    fn wait_for_lines(&self, count: usize, timeout: Duration, matches: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            let found = self
                .stderr
                .lock()
                .expect("stderr lines")
                .iter()
                .filter(|l| matches(l))
                .count();
            if found >= count {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "expected {count} matching log lines, found {found}:\n{}",
                self.stderr_text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits up to `timeout` for the process to exit; returns its status and stdout.
    fn wait(&mut self, timeout: Duration) -> (std::process::ExitStatus, String) {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the process") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "the process did not exit within {timeout:?}:\n{}",
                self.stderr_text()
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut stdout = String::new();
        if let Some(mut pipe) = self.child.stdout.take() {
            let _ = pipe.read_to_string(&mut stdout);
        }
        // Let the stderr reader catch up with the last lines.
        std::thread::sleep(Duration::from_millis(50));
        (status, stdout)
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!("the body is not JSON ({e}): {}", text(&self.body));
        })
    }
}

/// One HTTP/1.1 exchange on a fresh connection.
fn http(
    address: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut stream = TcpStream::connect_timeout(&address, IO_TIMEOUT).expect("connect");
    stream
        .set_read_timeout(Some(IO_TIMEOUT))
        .expect("read timeout");
    stream
        .set_write_timeout(Some(IO_TIMEOUT))
        .expect("write timeout");
    let mut request = format!(
        "{method} {target} HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream
        .write_all(request.as_bytes())
        .expect("send the request");
    stream.write_all(body).expect("send the body");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the response");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head = text(&raw[..split]);
    let body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body,
    }
}

// ----- serve -------------------------------------------------------------------------------

#[test]
fn serve_answers_every_route_of_hello_api() {
    let mut command = local(&example("hello-api"));
    command.args(["serve", "--port", "0"]);
    let server = Process::start(command);
    let address = server.address();

    let reply = http(address, "GET", "/hello?name=Ada", &[], b"");
    assert_eq!(reply.status, 200, "{}", text(&reply.body));
    assert_eq!(reply.header("content-type"), ["application/json"]);
    assert_eq!(reply.json(), serde_json::json!({ "message": "hello, Ada" }));

    let reply = http(
        address,
        "POST",
        "/hello?name=Bob",
        &[("content-type", "application/json")],
        b"{}",
    );
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["message"], "hello, Bob");

    let reply = http(address, "GET", "/hello", &[], b"");
    assert_eq!(reply.json()["message"], "hello, world");

    let reply = http(address, "GET", "/items/42", &[], b"");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json(), serde_json::json!({ "id": "42" }));

    let reply = http(address, "GET", "/nope", &[], b"");
    assert_eq!(reply.status, 404);
    let message = reply.json()["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        message.contains("no route is declared for `/nope`"),
        "{message}"
    );
    assert!(message.contains("`/items/{id}`"), "{message}");

    let reply = http(address, "GET", "/items", &[], b"");
    assert_eq!(reply.status, 404);

    let reply = http(address, "DELETE", "/hello", &[], b"");
    assert_eq!(reply.status, 405);
    assert_eq!(reply.header("allow"), ["GET, POST"]);
    let message = reply.json()["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        message.contains("`DELETE` is not declared on `/hello`"),
        "{message}"
    );

    // One log line per request, with its method, path and status.
    let requests = [
        "GET /hello?name=Ada 200",
        "POST /hello?name=Bob 200",
        "GET /hello 200",
        "GET /items/42 200",
        "GET /nope 404",
        "GET /items 404",
        "DELETE /hello 405",
    ];
    server.wait_for_lines(requests.len(), IO_TIMEOUT, |l| {
        requests.iter().any(|r| l.contains(r))
    });
    let log = server.stderr_text();
    for request in requests {
        assert_eq!(log.matches(request).count(), 1, "{request}:\n{log}");
    }
    assert!(log.contains("handler=\"greet\""), "{log}");
}

#[test]
fn serve_builds_the_proxy_event_and_maps_the_response() {
    let mut command = local(Path::new(FIXTURE));
    command.args(["serve", "--port=0"]);
    let server = Process::start(command);
    let address = server.address();

    // A greedy parameter, repeated query parameters and headers, and a body that is not UTF-8.
    let reply = http(
        address,
        "PUT",
        "/files/a/b%20c/d.txt?tag=x&tag=y&single=1",
        &[("x-trace", "one"), ("x-trace", "two")],
        &[0xff, 0x00, 0x01],
    );
    assert_eq!(reply.status, 200, "{}", text(&reply.body));
    let event = reply.json();
    assert_eq!(event["httpMethod"], "PUT");
    assert_eq!(event["resource"], "/files/{proxy+}");
    assert_eq!(event["path"], "/files/a/b%20c/d.txt");
    assert_eq!(
        event["pathParameters"],
        serde_json::json!({ "proxy": "a/b c/d.txt" })
    );
    assert_eq!(event["queryStringParameters"]["tag"], "y");
    assert_eq!(event["queryStringParameters"]["single"], "1");
    assert_eq!(
        event["multiValueQueryStringParameters"]["tag"],
        serde_json::json!(["x", "y"])
    );
    assert_eq!(
        event["multiValueHeaders"]["x-trace"],
        serde_json::json!(["one", "two"])
    );
    assert_eq!(event["isBase64Encoded"], true);
    assert_eq!(event["body"], "/wAB");
    assert_eq!(event["requestContext"]["stage"], "dev");
    assert_eq!(event["requestContext"]["path"], "/dev/files/a/b%20c/d.txt");
    assert_eq!(event["requestContext"]["identity"]["sourceIp"], "127.0.0.1");

    // A text body stays text.
    let reply = http(address, "POST", "/files/x", &[], "héllo".as_bytes());
    let event = reply.json();
    assert_eq!(event["body"], "héllo");
    assert_eq!(event["isBase64Encoded"], false);
    let query = &event["queryStringParameters"];
    assert!(
        query.is_null() || query.as_object().is_some_and(|q| q.is_empty()),
        "{query}"
    );

    // A base64 body is decoded; multi-value headers are all written.
    let reply = http(address, "GET", "/binary", &[], b"");
    assert_eq!(reply.status, 201);
    assert_eq!(reply.body, [0, 159, 146, 150, 255]);
    assert_eq!(reply.header("content-type"), ["application/octet-stream"]);
    assert_eq!(reply.header("set-cookie"), ["a=1", "b=2"]);

    // A handler error is API Gateway's 502, and its log line says why.
    let reply = http(address, "GET", "/broken", &[], b"");
    assert_eq!(reply.status, 502);
    assert_eq!(
        reply.json(),
        serde_json::json!({ "message": "Internal server error" })
    );
    server.wait_for_lines(1, IO_TIMEOUT, |l| l.contains("GET /broken 502"));
    let log = server.stderr_text();
    let line = log
        .lines()
        .find(|l| l.contains("GET /broken 502"))
        .unwrap_or_default();
    assert!(line.contains("ERROR"), "{line}");
    assert!(
        line.contains("handler `broken` failed: the database is down"),
        "{line}"
    );

    // `ANY` takes every method; the greedy parameter needs a segment.
    assert_eq!(http(address, "DELETE", "/files/x", &[], b"").status, 200);
    assert_eq!(http(address, "GET", "/files", &[], b"").status, 404);
}

// ----- invoke ------------------------------------------------------------------------------

/// An `invoke` of `handler` of `binary` on `event`: a line the handler prints, and its
/// response (`None` for the API handler, checked apart).
struct Case {
    binary: PathBuf,
    handler: &'static str,
    event: &'static str,
    printed: Option<&'static str>,
    response: Option<Value>,
}

#[test]
fn invoke_runs_a_handler_of_each_trigger() {
    let fixture = PathBuf::from(FIXTURE);
    let case = |binary: PathBuf, handler, event, printed, response| Case {
        binary,
        handler,
        event,
        printed,
        response,
    };
    let cases = [
        case(example("hello-api"), "greet", "apigw-hello.json", None, None),
        case(
            example("s3-thumbnail"),
            "make_thumbnail",
            "s3-put.json",
            Some("thumbnail for s3://thumbnailstack-uploads-123456789012-us-east-1/images/cat.jpg (52341 bytes)"),
            Some(Value::Null),
        ),
        case(
            example("sqs-worker"),
            "process_jobs",
            "sqs.json",
            None,
            Some(serde_json::json!({ "batchItemFailures": [{ "itemIdentifier": "job-2" }] })),
        ),
        case(
            example("stream-processor"),
            "process_changes",
            "dynamodb.json",
            Some("orders: 1 inserted, 1 modified, 1 removed"),
            Some(serde_json::json!({ "batchItemFailures": [] })),
        ),
        case(
            example("seed-chapter"),
            "process_upload",
            "s3-put.json",
            Some("new object: images/cat.jpg"),
            Some(Value::Null),
        ),
        case(
            example("seed-chapter"),
            "process_changes",
            "dynamodb.json",
            Some("3 changes"),
            Some(Value::Null),
        ),
        case(
            fixture.clone(),
            "on_alert",
            "sns.json",
            Some("alert: disk: disk almost full"),
            Some(Value::Null),
        ),
        case(
            fixture,
            "nightly_report",
            "schedule.json",
            Some("scheduled: Scheduled Event from aws.events"),
            Some(Value::Null),
        ),
    ];
    for Case {
        binary,
        handler,
        event: file,
        printed,
        response: expected,
    } in cases
    {
        let output = run(&binary, &["invoke", handler, "--event", &event(file)]);
        let stdout = text(&output.stdout);
        assert!(
            output.status.success(),
            "{handler} on {file} failed:\n{stdout}\n{}",
            text(&output.stderr)
        );
        if let Some(printed) = printed {
            assert!(stdout.contains(printed), "{handler}: {stdout}");
        }
        let response = last_json(&output);
        match expected {
            Some(expected) => assert_eq!(response, expected, "{handler}"),
            None => {
                // The API handler's proxy response.
                assert_eq!(response["statusCode"], 200, "{response}");
                let body = response["body"].as_str().unwrap_or_default();
                let body: Value = serde_json::from_str(body).expect("a JSON body");
                assert_eq!(body["message"], "hello, Ada");
            }
        }
    }
}

#[test]
fn invoke_reports_a_handler_error() {
    let output = run(
        Path::new(FIXTURE),
        &["invoke", "fail", "--event", &event("sns.json")],
    );
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr,
        "error: handler `fail` failed: the nightly job failed: disk full\n"
    );
}

#[test]
fn invoke_reports_a_handler_panic() {
    let output = run(
        Path::new(FIXTURE),
        &["invoke", "explode", "--event", &event("sns.json")],
    );
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: handler `explode` panicked at ")
            && stderr.contains("handlers-fixture.rs:")
            && stderr.contains(": the fuse was lit"),
        "{stderr}"
    );
    // Reported once, by the runtime, not by the default panic hook as well.
    assert!(!stderr.contains("thread '"), "{stderr}");
}

#[test]
fn invoke_reports_an_event_the_handler_cannot_take() {
    let output = run(
        &example("hello-api"),
        &["invoke", "greet", "--event", &event("sqs.json")],
    );
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: handler `greet` cannot take the event: "),
        "{stderr}"
    );
}

#[test]
fn command_line_mistakes_are_clear_errors() {
    let fixture = Path::new(FIXTURE);
    let help = run(fixture, &["--help"]);
    assert!(help.status.success());
    let usage = text(&help.stdout);
    for expected in [
        "invoke <handler> --event <file.json>",
        "serve [--port <port>]",
        "runtime-api --handler <name>",
        "`on_alert`",
        "ANY /files/{proxy+} -> echo",
    ] {
        assert!(usage.contains(expected), "{expected}:\n{usage}");
    }

    let cases: &[(&[&str], i32, &str)] = &[
        (&[], 2, "error: no command given"),
        (
            &["serv"],
            2,
            "error: unknown command `serv`; did you mean `serve`?",
        ),
        (
            &["serve", "--verbose"],
            2,
            "error: unknown option `--verbose` for `serve`",
        ),
        (
            &["serve", "--port", "http"],
            2,
            "error: `--port` must be a port number",
        ),
        (
            &["invoke", "greet"],
            2,
            "error: `invoke` needs the event: `--event <file.json>`",
        ),
        (
            &["invoke", "nope", "--event", "x.json"],
            2,
            "error: no handler named `nope` in this app; its handlers are `fail`, `explode`",
        ),
        (
            &["invoke", "fail", "--event", "no-such-file.json"],
            1,
            "error: cannot read event file `no-such-file.json`",
        ),
        (
            &["runtime-api", "--event", "x.json"],
            2,
            "error: `runtime-api` needs the handler",
        ),
        (
            &["serve", "--api", "nope", "--port", "0"],
            1,
            "error: no API named `nope` in this app; its APIs: `files`",
        ),
    ];
    for (args, code, message) in cases {
        let output = run(fixture, args);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(*code), "{args:?}: {stderr}");
        assert!(stderr.starts_with(message), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }

    let not_json =
        std::env::temp_dir().join(format!("stackforge-not-json-{}.json", std::process::id()));
    std::fs::write(&not_json, "{ not json").expect("write the event");
    let output = run(
        fixture,
        &["invoke", "fail", "--event", &not_json.display().to_string()],
    );
    let _ = std::fs::remove_file(&not_json);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("is not JSON: key must be a string at line 1 column 3"),
        "{}",
        text(&output.stderr)
    );
}

// ----- on Lambda ---------------------------------------------------------------------------

/// Starts `runtime-api` of `server` for `handler` with `events`, then `bootstrap` with the
/// environment Lambda gives; returns the session's exit status, its stdout and stderr, and
/// the bootstrap's stdout.
fn lambda_session(
    server: &Path,
    bootstrap: &Path,
    handler: &str,
    events: &[&str],
    env: &[(&str, &str)],
) -> (std::process::ExitStatus, String, String, String) {
    let mut command = local(server);
    command.args([
        "runtime-api",
        "--port",
        "0",
        "--handler",
        handler,
        "--timeout",
        "60",
    ]);
    for file in events {
        command.args(["--event", &event(file)]);
    }
    let mut api = Process::start(command);
    let address = api.address();

    let mut command = local(bootstrap);
    command
        .env("AWS_LAMBDA_RUNTIME_API", address.to_string())
        .env("_HANDLER", handler)
        .env("AWS_LAMBDA_FUNCTION_NAME", format!("Stack-{handler}"))
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    for (name, value) in env {
        command.env(name, value);
    }
    let mut function = Process::start(command);

    let (status, stdout) = api.wait(SESSION_TIMEOUT);
    let stderr = api.stderr_text();
    drop(api);
    // The bootstrap now waits on a Runtime API that is gone: stop it and read what it logged.
    let _ = function.child.kill();
    let (_, bootstrap_stdout) = function.wait(IO_TIMEOUT);
    (status, stdout, stderr, bootstrap_stdout)
}

#[test]
fn runtime_api_serves_an_app_binary_started_as_lambda_starts_it() {
    let hello = example("hello-api");
    let (status, stdout, stderr, _) = lambda_session(
        &hello,
        &hello,
        "greet",
        &["apigw-hello.json", "apigw-hello.json"],
        &[],
    );
    assert!(status.success(), "{stderr}");
    let responses: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON response per line"))
        .collect();
    assert_eq!(responses.len(), 2, "{stdout}");
    for response in responses {
        assert_eq!(response["statusCode"], 200);
        assert!(response["body"]
            .as_str()
            .unwrap_or_default()
            .contains("hello, Ada"));
    }
    assert!(stderr.contains("2 of 2 invocations succeeded"), "{stderr}");
}

#[test]
fn lambda_reports_a_panic_as_an_invocation_error_and_keeps_serving() {
    let fixture = Path::new(FIXTURE);
    let (status, stdout, stderr, logs) = lambda_session(
        fixture,
        fixture,
        "explode",
        &["sns.json", "sns.json"],
        &[("AWS_LAMBDA_LOG_FORMAT", "JSON")],
    );
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    // Both invocations answered: the first panic did not take the runtime down.
    let failures: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains(" failed: Panic: panicked at "))
        .collect();
    assert_eq!(failures.len(), 2, "{stderr}");
    assert!(
        failures.iter().all(|l| l.ends_with(": the fuse was lit")),
        "{stderr}"
    );
    // JSON logs, one error line per invocation, naming the handler and the request.
    let errors: Vec<Value> = logs
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|l| l["level"] == "ERROR")
        .collect();
    assert_eq!(errors.len(), 2, "{logs}");
    for error in &errors {
        assert_eq!(error["handler"], "explode", "{error}");
        assert_eq!(error["error_type"], "Panic", "{error}");
        let request_id = error["request_id"].as_str().unwrap_or_default();
        assert!(
            stderr.contains(&format!("invocation {request_id} failed")),
            "{error}\n{stderr}"
        );
    }
}

#[test]
fn lambda_reports_a_handler_error_as_an_invocation_error() {
    let fixture = Path::new(FIXTURE);
    let (status, _, stderr, logs) = lambda_session(fixture, fixture, "fail", &["sns.json"], &[]);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(" failed: HandlerError: the nightly job failed: disk full"),
        "{stderr}"
    );
    // Text logs, with the handler and the request id.
    let line = logs
        .lines()
        .find(|l| l.contains("ERROR"))
        .unwrap_or_default();
    assert!(
        line.contains("handler=\"fail\"") && line.contains("request_id="),
        "{logs}"
    );
    assert!(
        line.contains("handler `fail` failed: the nightly job failed"),
        "{line}"
    );
    assert!(serde_json::from_str::<Value>(line).is_err(), "{line}");
}

#[test]
fn lambda_mode_refuses_an_incomplete_environment() {
    let hello = example("hello-api");
    let output = local(&hello)
        .env("_HANDLER", "greet")
        .output()
        .expect("run");
    let stderr = text(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("`AWS_LAMBDA_RUNTIME_API`") && !stderr.contains("panicked"),
        "{stderr}"
    );

    let output = local(&hello)
        .env("_HANDLER", "nope")
        .env("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9")
        .env("AWS_LAMBDA_FUNCTION_NAME", "f")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "1")
        .output()
        .expect("run");
    let stderr = text(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("`_HANDLER` is `nope`, which is no handler of this binary"),
        "{stderr}"
    );

    let output = local(&hello)
        .env("_HANDLER", "greet")
        .arg("serve")
        .output()
        .expect("run");
    assert!(text(&output.stderr).contains("takes no arguments"));
}
