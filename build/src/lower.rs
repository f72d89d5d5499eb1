//! From the parsed declaration to the construct model of `stackforge`.

use crate::scan::{FoundFunction, FoundStack, Location, Source};
use crate::syntax::ast::{self, path_ident, Stack as AstStack};
use crate::syntax::limits::{LOG_RETENTION_DEFAULT_DAYS, MEMORY_DEFAULT_MB, TIMEOUT_DEFAULT_S};
use crate::syntax::valid::{self, naming, Kind};
use crate::BuildEnv;
use stackforge::assembly::{hash_dir, sha256_hex};
use stackforge::model::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The stacks of an app, each with the place that declares it.
pub struct Lowered {
    pub stacks: Vec<(Stack, Location)>,
    /// Folders the templates depend on beyond `src/` (code of other runtimes).
    pub watched: Vec<PathBuf>,
    /// Mistakes the compiler reports better; no template is written while there are any.
    pub deferred: Vec<String>,
}

/// Event types the build step can tell apart by name, to leave a wrong wiring to the
/// compiler's error rather than write a template for it.
const API_EVENTS: &[&str] = &["ApiGatewayProxyRequest"];
const S3_EVENTS: &[&str] = &["S3Event"];
const KNOWN_EVENTS: &[&str] = &["ApiGatewayProxyRequest", "S3Event"];

pub fn lower(env: &BuildEnv, source: &Source) -> Result<Lowered, Vec<String>> {
    let mut errors = Vec::new();
    let mut stacks = Vec::new();
    let mut watched = Vec::new();
    let mut deferred = Vec::new();
    let rust_hash = rust_source_hash(env).map_err(|e| vec![e])?;
    for found in &source.stacks {
        let location = Location::of(&found.file, found.stack.name.span());
        if stacks
            .iter()
            .any(|(s, _): &(Stack, Location)| found.stack.name == s.name)
        {
            errors.push(format!(
                "{location}: duplicate stack `{}` in this crate",
                found.stack.name
            ));
            continue;
        }
        let mut cx = Lowering {
            env,
            source,
            found,
            rust_hash: &rust_hash,
            errors: &mut errors,
            watched: &mut watched,
            deferred: &mut deferred,
        };
        let stack = cx.stack();
        stacks.push((stack, location));
    }
    if errors.is_empty() {
        Ok(Lowered {
            stacks,
            watched,
            deferred,
        })
    } else {
        Err(errors)
    }
}

/// Hash of what the app's `bootstrap` is built from: its sources and manifest.
fn rust_source_hash(env: &BuildEnv) -> Result<String, String> {
    let src =
        hash_dir(&env.manifest_dir.join("src")).map_err(|e| format!("cannot read src/: {e}"))?;
    let manifest = std::fs::read(env.manifest_dir.join("Cargo.toml"))
        .map_err(|e| format!("cannot read Cargo.toml: {e}"))?;
    Ok(sha256_hex(
        format!("{src}:{}", sha256_hex(&manifest)).as_bytes(),
    ))
}

struct Lowering<'a> {
    env: &'a BuildEnv,
    source: &'a Source,
    found: &'a FoundStack,
    rust_hash: &'a str,
    errors: &'a mut Vec<String>,
    watched: &'a mut Vec<PathBuf>,
    deferred: &'a mut Vec<String>,
}

impl<'a> Lowering<'a> {
    fn ast(&self) -> &'a AstStack {
        &self.found.stack
    }

    fn error(&mut self, span: proc_macro2::Span, message: String) {
        let location = Location::of(&self.found.file, span);
        self.errors.push(format!("{location}: {message}"));
    }

    fn stack(&mut self) -> Stack {
        let ast = self.ast();
        let name = ast.name.to_string();
        let mut stack = Stack {
            name: name.clone(),
            ..Stack::default()
        };
        stack.functions = self.functions();
        stack.roles = ast
            .roles
            .iter()
            .map(|r| Role {
                id: r.ident.to_string(),
                role_name: r.name.as_ref().map(|n| n.value.clone()),
                managed_policies: r.managed_policies.iter().map(|p| p.value.clone()).collect(),
            })
            .collect();
        stack.buckets = ast.buckets.iter().map(|b| self.bucket(b)).collect();
        let quota = ast.quotas.integration_timeout.as_ref().map(|q| q.value);
        stack.apis = ast.apis.iter().map(|a| api(&name, quota, a)).collect();
        stack.grants = ast
            .grants
            .iter()
            .map(|g| Grant {
                principal: principal(ast, &g.principal),
                access: match g.access.value {
                    ast::Access::Read => Access::Read,
                    ast::Access::Write => Access::Write,
                    ast::Access::ReadWrite => Access::ReadWrite,
                    ast::Access::Send => Access::Send,
                    ast::Access::Consume => Access::Consume,
                    ast::Access::Publish => Access::Publish,
                },
                resource: g.resource.to_string(),
            })
            .collect();
        stack.statements = ast.statements.iter().map(|s| statement(ast, s)).collect();
        stack.outputs = ast.outputs.iter().map(|o| output(ast, o)).collect();
        crate::events::lower_events(ast, &mut stack);
        stack
    }

    /// Functions in declaration order: `function` lines, then handlers as they are wired,
    /// granted or output.
    fn functions(&mut self) -> Vec<Function> {
        let ast = self.ast();
        let mut paths: Vec<&syn::Path> = ast.functions.iter().map(|f| &f.path).collect();
        paths.extend(valid::handler_paths(ast));
        paths.extend(ast.grants.iter().map(|g| &g.principal));
        paths.extend(ast.statements.iter().map(|s| &s.principal));
        let mut seen: Vec<String> = Vec::new();
        let mut functions = Vec::new();
        for path in paths {
            let ident = path_ident(path).to_string();
            let is_role = ast.roles.iter().any(|r| r.ident == ident);
            if is_role || seen.contains(&ident) {
                continue;
            }
            seen.push(ident.clone());
            if let Some(function) = self.function(path) {
                functions.push(function);
            }
        }
        for output in &ast.outputs {
            let ident = output.construct.to_string();
            if !seen.contains(&ident) && !valid::declared(ast).iter().any(|(n, _, _)| *n == ident) {
                let path = syn::Path::from(output.construct.clone());
                seen.push(ident);
                if let Some(function) = self.function(&path) {
                    functions.push(function);
                }
            }
        }
        functions
    }

    fn function(&mut self, path: &syn::Path) -> Option<Function> {
        let ast = self.ast();
        let ident = path_ident(path);
        let decl = ast.functions.iter().find(|f| path_ident(&f.path) == ident);
        if let Some(decl) = decl.filter(|d| d.is_asset()) {
            return self.asset_function(decl);
        }
        let stack_props = decl.map(|d| &d.props);
        let candidates: Vec<&FoundFunction> = self
            .source
            .functions
            .iter()
            .filter(|f| f.ident == *ident)
            .collect();
        let found = match candidates.as_slice() {
            [one] => *one,
            [] => {
                let names: Vec<&str> = Vec::new();
                let known: Vec<String> = self
                    .source
                    .functions
                    .iter()
                    .map(|f| f.ident.to_string())
                    .collect();
                let known: Vec<&str> = known.iter().map(String::as_str).chain(names).collect();
                let hint = match crate::syntax::errors::did_you_mean(&ident.to_string(), &known) {
                    Some(close) => format!("; did you mean `{close}`?"),
                    None => "; annotate an `async fn` of this crate with `#[lambda_function]`"
                        .to_owned(),
                };
                self.error(
                    ident.span(),
                    format!(
                        "`{}` is not a `#[lambda_function]` handler of this crate{hint}",
                        valid::path_text(path)
                    ),
                );
                return None;
            }
            _ => {
                let files: Vec<&str> = candidates.iter().map(|f| f.file.as_str()).collect();
                self.error(ident.span(), format!("more than one `#[lambda_function]` handler is named `{ident}` (in {}); handler names are unique within an app", files.join(", ")));
                return None;
            }
        };
        self.check_event(found, ident);
        let props = &found.attr.props;
        let architecture = architecture(props);
        let hash = sha256_hex(format!("{}:{}", self.rust_hash, architecture.as_str()).as_bytes());
        let code = Code::Rust {
            handler: ident.to_string(),
            asset: Asset {
                hash,
                source: AssetSource::BootstrapZip,
            },
        };
        Some(self.configure(ident, props, stack_props, code))
    }

    /// A handler whose event type is known by name and fits none of its triggers is left to
    /// the compiler, which explains the mismatch; no template is written for it.
    fn check_event(&mut self, found: &FoundFunction, ident: &syn::Ident) {
        let Some(event) = found
            .event_type
            .as_deref()
            .filter(|e| KNOWN_EVENTS.contains(e))
        else {
            return;
        };
        let ast = self.ast();
        let on_api = ast
            .apis
            .iter()
            .flat_map(|a| &a.routes)
            .any(|r| path_ident(&r.handler) == ident);
        let on_s3 = ast
            .notifications
            .iter()
            .any(|n| path_ident(&n.handler) == ident);
        if (on_api && !API_EVENTS.contains(&event)) || (on_s3 && !S3_EVENTS.contains(&event)) {
            let location = Location::of(&self.found.file, ident.span());
            self.deferred.push(format!(
                "{location}: handler `{ident}` takes `{event}`, which does not fit its trigger"
            ));
        }
    }

    fn asset_function(&mut self, decl: &'a ast::FunctionDecl) -> Option<Function> {
        let ident = path_ident(&decl.path);
        let props = &decl.props;
        let (runtime, handler, code) = (
            props.runtime.as_ref()?,
            props.handler.as_ref()?,
            props.code.as_ref()?,
        );
        let folder = self.env.manifest_dir.join(&code.value);
        let hash = match hash_dir(&folder) {
            Ok(hash) => hash,
            Err(error) => {
                self.error(code.span, format!("cannot read the code folder `{}` of function `{ident}`: {error}; create it beside Cargo.toml", code.value));
                return None;
            }
        };
        self.watched.push(folder.clone());
        let code = Code::Managed {
            runtime: runtime.value.clone(),
            handler: handler.value.clone(),
            asset: Asset {
                hash,
                source: AssetSource::Directory(folder),
            },
        };
        Some(self.configure(ident, props, Some(props), code))
    }

    /// A function from its settings: `props` from `#[lambda_function]` (or the `function`
    /// block of code in another runtime), `stack_props` from its `function` line in `stack!`.
    fn configure(
        &self,
        ident: &syn::Ident,
        props: &ast::FunctionProps,
        stack_props: Option<&ast::FunctionProps>,
        code: Code,
    ) -> Function {
        let stack = self.ast().name.to_string();
        Function {
            id: ident.to_string(),
            function_name: props.name.as_ref().map_or_else(
                || naming::derived_function_name(&stack, &ident.to_string()),
                |n| n.value.clone(),
            ),
            code,
            memory: props.memory.as_ref().map_or(MEMORY_DEFAULT_MB, |m| m.value),
            timeout: props
                .timeout
                .as_ref()
                .map_or(TIMEOUT_DEFAULT_S, |t| t.value),
            description: props.description.as_ref().map(|d| d.value.clone()),
            architecture: architecture(props),
            environment: props
                .environment
                .iter()
                .map(|(k, v)| (k.value.clone(), v.value.clone()))
                .collect::<BTreeMap<_, _>>(),
            reserved_concurrency: props.reserved_concurrency.as_ref().map(|r| r.value),
            ephemeral_storage: props.ephemeral_storage.as_ref().map(|e| e.value),
            log_retention: props
                .log_retention
                .as_ref()
                .map_or(LOG_RETENTION_DEFAULT_DAYS, |l| l.value),
            tracing: props.tracing.as_ref().map(|t| match t.value {
                ast::Tracing::Active => Tracing::Active,
                ast::Tracing::PassThrough => Tracing::PassThrough,
            }),
            role: stack_props
                .and_then(|p| p.role.as_ref())
                .map(ToString::to_string),
            log_format: props.log_format.as_ref().map(|f| match f.value {
                ast::LogFormat::Text => LogFormat::Text,
                ast::LogFormat::Json => LogFormat::Json,
            }),
            application_log_level: props
                .application_log_level
                .as_ref()
                .map(|l| log_level(l.value)),
            system_log_level: props.system_log_level.as_ref().map(|l| log_level(l.value)),
            async_invoke: stack_props.and_then(|p| crate::events::async_invoke(self.ast(), p)),
            dead_letter: stack_props
                .and_then(|p| p.dead_letter.as_ref())
                .map(|t| crate::events::target(self.ast(), t)),
        }
    }

    fn bucket(&self, bucket: &ast::BucketDecl) -> Bucket {
        let ast = self.ast();
        let id = bucket.ident.to_string();
        let name = match &bucket.name {
            Some(name) => BucketName::Literal(name.value.clone()),
            None => BucketName::Derived(naming::derived_bucket_prefix(&ast.name.to_string(), &id)),
        };
        let notifications = ast
            .notifications
            .iter()
            .filter(|n| n.bucket == id)
            .filter_map(|n| {
                let event = match n.event.value {
                    ast::ObjectEvent::Created => ObjectEvent::Created,
                    ast::ObjectEvent::Removed => ObjectEvent::Removed,
                    // Refused by the rules before lowering.
                    ast::ObjectEvent::Poll(_) => return None,
                };
                Some((n, event))
            })
            .map(|(n, event)| Notification {
                event,
                prefix: n.prefix.as_ref().map(|p| p.value.clone()),
                suffix: n.suffix.as_ref().map(|s| s.value.clone()),
                function: path_ident(&n.handler).to_string(),
            })
            .collect();
        Bucket {
            id,
            name,
            notifications,
        }
    }
}

fn log_level(level: ast::LogLevel) -> LogLevel {
    match level {
        ast::LogLevel::Trace => LogLevel::Trace,
        ast::LogLevel::Debug => LogLevel::Debug,
        ast::LogLevel::Info => LogLevel::Info,
        ast::LogLevel::Warn => LogLevel::Warn,
        ast::LogLevel::Error => LogLevel::Error,
        ast::LogLevel::Fatal => LogLevel::Fatal,
    }
}

fn architecture(props: &ast::FunctionProps) -> Architecture {
    match props.architecture.as_ref().map(|a| a.value) {
        Some(ast::Architecture::Arm64) => Architecture::Arm64,
        _ => Architecture::X86_64,
    }
}

fn api(stack: &str, quota: Option<u64>, api: &ast::ApiDecl) -> RestApi {
    RestApi {
        id: api.ident.to_string(),
        name: api
            .name
            .as_ref()
            .map_or_else(|| format!("{stack}-{}", api.ident), |n| n.value.clone()),
        stage: api
            .stage
            .as_ref()
            .map_or_else(|| "prod".to_owned(), |s| s.value.clone()),
        description: api.description.as_ref().map(|d| d.value.clone()),
        integration_timeout: quota,
        routes: api
            .routes
            .iter()
            .map(|r| Route {
                path: r
                    .path
                    .segments
                    .iter()
                    .map(ast::Segment::path_part)
                    .collect(),
                method: r.method.value.as_str().to_owned(),
                function: path_ident(&r.handler).to_string(),
            })
            .collect(),
    }
}

fn principal(ast: &AstStack, path: &syn::Path) -> Principal {
    let ident = path_ident(path).to_string();
    if ast.roles.iter().any(|r| r.ident == ident) {
        Principal::Role(ident)
    } else {
        Principal::Function(ident)
    }
}

fn statement(ast: &AstStack, statement: &ast::AllowDecl) -> Statement {
    let names = valid::declared(ast);
    let resources = statement
        .resources
        .iter()
        .map(|r| {
            let id = r.construct.to_string();
            let is_bucket = names.iter().any(|(n, k, _)| *n == id && *k == Kind::Bucket);
            match (is_bucket, r.objects.is_some()) {
                (true, true) => ResourceRef::BucketObjects(id),
                (true, false) => ResourceRef::Bucket(id),
                _ => ResourceRef::Function(id),
            }
        })
        .collect();
    Statement {
        principal: principal(ast, &statement.principal),
        actions: statement.actions.iter().map(|a| a.value.clone()).collect(),
        resources,
    }
}

fn output(ast: &AstStack, output: &ast::OutputDecl) -> Output {
    let id = output.construct.to_string();
    let kind = valid::declared(ast)
        .into_iter()
        .find(|(n, _, _)| *n == id)
        .map_or(Kind::Function, |(_, k, _)| k);
    let attribute = output.attribute.to_string();
    let value = match (kind, attribute.as_str()) {
        (Kind::Api, "url") => OutputValue::ApiUrl(id),
        (Kind::Api, _) => OutputValue::ApiId(id),
        (Kind::Bucket, "name") => OutputValue::BucketName(id),
        (Kind::Bucket, _) => OutputValue::BucketArn(id),
        (Kind::Function, "name") => OutputValue::FunctionName(id),
        (Kind::Function, _) => OutputValue::FunctionArn(id),
        (Kind::Role, "name") => OutputValue::RoleName(id),
        (Kind::Role, _) => OutputValue::RoleArn(id),
        (Kind::Queue, "url") => OutputValue::QueueUrl(id),
        (Kind::Queue, _) => OutputValue::QueueArn(id),
        (Kind::Table, "name") => OutputValue::TableName(id),
        (Kind::Table, _) => OutputValue::TableArn(id),
        (Kind::Stream, _) => OutputValue::StreamArn(id),
        // The rules allow outputs of the kinds above only.
        (_, _) => OutputValue::TopicArn(id),
    };
    Output {
        name: output.name.to_string(),
        value,
    }
}
