//! The cloud assembly: the folder the AWS CDK CLI deploys (`cdk deploy --app <dir>`).
//!
//! Layout: `manifest.json`, then per stack `<Stack>.template.json` and `<Stack>.assets.json`,
//! and per asset `asset.<hash>/` (a folder, zipped when published) or `asset.<hash>.zip`.

use crate::model::{AssetSource, Stack};
use crate::synth::{Template, BOOTSTRAP_QUALIFIER};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Cloud assembly schema version the manifests follow.
pub const SCHEMA_VERSION: &str = "36.0.0";

/// Bootstrap stack version the assembly needs (the CDK's modern bootstrap).
const BOOTSTRAP_VERSION: u64 = 6;

/// One stack, synthesized, ready to be written.
pub struct StackArtifact<'a> {
    /// The stack's model.
    pub stack: &'a Stack,
    /// The stack's synthesized template.
    pub template: &'a Template,
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn role(name: &str) -> String {
    format!("arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:role/cdk-{BOOTSTRAP_QUALIFIER}-{name}-${{AWS::AccountId}}-${{AWS::Region}}")
}

fn bootstrap_parameter() -> String {
    format!("/cdk-bootstrap/{BOOTSTRAP_QUALIFIER}/version")
}

fn assets_bucket() -> String {
    format!("cdk-{BOOTSTRAP_QUALIFIER}-assets-${{AWS::AccountId}}-${{AWS::Region}}")
}

fn file_entry(path: &str, packaging: &str, object_key: &str) -> Value {
    json!({
        "source": { "path": path, "packaging": packaging },
        "destinations": {
            "current_account-current_region": {
                "bucketName": assets_bucket(),
                "objectKey": object_key,
                "assumeRoleArn": role("file-publishing-role"),
            },
        },
    })
}

/// The asset manifest of one stack: its code assets and its template.
fn asset_manifest(artifact: &StackArtifact<'_>, template_hash: &str) -> Value {
    let mut files = Map::new();
    for function in &artifact.stack.functions {
        let asset = function.code.asset();
        let entry = match &asset.source {
            AssetSource::Directory(_) => file_entry(
                &format!("asset.{}", asset.hash),
                "zip",
                &format!("{}.zip", asset.hash),
            ),
            AssetSource::BootstrapZip => file_entry(
                &format!("asset.{}.zip", asset.hash),
                "file",
                &format!("{}.zip", asset.hash),
            ),
        };
        files.insert(asset.hash.clone(), entry);
    }
    let template_file = format!("{}.template.json", artifact.stack.name);
    files.insert(
        template_hash.to_owned(),
        file_entry(&template_file, "file", &format!("{template_hash}.json")),
    );
    json!({ "version": SCHEMA_VERSION, "files": files, "dockerImages": {} })
}

fn manifest(artifacts: &[StackArtifact<'_>], template_hashes: &[String]) -> Value {
    let mut entries = Map::new();
    for (artifact, hash) in artifacts.iter().zip(template_hashes) {
        let name = &artifact.stack.name;
        let assets = format!("{name}.assets");
        entries.insert(
            assets.clone(),
            json!({
                "type": "cdk:asset-manifest",
                "properties": {
                    "file": format!("{name}.assets.json"),
                    "requiresBootstrapStackVersion": BOOTSTRAP_VERSION,
                    "bootstrapStackVersionSsmParameter": bootstrap_parameter(),
                },
            }),
        );
        entries.insert(
            name.clone(),
            json!({
                "type": "aws:cloudformation:stack",
                "environment": "aws://unknown-account/unknown-region",
                "properties": {
                    "templateFile": format!("{name}.template.json"),
                    "validateOnSynth": false,
                    "assumeRoleArn": role("deploy-role"),
                    "cloudFormationExecutionRoleArn": role("cfn-exec-role"),
                    "stackTemplateAssetObjectUrl": format!("s3://{}/{hash}.json", assets_bucket()),
                    "requiresBootstrapStackVersion": BOOTSTRAP_VERSION,
                    "bootstrapStackVersionSsmParameter": bootstrap_parameter(),
                    "additionalDependencies": [assets.clone()],
                },
                "dependencies": [assets],
                "displayName": name,
            }),
        );
    }
    json!({ "version": SCHEMA_VERSION, "artifacts": entries })
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the assembly of `artifacts` to `dir`, replacing whatever was there.
///
/// The assembly is written beside `dir` first and moved into place at the end, so that
/// `dir` holds either the previous assembly or the new one, never a mix.
pub fn write(dir: &Path, artifacts: &[StackArtifact<'_>]) -> io::Result<()> {
    write_with_zips(dir, artifacts, &[])
}

/// Writes the assembly like [`write()`], with the app's packaged `bootstrap` zips: each is
/// written as `asset.<hash>.zip`, `<hash>` being the SHA-256 of its bytes, which is the
/// [`Asset`](crate::model::Asset) hash of the functions whose code it is.
pub fn write_with_zips(
    dir: &Path,
    artifacts: &[StackArtifact<'_>],
    zips: &[&[u8]],
) -> io::Result<()> {
    let staging = sibling(dir, "tmp");
    remove(&staging)?;
    fs::create_dir_all(&staging)?;
    let mut hashes = Vec::new();
    let mut directories: BTreeMap<String, PathBuf> = BTreeMap::new();
    for artifact in artifacts {
        let template = artifact.template.to_json();
        let hash = sha256_hex(template.as_bytes());
        fs::write(
            staging.join(format!("{}.template.json", artifact.stack.name)),
            template,
        )?;
        let assets = asset_manifest(artifact, &hash);
        fs::write(
            staging.join(format!("{}.assets.json", artifact.stack.name)),
            pretty(&assets),
        )?;
        hashes.push(hash);
        for function in &artifact.stack.functions {
            let asset = function.code.asset();
            if let AssetSource::Directory(source) = &asset.source {
                directories.insert(asset.hash.clone(), source.clone());
            }
        }
    }
    for (hash, source) in &directories {
        copy_dir(source, &staging.join(format!("asset.{hash}")))?;
    }
    for zip in zips {
        fs::write(staging.join(format!("asset.{}.zip", sha256_hex(zip))), zip)?;
    }
    fs::write(
        staging.join("manifest.json"),
        pretty(&manifest(artifacts, &hashes)),
    )?;
    let old = sibling(dir, "old");
    remove(&old)?;
    if dir.exists() {
        fs::rename(dir, &old)?;
    }
    fs::rename(&staging, dir)?;
    remove(&old)
}

/// Removes an assembly so that nothing stale is left looking current.
pub fn remove(dir: &Path) -> io::Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let mut name = dir.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{suffix}"));
    dir.with_file_name(name)
}

/// Copies a folder, in sorted order.
fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Hex SHA-256 over a folder's files: their relative paths and contents, in sorted order.
pub fn hash_dir(dir: &Path) -> io::Result<String> {
    let mut hasher = Sha256::new();
    hash_into(dir, Path::new(""), &mut hasher)?;
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn hash_into(dir: &Path, relative: &Path, hasher: &mut Sha256) -> io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = relative.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            hash_into(&entry.path(), &path, hasher)?;
        } else {
            let name = path.to_string_lossy().replace('\\', "/");
            hasher.update((name.len() as u64).to_le_bytes());
            hasher.update(name.as_bytes());
            let content = fs::read(entry.path())?;
            hasher.update((content.len() as u64).to_le_bytes());
            hasher.update(&content);
        }
    }
    Ok(())
}
