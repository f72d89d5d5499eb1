"""Deploys CloudFormation templates into moto's CloudFormation emulation, without AWS.

Usage: python deploy_check.py TEMPLATE.json [TEMPLATE.json ...]

Run it with a Python that has `moto[server]` installed (scripts/test.sh installs the pinned
version and exports its interpreter as STACKFORGE_PYTHON). The script:

1. starts `moto.server` on 127.0.0.1 on a free port, as a child process that it stops at the end;
2. creates the CDK bootstrap assets bucket `cdk-hnb659fds-assets-<account>-<region>` and puts a
   small valid zip there under every `Code.S3Key` that a template references;
3. creates one stack per template (named after the file, `HelloStack.template.json` gives
   `HelloStack`) and waits for it, at most 60 seconds;
4. checks that the stack is CREATE_COMPLETE and that every resource of the template was created.

Exits 0 when every stack passes; otherwise prints what failed (the failed events, the error of
the emulator) and exits 1.

moto creates a stack synchronously: an error while creating a resource (a dependency cycle, a
missing code bucket, ...) comes back as an error of CreateStack. moto does not check property
names or types. It skips resource types that it does not emulate and still reports the stack
complete, so each template resource is looked up in the stack's resource list; the types in
NOT_EMULATED are known to be skipped by the pinned moto and are listed as "not checked" instead
of failing. Any other missing resource fails the check.
"""

import io
import json
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

import boto3
from botocore.config import Config

ACCOUNT = "123456789012"  # moto's default account
REGION = "us-east-1"
ASSETS_BUCKET = f"cdk-hnb659fds-assets-{ACCOUNT}-{REGION}"
STACK_TIMEOUT_S = 60
SERVER_START_TIMEOUT_S = 30
SERVER_STOP_TIMEOUT_S = 10

# Resource types that moto (5.2.x) has no CloudFormation support for: it logs a warning, creates
# nothing and marks the stack CREATE_COMPLETE anyway.
NOT_EMULATED = {
    "AWS::ApiGateway::Stage",
    "AWS::CloudWatch::Alarm",
    "AWS::Lambda::Alias",
    "AWS::Lambda::EventInvokeConfig",
    "AWS::S3::BucketPolicy",
    "AWS::SNS::Subscription",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(log):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            no_proxy.open(f"{url}/moto-api/", timeout=2).close()
            return server, url
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"moto server did not start on {url}")


def stop_server(server):
    server.terminate()
    try:
        server.wait(timeout=SERVER_STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=SERVER_STOP_TIMEOUT_S)


def client(service, url):
    config = Config(
        proxies={},  # never send the emulator's traffic anywhere else
        connect_timeout=5,
        read_timeout=STACK_TIMEOUT_S,
        retries={"total_max_attempts": 1},
    )
    return boto3.client(
        service,
        endpoint_url=url,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=config,
    )


def dummy_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("bootstrap", "#!/bin/sh\n")
    return buf.getvalue()


def code_keys(template):
    for resource in template.get("Resources", {}).values():
        code = (resource.get("Properties") or {}).get("Code")
        if isinstance(code, dict) and isinstance(code.get("S3Key"), str):
            yield code["S3Key"]


def deploy(name, body, s3, cfn):
    """Deploys one template as stack `name`; returns its problems (none when it passed)."""
    try:
        template = json.loads(body)
    except ValueError as e:
        return [f"{name}: not JSON: {e}"]
    for key in code_keys(template):
        s3.put_object(Bucket=ASSETS_BUCKET, Key=key, Body=dummy_zip())

    try:
        cfn.create_stack(
            StackName=name,
            TemplateBody=body,
            Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"],
        )
    except Exception as e:  # moto reports resource errors here, some as HTTP 500
        return [f"{name}: CreateStack failed: {e}"]

    deadline = time.monotonic() + STACK_TIMEOUT_S
    while True:
        stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
        status = stack["StackStatus"]
        if not status.endswith("_IN_PROGRESS"):
            break
        if time.monotonic() > deadline:
            status += f" after {STACK_TIMEOUT_S} s"
            break
        time.sleep(1)
    if status != "CREATE_COMPLETE":
        problems = [f"{name}: {status} {stack.get('StackStatusReason') or ''}".rstrip()]
        for e in cfn.describe_stack_events(StackName=name)["StackEvents"]:
            if e["ResourceStatus"].endswith("FAILED"):
                problems.append(
                    f"  {e.get('LogicalResourceId')} ({e.get('ResourceType')}): "
                    f"{e['ResourceStatus']} {e.get('ResourceStatusReason') or ''}"
                )
        return problems

    created = {
        r["LogicalResourceId"]: r
        for r in cfn.list_stack_resources(StackName=name)["StackResourceSummaries"]
    }
    problems, skipped, ok = [], [], 0
    for logical_id, resource in sorted(template.get("Resources", {}).items()):
        kind = resource.get("Type")
        got = created.get(logical_id)
        if got and got["ResourceType"] == kind and got["ResourceStatus"] == "CREATE_COMPLETE":
            ok += 1
            continue
        if kind in NOT_EMULATED:
            skipped.append(f"{logical_id} ({kind})")
        else:
            state = got["ResourceStatus"] if got else "not created"
            problems.append(f"{name}: {logical_id} ({kind}): {state}")
    if not problems:
        print(f"{name}: CREATE_COMPLETE, {ok} resources created")
        if skipped:
            print(f"  not emulated by moto, not checked: {', '.join(skipped)}")
    return problems


def main(paths):
    if not paths:
        sys.exit(__doc__)
    templates = []
    for path in paths:
        try:
            templates.append((Path(path).name.split(".")[0], Path(path).read_text()))
        except OSError as e:
            sys.exit(f"cannot read {path}: {e}")
    with tempfile.TemporaryFile(mode="w+") as log:
        server, url = start_server(log)
        try:
            s3, cfn = client("s3", url), client("cloudformation", url)
            s3.create_bucket(Bucket=ASSETS_BUCKET)
            problems = [p for name, body in templates for p in deploy(name, body, s3, cfn)]
            if problems:
                time.sleep(1)  # the server logs a request's traceback after answering it
        finally:
            stop_server(server)
        if problems:
            log.seek(0)
            errors = [l.rstrip() for l in log if re.match(r"[\w.]+(Error|Exception): ", l)]
            print("\n".join(problems))
            if errors:
                print("moto server errors:\n  " + "\n  ".join(errors))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
