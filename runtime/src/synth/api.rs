//! `AWS::ApiGateway::*`: a REST API with Lambda proxy integrations, its deployment and stage,
//! and one scoped invoke permission per method.

use super::{
    function, get_att, logical, pascal, reference, short_hash, sub, Resources, SynthError,
};
use crate::model::{RestApi, Stack};
use serde_json::{json, Map, Value};

/// API Gateway's integration timeout unless the account's quota was raised, in seconds.
/// Source: API Gateway Developer Guide, "Amazon API Gateway quotas".
const DEFAULT_INTEGRATION_TIMEOUT_S: u64 = 29;

/// The logical ID of API `id`.
pub(crate) fn logical_id(id: &str) -> String {
    logical(id, "Api")
}

pub(crate) fn find<'a>(stack: &'a Stack, id: &str) -> Result<&'a RestApi, SynthError> {
    super::find(stack, &stack.apis, "api", id, |a| &a.id)
}

/// The invoke URL of API `id`'s stage.
pub(crate) fn url(id: &str) -> Value {
    let api = logical_id(id);
    sub(format!(
        "https://${{{api}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/${{{api}Stage}}/"
    ))
}

/// `Items`, `IdParam`, `ProxyProxy` for `items`, `{id}`, `{proxy+}`.
fn part_name(part: &str) -> String {
    match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
        Some(inner) => match inner.strip_suffix('+') {
            Some(name) => format!("{}Proxy", pascal(name)),
            None => format!("{}Param", pascal(inner)),
        },
        None => pascal(part),
    }
}

fn path_name(path: &[String]) -> String {
    if path.is_empty() {
        return "Root".to_owned();
    }
    path.iter().map(|p| part_name(p)).collect()
}

/// The path as it appears in an execute-api ARN: parameters become `*`.
fn arn_path(path: &[String]) -> String {
    let parts: Vec<&str> = path
        .iter()
        .map(|p| if p.starts_with('{') { "*" } else { p.as_str() })
        .collect();
    parts.join("/")
}

pub(crate) fn add_apis(resources: &mut Resources<'_>) -> Result<(), SynthError> {
    for api in &resources.stack.apis {
        add_api(resources, api)?;
    }
    Ok(())
}

fn add_api(resources: &mut Resources<'_>, api: &RestApi) -> Result<(), SynthError> {
    let api_id = logical_id(&api.id);
    let mut properties = json!({
        "Name": api.name,
        "EndpointConfiguration": { "Types": ["REGIONAL"] },
    });
    if let Some(description) = &api.description {
        properties["Description"] = json!(description);
    }
    resources.add(
        api_id.clone(),
        json!({ "Type": "AWS::ApiGateway::RestApi", "Properties": properties }),
    );

    // Routes and integrations, hashed into the deployment's logical ID below.
    let mut routing = Map::new();
    for route in &api.routes {
        for depth in 1..=route.path.len() {
            let (id, resource) = path_resource(&api_id, &route.path[..depth]);
            routing.insert(id, resource);
        }
    }
    let mut methods = Vec::new();
    for route in &api.routes {
        // The function, or its alias with provisioned concurrency.
        let invoked = function::invoked(resources.stack, &route.function)?;
        let parent = resource_id(&api_id, &route.path);
        let method_id = format!(
            "{api_id}{}{}",
            path_name(&route.path),
            pascal(&route.method.to_ascii_lowercase())
        );
        let mut integration = json!({
            "Type": "AWS_PROXY",
            "IntegrationHttpMethod": "POST",
            "Uri": sub(format!("arn:${{AWS::Partition}}:apigateway:${{AWS::Region}}:lambda:path/2015-03-31/functions/{}/invocations", invoked.sub_variable())),
        });
        let timeout = invoked.function().timeout;
        if let Some(quota) = api
            .integration_timeout
            .filter(|_| timeout > DEFAULT_INTEGRATION_TIMEOUT_S)
        {
            integration["TimeoutInMillis"] = json!(timeout.min(quota) * 1000);
        }
        routing.insert(
            method_id.clone(),
            json!({
                "Type": "AWS::ApiGateway::Method",
                "Properties": {
                    "RestApiId": reference(&api_id),
                    "ResourceId": parent,
                    "HttpMethod": route.method,
                    "AuthorizationType": "NONE",
                    "Integration": integration,
                },
            }),
        );
        let method = if route.method == "ANY" {
            "*"
        } else {
            route.method.as_str()
        };
        resources.add(format!("{method_id}Permission"), json!({
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "Action": "lambda:InvokeFunction",
                "FunctionName": invoked.arn(),
                "Principal": "apigateway.amazonaws.com",
                "SourceArn": sub(format!("arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{{api_id}}}/*/{method}/{}", arn_path(&route.path))),
            },
        }));
        methods.push(method_id);
    }
    let deployment_id = format!(
        "{api_id}Deployment{}",
        short_hash(&Value::Object(routing.clone()), 10)
    );
    for (id, resource) in routing {
        resources.add(id, resource);
    }
    methods.sort();
    methods.dedup();
    resources.add(
        deployment_id.clone(),
        json!({
            "Type": "AWS::ApiGateway::Deployment",
            "DependsOn": methods,
            "Properties": { "RestApiId": reference(&api_id) },
        }),
    );
    resources.add(
        format!("{api_id}Stage"),
        json!({
            "Type": "AWS::ApiGateway::Stage",
            "Properties": {
                "RestApiId": reference(&api_id),
                "DeploymentId": reference(&deployment_id),
                "StageName": api.stage,
            },
        }),
    );
    Ok(())
}

/// The parent reference of a method or resource at `path`.
fn resource_id(api_id: &str, path: &[String]) -> Value {
    if path.is_empty() {
        get_att(api_id, "RootResourceId")
    } else {
        reference(&format!("{api_id}{}Resource", path_name(path)))
    }
}

fn path_resource(api_id: &str, path: &[String]) -> (String, Value) {
    let (last, parent) = path
        .split_last()
        .map_or((String::new(), &[][..]), |(l, p)| (l.clone(), p));
    let id = format!("{api_id}{}Resource", path_name(path));
    let resource = json!({
        "Type": "AWS::ApiGateway::Resource",
        "Properties": {
            "RestApiId": reference(api_id),
            "ParentId": resource_id(api_id, parent),
            "PathPart": last,
        },
    });
    (id, resource)
}
